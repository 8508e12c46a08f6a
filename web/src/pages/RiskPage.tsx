import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { BarChart as XBarChart } from '@mui/x-charts/BarChart';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { isForbidden, isUnauthorized } from '../api/client.ts';
import { alertsLink, type RiskByRegion, riskQuery } from '../api/monitoring.ts';
import { supervisionQuery } from '../api/private-queries.ts';
import { fieldsQuery, provincesQuery } from '../api/queries.ts';
import { colours } from '../app/theme.ts';
import { BackLink } from '../components/BackLink.tsx';
import { Denied } from '../components/Denied.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageLinks } from '../components/PageLinks.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { useFormat } from '../format/use-format.ts';
import { SignInAgain, useMe } from './RequireSignIn.tsx';

/** How many cooperatives of a province the drill-down shows per page. */
const DRILL_PAGE_SIZE = 20;

type Bar = {
  key: string;
  label: string;
  score: number;
  alerts: number;
  high: number;
  cooperatives: number;
  /** Where the label leads (the province's drill-down), if anywhere. */
  to?: string;
  selected?: boolean;
};

/**
 * «ریسک تعاونی‌ها», the ministry's dashboard: risk over open alerts in the officer's region (the
 * server limits it), as bar charts by province, field of activity and rule. A province opens
 * its cooperatives (the supervision list, most overdue first), each linked to its alerts page.
 * Charts are lists with visible figures; the bars only draw them (accessible without colour).
 */
export function RiskPage() {
  const { t } = useTranslation();
  const risk = useQuery(riskQuery);

  if (isUnauthorized(risk.error)) return <SignInAgain />;
  if (isForbidden(risk.error)) {
    return (
      <Denied links={[{ to: '/supervision', label: t('monitoring.dashboard.back') }]}>
        <Typography sx={{ mb: 2 }}>{t('monitoring.dashboard.denied')}</Typography>
      </Denied>
    );
  }

  return (
    <>
      <PageTitle title={t('monitoring.dashboard.title')} />
      <BackLink to="/supervision" label={t('monitoring.dashboard.back')} />
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t('monitoring.dashboard.title')}
      </Typography>
      <Typography sx={{ mb: 4, maxWidth: '44rem' }}>{t('monitoring.dashboard.lead')}</Typography>
      {risk.isPending ? (
        <Loading />
      ) : risk.error || !risk.data ? (
        <Alert severity="error">{t('signedIn.loadFailed')}</Alert>
      ) : risk.data.byProvince.length === 0 ? (
        <Typography data-testid="risk-none">{t('monitoring.dashboard.none')}</Typography>
      ) : (
        <Dashboard risk={risk.data} />
      )}
    </>
  );
}

function Dashboard({ risk }: { risk: RiskByRegion }) {
  const { t } = useTranslation();
  const format = useFormat();
  const en = format.language === 'en';
  const [params] = useSearchParams();
  const provinces = useQuery(provincesQuery);
  const fields = useQuery(fieldsQuery);
  const chosen = Number(params.get('province')) || null;
  // A county officer's list is their county's (the server narrows it): the title says so.
  const me = useMe();
  const wide = me.staffRoles.some((r) => r.role === 'admin' || r.scope !== 'county');
  const countyId = wide ? null : (me.staffRoles.find((r) => r.scope === 'county')?.countyId ?? null);
  const county =
    countyId === null
      ? undefined
      : provinces.data?.items.flatMap((p) => p.counties).find((c) => c.id === countyId);
  const chosenRow = risk.byProvince.find((p) => p.provinceId === chosen);
  // The risk answer names provinces in Persian only: the reference list gives the English name.
  const provinceName = (name: string) =>
    en ? (provinces.data?.items.find((p) => p.nameFa === name)?.nameEn ?? name) : name;
  const fieldName = (code: string) => {
    const f = fields.data?.items.find((x) => x.code === code);
    return f ? (en ? f.nameEn : f.nameFa) : code;
  };

  const byProvince: Bar[] = risk.byProvince.map((p) => ({
    key: String(p.provinceId),
    label: provinceName(p.name),
    score: p.score,
    alerts: p.alerts,
    high: p.high,
    cooperatives: p.cooperatives,
    to: `/supervision/risk?province=${p.provinceId}`,
    selected: p.provinceId === chosen,
  }));
  const byField: Bar[] = risk.byField.map((f) => ({ key: f.fieldCode, label: fieldName(f.fieldCode), ...f }));
  const byRule: Bar[] = risk.byRule.map((r) => ({
    key: r.ruleId,
    label: en ? r.title.en : r.title.fa,
    ...r,
  }));

  return (
    <>
      <BarChart
        id="risk-by-province"
        title={t('monitoring.dashboard.byProvince')}
        hint={t('monitoring.dashboard.byProvinceHint')}
        bars={byProvince}
        chart
      />
      {chosenRow && (
        <Drill
          key={chosenRow.provinceId}
          provinceId={chosenRow.provinceId}
          title={
            county
              ? t('supervision.countyRegion', {
                  county: en ? county.nameEn : county.nameFa,
                  province: provinceName(chosenRow.name),
                })
              : t('monitoring.dashboard.drillTitle', { province: provinceName(chosenRow.name) })
          }
          page={Number(params.get('page')) || 1}
        />
      )}
      <Grid container spacing={4}>
        <Grid size={{ xs: 12, md: 6 }}>
          <BarChart id="risk-by-field" title={t('monitoring.dashboard.byField')} bars={byField} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <BarChart id="risk-by-rule" title={t('monitoring.dashboard.byRule')} bars={byRule} />
        </Grid>
      </Grid>
    </>
  );
}

/** A horizontal bar chart as a list: each bar's label, its score (visible) and its facts. */
function BarChart({
  id,
  title,
  hint,
  bars,
  chart = false,
}: {
  id: string;
  title: string;
  hint?: string;
  bars: Bar[];
  chart?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const max = Math.max(1, ...bars.map((b) => b.score));
  const label = (bar: Bar): ReactNode =>
    bar.to ? (
      <Link
        component={RouterLink}
        to={bar.to}
        preventScrollReset
        aria-current={bar.selected ? 'true' : undefined}
        data-testid="risk-bar-link"
        sx={{ fontWeight: 700 }}
      >
        {bar.label}
      </Link>
    ) : (
      <Box component="span" sx={{ fontWeight: 700 }}>
        {bar.label}
      </Box>
    );

  return (
    <Box component="section" aria-labelledby={`${id}-title`} data-testid={id} sx={{ mb: 5 }}>
      <Typography variant="h2" id={`${id}-title`} sx={{ mb: hint ? 0.5 : 2 }}>
        {title}
      </Typography>
      {hint && <Typography sx={{ mb: 2, color: colours.secondaryText }}>{hint}</Typography>}
      {chart && bars.length > 0 && (
        // The picture (MUI X Charts); the list below says the same in words, for every reader.
        <Box aria-hidden="true" inert data-testid={`${id}-chart`} sx={{ direction: 'ltr', mb: 2 }}>
          <XBarChart
            layout="horizontal"
            height={Math.max(160, 34 * bars.length + 60)}
            margin={{ left: 8, right: 24 }}
            yAxis={[{ scaleType: 'band', data: bars.map((b) => b.label), width: 150 }]}
            xAxis={[{ valueFormatter: (v: number) => format.number(v) }]}
            series={[
              {
                data: bars.map((b) => b.score),
                color: colours.link,
                valueFormatter: (v: number | null) => (v === null ? '' : format.number(v)),
              },
            ]}
            hideLegend
          />
        </Box>
      )}
      <Box
        component="ol"
        aria-labelledby={`${id}-title`}
        sx={{ listStyle: 'none', m: 0, p: 0, borderTop: `1px solid ${colours.border}` }}
      >
        {bars.map((bar) => (
          <Box
            component="li"
            key={bar.key}
            data-testid="risk-bar"
            data-key={bar.key}
            data-score={bar.score}
            sx={{
              display: 'grid',
              gridTemplateColumns: { xs: '1fr', sm: 'minmax(9rem, 30%) 1fr' },
              columnGap: 2,
              rowGap: 0.5,
              alignItems: 'center',
              py: 1,
              px: bar.selected ? 1 : 0,
              borderBottom: `1px solid ${colours.border}`,
              backgroundColor: bar.selected ? colours.panel : undefined,
            }}
          >
            <Box>
              {label(bar)}
              {bar.selected && (
                <Box component="span" sx={{ marginInlineStart: 1, fontSize: '0.9rem' }}>
                  {t('monitoring.dashboard.selected')}
                </Box>
              )}
            </Box>
            <Box>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                <Box aria-hidden="true" sx={{ flex: '1 1 auto', height: 18 }}>
                  <Box
                    sx={{
                      width: `${(bar.score / max) * 100}%`,
                      minWidth: bar.score > 0 ? 3 : 0,
                      height: '100%',
                      backgroundColor: bar.selected ? colours.orange : colours.link,
                    }}
                  />
                </Box>
                <Box
                  component="span"
                  data-testid="risk-bar-score"
                  sx={{ fontWeight: 700, minWidth: '3.5rem', textAlign: 'end', whiteSpace: 'nowrap' }}
                >
                  <Box
                    component="span"
                    sx={{
                      position: 'absolute',
                      width: '1px',
                      height: '1px',
                      m: '-1px',
                      overflow: 'hidden',
                      clip: 'rect(0 0 0 0)',
                      whiteSpace: 'nowrap',
                    }}
                  >
                    {t('monitoring.dashboard.scoreLabel')}:{' '}
                  </Box>
                  {format.number(bar.score)}
                </Box>
              </Box>
              <Typography variant="body2" sx={{ color: colours.secondaryText }}>
                {[
                  t('monitoring.dashboard.factsAlerts', { count: bar.alerts, n: format.number(bar.alerts) }),
                  t('monitoring.dashboard.factsHigh', { n: format.number(bar.high) }),
                  t('monitoring.dashboard.factsCooperatives', {
                    count: bar.cooperatives,
                    n: format.number(bar.cooperatives),
                  }),
                ].join(format.language === 'en' ? ', ' : '، ')}
              </Typography>
            </Box>
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/** A province's cooperatives in the officer's region, most overdue first, each with its alerts. */
function Drill({ provinceId, title, page }: { provinceId: number; title: string; page: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const en = format.language === 'en';
  const list = useQuery(
    supervisionQuery(`province=${provinceId}&sort=overdue&pageSize=${DRILL_PAGE_SIZE}&page=${page}`),
  );
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, []);
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / list.data.pageSize)) : 1;

  return (
    <Box
      component="section"
      aria-labelledby="drill-title"
      aria-busy={list.isFetching}
      data-testid="risk-drill"
      sx={{ mb: 5, p: { xs: 1.5, sm: 2.5 }, border: `2px solid ${colours.orange}`, scrollMarginTop: '1rem' }}
    >
      <Typography
        variant="h2"
        id="drill-title"
        ref={heading}
        tabIndex={-1}
        sx={{ mb: 1, '&:focus': { outline: 'none', boxShadow: 'none' } }}
      >
        {title}
      </Typography>
      <Typography sx={{ mb: 2 }}>{t('monitoring.dashboard.drillLead')}</Typography>
      {list.isPending ? (
        <Loading />
      ) : list.error || !list.data ? (
        <Alert severity="error">{t('signedIn.loadFailed')}</Alert>
      ) : list.data.total === 0 ? (
        <Typography>{t('supervision.none')}</Typography>
      ) : (
        <>
          <Typography sx={{ fontWeight: 700, mb: 1 }} data-testid="drill-count">
            {t('supervision.found', { count: list.data.total, n: format.number(list.data.total) })}
          </Typography>
          <Box
            component="ul"
            sx={{ listStyle: 'none', m: 0, p: 0, borderTop: `1px solid ${colours.border}` }}
          >
            {list.data.items.map((c) => {
              const overdue = c.healthCard.obligationsOverdue;
              const key = c.legalId ?? String(c.id);
              return (
                <Box
                  component="li"
                  key={c.id}
                  data-testid="drill-row"
                  sx={{ borderBottom: `1px solid ${colours.border}`, py: 1.25 }}
                >
                  <Typography component="h3" sx={{ fontWeight: 700 }}>
                    {c.legalId ? (
                      <Link component={RouterLink} to={alertsLink(c.legalId)} data-testid="drill-alerts-link">
                        {c.name}
                      </Link>
                    ) : (
                      c.name
                    )}
                  </Typography>
                  <Box
                    sx={{
                      display: 'flex',
                      flexWrap: 'wrap',
                      alignItems: 'baseline',
                      columnGap: 2,
                      rowGap: 0.5,
                      fontSize: '0.95rem',
                    }}
                  >
                    <span>
                      {t('search.location', {
                        province: en ? c.province.name.en : c.province.name.fa,
                        county: en ? c.county.name.en : c.county.name.fa,
                      })}
                    </span>
                    {overdue > 0 ? (
                      <StatusTag tone="red">
                        {t('monitoring.dashboard.overdue', { count: overdue, n: format.number(overdue) })}
                      </StatusTag>
                    ) : (
                      <span>{t('monitoring.dashboard.noOverdue')}</span>
                    )}
                    <Link component={RouterLink} to={`/cooperatives/${key}`}>
                      {t('monitoring.dashboard.profileLink')}
                    </Link>
                  </Box>
                </Box>
              );
            })}
          </Box>
          {pages > 1 && (
            <PageLinks
              page={Math.min(page, pages)}
              pages={pages}
              labels="search"
              mt={2}
              preventScrollReset
              pageLink={(n) => `/supervision/risk?province=${provinceId}${n > 1 ? `&page=${n}` : ''}`}
            />
          )}
        </>
      )}
      <Typography sx={{ mt: 2 }}>
        <Link component={RouterLink} to="/supervision/risk" preventScrollReset>
          {t('monitoring.dashboard.drillClose')}
        </Link>
      </Typography>
    </Box>
  );
}

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useQuery } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { ApiProblem } from '../api/client.ts';
import { profileQuery } from '../api/queries.ts';
import type { CooperativeProfile, FilingHistoryItem, Obligation, PublicOfficer } from '../api/types.ts';
import { colours } from '../app/theme.ts';
import { Loading } from '../components/Loading.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { STATUS_TONE, StatusTag } from '../components/StatusTag.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { TermCountdown } from '../components/TermCountdown.tsx';
import { formatRials, monthName } from '../format/format.ts';
import { useFormat } from '../format/use-format.ts';
import { loadLedgerMessages, loadMonitoringMessages } from '../i18n/i18n.ts';

type Bilingual = { fa: string; en: string };

/**
 * The transparency ledger's card: a chunk of its own with its messages, loaded after the profile
 * shows, so the signature-checking code (Ed25519, SHA-256) stays out of the public first load.
 */
const LedgerCard = lazy(async () => {
  const [module] = await Promise.all([import('../ledger/LedgerCard.tsx'), loadLedgerMessages()]);
  return { default: module.LedgerCard };
});

/**
 * The governance flags: a chunk of its own with monitoring's messages, loaded after the profile
 * shows (the public first load stays within its budget).
 */
const GovernanceFlags = lazy(async () => {
  const [module] = await Promise.all([import('../monitoring/GovernanceFlags.tsx'), loadMonitoringMessages()]);
  return { default: module.GovernanceFlags };
});

/** A cooperative's public profile: key facts, health card, officers, obligations, flags, filings. */
export function CooperativePage() {
  const { key = '' } = useParams();
  const { t } = useTranslation();
  const profile = useQuery(profileQuery(key));

  if (profile.isPending) return <Loading />;
  if (profile.error) {
    if (profile.error instanceof ApiProblem && profile.error.status === 404) {
      return (
        <>
          <PageTitle title={t('profile.notFoundTitle')} />
          <Typography variant="h1" gutterBottom>
            {t('profile.notFoundTitle')}
          </Typography>
          <Typography gutterBottom>{t('profile.notFoundText', { id: key })}</Typography>
          <Link component={RouterLink} to="/search">
            {t('layout.search')}
          </Link>
        </>
      );
    }
    return <Alert severity="error">{t('profile.loadFailed')}</Alert>;
  }
  return <Profile coop={profile.data} />;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-labelledby={id} sx={{ mb: 5 }}>
      <Typography variant="h2" id={id} sx={{ mb: 2 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

function Profile({ coop }: { coop: CooperativeProfile }) {
  const { t } = useTranslation();
  const format = useFormat();
  const en = format.language === 'en';
  const name = (b: Bilingual) => (en ? b.en : b.fa);
  const money = (rials: number) => {
    const m = formatRials(rials, format.language);
    return `${t('profile.rials', { n: m.rials })} (${t('profile.toman', { n: m.toman })})`;
  };
  const notProvided = (
    <Box component="span" sx={{ color: colours.secondaryText }}>
      {t('profile.notProvided')}
    </Box>
  );

  const facts = [
    {
      key: t('profile.legalId'),
      value: coop.legalId ? format.digits(coop.legalId) : t('profile.notRegistered'),
    },
    {
      key: t('profile.registrationNo'),
      value: coop.registrationNo ? format.digits(coop.registrationNo) : notProvided,
    },
    {
      key: t('profile.registeredOn'),
      value: coop.registeredOn ? format.date(coop.registeredOn) : notProvided,
    },
    { key: t('profile.legalForm'), value: name(coop.legalForm.name) },
    {
      key: t('profile.field'),
      value: coop.subfield ? `${name(coop.field.name)} — ${name(coop.subfield.name)}` : name(coop.field.name),
    },
    {
      key: t('profile.location'),
      value: t('search.location', { province: name(coop.province.name), county: name(coop.county.name) }),
    },
    { key: t('profile.address'), value: coop.address ? format.digits(coop.address) : notProvided },
    { key: t('profile.postalCode'), value: coop.postalCode ? format.digits(coop.postalCode) : notProvided },
    { key: t('profile.members'), value: format.number(coop.memberCount) },
    { key: t('profile.capital'), value: money(coop.capitalRials) },
    {
      key: t('profile.paidCapital'),
      value: coop.paidCapitalRials === null ? notProvided : money(coop.paidCapitalRials),
    },
    {
      key: t('profile.fiscalYearEnd'),
      value: t('profile.fiscalYearEndValue', { month: monthName(coop.fiscalYearEndMonth, format.language) }),
    },
    { key: t('profile.statusSince'), value: format.date(coop.statusChangedOn) },
  ];

  return (
    <>
      <PageTitle title={coop.name} />
      <Breadcrumbs aria-label={t('profile.breadcrumbs')} sx={{ mb: 2 }}>
        <Link component={RouterLink} to="/">
          {t('profile.breadcrumbHome')}
        </Link>
        <Link component={RouterLink} to="/search">
          {t('layout.search')}
        </Link>
        <Typography component="span" aria-current="page" sx={{ color: colours.text }}>
          {coop.name}
        </Typography>
      </Breadcrumbs>
      <Typography variant="h1" sx={{ mb: 1 }}>
        {coop.name}
      </Typography>
      <Box sx={{ mb: 4 }}>
        <StatusTag tone={STATUS_TONE[coop.status.code] ?? 'grey'} testId="cooperative-status">
          {name(coop.status.name)}
        </StatusTag>
      </Box>
      <Grid container spacing={4}>
        <Grid size={{ xs: 12, md: 4 }} sx={{ order: { md: 2 } }}>
          <HealthCard coop={coop} />
        </Grid>
        <Grid size={{ xs: 12, md: 8 }} sx={{ order: { md: 1 } }}>
          <Section id="facts" title={t('profile.keyFacts')}>
            <SummaryList rows={facts} />
          </Section>
          <Section id="officers" title={t('profile.officers')}>
            <Officers officers={coop.officers} />
          </Section>
          <Section id="obligations" title={t('profile.obligations')}>
            <Obligations obligations={coop.obligations} />
          </Section>
          {coop.legalId && (
            <Suspense fallback={null}>
              <GovernanceFlags legalId={coop.legalId} />
            </Suspense>
          )}
          <Section id="filings" title={t('profile.filings')}>
            <Filings items={coop.filingHistory} />
          </Section>
          {coop.legalId && (
            <Suspense fallback={null}>
              <LedgerCard legalId={coop.legalId} />
            </Suspense>
          )}
        </Grid>
      </Grid>
    </>
  );
}

function HealthCard({ coop }: { coop: CooperativeProfile }) {
  const { t } = useTranslation();
  const format = useFormat();
  const h = coop.healthCard;
  const overdue = h.obligationsOverdue;
  const orNever = (iso: string | null) => (iso ? format.date(iso) : t('profile.never'));
  const figures: { label: string; value: number; alarm?: boolean }[] = [
    { label: t('profile.obligationsOverdue'), value: overdue, alarm: overdue > 0 },
    { label: t('profile.obligationsDue'), value: h.obligationsDue },
    { label: t('profile.filingsOnTime'), value: h.filingsOnTime },
    { label: t('profile.filingsLate'), value: h.filingsLate, alarm: h.filingsLate > 0 },
  ];

  return (
    <Box
      component="section"
      aria-labelledby="health"
      data-testid="health-card"
      sx={{
        border: `1px solid ${colours.border}`,
        borderTop: `6px solid ${overdue > 0 ? colours.red : colours.green}`,
        p: 2,
        mb: 4,
      }}
    >
      <Typography variant="h2" id="health" sx={{ mb: 1 }}>
        {t('profile.health')}
      </Typography>
      <Typography sx={{ fontWeight: 700, color: overdue > 0 ? colours.red : colours.green, mb: 2 }}>
        {overdue > 0
          ? t('profile.healthBad', { count: overdue, n: format.number(overdue) })
          : t('profile.healthGood')}
      </Typography>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1.5, m: 0, mb: 2 }}>
        {figures.map((f) => (
          <Box key={f.label} sx={{ backgroundColor: f.alarm ? colours.redBg : colours.panel, p: 1.5 }}>
            <Box component="dt" sx={{ fontSize: '0.9rem' }}>
              {f.label}
            </Box>
            <Box
              component="dd"
              sx={{ m: 0, fontSize: '1.6rem', fontWeight: 700, color: f.alarm ? colours.red : colours.text }}
            >
              {format.number(f.value)}
            </Box>
          </Box>
        ))}
      </Box>
      <Box
        component="dl"
        sx={{ m: 0, '& dt': { fontWeight: 700, fontSize: '0.95rem' }, '& dd': { m: 0, mb: 1.5 } }}
      >
        <dt>{t('profile.lastAnnualAssembly')}</dt>
        <dd>{orNever(h.lastAnnualAssemblyOn)}</dd>
        <dt>{t('profile.lastElection')}</dt>
        <dd>{orNever(h.lastElectionOn)}</dd>
        <dt>{t('profile.boardTermEnds')}</dt>
        <dd>
          {h.boardTermEndsOn ? format.date(h.boardTermEndsOn) : t('profile.notProvided')}
          {h.boardTermDaysLeft !== null && (
            <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
              <TermCountdown daysLeft={h.boardTermDaysLeft} expired={h.boardTermDaysLeft < 0} />
            </Box>
          )}
        </dd>
      </Box>
    </Box>
  );
}

function Officers({ officers }: { officers: PublicOfficer[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const en = format.language === 'en';
  if (officers.length === 0) return <Typography>{t('profile.noOfficers')}</Typography>;

  return (
    <Box component="ul" data-testid="officers" sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {officers.map((o) => (
        <Box
          component="li"
          key={`${o.role.code}:${o.name}:${o.termStart}`}
          sx={{ borderBottom: `1px solid ${colours.border}`, py: 1.5 }}
        >
          <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: 2, rowGap: 0.5 }}>
            <Typography component="span" sx={{ fontWeight: 700 }}>
              {o.name}
            </Typography>
            <Typography component="span">
              {en ? o.role.name.en : o.role.name.fa}
              {o.position && ` — ${en ? o.position.name.en : o.position.name.fa}`}
            </Typography>
          </Box>
          <Typography variant="body2" sx={{ color: colours.secondaryText }}>
            {t('profile.term', { start: format.date(o.termStart), end: format.date(o.termEnd) })}
            {o.consecutiveTerms > 1 && (
              <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
                {' · '}
                {t('profile.consecutive', { n: format.number(o.consecutiveTerms) })}
              </Box>
            )}
          </Typography>
          <TermCountdown daysLeft={o.daysLeft} expired={o.termExpired} />
        </Box>
      ))}
    </Box>
  );
}

/** Filing-history rows with stable keys (the same kind may be filed twice on one day). */
function keyed(items: FilingHistoryItem[]): { item: FilingHistoryItem; key: string }[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = `${item.kind}:${item.type.code}:${item.date ?? ''}:${item.fiscalYear ?? ''}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { item, key: `${base}:${n}` };
  });
}

/** How many rows a long list shows before "show all". */
const FIRST_ROWS = 6;

/**
 * Long lists show their first rows and a button for the rest. Returns the slicer and the button
 * (nothing when the list is short).
 */
function useShowMore(total: number, list: 'obligations' | 'filings'): [<T>(rows: T[]) => T[], ReactNode] {
  const { t } = useTranslation();
  const format = useFormat();
  const [all, setAll] = useState(false);
  const slice = <T,>(rows: T[]) => (all ? rows : rows.slice(0, FIRST_ROWS));
  const button =
    total > FIRST_ROWS ? (
      <Button
        variant="outlined"
        aria-expanded={all}
        aria-controls={`${list}-list`}
        onClick={() => setAll((v) => !v)}
        sx={{ mt: 1, color: colours.text, borderColor: colours.text, borderWidth: 2 }}
      >
        {all ? t('profile.showFewer') : t('profile.showAll', { n: format.number(total) })}
      </Button>
    ) : null;

  return [slice, button];
}

/** Tables from the small breakpoint up; on phones the same rows become a list of cards. */
function useWide(): boolean {
  return useMediaQuery((theme) => theme.breakpoints.up('sm'), { noSsr: true });
}

function CardList({
  label,
  testId,
  id,
  children,
}: {
  label: string;
  testId?: string;
  id?: string;
  children: ReactNode;
}) {
  return (
    <Box
      component="ul"
      id={id}
      aria-label={label}
      data-testid={testId}
      sx={{ listStyle: 'none', m: 0, p: 0, borderTop: `1px solid ${colours.border}` }}
    >
      {children}
    </Box>
  );
}

/** A table that scrolls sideways on narrow screens; the scrolling region can take keyboard focus. */
function ScrollTable({
  captionId,
  caption,
  id,
  children,
}: {
  captionId: string;
  caption: string;
  id?: string;
  children: ReactNode;
}) {
  return (
    <TableContainer id={id} role="region" aria-labelledby={captionId} tabIndex={0} sx={{ mb: 2 }}>
      <Table size="small" sx={{ '& caption': { captionSide: 'top', px: 0, pt: 0 } }}>
        <Box component="caption" id={captionId}>
          {caption}
        </Box>
        {children}
      </Table>
    </TableContainer>
  );
}

function ObligationState({ o }: { o: Obligation }) {
  const { t } = useTranslation();
  const format = useFormat();
  const n = Math.abs(o.daysLeft);
  if (o.doneOn) {
    return o.late ? (
      <StatusTag tone="orange">{t('profile.doneLate')}</StatusTag>
    ) : (
      <StatusTag tone="green">{t('profile.done')}</StatusTag>
    );
  }
  if (o.overdue) {
    return (
      <>
        <StatusTag tone="red" testId="overdue-tag">
          {t('profile.overdue')}
        </StatusTag>
        <Box component="span" sx={{ display: 'block', fontSize: '0.85rem', color: colours.red }}>
          {t('profile.overdueBy', { count: n, n: format.number(n) })}
        </Box>
      </>
    );
  }
  return <StatusTag tone="blue">{t('profile.dueIn', { count: n, n: format.number(n) })}</StatusTag>;
}

function Obligations({ obligations }: { obligations: Obligation[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const en = format.language === 'en';
  const wide = useWide();
  const [shown, more] = useShowMore(obligations.length, 'obligations');
  if (obligations.length === 0) return <Typography>{t('profile.noObligations')}</Typography>;
  // Overdue ones first, then the newest; older ones behind "show all".
  const ordered = [...obligations].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || b.dueOn.localeCompare(a.dueOn),
  );
  const newestFirst = shown(ordered);
  const title = (o: Obligation) => (
    <>
      {en ? o.name.en : o.name.fa}
      {o.fiscalYear !== null && (
        <Box
          component="span"
          sx={{ display: 'block', fontSize: '0.85rem', color: colours.secondaryText, fontWeight: 400 }}
        >
          {t('profile.fiscalYear', { n: format.digits(String(o.fiscalYear)) })}
        </Box>
      )}
    </>
  );

  if (!wide) {
    return (
      <>
        <CardList label={t('profile.obligationsCaption')} testId="obligations" id="obligations-list">
          {newestFirst.map((o) => (
            <Box
              component="li"
              key={`${o.kind}:${o.fiscalYear ?? ''}:${o.dueOn}`}
              sx={{
                borderBottom: `1px solid ${colours.border}`,
                py: 1.5,
                px: 1,
                ...(o.overdue ? { backgroundColor: colours.redBg } : {}),
              }}
            >
              <Typography component="h3" sx={{ fontWeight: 700, mb: 0.5 }}>
                {title(o)}
              </Typography>
              <Box
                component="dl"
                sx={{
                  m: 0,
                  mb: 1,
                  display: 'grid',
                  gridTemplateColumns: 'auto 1fr',
                  columnGap: 1.5,
                  '& dd': { m: 0 },
                }}
              >
                <dt>{t('profile.dueOn')}:</dt>
                <dd>{format.date(o.dueOn)}</dd>
                <dt>{t('profile.doneOn')}:</dt>
                <dd>{o.doneOn ? format.date(o.doneOn) : t('profile.notDone')}</dd>
              </Box>
              <ObligationState o={o} />
            </Box>
          ))}
        </CardList>
        {more}
      </>
    );
  }

  return (
    <>
      <ScrollTable
        captionId="obligations-caption"
        caption={t('profile.obligationsCaption')}
        id="obligations-list"
      >
        <TableHead>
          <TableRow>
            <TableCell>{t('profile.obligation')}</TableCell>
            <TableCell>{t('profile.dueOn')}</TableCell>
            <TableCell>{t('profile.doneOn')}</TableCell>
            <TableCell>{t('profile.state')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody data-testid="obligations">
          {newestFirst.map((o) => (
            <TableRow
              key={`${o.kind}:${o.fiscalYear ?? ''}:${o.dueOn}`}
              sx={o.overdue ? { backgroundColor: colours.redBg } : undefined}
            >
              <TableCell component="th" scope="row" sx={{ fontWeight: 400 }}>
                {title(o)}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{format.date(o.dueOn)}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {o.doneOn ? format.date(o.doneOn) : t('profile.notDone')}
              </TableCell>
              <TableCell>
                <ObligationState o={o} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollTable>
      {more}
    </>
  );
}

function Filings({ items }: { items: FilingHistoryItem[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const en = format.language === 'en';
  const wide = useWide();
  const [shown, more] = useShowMore(items.length, 'filings');
  if (items.length === 0) return <Typography>{t('profile.noFilings')}</Typography>;
  const rows = shown(keyed(items));

  if (!wide) {
    return (
      <>
        <CardList label={t('profile.filingsCaption')} id="filings-list">
          {rows.map(({ item: f, key }) => (
            <Box component="li" key={key} sx={{ borderBottom: `1px solid ${colours.border}`, py: 1.25 }}>
              <Typography component="h3" sx={{ fontWeight: 700 }}>
                {en ? f.type.name.en : f.type.name.fa}
              </Typography>
              <Typography variant="body2">
                {f.date ? format.date(f.date) : '—'}
                {f.fiscalYear !== null &&
                  ` · ${t('profile.fiscalYear', { n: format.digits(String(f.fiscalYear)) })}`}
              </Typography>
              {f.description && <Typography variant="body2">{format.digits(f.description)}</Typography>}
            </Box>
          ))}
        </CardList>
        {more}
      </>
    );
  }

  return (
    <>
      <ScrollTable captionId="filings-caption" caption={t('profile.filingsCaption')} id="filings-list">
        <TableHead>
          <TableRow>
            <TableCell>{t('profile.filingDate')}</TableCell>
            <TableCell>{t('profile.filingType')}</TableCell>
            <TableCell>{t('profile.filingYear')}</TableCell>
            <TableCell>{t('profile.filingDescription')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(({ item: f, key }) => (
            <TableRow key={key}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{f.date ? format.date(f.date) : '—'}</TableCell>
              <TableCell>{en ? f.type.name.en : f.type.name.fa}</TableCell>
              <TableCell>{f.fiscalYear === null ? '—' : format.digits(String(f.fiscalYear))}</TableCell>
              <TableCell>{f.description ? format.digits(f.description) : '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollTable>
      {more}
    </>
  );
}

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { isUnauthorized } from '../api/client.ts';
import { alertsLink, alertsQuery } from '../api/monitoring.ts';
import { myCooperativesQuery } from '../api/private-queries.ts';
import { profileQuery } from '../api/queries.ts';
import type { CooperativeProfile, MyCooperative } from '../api/types.ts';
import { colours } from '../app/theme.ts';
import { Loading } from '../components/Loading.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { STATUS_TONE, StatusTag } from '../components/StatusTag.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { TermCountdown } from '../components/TermCountdown.tsx';
import { useFormat } from '../format/use-format.ts';
import { BOOK_FORMS, ledgerAccess, mayReadFeed, mayUseForm } from '../ledger/roles.ts';
import { RECORD_KINDS, rolesIn, rolesMayRecord } from './permissions.ts';
import { JourneyDone, SignInAgain, useMe } from './RequireSignIn.tsx';

/** 2 for a cooperative I may record for, 1 for one where I hold any office now, 0 otherwise. */
function weight(item: MyCooperative): number {
  const roles = rolesIn(item);
  if (RECORD_KINDS.some((kind) => rolesMayRecord(roles, kind))) return 2;
  return item.offices.some((o) => o.current) ? 1 : 0;
}

/** The key of a cooperative in addresses: its legal ID, or its id before registration. */
const keyOf = (item: MyCooperative) => item.cooperative.legalId ?? String(item.cooperative.id);

/**
 * «تعاونی‌های من»: every cooperative the person belongs to or serves, with their membership
 * (number, shares, joining date), their offices and terms, the cooperative's health at a glance
 * (from its public profile), and — where their office allows — links to record for it.
 */
export function MyCooperativesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const mine = useQuery(myCooperativesQuery);
  // Where I hold an office first (that is where there is work to do), then where I am a member.
  const items = [...(mine.data?.items ?? [])].sort((a, b) => weight(b) - weight(a));
  const profiles = useQueries({
    queries: items.filter((i) => i.cooperative.legalId).map((i) => profileQuery(keyOf(i))),
  });

  if (isUnauthorized(mine.error)) return <SignInAgain />;
  const profileOf = (item: MyCooperative) =>
    profiles.find((p) => p.data?.id === item.cooperative.id)?.data ?? undefined;

  return (
    <>
      <PageTitle title={t('mine.title')} />
      <JourneyDone />
      <Typography variant="h1" sx={{ mb: 1 }}>
        {t('mine.title')}
      </Typography>
      <Typography sx={{ mb: 4, color: colours.secondaryText }}>{t('mine.lead')}</Typography>
      {mine.isPending && <Loading />}
      {mine.error && <Alert severity="error">{t('signedIn.loadFailed')}</Alert>}
      {mine.data && items.length === 0 && (
        <>
          <Typography sx={{ fontWeight: 700 }}>{t('mine.none')}</Typography>
          <Typography>{t('mine.noneHelp')}</Typography>
          {me.staffRoles.length > 0 && (
            <Link component={RouterLink} to="/supervision">
              {t('mine.toSupervision')}
            </Link>
          )}
        </>
      )}
      <Box component="ul" data-testid="my-cooperatives" sx={{ listStyle: 'none', m: 0, p: 0 }}>
        {items.map((item) => (
          <CooperativeCard key={item.cooperative.id} item={item} profile={profileOf(item)} />
        ))}
      </Box>
    </>
  );
}

function CooperativeCard({
  item,
  profile,
}: {
  item: MyCooperative;
  profile: CooperativeProfile | undefined;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const access = ledgerAccess(me, [item], item.cooperative);
  const bookForms = BOOK_FORMS.filter((form) => mayUseForm(access, form));
  const format = useFormat();
  const en = format.language === 'en';
  const coop = item.cooperative;
  const headingId = `coop-${coop.id}`;
  const m = item.membership;
  const roles = rolesIn(item);
  const kinds = RECORD_KINDS.filter((kind) => rolesMayRecord(roles, kind));
  const facts = m
    ? [
        { key: t('mine.memberNo'), value: format.digits(m.memberNo) },
        {
          key: t('mine.shares'),
          value: t('mine.sharesValue', { count: m.shares, n: format.number(m.shares) }),
        },
        { key: t('mine.joinedOn'), value: format.date(m.joinedOn) },
        ...(m.leftOn ? [{ key: t('mine.leftOn'), value: format.date(m.leftOn) }] : []),
      ]
    : [];

  return (
    <Box
      component="li"
      data-testid="my-cooperative"
      sx={{
        border: `1px solid ${colours.border}`,
        borderTop: `6px solid ${colours.brand}`,
        p: { xs: 2, sm: 3 },
        mb: 4,
      }}
    >
      <Typography variant="h2" id={headingId} sx={{ mb: 0.5 }}>
        <Link component={RouterLink} to={`/cooperatives/${keyOf(item)}`}>
          {coop.name}
        </Link>
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: 1.5, mb: 2 }}>
        <StatusTag tone={STATUS_TONE[coop.status.code] ?? 'grey'}>
          {en ? coop.status.name.en : coop.status.name.fa}
        </StatusTag>
        <Typography component="span" variant="body2" sx={{ color: colours.secondaryText }}>
          {t('search.location', {
            province: en ? coop.province.name.en : coop.province.name.fa,
            county: en ? coop.county.name.en : coop.county.name.fa,
          })}
        </Typography>
      </Box>

      <Grid container columnSpacing={4}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Typography variant="h3" component="h3" sx={{ mb: 1 }}>
            {t('mine.membership')}
          </Typography>
          {m ? <SummaryList rows={facts} /> : <Typography sx={{ mb: 3 }}>{t('mine.notMember')}</Typography>}

          {item.offices.length > 0 && (
            <>
              <Typography variant="h3" component="h3" sx={{ mb: 1 }}>
                {t('mine.offices')}
              </Typography>
              <Box component="ul" data-testid="my-offices" sx={{ listStyle: 'none', m: 0, mb: 3, p: 0 }}>
                {item.offices.map((o) => (
                  <Box
                    component="li"
                    key={`${o.role.code}:${o.termStart}`}
                    sx={{ borderBottom: `1px solid ${colours.border}`, py: 1.25 }}
                  >
                    <Typography sx={{ fontWeight: 700 }}>
                      {en ? o.role.name.en : o.role.name.fa}
                      {o.position && ` — ${en ? o.position.name.en : o.position.name.fa}`}
                    </Typography>
                    <Typography variant="body2" sx={{ color: colours.secondaryText }}>
                      {t('profile.term', { start: format.date(o.termStart), end: format.date(o.termEnd) })}
                    </Typography>
                    {o.current ? (
                      <TermCountdown daysLeft={o.daysLeft} />
                    ) : (
                      <StatusTag tone="grey">{t('mine.officeEnded')}</StatusTag>
                    )}
                  </Box>
                ))}
              </Box>
            </>
          )}
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Typography variant="h3" component="h3" sx={{ mb: 1 }}>
            {t('mine.health')}
          </Typography>
          {profile ? (
            <HealthLine profile={profile} />
          ) : (
            <Typography sx={{ mb: 1 }}>{t('layout.loading')}</Typography>
          )}
          <Link component={RouterLink} to={`/cooperatives/${keyOf(item)}`}>
            {t('mine.profileLink')}
          </Link>

          {coop.legalId && mayReadFeed(access) && (
            <Box
              component="nav"
              aria-label={t('mine.ledgerNav', { name: coop.name })}
              data-testid="ledger-links"
              sx={{ mt: 3, p: 2, backgroundColor: colours.panel }}
            >
              <Typography variant="h3" component="h3" sx={{ mb: 1 }}>
                {t('ledger.title')}
              </Typography>
              <Box component="ul" sx={{ m: 0, paddingInlineStart: 3 }}>
                <li>
                  <Link component={RouterLink} to={`/cooperatives/${coop.legalId}/ledger`}>
                    {t('ledger.feed.link')}
                  </Link>
                </li>
                <li>
                  <AlertsLink legalId={coop.legalId} />
                </li>
                {bookForms.map((form) => (
                  <li key={form}>
                    <Link component={RouterLink} to={`/cooperatives/${coop.legalId}/books/${form}`}>
                      {t(`books.${form}.link`)}
                    </Link>
                  </li>
                ))}
              </Box>
            </Box>
          )}
          {kinds.length > 0 && coop.legalId && (
            <Box
              component="nav"
              aria-label={t('mine.recordNav', { name: coop.name })}
              data-testid="record-links"
              sx={{ mt: 3, p: 2, backgroundColor: colours.panel }}
            >
              <Typography variant="h3" component="h3" sx={{ mb: 1 }}>
                {t('mine.recordTitle')}
              </Typography>
              <Box component="ul" sx={{ m: 0, paddingInlineStart: 3 }}>
                {kinds.map((kind) => (
                  <li key={kind}>
                    <Link component={RouterLink} to={`/cooperatives/${coop.legalId}/record/${kind}`}>
                      {t(`record.${kind}.link`)}
                    </Link>
                  </li>
                ))}
              </Box>
            </Box>
          )}
        </Grid>
      </Grid>
    </Box>
  );
}

/** «هشدارها و امتیاز ریسک», with how many alerts are open and the score once they are in. */
function AlertsLink({ legalId }: { legalId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const alerts = useQuery(alertsQuery(legalId));
  const open = alerts.data?.items.filter((a) => a.status === 'open').length ?? 0;

  return (
    <>
      <Link component={RouterLink} to={alertsLink(legalId)} data-testid="my-alerts-link">
        {t('ledger.alertsLink')}
      </Link>
      {alerts.data && (
        <Box component="span" data-testid="my-alerts-summary" sx={{ display: 'block', fontSize: '0.95rem' }}>
          {t('mine.alertsSummary', {
            count: open,
            n: format.number(open),
            score: format.number(alerts.data.risk.score),
          })}
        </Box>
      )}
    </>
  );
}

/** Overdue obligations, last annual assembly and board term end, in a line or two. */
function HealthLine({ profile }: { profile: CooperativeProfile }) {
  const { t } = useTranslation();
  const format = useFormat();
  const h = profile.healthCard;
  const overdue = h.obligationsOverdue;

  return (
    <Box data-testid="my-cooperative-health" sx={{ mb: 1 }}>
      <Typography sx={{ fontWeight: 700, color: overdue > 0 ? colours.red : colours.green, mb: 1 }}>
        {overdue > 0
          ? t('profile.healthBad', { count: overdue, n: format.number(overdue) })
          : t('profile.healthGood')}
      </Typography>
      <Typography variant="body2">
        {t('profile.lastAnnualAssembly')}:{' '}
        {h.lastAnnualAssemblyOn ? format.date(h.lastAnnualAssemblyOn) : t('profile.never')}
      </Typography>
      <Typography variant="body2">
        {t('profile.boardTermEnds')}:{' '}
        {h.boardTermEndsOn ? format.date(h.boardTermEndsOn) : t('profile.notProvided')}
      </Typography>
    </Box>
  );
}

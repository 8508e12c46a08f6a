import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { sendJson } from '../api/client.ts';
import {
  alertsLink,
  flagsQuery,
  followPath,
  type MonitoringAlert,
  type MonitoringRule,
  rulesQuery,
} from '../api/monitoring.ts';
import { meQuery, useSessionHint } from '../api/session.ts';
import { colours } from '../app/theme.ts';
import { SecondaryButton } from '../components/Buttons.tsx';
import { Loading } from '../components/Loading.tsx';
import { useFormat } from '../format/use-format.ts';
import { AlertStatusTag, SeverityTag } from './AlertParts.tsx';
import { useExplain } from './explain.tsx';

/** How many flags show before «نمایش همه». */
const FIRST_FLAGS = 5;

/**
 * «هشدارهای حاکمیتی» on a cooperative's public profile: its open governance flags (facts of the
 * public register: deadlines, officers, members), each explaining itself with its basis — "a
 * reason to open the file, never a verdict" — and, for a signed-in reader, following them.
 * A chunk of its own with its messages, loaded after the profile shows.
 */
export function GovernanceFlags({ legalId }: { legalId: string }) {
  const { t } = useTranslation();
  const flags = useQuery(flagsQuery(legalId));
  const rules = useQuery(rulesQuery);
  const rulesById = new Map((rules.data?.items ?? []).map((r) => [r.id, r]));
  const format = useFormat();
  const [all, setAll] = useState(false);

  return (
    <Box
      component="section"
      aria-labelledby="flags-title"
      data-testid="governance-flags"
      sx={{ border: `1px solid ${colours.border}`, borderTop: `6px solid ${colours.orange}`, p: 2, mb: 5 }}
    >
      <Typography variant="h2" id="flags-title" sx={{ mb: 1 }}>
        {t('monitoring.flags.title')}
      </Typography>
      <Typography sx={{ mb: 2 }}>{t('monitoring.flags.lead')}</Typography>
      {flags.isPending ? (
        <Loading />
      ) : flags.error || !flags.data ? (
        <Typography sx={{ mb: 2, color: colours.red }}>{t('monitoring.flags.loadFailed')}</Typography>
      ) : flags.data.items.length === 0 ? (
        <Typography data-testid="flags-none" sx={{ mb: 2, fontWeight: 700, color: colours.green }}>
          {t('monitoring.flags.none')}
        </Typography>
      ) : (
        <>
          <Box
            component="ul"
            id="flags-list"
            data-testid="flags"
            sx={{ listStyle: 'none', m: 0, mb: 2, p: 0 }}
          >
            {(all ? flags.data.items : flags.data.items.slice(0, FIRST_FLAGS)).map((flag) => (
              <Flag key={flag.id} flag={flag} rule={rulesById.get(flag.ruleId)} />
            ))}
          </Box>
          {flags.data.items.length > FIRST_FLAGS && (
            <Button
              variant="outlined"
              aria-expanded={all}
              aria-controls="flags-list"
              data-testid="flags-show-all"
              onClick={() => setAll((v) => !v)}
              sx={{ mb: 3, color: colours.text, borderColor: colours.text, borderWidth: 2 }}
            >
              {all
                ? t('profile.showFewer')
                : t('profile.showAll', { n: format.number(flags.data.items.length) })}
            </Button>
          )}
        </>
      )}
      <Follow legalId={legalId} />
      <Typography sx={{ mt: 2 }}>
        <Link component={RouterLink} to={alertsLink(legalId)} data-testid="flags-members-link">
          {t('monitoring.flags.membersLink')}
        </Link>
      </Typography>
    </Box>
  );
}

function Flag({ flag, rule }: { flag: MonitoringAlert; rule: MonitoringRule | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const explain = useExplain();
  const en = format.language === 'en';
  const headingId = `flag-${flag.id}-title`;
  const answer = [...flag.events].reverse().find((e) => e.action === 'answered' && e.text);

  return (
    <Box
      component="li"
      aria-labelledby={headingId}
      data-testid="flag"
      data-rule={flag.ruleId}
      sx={{ borderBottom: `1px solid ${colours.border}`, py: 1.5 }}
    >
      <Typography variant="h3" id={headingId} sx={{ mb: 0.5 }}>
        {en ? flag.title.en : flag.title.fa}
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: 1, mb: 1 }}>
        <SeverityTag severity={flag.severity} />
        {flag.status !== 'open' && <AlertStatusTag status={flag.status} />}
        <Box component="span" sx={{ fontSize: '0.95rem', color: colours.secondaryText }}>
          {t('monitoring.flags.openedAt', { date: format.instant(flag.openedAt) })}
        </Box>
      </Box>
      <Typography sx={{ mb: 1 }} data-testid="flag-explanation">
        {explain(flag, rule)}
      </Typography>
      <Typography variant="body2" sx={{ color: colours.secondaryText }}>
        <Box component="span" sx={{ fontWeight: 700 }}>
          {t('monitoring.alert.basis')}:
        </Box>{' '}
        {format.digits(en ? flag.basis.en : flag.basis.fa)}
      </Typography>
      {answer?.text && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          <Box component="span" sx={{ fontWeight: 700 }}>
            {t('monitoring.alert.events.answered')}:
          </Box>{' '}
          <bdi>{format.digits(answer.text)}</bdi>
        </Typography>
      )}
    </Box>
  );
}

/** Where this browser remembers that its person follows a cooperative (the API has no read of it). */
const followKey = (personId: number, legalId: string) => `taavon.follows.${personId}.${legalId}`;

function remembered(personId: number, legalId: string): boolean {
  try {
    return localStorage.getItem(followKey(personId, legalId)) === '1';
  } catch {
    return false;
  }
}

function remember(personId: number, legalId: string, following: boolean): void {
  try {
    if (following) localStorage.setItem(followKey(personId, legalId), '1');
    else localStorage.removeItem(followKey(personId, legalId));
  } catch {
    // Storage disabled: the button offers to follow again next time (following is idempotent).
  }
}

/** Follow or stop following (signed in); otherwise a link to sign in and come back. */
function Follow({ legalId }: { legalId: string }) {
  const { t } = useTranslation();
  const hinted = useSessionHint();
  const me = useQuery({ ...meQuery, enabled: hinted });
  const personId = hinted ? me.data?.personId : undefined;

  if (personId === undefined) {
    if (hinted && me.isPending) return null;
    const next = encodeURIComponent(`/cooperatives/${legalId}`);
    return (
      <Link component={RouterLink} to={`/sign-in?next=${next}`} data-testid="follow-sign-in">
        {t('monitoring.flags.signInToFollow')}
      </Link>
    );
  }
  return <FollowButton key={personId} personId={personId} legalId={legalId} />;
}

function FollowButton({ personId, legalId }: { personId: number; legalId: string }) {
  const { t } = useTranslation();
  const [following, setFollowing] = useState(() => remembered(personId, legalId));
  const [changed, setChanged] = useState(false);
  const mutation = useMutation({
    mutationFn: (follow: boolean) =>
      sendJson<{ following: boolean }>(follow ? 'PUT' : 'DELETE', followPath(legalId)),
    onSuccess: (answer) => {
      remember(personId, legalId, answer.following);
      setFollowing(answer.following);
      setChanged(true);
    },
  });

  return (
    <Box data-testid="follow" data-following={following ? 'true' : 'false'}>
      <Box aria-live="polite" data-testid="follow-status">
        {following ? (
          <Typography sx={{ fontWeight: 700, color: colours.green, mb: 1 }}>
            {t('monitoring.flags.following')}
          </Typography>
        ) : changed ? (
          <Typography sx={{ mb: 1 }}>{t('monitoring.flags.unfollowed')}</Typography>
        ) : null}
        {mutation.isError && (
          <Typography sx={{ color: colours.red, fontWeight: 700, mb: 1 }}>
            {t('monitoring.flags.followFailed')}
          </Typography>
        )}
      </Box>
      <SecondaryButton
        data-testid="follow-button"
        disabled={mutation.isPending}
        onClick={() => mutation.mutate(!following)}
      >
        {following ? t('monitoring.flags.unfollow') : t('monitoring.flags.follow')}
      </SecondaryButton>
    </Box>
  );
}

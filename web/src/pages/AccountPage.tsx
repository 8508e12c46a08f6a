import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isUnauthorized, sendJson } from '../api/client.ts';
import { emailsQuery, preferencesQuery, sessionsQuery } from '../api/private-queries.ts';
import { PRIVATE, setSessionHint } from '../api/session.ts';
import type { EmailAddress, NotificationPreference, Session } from '../api/types.ts';
import { colours } from '../app/theme.ts';
import { LinkButton, PrimaryButton, SecondaryButton, WarningButton } from '../components/Buttons.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { TextInput } from '../components/FormFields.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { SuccessBanner } from '../components/Panel.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { useFormErrors } from '../components/use-form-errors.ts';
import { ltr } from '../format/format.ts';
import { useFormat } from '../format/use-format.ts';
import { SignInAgain, useMe } from './RequireSignIn.tsx';

/**
 * What a person may be told about, on which channel. Sign-in codes, password resets and address
 * verification are not here: they are always sent (src/notifications/notification-types.ts).
 */
const NOTIFICATION_KINDS = ['obligation.reminder', 'term.reminder', 'cooperative.news'] as const;
const CHANNELS = ['sms', 'email', 'inapp'] as const;

/**
 * Account settings: my details, my password, my e-mail addresses (add, verify with the e-mailed
 * code, remove), what I am told and how, and my sessions with «خروج از همهٔ دستگاه‌ها». Each
 * form is its own section with its own error summary; the server validates everything.
 */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const [signedOut, setSignedOut] = useState(false);
  if (signedOut) return <SignInAgain />;
  const onUnauthorized = (error: unknown) => {
    if (isUnauthorized(error)) setSignedOut(true);
  };

  return (
    <Box sx={{ maxWidth: '44rem' }}>
      <PageTitle title={t('account.title')} />
      <Typography variant="h1" sx={{ mb: 4 }}>
        {t('account.title')}
      </Typography>
      <Section id="details" title={t('account.details')}>
        <SummaryList
          rows={[
            { key: t('account.name'), value: `${me.firstName} ${me.lastName}` },
            { key: t('auth.nationalCode'), value: format.digits(me.nationalCode) },
            { key: t('account.mobile'), value: ltr(format.digits(me.mobile)) },
          ]}
        />
      </Section>
      <Section id="password" title={t('account.password')}>
        <ChangePassword onUnauthorized={onUnauthorized} />
      </Section>
      <Section id="emails" title={t('account.emails')}>
        <Emails onUnauthorized={onUnauthorized} />
      </Section>
      <Section id="notifications" title={t('account.notifications')}>
        <Preferences onUnauthorized={onUnauthorized} />
      </Section>
      <Section id="sessions" title={t('account.sessions')}>
        <Sessions onUnauthorized={onUnauthorized} />
      </Section>
    </Box>
  );
}

type SectionProps = { onUnauthorized: (error: unknown) => void };

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Box
      component="section"
      aria-labelledby={`${id}-title`}
      data-testid={`account-${id}`}
      sx={{ mb: 6, pt: 3, borderTop: `2px solid ${colours.border}` }}
    >
      <Typography variant="h2" id={`${id}-title`} sx={{ mb: 2 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

function ChangePassword({ onUnauthorized }: SectionProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      sendJson<{ sessionsEnded: number }>('POST', '/me/password', body),
    onSettled: () => {
      setCurrent('');
      setNew('');
    },
    onError: onUnauthorized,
  });
  const errors = useFormErrors(
    change.error,
    { currentPassword: 'field-currentPassword', newPassword: 'field-newPassword' },
    {
      values: change.variables,
      labels: { currentPassword: t('account.currentPassword'), newPassword: t('account.newPassword') },
    },
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ currentPassword, newPassword });
  };

  return (
    <>
      {errors.shown && <ErrorSummary key={change.submittedAt} errors={errors.items} />}
      {change.isSuccess && (
        <SuccessBanner title={t('account.doneTitle')}>
          {t('account.passwordChanged', {
            count: change.data.sessionsEnded,
            n: format.number(change.data.sessionsEnded),
          })}
        </SuccessBanner>
      )}
      <Box component="form" noValidate onSubmit={submit} data-testid="password-form">
        <TextInput
          id="field-currentPassword"
          name="currentPassword"
          type="password"
          label={t('account.currentPassword')}
          error={errors.of('currentPassword')}
          value={currentPassword}
          onChange={setCurrent}
          autoComplete="current-password"
          width="24em"
        />
        <TextInput
          id="field-newPassword"
          name="newPassword"
          type="password"
          label={t('account.newPassword')}
          hint={t('auth.newPasswordHint')}
          error={errors.of('newPassword')}
          value={newPassword}
          onChange={setNew}
          autoComplete="new-password"
          width="24em"
        />
        <PrimaryButton disabled={change.isPending}>{t('account.changePassword')}</PrimaryButton>
      </Box>
    </>
  );
}

function Emails({ onUnauthorized }: SectionProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const emails = useQuery(emailsQuery);
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: [PRIVATE, 'emails'] });
  const add = useMutation({
    mutationFn: (body: { email: string }) => sendJson<{ email: string }>('POST', '/me/emails', body),
    onSuccess: (added) => {
      setSentTo(added.email);
      setEmail('');
      verify.reset();
      return refresh();
    },
    onError: onUnauthorized,
  });
  const verify = useMutation({
    mutationFn: (body: { code: string }) => sendJson<EmailAddress>('POST', '/me/emails/verify', body),
    onSuccess: () => {
      setCode('');
      setSentTo(null);
      return refresh();
    },
    onError: onUnauthorized,
  });
  const remove = useMutation({
    mutationFn: (id: number) => sendJson('DELETE', `/me/emails/${id}`),
    onSuccess: refresh,
    onError: onUnauthorized,
  });
  const addErrors = useFormErrors(
    add.error,
    { email: 'field-email' },
    { values: add.variables, labels: { email: t('account.email') }, generalFieldId: 'field-email' },
  );
  const verifyErrors = useFormErrors(
    verify.error,
    { code: 'field-emailCode' },
    { values: verify.variables, labels: { code: t('account.emailCode') }, generalFieldId: 'field-emailCode' },
  );
  if (isUnauthorized(emails.error)) return <SignInAgain />;
  const items = emails.data?.items ?? [];
  const pending = items.some((e) => e.verifiedAt === null);

  return (
    <>
      <Typography sx={{ mb: 2 }}>{t('account.emailsLead')}</Typography>
      {emails.isPending && <Loading />}
      {emails.error && <Alert severity="error">{t('signedIn.loadFailed')}</Alert>}
      {verify.isSuccess && (
        <SuccessBanner title={t('account.doneTitle')}>
          {t('account.emailVerified', { email: ltr(verify.data.email) })}
        </SuccessBanner>
      )}
      {items.length > 0 && (
        <Box component="ul" data-testid="emails" sx={{ listStyle: 'none', m: 0, mb: 3, p: 0 }}>
          {items.map((e) => (
            <Box
              component="li"
              key={e.id}
              sx={{
                display: 'flex',
                flexWrap: 'wrap',
                alignItems: 'baseline',
                gap: 1.5,
                py: 1.25,
                borderBottom: `1px solid ${colours.border}`,
              }}
            >
              <Box component="span" dir="ltr" sx={{ fontWeight: 700, overflowWrap: 'anywhere' }}>
                {e.email}
              </Box>
              {e.verifiedAt ? (
                <StatusTag tone="green">{t('account.verified')}</StatusTag>
              ) : (
                <StatusTag tone="orange">{t('account.unverified')}</StatusTag>
              )}
              <LinkButton
                onClick={() => remove.mutate(e.id)}
                disabled={remove.isPending}
                aria-label={t('account.removeEmail', { email: e.email })}
                sx={{ marginInlineStart: 'auto' }}
              >
                {t('account.remove')}
              </LinkButton>
            </Box>
          ))}
        </Box>
      )}
      {(pending || sentTo) && (
        <Box sx={{ backgroundColor: colours.panel, p: 2, mb: 3 }}>
          {verifyErrors.shown && <ErrorSummary key={verify.submittedAt} errors={verifyErrors.items} />}
          <Box
            component="form"
            noValidate
            data-testid="email-verify-form"
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              verify.mutate({ code });
            }}
          >
            <TextInput
              id="field-emailCode"
              name="code"
              label={t('account.emailCode')}
              hint={sentTo ? t('account.emailCodeSent', { email: ltr(sentTo) }) : t('account.emailCodeHint')}
              error={verifyErrors.of('code')}
              value={code}
              onChange={setCode}
              autoComplete="one-time-code"
              inputMode="numeric"
              width="10em"
            />
            <SecondaryButton type="submit" disabled={verify.isPending}>
              {t('account.verifyEmail')}
            </SecondaryButton>
          </Box>
        </Box>
      )}
      {addErrors.shown && <ErrorSummary key={add.submittedAt} errors={addErrors.items} />}
      <Box
        component="form"
        noValidate
        data-testid="email-add-form"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          add.mutate({ email });
        }}
      >
        <TextInput
          id="field-email"
          name="email"
          type="email"
          label={t('account.addEmail')}
          error={addErrors.of('email')}
          value={email}
          onChange={setEmail}
          autoComplete="email"
          dir="ltr"
          width="28em"
        />
        <SecondaryButton type="submit" disabled={add.isPending}>
          {t('account.addEmailButton')}
        </SecondaryButton>
      </Box>
    </>
  );
}

/** The stored choice for a kind on a channel: its own, else the channel's `all`, else on. */
function enabledFor(items: NotificationPreference[], kind: string, channel: string): boolean {
  const own = items.find((p) => p.kind === kind && p.channel === channel);
  const all = items.find((p) => p.kind === 'all' && p.channel === channel);
  return (own ?? all)?.enabled ?? true;
}

function Preferences({ onUnauthorized }: SectionProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const preferences = useQuery(preferencesQuery);
  const save = useMutation({
    mutationFn: (body: NotificationPreference) =>
      sendJson<NotificationPreference>('PUT', '/me/notification-preferences', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [PRIVATE, 'notification-preferences'] }),
    onError: onUnauthorized,
  });
  if (isUnauthorized(preferences.error)) return <SignInAgain />;
  if (preferences.isPending) return <Loading />;
  if (preferences.error) return <Alert severity="error">{t('signedIn.loadFailed')}</Alert>;
  const items = preferences.data.items;
  const pendingFor = (kind: string, channel: string) =>
    save.isPending && save.variables.kind === kind && save.variables.channel === channel;

  return (
    <>
      <Typography sx={{ mb: 1 }}>{t('account.notificationsLead')}</Typography>
      <Typography sx={{ mb: 3, color: colours.secondaryText }}>{t('account.mandatory')}</Typography>
      {NOTIFICATION_KINDS.map((kind) => (
        <Box
          component="fieldset"
          key={kind}
          data-testid={`preference-${kind}`}
          sx={{ border: 0, p: 0, m: 0, mb: 3 }}
        >
          <Box component="legend" sx={{ fontWeight: 700, mb: 0.5, p: 0 }}>
            {t(`account.kinds.${kind}`)}
          </Box>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 3 }}>
            {CHANNELS.map((channel) => {
              const on = pendingFor(kind, channel)
                ? save.variables?.enabled === true
                : enabledFor(items, kind, channel);
              return (
                <FormControlLabel
                  key={channel}
                  label={t(`account.channels.${channel}`)}
                  control={
                    <Switch
                      checked={on}
                      onChange={(event) => save.mutate({ kind, channel, enabled: event.target.checked })}
                      slotProps={{ input: { id: `preference-${kind}-${channel}` } }}
                    />
                  }
                />
              );
            })}
          </Box>
        </Box>
      ))}
      <Box
        role="status"
        aria-live="polite"
        sx={{ minHeight: '1.5em', color: colours.green, fontWeight: 700 }}
      >
        {save.isSuccess ? t('account.saved') : ''}
      </Box>
      {save.isError && !isUnauthorized(save.error) && <Alert severity="error">{t('account.notSaved')}</Alert>}
    </>
  );
}

/** "Chrome on Android": enough of a User-Agent to recognise a device, never the whole string. */
function deviceOf(userAgent: string | null, unknown: string): string {
  if (!userAgent) return unknown;
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  return [browser, system].filter(Boolean).join(' / ') || unknown;
}

function Sessions({ onUnauthorized }: SectionProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const sessions = useQuery(sessionsQuery);
  const everywhere = useMutation({
    mutationFn: () => sendJson<{ sessionsEnded: number }>('DELETE', '/me/sessions'),
    onSuccess: (result) => {
      setSessionHint(false);
      navigate('/signed-out', { state: { everywhere: result.sessionsEnded } });
    },
    onError: onUnauthorized,
  });
  if (isUnauthorized(sessions.error)) return <SignInAgain />;
  if (sessions.isPending) return <Loading />;
  if (sessions.error) return <Alert severity="error">{t('signedIn.loadFailed')}</Alert>;

  return (
    <>
      <Typography sx={{ mb: 2 }}>{t('account.sessionsLead')}</Typography>
      <Box component="ul" data-testid="sessions" sx={{ listStyle: 'none', m: 0, mb: 3, p: 0 }}>
        {keyedSessions(sessions.data.items).map(({ session: s, key }) => (
          <Box component="li" key={key} sx={{ py: 1.25, borderBottom: `1px solid ${colours.border}` }}>
            <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: 1.5 }}>
              <Box component="span" sx={{ fontWeight: 700 }}>
                {deviceOf(s.userAgent, t('account.unknownDevice'))}
              </Box>
              {s.current && <StatusTag tone="blue">{t('account.thisDevice')}</StatusTag>}
            </Box>
            <Box
              component="ul"
              sx={{ m: 0, p: 0, listStyle: 'none', fontSize: '0.9rem', color: colours.secondaryText }}
            >
              <li>{t('account.sessionSince', { when: format.instant(s.createdAt) })}</li>
              <li>{t('account.sessionSeen', { when: format.instant(s.lastSeenAt) })}</li>
              {s.ip && (
                <li>
                  {t('account.sessionIp')} <bdi>{s.ip}</bdi>
                </li>
              )}
            </Box>
          </Box>
        ))}
      </Box>
      <Typography sx={{ mb: 2 }}>{t('account.everywhereText')}</Typography>
      <WarningButton
        onClick={() => everywhere.mutate()}
        disabled={everywhere.isPending}
        data-testid="sign-out-everywhere"
      >
        {t('account.everywhere')}
      </WarningButton>
    </>
  );
}

/**
 * Sessions with stable keys. The API shows no session id; two sessions of one browser started in
 * the same second (or under a fixed test clock) share start, device and address.
 */
function keyedSessions(items: Session[]): { session: Session; key: string }[] {
  const seen = new Map<string, number>();
  return items.map((session) => {
    const base = `${session.createdAt}:${session.userAgent ?? ''}:${session.ip ?? ''}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { session, key: `${base}:${n}` };
  });
}

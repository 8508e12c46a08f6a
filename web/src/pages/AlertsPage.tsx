import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation, useParams } from 'react-router';
import { ApiProblem, isFieldProblem, isForbidden, isUnauthorized, sendJson } from '../api/client.ts';
import {
  type AlertAction,
  type AlertEntries,
  type AlertTransitioned,
  alertEntriesQuery,
  alertsQuery,
  ledgerEntryLink,
  type MonitoringAlert,
  type MonitoringRule,
  type Risk,
  rulesQuery,
  transitionPath,
} from '../api/monitoring.ts';
import { myCooperativesQuery } from '../api/private-queries.ts';
import { profileQuery } from '../api/queries.ts';
import { PRIVATE } from '../api/session.ts';
import type { CooperativeProfile } from '../api/types.ts';
import { colours } from '../app/theme.ts';
import { BackLink } from '../components/BackLink.tsx';
import { PrimaryButton, SecondaryButton } from '../components/Buttons.tsx';
import { Denied } from '../components/Denied.tsx';
import { TextInput } from '../components/FormFields.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { useFormat } from '../format/use-format.ts';
import { type LedgerAccess, ledgerAccess, mayReadFeed } from '../ledger/roles.ts';
import { AlertStatusTag, EvidenceRows, FactList, SeverityTag } from '../monitoring/AlertParts.tsx';
import { useExplain } from '../monitoring/explain.tsx';
import { SignInAgain, useMe } from './RequireSignIn.tsx';

/** The board (managing director, board members) answers; the inspector or the region's officer closes. */
const mayAnswer = (a: LedgerAccess) => a.boardMember || a.managingDirector;
const mayClose = (a: LedgerAccess) => a.inspector || a.officer !== 'no';

/** What was just recorded, shown in that alert's card wherever its new status puts it. */
type Done = { alertId: number; action: AlertAction; index: number };

/**
 * «هشدارها و امتیاز ریسک» of one cooperative, for its members, officers and inspector and the
 * ministry officers of its region: the risk score with each rule's part, and every alert —
 * open, answered, closed — explaining itself in the reader's language with its basis, its
 * evidence (links to the ledger entries behind it) and its history, each step a ledger entry.
 * The board answers here; the inspector (or the region's officer) resolves or dismisses.
 */
export function AlertsPage() {
  const { legalId = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const profile = useQuery(profileQuery(legalId));
  const mine = useQuery(myCooperativesQuery);

  if (isUnauthorized(mine.error)) return <SignInAgain />;
  if (profile.isPending || mine.isPending) return <Loading />;
  if (profile.error instanceof ApiProblem && profile.error.status === 404) {
    return (
      <>
        <PageTitle title={t('profile.notFoundTitle')} />
        <Typography variant="h1" gutterBottom>
          {t('profile.notFoundTitle')}
        </Typography>
        <Typography gutterBottom>{t('profile.notFoundText', { id: legalId })}</Typography>
      </>
    );
  }
  if (profile.error || mine.error || !profile.data || !mine.data) {
    return <Alert severity="error">{t('signedIn.loadFailed')}</Alert>;
  }
  const coop = profile.data;
  const access = ledgerAccess(me, mine.data.items, coop);
  if (!mayReadFeed(access)) return <AlertsDenied coop={coop} />;

  return <Alerts coop={coop} access={access} />;
}

function AlertsDenied({ coop }: { coop: CooperativeProfile }) {
  const { t } = useTranslation();
  return (
    <Denied
      links={[
        {
          to: `/cooperatives/${coop.legalId ?? coop.id}`,
          label: t('record.profileLink', { name: coop.name }),
        },
      ]}
    >
      <Typography sx={{ mb: 2 }}>{t('monitoring.denied', { name: coop.name })}</Typography>
    </Denied>
  );
}

function Section({
  id,
  title,
  children,
  testId,
}: {
  id: string;
  title: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Box component="section" aria-labelledby={id} data-testid={testId} sx={{ mb: 5 }}>
      <Typography variant="h2" id={id} sx={{ mb: 2 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

function Alerts({ coop, access }: { coop: CooperativeProfile; access: LedgerAccess }) {
  const { t } = useTranslation();
  const format = useFormat();
  const legalId = coop.legalId ?? '';
  const alerts = useQuery(alertsQuery(legalId));
  const rules = useQuery(rulesQuery);
  const entries = useQuery(alertEntriesQuery(legalId));
  const [done, setDone] = useState<Done | null>(null);

  // `#alert-12` (a link from the ledger): scroll to that alert once the list is in.
  const { hash } = useLocation();
  const loaded = Boolean(alerts.data);
  useEffect(() => {
    if (!loaded || !hash.startsWith('#alert-')) return;
    document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [hash, loaded]);

  if (isForbidden(alerts.error)) return <AlertsDenied coop={coop} />;
  if (isUnauthorized(alerts.error)) return <SignInAgain />;
  const rulesById = new Map((rules.data?.items ?? []).map((r) => [r.id, r]));
  const items = alerts.data?.items ?? [];
  const groups = [
    { key: 'open', items: items.filter((a) => a.status === 'open') },
    { key: 'answered', items: items.filter((a) => a.status === 'answered') },
    { key: 'closed', items: items.filter((a) => a.status !== 'open' && a.status !== 'answered') },
  ] as const;

  return (
    <>
      <PageTitle title={`${t('monitoring.title')} — ${coop.name}`} />
      <BackLink to={`/cooperatives/${legalId}`} label={coop.name} />
      <Typography
        component="span"
        sx={{ display: 'block', color: colours.secondaryText, fontSize: '1.1rem' }}
      >
        {coop.name}
      </Typography>
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t('monitoring.title')}
      </Typography>
      <Typography sx={{ mb: 1, maxWidth: '44rem', fontWeight: 700 }} data-testid="not-verdict">
        {t('monitoring.notVerdict')}
      </Typography>
      <Typography sx={{ mb: 2, maxWidth: '44rem' }}>{t('monitoring.lead')}</Typography>
      <Typography sx={{ mb: 4 }}>
        <Link component={RouterLink} to={`/cooperatives/${legalId}/ledger`} data-testid="alerts-ledger-link">
          {t('monitoring.ledgerLink')}
        </Link>
      </Typography>

      {alerts.isPending ? (
        <Loading />
      ) : alerts.error || !alerts.data ? (
        <Alert severity="error">{t('monitoring.loadFailed')}</Alert>
      ) : (
        <>
          <RiskSection risk={alerts.data.risk} />
          {groups.map((group) => (
            <Section
              key={group.key}
              id={`alerts-${group.key}`}
              testId={`alerts-${group.key}`}
              title={
                <>
                  {t(`monitoring.groups.${group.key}`)}{' '}
                  <Box component="span" sx={{ color: colours.secondaryText, fontWeight: 400 }}>
                    ({format.number(group.items.length)})
                  </Box>
                </>
              }
            >
              {group.items.length === 0 ? (
                <Typography>{t(`monitoring.groups.${group.key}None`)}</Typography>
              ) : (
                <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }}>
                  {group.items.map((alert) => (
                    <AlertCard
                      key={alert.id}
                      legalId={legalId}
                      alert={alert}
                      rule={rulesById.get(alert.ruleId)}
                      entries={entries.data}
                      access={access}
                      done={done?.alertId === alert.id ? done : null}
                      onDone={setDone}
                    />
                  ))}
                </Box>
              )}
            </Section>
          ))}
        </>
      )}
    </>
  );
}

/** The score, then each rule's part: how many alerts, how much each weighs, the sum. */
function RiskSection({ risk }: { risk: Risk }) {
  const { t } = useTranslation();
  const format = useFormat();
  const en = format.language === 'en';

  return (
    <Section id="risk-title" title={t('monitoring.risk.title')} testId="risk">
      <Box
        sx={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          gap: 2,
          mb: 2,
          p: 2,
          backgroundColor: risk.score > 0 ? colours.orangeBg : colours.greenBg,
          maxWidth: '44rem',
        }}
      >
        <Box
          component="span"
          data-testid="risk-score"
          sx={{ fontSize: '2.5rem', fontWeight: 700, lineHeight: 1.2, color: colours.text }}
        >
          {format.number(risk.score)}
        </Box>
        <Box component="span" sx={{ fontWeight: 700 }}>
          {t('monitoring.risk.score')}
        </Box>
      </Box>
      <Typography sx={{ mb: 2, maxWidth: '44rem' }}>
        {risk.score > 0 ? t('monitoring.risk.lead') : t('monitoring.risk.zero')}
      </Typography>
      {risk.parts.length > 0 && (
        <Box
          component="ul"
          aria-label={t('monitoring.risk.caption')}
          data-testid="risk-parts"
          sx={{ listStyle: 'none', m: 0, p: 0, maxWidth: '44rem' }}
        >
          {risk.parts.map((part) => {
            const each = part.count > 0 ? Math.round(part.weight / part.count) : part.weight;
            const share = risk.score > 0 ? (part.weight / risk.score) * 100 : 0;
            return (
              <Box
                component="li"
                key={part.ruleId}
                data-testid="risk-part"
                sx={{ borderBottom: `1px solid ${colours.border}`, py: 1.5 }}
              >
                <Box
                  sx={{
                    display: 'flex',
                    flexWrap: 'wrap',
                    alignItems: 'baseline',
                    columnGap: 1.5,
                    rowGap: 0.5,
                  }}
                >
                  <Box component="span" sx={{ fontWeight: 700 }}>
                    {en ? part.title.en : part.title.fa}
                  </Box>
                  <SeverityTag severity={part.severity} />
                </Box>
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mt: 0.75 }}>
                  <Box
                    aria-hidden="true"
                    sx={{ flex: '1 1 auto', height: 14, backgroundColor: colours.greyBg, maxWidth: '20rem' }}
                  >
                    <Box sx={{ width: `${share}%`, height: '100%', backgroundColor: colours.orange }} />
                  </Box>
                  <Box component="span" sx={{ whiteSpace: 'nowrap', fontSize: '0.95rem' }}>
                    {t('monitoring.risk.partLine', {
                      count: part.count,
                      n: format.number(part.count),
                      each: format.number(each),
                      weight: format.number(part.weight),
                    })}
                  </Box>
                </Box>
              </Box>
            );
          })}
        </Box>
      )}
    </Section>
  );
}

/** Each event of the alert's history with its ledger entry (the k-th event of an action ↔ the k-th entry). */
function historyWithEntries(alert: MonitoringAlert, entries: AlertEntries | undefined) {
  const inLedger = entries?.get(alert.id) ?? [];
  const seen = new Map<string, number>();
  return alert.events.map((event) => {
    const k = seen.get(event.action) ?? 0;
    seen.set(event.action, k + 1);
    const index = inLedger.filter((e) => e.action === event.action)[k]?.index;
    return { event, index, key: `${event.action}:${k}:${event.at}` };
  });
}

function AlertCard({
  legalId,
  alert,
  rule,
  entries,
  access,
  done,
  onDone,
}: {
  legalId: string;
  alert: MonitoringAlert;
  rule: MonitoringRule | undefined;
  entries: AlertEntries | undefined;
  access: LedgerAccess;
  done: Done | null;
  onDone: (done: Done) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const explain = useExplain();
  const en = format.language === 'en';
  const headingId = `alert-${alert.id}-title`;
  const ev = alert.evidence;
  const hasEvidence =
    ev.entries.length > 0 ||
    (ev.amountsRials?.length ?? 0) > 0 ||
    (ev.dates?.length ?? 0) > 0 ||
    (ev.people?.length ?? 0) > 0 ||
    (ev.externalIds?.length ?? 0) > 0;
  const closed = alert.status === 'resolved' || alert.status === 'dismissed';
  const history = historyWithEntries(alert, entries);

  return (
    <Box
      component="li"
      id={`alert-${alert.id}`}
      aria-labelledby={headingId}
      data-testid="alert"
      data-alert-id={alert.id}
      data-status={alert.status}
      data-rule={alert.ruleId}
      sx={{
        border: `1px solid ${colours.border}`,
        borderInlineStart: `6px solid ${
          closed ? colours.border : alert.severity === 'high' ? colours.red : colours.orange
        }`,
        p: { xs: 1.5, sm: 2.5 },
        mb: 3,
        maxWidth: '52rem',
        scrollMarginTop: '1rem',
      }}
    >
      <Typography variant="h3" id={headingId} sx={{ mb: 1 }}>
        {en ? alert.title.en : alert.title.fa}
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mb: 1.5 }}>
        <SeverityTag severity={alert.severity} />
        <AlertStatusTag status={alert.status} />
        <Box component="span" sx={{ color: colours.secondaryText, fontSize: '0.95rem', alignSelf: 'center' }}>
          {t(`monitoring.category.${alert.category}`, { defaultValue: alert.category })}
        </Box>
      </Box>
      <Typography sx={{ mb: 2, fontSize: '1.05rem' }} data-testid="alert-explanation">
        {explain(alert, rule)}
      </Typography>
      <FactList
        rows={[
          {
            key: t('monitoring.alert.basis'),
            value: (
              <span data-testid="alert-basis">{format.digits(en ? alert.basis.en : alert.basis.fa)}</span>
            ),
          },
          { key: t('monitoring.alert.openedAt'), value: format.instant(alert.openedAt) },
          alert.closedAt
            ? { key: t('monitoring.alert.closedAt'), value: format.instant(alert.closedAt) }
            : null,
        ]}
      />
      <Typography variant="body2" sx={{ mt: 1, color: alert.stillFound ? colours.text : colours.green }}>
        {t(alert.stillFound ? 'monitoring.alert.stillFound' : 'monitoring.alert.notFound', {
          date: format.instant(alert.lastSeenAt),
        })}
      </Typography>

      <Typography variant="h4" sx={{ fontSize: '1rem', fontWeight: 700, mt: 2.5, mb: 1 }}>
        {t('monitoring.alert.evidence')}
      </Typography>
      {hasEvidence && <EvidenceRows legalId={legalId} evidence={ev} />}
      {ev.entries.length === 0 && (
        <Typography variant="body2" sx={{ color: colours.secondaryText, mt: hasEvidence ? 1 : 0 }}>
          {t('monitoring.alert.noEntries')}
        </Typography>
      )}

      <Typography variant="h4" sx={{ fontSize: '1rem', fontWeight: 700, mt: 2.5, mb: 1 }}>
        {t('monitoring.alert.history')}
      </Typography>
      <Box
        component="ol"
        data-testid="alert-history"
        sx={{
          listStyle: 'none',
          m: 0,
          p: 0,
          '& > li': { borderInlineStart: `3px solid ${colours.border}`, paddingInlineStart: 1.5, pb: 0.5 },
        }}
      >
        {history.map(({ event, index, key }) => (
          <Box component="li" key={key} sx={{ mb: 1 }} data-action={event.action}>
            <Box component="span" sx={{ fontWeight: 700 }}>
              {t(`monitoring.alert.events.${event.action}`, { defaultValue: event.action })}
            </Box>
            {' — '}
            {event.by ? t('monitoring.alert.by', { name: event.by }) : t('monitoring.alert.system')}
            {en ? ', ' : '، '}
            {format.instant(event.at)}
            {index !== undefined && (
              <Box component="span" sx={{ display: 'block' }}>
                <Link component={RouterLink} to={ledgerEntryLink(legalId, index)} data-testid="history-entry">
                  {t('monitoring.alert.inLedger', { n: format.number(index) })}
                </Link>
              </Box>
            )}
            {event.text && (
              <Box
                component="blockquote"
                sx={{
                  m: 0,
                  mt: 0.5,
                  py: 0.5,
                  paddingInlineStart: 1.5,
                  borderInlineStart: `4px solid ${colours.border}`,
                  whiteSpace: 'pre-wrap',
                }}
              >
                <bdi>{format.digits(event.text)}</bdi>
              </Box>
            )}
          </Box>
        ))}
      </Box>

      {done && <DoneNotice legalId={legalId} done={done} />}
      {alert.status === 'open' && mayAnswer(access) && (
        <TransitionForm legalId={legalId} alert={alert} kind="answer" onDone={onDone} />
      )}
      {(alert.status === 'open' || alert.status === 'answered') && mayClose(access) && (
        <TransitionForm legalId={legalId} alert={alert} kind="close" onDone={onDone} />
      )}
    </Box>
  );
}

/** What was just recorded, and its ledger entry; takes focus when it appears. */
function DoneNotice({ legalId, done }: { legalId: string; done: Done }) {
  const { t } = useTranslation();
  const format = useFormat();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'center' });
    ref.current?.focus({ preventScroll: true });
  }, []);
  const text =
    done.action === 'answer'
      ? t('monitoring.answer.done')
      : done.action === 'resolve'
        ? t('monitoring.close.doneResolved')
        : t('monitoring.close.doneDismissed');

  return (
    <Box
      ref={ref}
      tabIndex={-1}
      role="status"
      data-testid="transition-done"
      data-index={done.index}
      sx={{
        mt: 2,
        p: 1.5,
        border: `4px solid ${colours.green}`,
        '&:focus': { outline: `3px solid ${colours.focus}` },
      }}
    >
      <Typography sx={{ fontWeight: 700, color: colours.green }}>{text}</Typography>
      <Link component={RouterLink} to={ledgerEntryLink(legalId, done.index)} data-testid="done-ledger-link">
        {t('monitoring.form.toLedger', { n: format.number(done.index) })}
      </Link>
    </Box>
  );
}

/**
 * The board's answer (one text) or the inspector's decision (a reason, then «رفع شد» or
 * «رد هشدار»), behind a button so a long list stays readable. Every bad field is shown at the
 * field; a transition no longer allowed (409) says why, in the server's words.
 */
function TransitionForm({
  legalId,
  alert,
  kind,
  onDone,
}: {
  legalId: string;
  alert: MonitoringAlert;
  kind: 'answer' | 'close';
  onDone: (done: Done) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fa';
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const fieldId = `alert-${alert.id}-${kind}`;
  const formId = `${fieldId}-form`;
  const mutation = useMutation({
    // A transition no longer allowed (someone else acted first): show the alert as it is now.
    onError: (error) => {
      if (error instanceof ApiProblem && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: [PRIVATE, 'alerts', legalId] });
      }
    },
    mutationFn: (action: AlertAction) =>
      sendJson<AlertTransitioned>('POST', transitionPath(legalId, alert.id, action), { text }).then(
        (answer) => ({ action, answer }),
      ),
    onSuccess: async ({ action, answer }) => {
      onDone({ alertId: alert.id, action, index: answer.entry.index });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [PRIVATE, 'alerts', legalId] }),
        queryClient.invalidateQueries({ queryKey: [PRIVATE, 'alert-entries', legalId] }),
        queryClient.invalidateQueries({ queryKey: [PRIVATE, 'ledger-entries', legalId] }),
        queryClient.invalidateQueries({ queryKey: ['ledger', legalId] }),
      ]);
    },
  });
  const fieldRef = useRef<HTMLDivElement>(null);
  // Cancelling puts focus back on the button that opened the form.
  const toggleRef = useRef<HTMLButtonElement>(null);
  const [returning, setReturning] = useState(false);
  useEffect(() => {
    if (open || !returning) return;
    toggleRef.current?.focus();
    setReturning(false);
  }, [open, returning]);
  useEffect(() => {
    if (open) fieldRef.current?.querySelector('textarea')?.focus();
  }, [open]);
  const error = mutation.error;
  const fieldError = isFieldProblem(error)
    ? text.trim() === ''
      ? t(kind === 'answer' ? 'monitoring.answer.required' : 'monitoring.close.required')
      : (error.fields.find((f) => f.path === 'text')?.message[language] ?? error.messages[language])
    : undefined;
  useEffect(() => {
    if (fieldError) fieldRef.current?.querySelector('textarea')?.focus();
  }, [fieldError]);
  const general =
    error && !fieldError
      ? error instanceof ApiProblem && error.status === 403
        ? t('monitoring.form.forbidden')
        : error instanceof ApiProblem && error.status === 409
          ? error.messages[language]
          : t('monitoring.form.failed')
      : null;
  const toggle = kind === 'answer' ? t('monitoring.answer.toggle') : t('monitoring.close.toggle');

  if (!open) {
    return (
      <Box sx={{ mt: 2 }}>
        <SecondaryButton
          ref={toggleRef}
          aria-expanded={false}
          aria-controls={formId}
          data-testid={`${kind}-toggle`}
          onClick={() => setOpen(true)}
        >
          {toggle}
        </SecondaryButton>
      </Box>
    );
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const action = (submitter?.value ?? (kind === 'answer' ? 'answer' : 'resolve')) as AlertAction;
    mutation.mutate(action);
  };

  return (
    <Box
      component="form"
      id={formId}
      noValidate
      onSubmit={submit}
      aria-labelledby={`${formId}-title`}
      data-testid={`${kind}-form`}
      sx={{ mt: 2, p: { xs: 1.5, sm: 2 }, backgroundColor: colours.panel }}
    >
      <Typography variant="h4" id={`${formId}-title`} sx={{ fontSize: '1.05rem', fontWeight: 700, mb: 1.5 }}>
        {kind === 'answer' ? t('monitoring.answer.title') : t('monitoring.close.title')}
      </Typography>
      {kind === 'close' && alert.stillFound && (
        <Typography variant="body2" sx={{ mb: 1.5 }}>
          {t('monitoring.close.stillFound')}
        </Typography>
      )}
      {general && (
        <Typography
          role="alert"
          sx={{ color: colours.red, fontWeight: 700, mb: 1.5 }}
          data-testid="transition-error"
        >
          {general}
        </Typography>
      )}
      <Box ref={fieldRef}>
        <TextInput
          id={fieldId}
          name="text"
          label={kind === 'answer' ? t('monitoring.answer.label') : t('monitoring.close.label')}
          hint={kind === 'answer' ? t('monitoring.answer.hint') : t('monitoring.close.hint')}
          value={text}
          onChange={setText}
          multiline
          rows={4}
          error={fieldError}
        />
      </Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 2 }}>
        {kind === 'answer' ? (
          <PrimaryButton value="answer" disabled={mutation.isPending} data-testid="answer-submit">
            {t('monitoring.answer.submit')}
          </PrimaryButton>
        ) : (
          <>
            <PrimaryButton value="resolve" disabled={mutation.isPending} data-testid="resolve-submit">
              {t('monitoring.close.resolve')}
            </PrimaryButton>
            <SecondaryButton
              type="submit"
              value="dismiss"
              disabled={mutation.isPending}
              data-testid="dismiss-submit"
            >
              {t('monitoring.close.dismiss')}
            </SecondaryButton>
          </>
        )}
        <Link
          component="button"
          type="button"
          onClick={() => {
            setOpen(false);
            setReturning(true);
            mutation.reset();
          }}
          sx={{ font: 'inherit' }}
        >
          {t('monitoring.form.cancel')}
        </Link>
      </Box>
    </Box>
  );
}

import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Link as RouterLink, useLocation, useNavigate, useParams } from 'react-router';
import { ApiProblem, isUnauthorized } from '../api/client.ts';
import { PRIVATE } from '../api/session.ts';
import { colours } from '../app/theme.ts';
import { BackLink } from '../components/BackLink.tsx';
import { PrimaryButton, WarningButton } from '../components/Buttons.tsx';
import { TextInput } from '../components/FormFields.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { InsetText, SuccessBanner } from '../components/Panel.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { useFormat } from '../format/use-format.ts';
import { SignInAgain } from '../pages/RequireSignIn.tsx';
import { AnswersList } from './AnswersList.tsx';
import { act, downloads } from './api.ts';
import { documentsComplete, locate, sectionComplete, sectionStart } from './model.ts';
import {
  Caption,
  CertificateLinks,
  History,
  NextSteps,
  type Problem,
  ProblemSummary,
  RegisteredBanner,
  RequestStatusTag,
  TrackingCode,
  useBilingual,
} from './parts.tsx';
import { problemLine } from './problems.ts';
import type { RequestView, Service } from './types.ts';
import { WithRequest } from './WithRequest.tsx';

const OPEN = ['submitted', 'under_review', 'more_info', 'awaiting_approval'];

/**
 * /requests/:code — a draft's task list (GOV.UK: sections with their status, the documents,
 * then «بررسی و ارسال»), or, once submitted, the request's page: status, tracking code, due date,
 * what happens next, the history, the answers and documents, the certificate when issued; the
 * office's question and the reply form when it asked for more; and «انصراف از درخواست».
 */
export function RequestPage() {
  const { code = '' } = useParams();

  return (
    <WithRequest code={code}>
      {(request, service) =>
        request.status.code === 'draft' && request.viewer === 'applicant' ? (
          <TaskList request={request} service={service} />
        ) : (
          <RequestDetails request={request} service={service} />
        )
      }
    </WithRequest>
  );
}

function TaskStatus({ complete }: { complete: boolean }) {
  const { t } = useTranslation();
  return complete ? (
    <Box component="span" data-testid="task-status" sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}>
      {t('services.tasks.complete')}
    </Box>
  ) : (
    <StatusTag tone="blue" testId="task-status">
      {t('services.tasks.incomplete')}
    </StatusTag>
  );
}

function Task({ to, label, complete, id }: { to: string; label: string; complete: boolean; id: string }) {
  return (
    <Box
      component="li"
      data-testid="task"
      data-task={id}
      data-complete={complete ? 'true' : 'false'}
      sx={{
        display: 'flex',
        flexWrap: 'wrap',
        justifyContent: 'space-between',
        alignItems: 'baseline',
        gap: 1,
        borderBottom: `1px solid ${colours.border}`,
        py: 1.5,
      }}
    >
      <Link component={RouterLink} to={to} aria-describedby={`task-${id}-status`}>
        {label}
      </Link>
      <Box component="span" id={`task-${id}-status`}>
        <TaskStatus complete={complete} />
      </Box>
    </Box>
  );
}

function TaskList({ request, service }: { request: RequestView; service: Service }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useBilingual();
  const code = request.trackingCode;
  const tasks = [
    ...service.sections.map((s) => ({
      id: s.id,
      label: text(s.title),
      to: sectionStart(code, s, request.answers),
      complete: sectionComplete(s, request.answers),
    })),
    ...(service.documents.length > 0
      ? [
          {
            id: 'documents',
            label: t('services.documents.title'),
            to: `/requests/${code}/documents`,
            complete: documentsComplete(service, request.documents),
          },
        ]
      : []),
  ];
  const done = tasks.filter((task) => task.complete).length;
  const title = text(service.title);

  return (
    <Box sx={{ maxWidth: '44rem' }}>
      <PageTitle title={title} />
      <BackLink to="/me/requests" label={t('services.mine.title')} />
      <RegisteredBanner />
      <Caption>{t('services.tasks.caption')}</Caption>
      <Typography variant="h1" sx={{ mb: 2 }}>
        {title}
      </Typography>
      <InsetText testId="draft-code">
        <p>
          {t('services.tasks.code')} <TrackingCode code={code} />
        </p>
        <p>{t('services.tasks.saved')}</p>
      </InsetText>
      <Typography variant="h2" sx={{ fontSize: '1.2rem', mb: 1 }} data-testid="tasks-done">
        {done === tasks.length
          ? t('services.tasks.allDone')
          : t('services.tasks.done', { done: format.number(done), total: format.number(tasks.length) })}
      </Typography>
      <Box component="ol" data-testid="tasks" sx={{ listStyle: 'none', m: 0, p: 0, mb: 4 }}>
        {tasks.map((task) => (
          <Task key={task.id} {...task} />
        ))}
      </Box>
      <Typography variant="h2" sx={{ mb: 1 }}>
        {t('services.tasks.sendTitle')}
      </Typography>
      <Typography sx={{ mb: 2 }}>{t('services.tasks.sendText')}</Typography>
      <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }}>
        <Box component="li" sx={{ borderBottom: `1px solid ${colours.border}`, py: 1.5 }}>
          <Link component={RouterLink} to={`/requests/${code}/check`} data-testid="check-link">
            {t('services.tasks.check')}
          </Link>
        </Box>
      </Box>
    </Box>
  );
}

function RequestDetails({ request, service }: { request: RequestView; service: Service }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useBilingual();
  const location = useLocation();
  const done = (location.state as { done?: string } | null)?.done;
  const code = request.trackingCode;
  const open = OPEN.includes(request.status.code);
  const applicant = request.viewer === 'applicant';
  const title = text(request.service.title);
  const legalId = typeof request.result?.legalId === 'string' ? request.result.legalId : null;
  const cooperativeId =
    typeof request.result?.cooperativeId === 'number' ? request.result.cooperativeId : null;

  const facts = [
    { key: t('services.request.trackingCode'), value: <TrackingCode code={code} /> },
    { key: t('services.request.status'), value: <RequestStatusTag status={request.status} /> },
    ...(request.subject
      ? [{ key: t('services.request.subject'), value: format.digits(request.subject) }]
      : []),
    ...(request.submittedAt
      ? [{ key: t('services.request.submittedAt'), value: format.instant(request.submittedAt) }]
      : []),
    ...(request.dueOn && open
      ? [
          {
            key: t('services.request.dueOn'),
            value: (
              <>
                {format.date(request.dueOn)} <DaysLeft request={request} />
              </>
            ),
          },
        ]
      : []),
    ...(request.decidedAt
      ? [{ key: t('services.request.decidedAt'), value: format.instant(request.decidedAt) }]
      : []),
  ];

  return (
    <Box sx={{ maxWidth: '48rem' }}>
      <PageTitle title={title} />
      <BackLink to="/me/requests" label={t('services.mine.title')} />
      {done === 'replied' && (
        <SuccessBanner title={t('services.reply.doneTitle')}>{t('services.reply.done')}</SuccessBanner>
      )}
      {done === 'withdrawn' && (
        <SuccessBanner title={t('services.withdraw.doneTitle')}>{t('services.withdraw.done')}</SuccessBanner>
      )}
      <Caption>{t('services.request.caption')}</Caption>
      <Typography variant="h1" sx={{ mb: 3 }}>
        {title}
      </Typography>
      <SummaryList rows={facts} />

      {applicant && request.actions.includes('reply') && <Reply request={request} service={service} />}

      {request.certificate && <CertificateLinks certificate={request.certificate} />}

      {(legalId || cooperativeId) && request.status.code === 'approved' && service.id === 'formation' && (
        <InsetText>
          <p>
            <Link component={RouterLink} to={`/cooperatives/${legalId ?? cooperativeId}`}>
              {t('services.request.cooperativeLink')}
            </Link>
          </p>
        </InsetText>
      )}

      {open && (
        <Box component="section" aria-labelledby="next-title" sx={{ mb: 4 }}>
          <Typography variant="h2" id="next-title" sx={{ mb: 1 }}>
            {t('services.start.nextTitle')}
          </Typography>
          <NextSteps steps={request.nextSteps} />
        </Box>
      )}

      {request.submittedAt && (
        <Typography sx={{ mb: 4 }}>
          <Link href={downloads.receipt(code)} download data-testid="receipt-link">
            {t('services.confirmation.receipt')}
          </Link>
        </Typography>
      )}

      <Box component="section" aria-labelledby="history-title">
        <Typography variant="h2" id="history-title" sx={{ mb: 2 }}>
          {t('services.history.title')}
        </Typography>
        <History events={request.events} />
      </Box>

      {request.status.code !== 'more_info' && (
        <Box component="section" aria-labelledby="answers-title" sx={{ mb: 2 }}>
          <Typography variant="h2" id="answers-title" sx={{ mb: 2 }}>
            {applicant ? t('services.request.yourAnswers') : t('services.request.answers')}
          </Typography>
          <AnswersList request={request} service={service} editable={false} headingLevel="h3" />
        </Box>
      )}

      {applicant && request.actions.includes('withdraw') && (
        <Box component="section" aria-labelledby="withdraw-title" sx={{ mt: 2 }}>
          <Typography variant="h2" id="withdraw-title" sx={{ mb: 1 }}>
            {t('services.withdraw.button')}
          </Typography>
          <Typography sx={{ mb: 2 }}>{t('services.withdraw.lead')}</Typography>
          <Link component={RouterLink} to={`/requests/${code}/withdraw`} data-testid="withdraw-link">
            {t('services.withdraw.button')}
          </Link>
        </Box>
      )}
    </Box>
  );
}

/** «۱۲ روز مانده», «امروز» or «مهلت گذشته» beside the due date; nothing while the clock is stopped. */
function DaysLeft({ request }: { request: RequestView }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (request.status.code === 'more_info') {
    return <StatusTag tone="grey">{t('services.request.paused')}</StatusTag>;
  }
  if (request.overdue) return <StatusTag tone="red">{t('services.request.overdue')}</StatusTag>;
  if (request.daysLeft === null) return null;
  if (request.daysLeft === 0) return <StatusTag tone="orange">{t('services.request.dueToday')}</StatusTag>;
  return (
    <StatusTag tone="blue">
      {t('services.request.daysLeft', { count: request.daysLeft, n: format.number(request.daysLeft) })}
    </StatusTag>
  );
}

/**
 * The office asked for more: its question, the answers and documents with «تغییر» links (back
 * here when saved), and the reply. The server checks the whole request again with the reply;
 * each problem links to where it is fixed.
 */
function Reply({ request, service }: { request: RequestView; service: Service }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [replyText, setReplyText] = useState('');
  const code = request.trackingCode;
  const asked = [...request.events].reverse().find((e) => e.action === 'ask');
  const reply = useMutation({
    mutationFn: (body: string) => act(code, 'reply', body),
    onSuccess: () => {
      // Said first: once the request is asked for again, this form (and its navigate) is gone.
      navigate(`/requests/${code}`, { replace: true, state: { done: 'replied' } });
      void queryClient.invalidateQueries({ queryKey: [PRIVATE] });
    },
  });
  if (isUnauthorized(reply.error)) return <SignInAgain />;
  const problem = reply.error instanceof ApiProblem ? reply.error : null;
  const located = (problem?.fields ?? []).map((f) => locate(service, f));
  const textError = located.find((l) => l.path === 'text');
  const problems: Problem[] = problem
    ? located.length > 0
      ? located.map((l) => problemLine(t, format.language, l, code, service))
      : [{ text: problem.messages[format.language] }]
    : [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reply.mutate(replyText);
  };

  return (
    <Box component="section" aria-labelledby="reply-title" data-testid="reply" sx={{ mb: 5 }}>
      {problems.length > 0 && <ProblemSummary key={reply.submittedAt} problems={problems} />}
      <Typography variant="h2" id="reply-title" sx={{ mb: 1 }}>
        {t('services.reply.title')}
      </Typography>
      {asked && (
        <InsetText testId="office-question">
          <p style={{ whiteSpace: 'pre-line' }}>{asked.text}</p>
          <p>
            <Box component="span" sx={{ color: colours.secondaryText, fontSize: '0.95rem' }}>
              {asked.by?.name ?? t('services.history.byOffice')} · {format.instant(asked.at)}
            </Box>
          </p>
        </InsetText>
      )}
      <Typography sx={{ mb: 3 }}>{t('services.reply.lead')}</Typography>
      <AnswersList request={request} service={service} editable headingLevel="h3" problems={located} />
      <Box component="form" noValidate onSubmit={submit} data-testid="reply-form">
        <TextInput
          id="field-text"
          name="text"
          label={t('services.reply.label')}
          hint={t('services.reply.hint')}
          error={textError ? textError.problem.message[format.language] : undefined}
          value={replyText}
          onChange={setReplyText}
          multiline
          rows={5}
        />
        <PrimaryButton disabled={reply.isPending}>{t('services.reply.submit')}</PrimaryButton>
      </Box>
    </Box>
  );
}

/**
 * /requests/:code/withdraw — «انصراف از درخواست» asked once more (GOV.UK: a page of its own for
 * an action that cannot be undone), then back to the request with the outcome.
 */
export function WithdrawPage() {
  const { code = '' } = useParams();
  return <WithRequest code={code}>{(request) => <Withdraw request={request} />}</WithRequest>;
}

function Withdraw({ request }: { request: RequestView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useBilingual();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const code = request.trackingCode;
  const withdraw = useMutation({
    mutationFn: () => act(code, 'withdraw'),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [PRIVATE] });
      navigate(`/requests/${code}`, { replace: true, state: { done: 'withdrawn' } });
    },
  });
  if (isUnauthorized(withdraw.error)) return <SignInAgain />;
  if (!request.actions.includes('withdraw') && !withdraw.isPending && !withdraw.isSuccess) {
    return <Navigate to={`/requests/${code}`} replace />;
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    withdraw.mutate();
  };
  const failed = withdraw.error instanceof ApiProblem ? withdraw.error.messages[format.language] : null;

  return (
    <Box sx={{ maxWidth: '40rem' }}>
      <PageTitle title={t('services.withdraw.title')} error={Boolean(failed)} />
      <BackLink to={`/requests/${code}`} />
      {failed && <ProblemSummary key={withdraw.submittedAt} problems={[{ text: failed }]} />}
      <Caption>{text(request.service.title)}</Caption>
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t('services.withdraw.title')}
      </Typography>
      <Typography sx={{ mb: 1 }}>
        {t('services.request.trackingCode')}: <TrackingCode code={code} />
      </Typography>
      <Box
        sx={{ display: 'flex', gap: 2, alignItems: 'center', my: 3, fontWeight: 700 }}
        data-testid="withdraw-warning"
      >
        <Box
          component="span"
          aria-hidden="true"
          sx={{
            flex: '0 0 auto',
            width: 34,
            height: 34,
            borderRadius: '50%',
            backgroundColor: colours.text,
            color: '#fff',
            display: 'inline-flex',
            alignItems: 'center',
            justifyContent: 'center',
            fontSize: '1.4rem',
          }}
        >
          !
        </Box>
        <span>{t('services.withdraw.warning')}</span>
      </Box>
      <Box
        component="form"
        noValidate
        onSubmit={submit}
        sx={{ display: 'flex', flexWrap: 'wrap', gap: 3, alignItems: 'center' }}
      >
        <WarningButton type="submit" disabled={withdraw.isPending} data-testid="withdraw-confirm">
          {t('services.withdraw.confirm')}
        </WarningButton>
        <Link component={RouterLink} to={`/requests/${code}`}>
          {t('services.withdraw.cancel')}
        </Link>
      </Box>
    </Box>
  );
}

import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router';
import { ApiProblem, isUnauthorized } from '../api/client.ts';
import { PRIVATE } from '../api/session.ts';
import { BackLink } from '../components/BackLink.tsx';
import { PrimaryButton } from '../components/Buttons.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { useFormat } from '../format/use-format.ts';
import { SignInAgain } from '../pages/RequireSignIn.tsx';
import { AnswersList } from './AnswersList.tsx';
import { submitRequest } from './api.ts';
import { locate } from './model.ts';
import { Caption, type Problem, ProblemSummary, useBilingual } from './parts.tsx';
import { problemLine } from './problems.ts';
import type { RequestView, Service } from './types.ts';
import { WithRequest } from './WithRequest.tsx';

/**
 * /requests/:code/check — GOV.UK's "check your answers": every answer and document with a
 * «تغییر» link back to its page, then «ارسال درخواست». The server checks everything at once;
 * every problem is listed in the error summary, linked to the page that fixes it, and shown
 * beside its answer.
 */
export function CheckPage() {
  const { code = '' } = useParams();
  // Sent: on to the confirmation (before the request, asked for again, stops being a draft here).
  const [sent, setSent] = useState(false);
  if (sent) return <Navigate to={`/requests/${code}/confirmation`} replace />;

  return (
    <WithRequest code={code}>
      {(request, service) =>
        request.status.code === 'draft' && request.viewer === 'applicant' ? (
          <Check request={request} service={service} onSent={() => setSent(true)} />
        ) : (
          <Navigate to={`/requests/${request.trackingCode}`} replace />
        )
      }
    </WithRequest>
  );
}

function Check({ request, service, onSent }: { request: RequestView; service: Service; onSent: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useBilingual();
  const queryClient = useQueryClient();
  const code = request.trackingCode;
  const submit = useMutation({
    mutationFn: () => submitRequest(code),
    onSuccess: () => {
      onSent();
      void queryClient.invalidateQueries({ queryKey: [PRIVATE] });
    },
  });
  if (isUnauthorized(submit.error)) return <SignInAgain />;
  const problem = submit.error instanceof ApiProblem ? submit.error : null;
  const located = (problem?.fields ?? []).map((f) => locate(service, f));
  const problems: Problem[] = problem
    ? located.length > 0
      ? located.map((l) => problemLine(t, format.language, l, code, service, 'check'))
      : [{ text: problem.messages[format.language] }]
    : [];
  const send = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate();
  };

  return (
    <Box sx={{ maxWidth: '48rem' }}>
      <PageTitle title={t('services.check.title')} error={problems.length > 0} />
      <BackLink to={`/requests/${code}`} label={t('services.question.toTasks')} />
      {problems.length > 0 && <ProblemSummary key={submit.submittedAt} problems={problems} />}
      <Caption>{text(service.title)}</Caption>
      <Typography variant="h1" sx={{ mb: 4 }}>
        {t('services.check.title')}
      </Typography>
      <AnswersList request={request} service={service} editable returnTo="check" problems={located} />
      <Box component="form" noValidate onSubmit={send} data-testid="submit-form" sx={{ mt: 2 }}>
        <Typography variant="h2" sx={{ mb: 1 }}>
          {t('services.check.sendTitle')}
        </Typography>
        <Typography sx={{ mb: 3 }}>{t('services.check.declaration')}</Typography>
        <PrimaryButton disabled={submit.isPending || submit.isSuccess} data-testid="submit">
          {t('services.check.submit')}
        </PrimaryButton>
      </Box>
    </Box>
  );
}

import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { sendJson } from '../api/client.ts';
import { afterSignIn, safeNext } from '../api/session.ts';
import type { Challenge } from '../api/types.ts';
import { BackLink } from '../components/BackLink.tsx';
import { PrimaryButton } from '../components/Buttons.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { TextInput } from '../components/FormFields.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { InsetText } from '../components/Panel.tsx';
import { useFormErrors } from '../components/use-form-errors.ts';
import { ltr } from '../format/format.ts';
import { useFormat } from '../format/use-format.ts';
import { RegisterLink } from '../services/nav.tsx';
import { endFlow, flowFor, homeOf, startFlow } from './auth-flow.ts';

const narrow = { maxWidth: '36rem' } as const;

/** Sign in, step 1: national code and password on one page (GOV.UK's sign-in exception). */
export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [nationalCode, setNationalCode] = useState(flowFor('sign-in')?.nationalCode ?? '');
  const [password, setPassword] = useState('');
  const start = useMutation({
    mutationFn: (body: { nationalCode: string; password: string }) =>
      sendJson<Challenge>('POST', '/auth/sign-in', body),
    onSuccess: (challenge) => {
      startFlow('sign-in', nationalCode, challenge, next);
      navigate('/sign-in/code');
    },
    // A password is never shown again after a failed try.
    onError: () => setPassword(''),
  });
  const errors = useFormErrors(
    start.error,
    { nationalCode: 'field-nationalCode', password: 'field-password' },
    {
      values: start.variables,
      labels: { nationalCode: t('auth.nationalCode'), password: t('auth.password') },
      generalFieldId: 'field-nationalCode',
      authForm: true,
    },
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate({ nationalCode, password });
  };

  return (
    <Box sx={narrow}>
      <PageTitle title={t('auth.signInTitle')} error={errors.shown} />
      {errors.shown && <ErrorSummary key={start.submittedAt} errors={errors.items} />}
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t('auth.signInTitle')}
      </Typography>
      <Typography sx={{ mb: 3 }}>{t('auth.signInLead')}</Typography>
      <Box component="form" noValidate onSubmit={submit} data-testid="sign-in-form">
        <TextInput
          id="field-nationalCode"
          name="nationalCode"
          label={t('auth.nationalCode')}
          hint={t('auth.nationalCodeHint')}
          error={errors.of('nationalCode')}
          value={nationalCode}
          onChange={setNationalCode}
          autoComplete="username"
          inputMode="numeric"
          width="16em"
        />
        <TextInput
          id="field-password"
          name="password"
          type="password"
          label={t('auth.password')}
          error={errors.of('password')}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          width="24em"
        />
        <PrimaryButton disabled={start.isPending}>{t('forms.continue')}</PrimaryButton>
      </Box>
      <Typography variant="h2" sx={{ mt: 5, mb: 1 }}>
        {t('auth.noAccountTitle')}
      </Typography>
      <Typography sx={{ mb: 1 }}>{t('auth.noAccountText')}</Typography>
      <Link component={RouterLink} to="/activate">
        {t('auth.activateLink')}
      </Link>
      <RegisterLink next={next} />
      <Typography variant="h2" sx={{ mt: 4, mb: 1 }}>
        {t('auth.forgotTitle')}
      </Typography>
      <Link component={RouterLink} to="/recover">
        {t('auth.recoverLink')}
      </Link>
    </Box>
  );
}

/** The code page of every journey: the masked mobile (if the server named it) and when the code dies. */
export function CodeSent({
  sentTo,
  expiresAt,
  message,
}: {
  sentTo?: string;
  expiresAt: string;
  message?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();

  return (
    <InsetText testId="code-sent">
      <p>{sentTo ? t('auth.codeSentTo', { mobile: ltr(format.digits(sentTo)) }) : message}</p>
      <p>{t('auth.codeExpires', { time: format.time(expiresAt) })}</p>
    </InsetText>
  );
}

/** The six-digit code field (any digits: the server reads Persian ones too). */
export function CodeInput({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();

  return (
    <TextInput
      id="field-code"
      name="code"
      label={t('auth.code')}
      hint={t('auth.codeHint')}
      error={error}
      value={value}
      onChange={onChange}
      autoComplete="one-time-code"
      inputMode="numeric"
      width="10em"
    />
  );
}

/** Sign in, step 2: the six digits sent by SMS. Then the person's own first page. */
export function SignInCodePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Read once: the journey ends (endFlow) as this page hands over to the next one.
  const [flow] = useState(() => flowFor('sign-in'));
  const [code, setCode] = useState('');
  const verify = useMutation({
    mutationFn: (body: { challengeId: string; code: string }) =>
      sendJson('POST', '/auth/sign-in/verify', body),
    onSuccess: async () => {
      const me = await afterSignIn(queryClient);
      const next = flow?.next ?? homeOf(me);
      endFlow();
      navigate(next, { replace: true });
    },
  });
  const errors = useFormErrors(
    verify.error,
    { code: 'field-code' },
    {
      values: verify.variables,
      labels: { code: t('auth.code') },
      generalFieldId: 'field-code',
      authForm: true,
    },
  );
  if (!flow?.challenge) return <Navigate to="/sign-in" replace />;
  const challenge = flow.challenge;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    verify.mutate({ challengeId: challenge.challengeId, code });
  };

  return (
    <Box sx={narrow}>
      <PageTitle title={t('auth.codeTitle')} error={errors.shown} />
      <BackLink to="/sign-in" />
      {errors.shown && <ErrorSummary key={verify.submittedAt} errors={errors.items} />}
      <Typography variant="h1">{t('auth.codeTitle')}</Typography>
      <CodeSent sentTo={challenge.sentTo} expiresAt={challenge.expiresAt} />
      <Box component="form" noValidate onSubmit={submit} data-testid="code-form">
        <CodeInput value={code} onChange={setCode} error={errors.of('code')} />
        <PrimaryButton disabled={verify.isPending || verify.isSuccess}>
          {t('auth.signInButton')}
        </PrimaryButton>
      </Box>
      <Typography variant="h2" sx={{ mt: 5, mb: 1, fontSize: '1.1rem' }}>
        {t('auth.noCodeTitle')}
      </Typography>
      <Typography>
        {t('auth.noCodeText')}{' '}
        <Link component={RouterLink} to="/sign-in">
          {t('auth.noCodeLink')}
        </Link>
      </Typography>
    </Box>
  );
}

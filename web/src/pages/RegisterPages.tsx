import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { ApiProblem, sendJson } from '../api/client.ts';
import { afterSignIn, safeNext } from '../api/session.ts';
import type { Challenge } from '../api/types.ts';
import { BackLink } from '../components/BackLink.tsx';
import { PrimaryButton } from '../components/Buttons.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { TextInput } from '../components/FormFields.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { useFormErrors } from '../components/use-form-errors.ts';
import { ltr } from '../format/format.ts';
import { useFormat } from '../format/use-format.ts';
import { endFlow, flowFor, startFlow, updateFlow } from './auth-flow.ts';
import { CodeInput, CodeSent } from './SignInPage.tsx';

/**
 * Registration for people not on the register yet (a founder of a new cooperative): national
 * code, name and mobile → the code sent by SMS → a password. The first step is the server's
 * POST /auth/register; the last two are activation's (POST /auth/activate/verify), so they keep
 * activation's journey in memory (auth-flow.ts) and its rules: the code is checked with the
 * password, and a refused code sends the person back to the code page with the error there.
 * Unlike activation, the journey returns to where it began (`?next=`, e.g. a service's start page).
 */
const narrow = { maxWidth: '36rem' } as const;

type Details = { nationalCode: string; firstName: string; lastName: string; mobile: string };
const FIELDS = ['nationalCode', 'firstName', 'lastName', 'mobile'] as const;

/** The mobile typed, kept beside the journey for the code page («… به ۰۹۱۲… پیامک شد»). */
let typedMobile = '';

export function RegisterStartPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [details, setDetails] = useState<Details>(() => ({
    nationalCode: flowFor('activation')?.nationalCode ?? '',
    firstName: '',
    lastName: '',
    mobile: typedMobile,
  }));
  const start = useMutation({
    mutationFn: (body: Details) => sendJson<Challenge>('POST', '/auth/register', body),
    onSuccess: (challenge, body) => {
      typedMobile = body.mobile;
      startFlow('activation', body.nationalCode, challenge, next);
      navigate('/register/code');
    },
  });
  const labels: Record<string, string> = {
    nationalCode: t('auth.nationalCode'),
    firstName: t('services.register.firstName'),
    lastName: t('services.register.lastName'),
    mobile: t('services.register.mobile'),
  };
  const errors = useFormErrors(start.error, Object.fromEntries(FIELDS.map((f) => [f, `field-${f}`])), {
    values: start.variables,
    labels,
    generalFieldId: 'field-nationalCode',
    authForm: true,
  });
  const set = (field: keyof Details) => (value: string) => setDetails((d) => ({ ...d, [field]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate(details);
  };
  const intro = t('services.register.intro', { returnObjects: true }) as string[];
  const signIn = next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';

  return (
    <Box sx={narrow}>
      <PageTitle title={t('services.register.title')} error={errors.shown} />
      <BackLink to={signIn} label={t('auth.backToSignIn')} />
      {errors.shown && <ErrorSummary key={start.submittedAt} errors={errors.items} />}
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t('services.register.title')}
      </Typography>
      {intro.map((paragraph) => (
        <Typography key={paragraph} sx={{ mb: 2 }}>
          {paragraph}
        </Typography>
      ))}
      <Typography sx={{ mb: 2 }}>
        {t('services.register.onRegister')}{' '}
        <Link component={RouterLink} to="/activate">
          {t('auth.activateLink')}
        </Link>
      </Typography>
      <Box component="form" noValidate onSubmit={submit} data-testid="register-form" sx={{ mt: 3 }}>
        <TextInput
          id="field-nationalCode"
          name="nationalCode"
          label={labels.nationalCode ?? ''}
          hint={t('auth.nationalCodeHint')}
          error={errors.of('nationalCode')}
          value={details.nationalCode}
          onChange={set('nationalCode')}
          autoComplete="username"
          inputMode="numeric"
          width="16em"
        />
        <TextInput
          id="field-firstName"
          name="firstName"
          label={labels.firstName ?? ''}
          error={errors.of('firstName')}
          value={details.firstName}
          onChange={set('firstName')}
          autoComplete="given-name"
          width="24em"
        />
        <TextInput
          id="field-lastName"
          name="lastName"
          label={labels.lastName ?? ''}
          error={errors.of('lastName')}
          value={details.lastName}
          onChange={set('lastName')}
          autoComplete="family-name"
          width="24em"
        />
        <TextInput
          id="field-mobile"
          name="mobile"
          label={labels.mobile ?? ''}
          hint={t('services.register.mobileHint')}
          error={errors.of('mobile')}
          value={details.mobile}
          onChange={set('mobile')}
          autoComplete="tel"
          inputMode="tel"
          width="16em"
        />
        <PrimaryButton disabled={start.isPending}>{t('forms.continue')}</PrimaryButton>
      </Box>
    </Box>
  );
}

export function RegisterCodePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const flow = flowFor('activation');
  const [code, setCode] = useState(flow?.code ?? '');
  // The code is checked with the password on the next page; a refused one comes back here.
  const problem = flow?.codeProblem ?? null;
  const errors = useFormErrors(
    problem,
    { code: 'field-code' },
    {
      values: { code: flow?.code },
      labels: { code: t('auth.code') },
      generalFieldId: 'field-code',
      authForm: true,
    },
  );
  if (!flow?.challenge) return <Navigate to="/register" replace />;
  const challenge = flow.challenge;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    updateFlow('activation', { code, codeProblem: null });
    navigate('/register/password');
  };

  return (
    <Box sx={narrow}>
      <PageTitle title={t('auth.codeTitle')} error={errors.shown} />
      <BackLink to={flow.next ? `/register?next=${encodeURIComponent(flow.next)}` : '/register'} />
      {errors.shown && <ErrorSummary errors={errors.items} />}
      <Typography variant="h1">{t('auth.codeTitle')}</Typography>
      <CodeSent
        expiresAt={challenge.expiresAt}
        message={t('services.register.codeSent', { mobile: ltr(format.digits(typedMobile)) })}
      />
      <Box component="form" noValidate onSubmit={submit} data-testid="code-form">
        <CodeInput value={code} onChange={setCode} error={errors.of('code')} />
        <PrimaryButton>{t('forms.continue')}</PrimaryButton>
      </Box>
    </Box>
  );
}

export function RegisterPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Read once: the journey ends (endFlow) as this page hands over to the next one.
  const [flow] = useState(() => flowFor('activation'));
  const [password, setPassword] = useState('');
  const finish = useMutation({
    mutationFn: (body: { challengeId: string; code: string; password: string }) =>
      sendJson('POST', '/auth/activate/verify', body),
    onSuccess: async () => {
      await afterSignIn(queryClient);
      const next = flow?.next ?? '/services';
      endFlow();
      typedMobile = '';
      navigate(next, { replace: true, state: { done: 'registration' } });
    },
    onError: (error) => {
      setPassword('');
      // A wrong, expired or used code: back to the code page, which shows why.
      if (error instanceof ApiProblem && error.status === 401) {
        updateFlow('activation', { codeProblem: error });
        navigate('/register/code');
      }
    },
  });
  const errors = useFormErrors(
    finish.error,
    { password: 'field-password' },
    { values: finish.variables, labels: { password: t('auth.password') }, generalFieldId: 'field-password' },
  );
  if (!flow?.challenge || flow.code === '') return <Navigate to="/register" replace />;
  const challenge = flow.challenge;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    finish.mutate({ challengeId: challenge.challengeId, code: flow.code, password });
  };

  return (
    <Box sx={narrow}>
      <PageTitle title={t('activation.passwordTitle')} error={errors.shown} />
      <BackLink to="/register/code" />
      {errors.shown && <ErrorSummary key={finish.submittedAt} errors={errors.items} />}
      <Box component="form" noValidate onSubmit={submit} data-testid="password-form">
        <TextInput
          id="field-password"
          name="password"
          type="password"
          label={t('activation.passwordTitle')}
          labelAsHeading
          hint={t('auth.newPasswordHint')}
          error={errors.of('password')}
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          width="24em"
        />
        <PrimaryButton disabled={finish.isPending || finish.isSuccess}>
          {t('services.register.submit')}
        </PrimaryButton>
      </Box>
    </Box>
  );
}

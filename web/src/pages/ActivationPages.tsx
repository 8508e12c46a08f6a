import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { ApiProblem, sendJson } from '../api/client.ts';
import { afterSignIn } from '../api/session.ts';
import type { Challenge } from '../api/types.ts';
import { BackLink } from '../components/BackLink.tsx';
import { PrimaryButton } from '../components/Buttons.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { TextInput } from '../components/FormFields.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { useFormErrors } from '../components/use-form-errors.ts';
import { endFlow, flowFor, homeOf, startFlow, updateFlow } from './auth-flow.ts';
import { CodeInput, CodeSent } from './SignInPage.tsx';

/**
 * Activation (a person on the register opens an account) and recovery (a new password through
 * the verified mobile) as GOV.UK question pages, one question each: national code → the code
 * sent by SMS → a new password. The server checks the code with the password, in the last step;
 * a code it refuses sends the person back to the code page with the error shown there.
 */
type Journey = 'activation' | 'recovery';

const BASE: Record<Journey, string> = { activation: '/activate', recovery: '/recover' };
const API: Record<Journey, string> = { activation: '/auth/activate', recovery: '/auth/recover' };
const narrow = { maxWidth: '36rem' } as const;

function StartPage({ journey }: { journey: Journey }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [nationalCode, setNationalCode] = useState(flowFor(journey)?.nationalCode ?? '');
  const start = useMutation({
    mutationFn: (body: { nationalCode: string }) => sendJson<Challenge>('POST', API[journey], body),
    onSuccess: (challenge) => {
      startFlow(journey, nationalCode, challenge, null);
      navigate(`${BASE[journey]}/code`);
    },
  });
  const errors = useFormErrors(
    start.error,
    { nationalCode: 'field-nationalCode' },
    {
      values: start.variables,
      labels: { nationalCode: t('auth.nationalCode') },
      generalFieldId: 'field-nationalCode',
      authForm: true,
    },
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate({ nationalCode });
  };
  const intro = t(`${journey}.intro`, { returnObjects: true }) as string[];

  return (
    <Box sx={narrow}>
      <PageTitle title={t(`${journey}.title`)} error={errors.shown} />
      <BackLink to="/sign-in" label={t('auth.backToSignIn')} />
      {errors.shown && <ErrorSummary key={start.submittedAt} errors={errors.items} />}
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t(`${journey}.title`)}
      </Typography>
      {intro.map((paragraph) => (
        <Typography key={paragraph} sx={{ mb: 2 }}>
          {paragraph}
        </Typography>
      ))}
      <Box component="form" noValidate onSubmit={submit} data-testid={`${journey}-form`} sx={{ mt: 3 }}>
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
        <PrimaryButton disabled={start.isPending}>{t('forms.continue')}</PrimaryButton>
      </Box>
    </Box>
  );
}

function CodePage({ journey }: { journey: Journey }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const flow = flowFor(journey);
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
  if (!flow?.challenge) return <Navigate to={BASE[journey]} replace />;
  const challenge = flow.challenge;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    updateFlow(journey, { code, codeProblem: null });
    navigate(`${BASE[journey]}/password`);
  };

  return (
    <Box sx={narrow}>
      <PageTitle title={t('auth.codeTitle')} error={errors.shown} />
      <BackLink to={BASE[journey]} />
      {errors.shown && <ErrorSummary errors={errors.items} />}
      <Typography variant="h1">{t('auth.codeTitle')}</Typography>
      <CodeSent
        expiresAt={challenge.expiresAt}
        message={challenge.message[i18n.language === 'en' ? 'en' : 'fa']}
      />
      <Box component="form" noValidate onSubmit={submit} data-testid="code-form">
        <CodeInput value={code} onChange={setCode} error={errors.of('code')} />
        <PrimaryButton>{t('forms.continue')}</PrimaryButton>
      </Box>
    </Box>
  );
}

function PasswordPage({ journey }: { journey: Journey }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Read once: the journey ends (endFlow) as this page hands over to the next one.
  const [flow] = useState(() => flowFor(journey));
  const [password, setPassword] = useState('');
  const finish = useMutation({
    mutationFn: (body: { challengeId: string; code: string; password: string }) =>
      sendJson('POST', `${API[journey]}/verify`, body),
    onSuccess: async () => {
      const me = await afterSignIn(queryClient);
      endFlow();
      navigate(homeOf(me), { replace: true, state: { done: journey } });
    },
    onError: (error) => {
      setPassword('');
      // A wrong, expired or used code: back to the code page, which shows why.
      if (error instanceof ApiProblem && error.status === 401) {
        updateFlow(journey, { codeProblem: error });
        navigate(`${BASE[journey]}/code`);
      }
    },
  });
  const errors = useFormErrors(
    finish.error,
    { password: 'field-password' },
    { values: finish.variables, labels: { password: t('auth.password') }, generalFieldId: 'field-password' },
  );
  if (!flow?.challenge || flow.code === '') return <Navigate to={BASE[journey]} replace />;
  const challenge = flow.challenge;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    finish.mutate({ challengeId: challenge.challengeId, code: flow.code, password });
  };

  return (
    <Box sx={narrow}>
      <PageTitle title={t(`${journey}.passwordTitle`)} error={errors.shown} />
      <BackLink to={`${BASE[journey]}/code`} />
      {errors.shown && <ErrorSummary key={finish.submittedAt} errors={errors.items} />}
      <Box component="form" noValidate onSubmit={submit} data-testid="password-form">
        <TextInput
          id="field-password"
          name="password"
          type="password"
          label={t(`${journey}.passwordTitle`)}
          labelAsHeading
          hint={t('auth.newPasswordHint')}
          error={errors.of('password')}
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          width="24em"
        />
        <PrimaryButton disabled={finish.isPending || finish.isSuccess}>
          {t(`${journey}.submit`)}
        </PrimaryButton>
      </Box>
    </Box>
  );
}

export const ActivationStartPage = () => <StartPage journey="activation" />;
export const ActivationCodePage = () => <CodePage journey="activation" />;
export const ActivationPasswordPage = () => <PasswordPage journey="activation" />;
export const RecoveryStartPage = () => <StartPage journey="recovery" />;
export const RecoveryCodePage = () => <CodePage journey="recovery" />;
export const RecoveryPasswordPage = () => <PasswordPage journey="recovery" />;

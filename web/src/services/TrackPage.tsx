import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { colours } from '../app/theme.ts';
import { BackLink } from '../components/BackLink.tsx';
import { PrimaryButton } from '../components/Buttons.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { TextInput } from '../components/FormFields.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { useFormErrors } from '../components/use-form-errors.ts';
import { useFormat } from '../format/use-format.ts';
import { trackRequest } from './api.ts';
import { History, NextSteps, RequestStatusTag, TrackingCode, useBilingual } from './parts.tsx';
import type { TrackedRequest } from './types.ts';

const OPEN = ['submitted', 'under_review', 'more_info', 'awaiting_approval'];

/**
 * /track — anyone may follow a request with its tracking code and the applicant's national code
 * (sent in a POST body, never in the address). The answer carries no names or texts: the
 * status, the dates and the steps of its history.
 */
export function TrackPage() {
  const { t } = useTranslation();
  const [trackingCode, setTrackingCode] = useState('');
  const [nationalCode, setNationalCode] = useState('');
  const track = useMutation({ mutationFn: trackRequest });
  const errors = useFormErrors(
    track.error,
    { trackingCode: 'field-trackingCode', nationalCode: 'field-nationalCode' },
    {
      values: track.variables,
      labels: { trackingCode: t('services.track.code'), nationalCode: t('auth.nationalCode') },
      generalFieldId: 'field-trackingCode',
    },
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    track.mutate({ trackingCode, nationalCode });
  };

  return (
    <Box sx={{ maxWidth: '44rem' }}>
      <PageTitle title={t('services.track.title')} error={errors.shown} />
      <BackLink to="/services" label={t('services.catalogue.title')} />
      {errors.shown && <ErrorSummary key={track.submittedAt} errors={errors.items} />}
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t('services.track.title')}
      </Typography>
      <Typography sx={{ mb: 3 }}>{t('services.track.lead')}</Typography>
      <Box component="form" noValidate onSubmit={submit} data-testid="track-form">
        <TextInput
          id="field-trackingCode"
          name="trackingCode"
          label={t('services.track.code')}
          hint={t('services.track.codeHint')}
          error={errors.of('trackingCode')}
          value={trackingCode}
          onChange={setTrackingCode}
          inputMode="numeric"
          autoComplete="off"
          width="14em"
        />
        <TextInput
          id="field-nationalCode"
          name="nationalCode"
          label={t('auth.nationalCode')}
          hint={t('services.track.nationalCodeHint')}
          error={errors.of('nationalCode')}
          value={nationalCode}
          onChange={setNationalCode}
          inputMode="numeric"
          autoComplete="off"
          width="14em"
        />
        <PrimaryButton disabled={track.isPending}>{t('services.track.submit')}</PrimaryButton>
      </Box>
      {track.data && !track.isPending && <Tracked request={track.data} />}
    </Box>
  );
}

function Tracked({ request }: { request: TrackedRequest }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useBilingual();
  const open = OPEN.includes(request.status.code);

  return (
    <Box
      component="section"
      aria-labelledby="tracked-title"
      data-testid="tracked"
      sx={{ mt: 5, borderTop: `4px solid ${colours.link}`, pt: 2 }}
    >
      <Typography variant="h2" id="tracked-title" sx={{ mb: 2 }}>
        {text(request.service.title)}
      </Typography>
      <SummaryList
        rows={[
          { key: t('services.request.trackingCode'), value: <TrackingCode code={request.trackingCode} /> },
          { key: t('services.request.status'), value: <RequestStatusTag status={request.status} /> },
          ...(request.submittedAt
            ? [{ key: t('services.request.submittedAt'), value: format.instant(request.submittedAt) }]
            : []),
          ...(request.dueOn && open
            ? [{ key: t('services.request.dueOn'), value: format.date(request.dueOn) }]
            : []),
          ...(request.decidedAt
            ? [{ key: t('services.request.decidedAt'), value: format.instant(request.decidedAt) }]
            : []),
        ]}
      />
      {open && request.nextSteps.length > 0 && (
        <>
          <Typography variant="h3" sx={{ mb: 1 }}>
            {t('services.start.nextTitle')}
          </Typography>
          <NextSteps steps={request.nextSteps} />
        </>
      )}
      <Typography variant="h3" sx={{ mb: 1 }}>
        {t('services.history.title')}
      </Typography>
      <History events={request.events} anonymous eventHeading="h4" />
    </Box>
  );
}

import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { Navigate, Link as RouterLink, useParams } from 'react-router';
import { Loading } from '../components/Loading.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Panel } from '../components/Panel.tsx';
import { useFormat } from '../format/use-format.ts';
import { downloads } from './api.ts';
import { CertificateLinks, NextSteps, TrackingCode, useBilingual } from './parts.tsx';
import type { RequestView } from './types.ts';
import { WithRequest } from './WithRequest.tsx';

/**
 * /requests/:code/confirmation — GOV.UK's confirmation page: the panel with the tracking code
 * (large, read left to right), the SMS that carries it, what happens next and by when, the
 * receipt to keep, and the ways back (my requests, tracking without signing in).
 */
export function ConfirmationPage() {
  const { code = '' } = useParams();
  return (
    <WithRequest code={code}>
      {(request, _service, fetching) =>
        request.status.code !== 'draft' ? (
          <Confirmation request={request} />
        ) : fetching ? (
          // Straight from «ارسال درخواست»: the draft held in memory is being asked for again.
          <Loading />
        ) : (
          <Navigate to={`/requests/${request.trackingCode}`} replace />
        )
      }
    </WithRequest>
  );
}

function Confirmation({ request }: { request: RequestView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useBilingual();
  const code = request.trackingCode;
  const issued = request.certificate !== null;
  const title = issued ? t('services.confirmation.issuedTitle') : t('services.confirmation.title');

  return (
    <Box sx={{ maxWidth: '44rem' }}>
      <PageTitle title={title} />
      <Panel title={title}>
        <Box component="span" sx={{ display: 'block' }}>
          {t('services.confirmation.codeLabel')}
        </Box>
        <TrackingCode code={code} large />
      </Panel>
      <Typography sx={{ mb: 2 }} data-testid="sms-sent">
        {t('services.confirmation.sms')}
      </Typography>
      <Typography sx={{ mb: 4 }}>
        {t('services.confirmation.service', { service: text(request.service.title) })}
      </Typography>

      {request.certificate && <CertificateLinks certificate={request.certificate} />}

      {!issued && (
        <Box component="section" aria-labelledby="next-title" sx={{ mb: 4 }}>
          <Typography variant="h2" id="next-title" sx={{ mb: 1 }}>
            {t('services.start.nextTitle')}
          </Typography>
          {request.dueOn && (
            <Typography sx={{ mb: 1, fontWeight: 700 }} data-testid="due-on">
              {t('services.confirmation.dueOn', { date: format.date(request.dueOn) })}
            </Typography>
          )}
          <NextSteps steps={request.nextSteps} />
        </Box>
      )}

      <Box component="ul" sx={{ m: 0, mb: 4, paddingInlineStart: 3, '& li': { mb: 1 } }}>
        <li>
          <Link href={downloads.receipt(code)} download data-testid="receipt-link">
            {t('services.confirmation.receipt')}
          </Link>
        </li>
        <li>
          <Link component={RouterLink} to={`/requests/${code}`}>
            {t('services.confirmation.view')}
          </Link>
        </li>
        <li>
          <Link component={RouterLink} to="/me/requests" data-testid="my-requests-link">
            {t('services.mine.title')}
          </Link>
        </li>
      </Box>
      <Typography variant="h2" sx={{ mb: 1, fontSize: '1.2rem' }}>
        {t('services.confirmation.trackTitle')}
      </Typography>
      <Typography>
        {t('services.confirmation.trackText')}{' '}
        <Link component={RouterLink} to="/track">
          {t('services.track.title')}
        </Link>
      </Typography>
    </Box>
  );
}

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { isUnauthorized } from '../api/client.ts';
import { colours } from '../app/theme.ts';
import { Loading } from '../components/Loading.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { useFormat } from '../format/use-format.ts';
import { SignInAgain } from '../pages/RequireSignIn.tsx';
import { myRequestsQuery } from './api.ts';
import { RequestStatusTag, TrackingCode, useBilingual } from './parts.tsx';
import type { RequestSummary } from './types.ts';

/** «درخواست‌های من»: every request of the signed-in person, newest first, each with its status. */
export function MyRequestsPage() {
  const { t } = useTranslation();
  const mine = useQuery(myRequestsQuery);
  if (isUnauthorized(mine.error)) return <SignInAgain />;

  return (
    <>
      <PageTitle title={t('services.mine.title')} />
      <Typography variant="h1" sx={{ mb: 1 }}>
        {t('services.mine.title')}
      </Typography>
      <Typography sx={{ mb: 2, color: colours.secondaryText }}>{t('services.mine.lead')}</Typography>
      <Typography sx={{ mb: 4 }}>
        <Link component={RouterLink} to="/services" sx={{ fontWeight: 700 }}>
          {t('services.mine.new')}
        </Link>
      </Typography>
      {mine.isPending && <Loading />}
      {mine.error && <Alert severity="error">{t('signedIn.loadFailed')}</Alert>}
      {mine.data && mine.data.items.length === 0 && (
        <Typography sx={{ fontWeight: 700 }} data-testid="no-requests">
          {t('services.mine.none')}
        </Typography>
      )}
      {mine.data && mine.data.items.length > 0 && (
        <Box
          component="ul"
          data-testid="my-requests"
          sx={{ listStyle: 'none', m: 0, p: 0, maxWidth: '48rem' }}
        >
          {mine.data.items.map((item) => (
            <RequestItem key={item.trackingCode} item={item} />
          ))}
        </Box>
      )}
    </>
  );
}

function RequestItem({ item }: { item: RequestSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useBilingual();
  const open = ['submitted', 'under_review', 'awaiting_approval'].includes(item.status.code);

  return (
    <Box
      component="li"
      data-testid="my-request"
      data-code={item.trackingCode}
      sx={{ borderTop: `1px solid ${colours.border}`, py: 2 }}
    >
      <Typography variant="h2" sx={{ fontSize: '1.2rem', mb: 0.5 }}>
        <Link component={RouterLink} to={`/requests/${item.trackingCode}`}>
          {text(item.service.title)}
          {item.subject ? ` — ${format.digits(item.subject)}` : ''}
        </Link>
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: 1.5, mb: 0.5 }}>
        <RequestStatusTag status={item.status} />
        {item.status.code === 'more_info' && (
          <Typography component="span" sx={{ fontWeight: 700 }}>
            {t('services.mine.yourTurn')}
          </Typography>
        )}
        {item.status.code === 'draft' && (
          <Typography component="span" variant="body2">
            {t('services.mine.continueDraft')}
          </Typography>
        )}
      </Box>
      <Typography variant="body2" component="p" sx={{ color: colours.secondaryText }}>
        {t('services.request.trackingCode')}: <TrackingCode code={item.trackingCode} />
        {' · '}
        {t('services.mine.updated', { when: format.instant(item.updatedAt) })}
      </Typography>
      {open && item.dueOn && (
        <Typography variant="body2" sx={{ color: colours.secondaryText }}>
          {t('services.mine.due', { date: format.date(item.dueOn) })}{' '}
          {item.overdue && <StatusTag tone="red">{t('services.request.overdue')}</StatusTag>}
        </Typography>
      )}
    </Box>
  );
}

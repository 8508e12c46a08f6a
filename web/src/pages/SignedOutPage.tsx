import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation } from 'react-router';
import { forgetSession } from '../api/session.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { useFormat } from '../format/use-format.ts';

/** After «خروج» or «خروج از همهٔ دستگاه‌ها»: says so, and forgets every private answer held here. */
export function SignedOutPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const location = useLocation();
  const everywhere = (location.state as { everywhere?: number } | null)?.everywhere;
  useEffect(() => forgetSession(queryClient), [queryClient]);

  return (
    <>
      <PageTitle title={t('signedOut.title')} />
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t('signedOut.title')}
      </Typography>
      {everywhere !== undefined && (
        <Typography sx={{ mb: 2 }} data-testid="sessions-ended">
          {t('signedOut.everywhere', { count: everywhere, n: format.number(everywhere) })}
        </Typography>
      )}
      <Typography sx={{ mb: 3 }}>{t('signedOut.text')}</Typography>
      <Link component={RouterLink} to="/sign-in">
        {t('signedOut.signInAgain')}
      </Link>
    </>
  );
}

import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { PageTitle } from './PageTitle.tsx';

/**
 * «اجازهٔ این کار را ندارید»: what a signed-in person sees when the server refuses them (403),
 * or when their roles plainly do not allow the page. Says what they can do instead.
 */
export function Denied({
  children,
  links,
}: {
  children?: ReactNode;
  links?: { to: string; label: string }[];
}) {
  const { t } = useTranslation();

  return (
    <Box data-testid="denied" sx={{ maxWidth: '40rem' }}>
      <PageTitle title={t('denied.title')} />
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t('denied.title')}
      </Typography>
      {children}
      <Typography sx={{ mb: 2 }}>{t('denied.help')}</Typography>
      <Box component="ul" sx={{ m: 0, paddingInlineStart: 3 }}>
        {(links ?? []).concat({ to: '/me', label: t('layout.myCooperatives') }).map((link) => (
          <li key={link.to}>
            <Link component={RouterLink} to={link.to}>
              {link.label}
            </Link>
          </li>
        ))}
      </Box>
    </Box>
  );
}

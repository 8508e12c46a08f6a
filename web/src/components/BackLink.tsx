import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { colours } from '../app/theme.ts';

/** GOV.UK's back link, at the top of a question page: an arrow that points back in reading order. */
export function BackLink({ to, label }: { to: string; label?: string }) {
  const { t, i18n } = useTranslation();
  const arrow = i18n.dir() === 'rtl' ? '→' : '←';

  return (
    <Box sx={{ mb: 3 }}>
      <Link component={RouterLink} to={to} sx={{ color: colours.text, fontSize: '0.95rem' }}>
        <Box component="span" aria-hidden="true" sx={{ marginInlineEnd: 0.5 }}>
          {arrow}
        </Box>
        {label ?? t('forms.back')}
      </Link>
    </Box>
  );
}

import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/PageTitle.tsx';

/** Shown when a page fails to load or render (for example, a chunk missing after a deployment). */
export function RouteError() {
  const { t } = useTranslation();

  return (
    <Box component="main" id="main-content" sx={{ maxWidth: '40rem', mx: 'auto', p: 3 }}>
      <PageTitle title={t('error.title')} />
      <Typography variant="h1" gutterBottom>
        {t('error.title')}
      </Typography>
      <Typography>{t('error.text')}</Typography>
    </Box>
  );
}

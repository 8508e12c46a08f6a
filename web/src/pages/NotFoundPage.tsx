import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { PageTitle } from '../components/PageTitle.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();

  return (
    <>
      <PageTitle title={t('notFound.title')} />
      <Typography variant="h1" gutterBottom>
        {t('notFound.title')}
      </Typography>
      <Typography>{t('notFound.text1')}</Typography>
      <Typography gutterBottom>{t('notFound.text2')}</Typography>
      <Link component={RouterLink} to="/">
        {t('notFound.home')}
      </Link>
    </>
  );
}

import Box from '@mui/material/Box';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router';
import { searchQuery } from '../api/queries.ts';
import { colours } from '../app/theme.ts';
import { Bidi } from '../components/Bidi.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { useFormat } from '../format/use-format.ts';
import { ServicesHomeEntry } from '../services/nav.tsx';

/** «تازه‌ترین اخبار»: a chunk of its own, loaded after the page shows (the public pages' budget). */
const LatestNews = lazy(async () => ({ default: (await import('../news/LatestNews.tsx')).LatestNews }));

/** Home: what the service is, the registry search, and the way to the open data. */
export function HomePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const register = useQuery(searchQuery('pageSize=1'));

  const search = () => {
    const params = new URLSearchParams();
    if (q.trim() !== '') params.set('q', q.trim());
    navigate({ pathname: '/search', search: params.toString() });
  };

  return (
    <>
      <PageTitle title={t('home.title')} />
      <Grid container spacing={4}>
        <Grid size={{ xs: 12, md: 8 }}>
          <Typography variant="h1" sx={{ fontSize: { xs: '2rem', md: '2.5rem' }, mb: 2 }}>
            {t('home.title')}
          </Typography>
          <Typography sx={{ fontSize: '1.15rem', mb: 3 }}>{t('home.lead')}</Typography>
          <Box sx={{ backgroundColor: colours.panel, p: { xs: 2, sm: 3 }, mb: 2 }}>
            <SearchBox
              value={q}
              onChange={setQ}
              onSubmit={search}
              label={t('home.searchLabel')}
              hint={t('home.searchHint')}
              large
            />
          </Box>
          {register.data && (
            <Typography data-testid="register-size">
              {t('home.registerSize', { n: format.number(register.data.total) })}{' '}
              <Link component={RouterLink} to="/search">
                {t('home.browseAll')}
              </Link>
            </Typography>
          )}
          <ServicesHomeEntry />
          <Suspense fallback={null}>
            <LatestNews />
          </Suspense>
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <Box
            component="section"
            aria-labelledby="what-title"
            sx={{ borderTop: `4px solid ${colours.link}`, pt: 2 }}
          >
            <Typography variant="h2" id="what-title" gutterBottom>
              {t('home.whatTitle')}
            </Typography>
            <Box component="ul" sx={{ pl: 0, pr: 0, m: 0, listStyle: 'none', '& li': { mb: 2 } }}>
              <li>
                <Link component={RouterLink} to="/search" sx={{ fontWeight: 700 }}>
                  {t('layout.search')}
                </Link>
                <Typography variant="body2">{t('home.whatSearch')}</Typography>
              </li>
              <li>
                <Typography variant="body2">{t('home.whatProfile')}</Typography>
              </li>
              <li>
                <Link component={RouterLink} to="/open-data" sx={{ fontWeight: 700 }}>
                  {t('home.openDataLink')}
                </Link>
                <Typography variant="body2">
                  <Bidi>{t('home.whatOpenData')}</Bidi>
                </Typography>
              </li>
            </Box>
          </Box>
        </Grid>
      </Grid>
    </>
  );
}

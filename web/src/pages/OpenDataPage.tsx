import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { dictionaryQuery } from '../api/queries.ts';
import { colours } from '../app/theme.ts';
import { Bidi } from '../components/Bidi.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { loadOfficeMessages } from '../i18n/i18n.ts';

const CSV_URL = '/api/v1/open-data/cooperatives.csv';
const JSON_URL = '/api/v1/open-data/cooperatives.json';
const FEED_EXAMPLE = 'GET /api/v1/stream/events?timepoint=0&limit=100';

/** The single window's statistics: a chunk of their own, with their messages (the office's). */
const ServiceStatistics = lazy(async () => {
  const [module] = await Promise.all([
    import('../services/office/ServiceStatistics.tsx'),
    loadOfficeMessages(),
  ]);
  return { default: module.ServiceStatistics };
});

/** Open data: the bulk downloads, their data dictionary and how to follow the change feed. */
export function OpenDataPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const dictionary = useQuery(dictionaryQuery);

  return (
    <Box sx={{ maxWidth: '48rem' }}>
      <PageTitle title={t('openData.title')} />
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t('openData.title')}
      </Typography>
      <Typography sx={{ fontSize: '1.15rem', mb: 4 }}>{t('openData.lead')}</Typography>

      <Box component="section" aria-labelledby="downloads" sx={{ mb: 5 }}>
        <Typography variant="h2" id="downloads" sx={{ mb: 2 }}>
          {t('openData.downloads')}
        </Typography>
        <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, '& li': { mb: 2 } }}>
          <li>
            <Link href={CSV_URL} download data-testid="download-csv" sx={{ fontWeight: 700 }}>
              <Bidi>{t('openData.csv')}</Bidi>
            </Link>
            <Typography variant="body2">{t('openData.csvHint')}</Typography>
          </li>
          <li>
            <Link href={JSON_URL} download data-testid="download-json" sx={{ fontWeight: 700 }}>
              <Bidi>{t('openData.json')}</Bidi>
            </Link>
            <Typography variant="body2">{t('openData.jsonHint')}</Typography>
          </li>
        </Box>
      </Box>

      <Suspense fallback={<Loading />}>
        <ServiceStatistics />
      </Suspense>

      <Box component="section" aria-labelledby="dictionary" sx={{ mb: 5 }}>
        <Typography variant="h2" id="dictionary" sx={{ mb: 2 }}>
          {t('openData.dictionary')}
        </Typography>
        {dictionary.isPending && <Loading />}
        {dictionary.error && <Alert severity="error">{t('openData.loadFailed')}</Alert>}
        {dictionary.data && (
          <TableContainer role="region" aria-labelledby="dictionary-caption" tabIndex={0}>
            <Table size="small" sx={{ '& caption': { captionSide: 'top', px: 0, pt: 0 } }}>
              <Box component="caption" id="dictionary-caption">
                {t('openData.dictionaryCaption')}
              </Box>
              <TableHead>
                <TableRow>
                  <TableCell>{t('openData.column')}</TableCell>
                  <TableCell>{t('openData.meaning')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody data-testid="dictionary">
                {dictionary.data.columns.map((c) => (
                  <TableRow key={c.name}>
                    <TableCell component="th" scope="row" sx={{ fontWeight: 400, verticalAlign: 'top' }}>
                      <Box
                        component="code"
                        dir="ltr"
                        sx={{ display: 'block', fontWeight: 700, wordBreak: 'break-all' }}
                      >
                        {c.name}
                      </Box>
                      <Box component="span" sx={{ fontSize: '0.85rem', color: colours.secondaryText }}>
                        {t('openData.type')}: <code dir="ltr">{c.type}</code>
                      </Box>
                    </TableCell>
                    <TableCell sx={{ verticalAlign: 'top' }}>
                      <Bidi>{en ? c.en : c.fa}</Bidi>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Box>

      <Box component="section" aria-labelledby="feed" sx={{ mb: 5 }}>
        <Typography variant="h2" id="feed" sx={{ mb: 2 }}>
          {t('openData.feed')}
        </Typography>
        <Typography sx={{ mb: 2 }}>
          <Bidi>{t('openData.feedText1')}</Bidi>
        </Typography>
        <Typography sx={{ mb: 2 }}>
          <Bidi>{t('openData.feedText2')}</Bidi>
        </Typography>
        <Typography variant="h3" sx={{ mb: 1 }}>
          {t('openData.feedExample')}
        </Typography>
        <Box
          component="pre"
          dir="ltr"
          tabIndex={0}
          sx={{ backgroundColor: colours.panel, p: 2, overflowX: 'auto', mb: 2 }}
        >
          <code>{FEED_EXAMPLE}</code>
        </Box>
        <Link href="/api/docs">
          <Bidi>{t('openData.apiDocs')}</Bidi>
        </Link>
      </Box>
    </Box>
  );
}

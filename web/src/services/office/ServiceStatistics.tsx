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
import useMediaQuery from '@mui/material/useMediaQuery';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { colours } from '../../app/theme.ts';
import { Bidi } from '../../components/Bidi.tsx';
import { Loading } from '../../components/Loading.tsx';
import { type ServiceStatistic, statisticsQuery } from './api.ts';

const STATISTICS_URL = '/api/v1/services/statistics';

const percents = {
  fa: new Intl.NumberFormat('fa-IR', { style: 'percent', maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }),
};
const decimals = {
  fa: new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};

/**
 * «آمار خدمات پنجرهٔ واحد» on the open-data page (GET /services/statistics): for each service,
 * requests submitted, open and decided, the median days to a decision and the share decided in
 * time (a Persian percent). A table on wide screens; a list of facts on phones.
 */
export function ServiceStatistics() {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fa';
  const statistics = useQuery(statisticsQuery);
  const wide = useMediaQuery((theme) => theme.breakpoints.up('sm'), { noSsr: true });
  const number = (n: number) => decimals[language].format(n);
  const title = (s: ServiceStatistic) => (language === 'en' ? s.title.en : s.title.fa);
  const median = (s: ServiceStatistic) =>
    s.medianDaysToDecision === null
      ? t('office.statistics.noDecision')
      : t('office.statistics.days', { n: number(s.medianDaysToDecision) });
  const inTime = (s: ServiceStatistic) =>
    s.decidedInTimeShare === null ? '—' : percents[language].format(s.decidedInTimeShare);

  return (
    <Box
      component="section"
      aria-labelledby="service-statistics"
      data-testid="service-statistics"
      sx={{ mb: 5 }}
    >
      <Typography variant="h2" id="service-statistics" sx={{ mb: 2 }}>
        {t('office.statistics.title')}
      </Typography>
      <Typography sx={{ mb: 2 }}>{t('office.statistics.lead')}</Typography>
      {statistics.isPending && <Loading />}
      {statistics.error && <Alert severity="error">{t('office.statistics.loadFailed')}</Alert>}
      {statistics.data &&
        (wide ? (
          <TableContainer role="region" aria-labelledby="statistics-caption" tabIndex={0}>
            <Table size="small" sx={{ '& caption': { captionSide: 'top', px: 0, pt: 0 } }}>
              <Box component="caption" id="statistics-caption">
                {t('office.statistics.caption')}
              </Box>
              <TableHead>
                <TableRow>
                  <TableCell>{t('office.statistics.service')}</TableCell>
                  <TableCell align="right">{t('office.statistics.submitted')}</TableCell>
                  <TableCell align="right">{t('office.statistics.open')}</TableCell>
                  <TableCell align="right">{t('office.statistics.decided')}</TableCell>
                  <TableCell align="right">{t('office.statistics.median')}</TableCell>
                  <TableCell align="right">{t('office.statistics.inTime')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody data-testid="statistics-rows">
                {statistics.data.items.map((s) => (
                  <TableRow key={s.serviceId} data-testid="statistics-row" data-service={s.serviceId}>
                    <TableCell component="th" scope="row" sx={{ fontWeight: 700 }}>
                      {title(s)}
                    </TableCell>
                    <TableCell align="right">{number(s.submitted)}</TableCell>
                    <TableCell align="right">{number(s.open)}</TableCell>
                    <TableCell align="right">{number(s.decided)}</TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      {median(s)}
                    </TableCell>
                    <TableCell align="right" data-testid="in-time">
                      {inTime(s)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        ) : (
          <Box
            component="ul"
            aria-label={t('office.statistics.caption')}
            data-testid="statistics-rows"
            sx={{ listStyle: 'none', m: 0, p: 0, borderTop: `1px solid ${colours.border}` }}
          >
            {statistics.data.items.map((s) => (
              <Box
                component="li"
                key={s.serviceId}
                data-testid="statistics-row"
                data-service={s.serviceId}
                sx={{ borderBottom: `1px solid ${colours.border}`, py: 1.25 }}
              >
                <Typography component="h3" sx={{ fontWeight: 700, mb: 0.5 }}>
                  {title(s)}
                </Typography>
                <Box
                  component="dl"
                  sx={{
                    m: 0,
                    display: 'grid',
                    gridTemplateColumns: 'auto 1fr',
                    columnGap: 2,
                    rowGap: 0.25,
                    fontSize: '0.95rem',
                    '& dt': { color: colours.secondaryText },
                    '& dd': { m: 0 },
                  }}
                >
                  <dt>{t('office.statistics.submitted')}</dt>
                  <dd>{number(s.submitted)}</dd>
                  <dt>{t('office.statistics.open')}</dt>
                  <dd>{number(s.open)}</dd>
                  <dt>{t('office.statistics.decided')}</dt>
                  <dd>{number(s.decided)}</dd>
                  <dt>{t('office.statistics.median')}</dt>
                  <dd>{median(s)}</dd>
                  <dt>{t('office.statistics.inTime')}</dt>
                  <dd data-testid="in-time">{inTime(s)}</dd>
                </Box>
              </Box>
            ))}
          </Box>
        ))}
      <Typography sx={{ mt: 2 }}>
        <Link href={STATISTICS_URL} data-testid="statistics-json">
          <Bidi>{t('office.statistics.json')}</Bidi>
        </Link>
      </Typography>
    </Box>
  );
}

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useSessionHint } from '../api/session.ts';
import { colours } from '../app/theme.ts';
import { Loading } from '../components/Loading.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { servicesQuery } from './api.ts';
import { RegisteredBanner, useBilingual, useTimeLimit } from './parts.tsx';
import type { ServiceGroup, ServiceSummary } from './types.ts';

/** The groups of the catalogue, in the order the page lists them. */
const GROUPS: readonly ServiceGroup[] = [
  'registration',
  'amendments',
  'filings',
  'certificates',
  'complaints',
  'other',
];

/**
 * «خدمات»: the single window's catalogue, grouped (registration, amendments, filings,
 * certificates, complaints, other), each service with what it is for and how long it takes; and
 * beside it the public ways in — track a request, check a certificate.
 */
export function CataloguePage() {
  const { t } = useTranslation();
  const services = useQuery(servicesQuery);
  const signedIn = useSessionHint();

  return (
    <>
      <PageTitle title={t('services.catalogue.title')} />
      <Grid container spacing={4}>
        <Grid size={{ xs: 12, md: 8 }}>
          <RegisteredBanner />
          <Typography variant="h1" sx={{ mb: 2 }}>
            {t('services.catalogue.title')}
          </Typography>
          <Typography sx={{ fontSize: '1.15rem', mb: 4 }}>{t('services.catalogue.lead')}</Typography>
          {services.isPending && <Loading />}
          {services.error && <Alert severity="error">{t('services.catalogue.loadFailed')}</Alert>}
          {services.data &&
            GROUPS.map((group) => {
              const items = services.data.items.filter((s) => s.group === group);
              if (items.length === 0) return null;
              return (
                <Box
                  component="section"
                  key={group}
                  aria-labelledby={`group-${group}`}
                  data-testid="service-group"
                  sx={{ mb: 5 }}
                >
                  <Typography variant="h2" id={`group-${group}`} sx={{ mb: 1 }}>
                    {t(`services.groups.${group}`)}
                  </Typography>
                  <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }}>
                    {items.map((service) => (
                      <ServiceItem key={service.id} service={service} />
                    ))}
                  </Box>
                </Box>
              );
            })}
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <Box
            component="aside"
            aria-labelledby="public-links-title"
            sx={{ borderTop: `4px solid ${colours.link}`, pt: 2 }}
          >
            <Typography variant="h2" id="public-links-title" sx={{ mb: 2 }}>
              {t('services.catalogue.followTitle')}
            </Typography>
            <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', '& li': { mb: 2 } }}>
              <li>
                <Link component={RouterLink} to="/track" sx={{ fontWeight: 700 }} data-testid="track-link">
                  {t('services.track.title')}
                </Link>
                <Typography variant="body2">{t('services.catalogue.trackText')}</Typography>
              </li>
              <li>
                <Link component={RouterLink} to="/verify" sx={{ fontWeight: 700 }} data-testid="verify-link">
                  {t('services.verify.title')}
                </Link>
                <Typography variant="body2">{t('services.catalogue.verifyText')}</Typography>
              </li>
              {signedIn && (
                <li>
                  <Link component={RouterLink} to="/me/requests" sx={{ fontWeight: 700 }}>
                    {t('services.mine.title')}
                  </Link>
                  <Typography variant="body2">{t('services.catalogue.mineText')}</Typography>
                </li>
              )}
            </Box>
          </Box>
        </Grid>
      </Grid>
    </>
  );
}

function ServiceItem({ service }: { service: ServiceSummary }) {
  const { t } = useTranslation();
  const text = useBilingual();
  const timeLimit = useTimeLimit();

  return (
    <Box component="li" data-testid="service" sx={{ borderTop: `1px solid ${colours.border}`, py: 2 }}>
      <Typography variant="h3" sx={{ mb: 0.5 }}>
        <Link component={RouterLink} to={`/services/${service.id}`}>
          {text(service.title)}
        </Link>
      </Typography>
      <Typography sx={{ mb: 0.5 }}>{text(service.summary)}</Typography>
      <Typography variant="body2" sx={{ color: colours.secondaryText }}>
        {t(`services.applicant.${service.applicant}`)} ·{' '}
        {t('services.catalogue.takes', { time: timeLimit(service.timeLimitDays) })}
      </Typography>
    </Box>
  );
}

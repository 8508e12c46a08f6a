import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Link as RouterLink, useLocation, useParams } from 'react-router';
import { ApiProblem, isUnauthorized } from '../api/client.ts';
import { PRIVATE, useSessionHint } from '../api/session.ts';
import { colours } from '../app/theme.ts';
import { BackLink } from '../components/BackLink.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { InsetText } from '../components/Panel.tsx';
import { useFormat } from '../format/use-format.ts';
import { SignInAgain } from '../pages/RequireSignIn.tsx';
import { myRequestsQuery, serviceQuery, startRequest } from './api.ts';
import { NextSteps, NotFound, RegisteredBanner, TrackingCode, useBilingual, useTimeLimit } from './parts.tsx';
import type { Service } from './types.ts';

const section = { component: 'section', sx: { mb: 4 } } as const;

/**
 * A service's GOV.UK start page: what it is, who can apply, what you need, how long it takes,
 * what happens next, and «شروع». Anyone may read it; starting asks them to sign in (or register)
 * and brings them back, through the signed-in page /services/:id/start.
 */
export function ServiceStartPage() {
  const { serviceId = '' } = useParams();
  const { t } = useTranslation();
  const service = useQuery(serviceQuery(serviceId));

  if (service.isPending) return <Loading />;
  if (service.error instanceof ApiProblem && service.error.status === 404) {
    return (
      <NotFound
        title={t('services.start.notFoundTitle')}
        text={t('services.start.notFoundText')}
        links={[{ to: '/services', label: t('services.catalogue.title') }]}
      />
    );
  }
  if (service.error || !service.data)
    return <Alert severity="error">{t('services.catalogue.loadFailed')}</Alert>;

  return <StartView service={service.data} />;
}

function StartView({ service }: { service: Service }) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useBilingual();
  const timeLimit = useTimeLimit();
  const signedIn = useSessionHint();
  const startPath = `/services/${service.id}/start`;
  const next = encodeURIComponent(startPath);
  const title = text(service.title);

  return (
    <Box sx={{ maxWidth: '44rem' }}>
      <PageTitle title={title} />
      <BackLink to="/services" label={t('services.start.allServices')} />
      <RegisteredBanner />
      <Typography variant="h1" sx={{ mb: 2 }}>
        {title}
      </Typography>
      <Typography sx={{ fontSize: '1.15rem', mb: 4 }}>{text(service.summary)}</Typography>

      <Box {...section} aria-labelledby="who-title">
        <Typography variant="h2" id="who-title" sx={{ mb: 1 }}>
          {t('services.start.whoTitle')}
        </Typography>
        <Typography>{t(`services.start.who.${service.applicant}`)}</Typography>
      </Box>

      <Box {...section} aria-labelledby="need-title">
        <Typography variant="h2" id="need-title" sx={{ mb: 1 }}>
          {t('services.start.needTitle')}
        </Typography>
        <Box data-testid="needs">
          <Typography sx={{ mb: 1 }}>{t('services.start.needLead')}</Typography>
          <Box component="ul" sx={{ m: 0, mb: 2, paddingInlineStart: 3, '& li': { mb: 0.5 } }}>
            {service.concernsCooperative !== 'none' && <li>{t('services.start.needCooperative')}</li>}
            {service.sections.map((s) => (
              <li key={s.id}>{text(s.title)}</li>
            ))}
          </Box>
          {service.documents.length > 0 && (
            <>
              <Typography sx={{ mb: 1 }}>{t('services.start.needDocuments')}</Typography>
              <Box component="ul" sx={{ m: 0, paddingInlineStart: 3, '& li': { mb: 0.5 } }}>
                {service.documents.map((d) => (
                  <li key={d.id}>
                    {text(d.label)}
                    {d.optional ? ` ${t('forms.optional')}` : ''}
                    {d.hint ? ` — ${text(d.hint)}` : ''}
                  </li>
                ))}
              </Box>
            </>
          )}
        </Box>
        {service.documents.length > 0 && (
          <Typography variant="body2" sx={{ mt: 1, color: colours.secondaryText }}>
            {t('services.documents.formats')}
          </Typography>
        )}
      </Box>

      <Box {...section} aria-labelledby="time-title">
        <Typography variant="h2" id="time-title" sx={{ mb: 1 }}>
          {t('services.start.timeTitle')}
        </Typography>
        <Typography data-testid="time-limit" sx={{ fontWeight: 700 }}>
          {timeLimit(service.timeLimitDays)}
        </Typography>
        <Typography>{t(`services.office.${service.office}`)}</Typography>
      </Box>

      <Box {...section} aria-labelledby="next-title">
        <Typography variant="h2" id="next-title" sx={{ mb: 1 }}>
          {t('services.start.nextTitle')}
        </Typography>
        <NextSteps steps={service.nextSteps} />
      </Box>

      <Button
        component={RouterLink}
        to={startPath}
        variant="contained"
        color="secondary"
        data-testid="start"
        sx={{ minHeight: 52, px: 3, fontSize: '1.2rem', boxShadow: '0 2px 0 #002d18', mb: 3 }}
      >
        {t('services.start.button')}
        <Box component="span" aria-hidden="true" sx={{ marginInlineStart: 1 }}>
          {format.language === 'fa' ? '←' : '→'}
        </Box>
      </Button>

      {signedIn ? (
        <MyDrafts serviceId={service.id} />
      ) : (
        <InsetText testId="sign-in-first">
          <p>{t('services.start.signInFirst')}</p>
          <p>
            <Link component={RouterLink} to={`/sign-in?next=${next}`}>
              {t('services.start.signInLink')}
            </Link>
            {' · '}
            <Link component={RouterLink} to={`/register?next=${next}`} data-testid="register-link">
              {t('services.start.registerLink')}
            </Link>
          </p>
        </InsetText>
      )}
    </Box>
  );
}

/** The signed-in person's unfinished drafts of this service, to carry on with. */
function MyDrafts({ serviceId }: { serviceId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const mine = useQuery(myRequestsQuery);
  const drafts = (mine.data?.items ?? []).filter(
    (r) => r.service.id === serviceId && r.status.code === 'draft',
  );
  if (drafts.length === 0) return null;

  return (
    <Box component="section" aria-labelledby="drafts-title" sx={{ mt: 2 }}>
      <Typography variant="h2" id="drafts-title" sx={{ mb: 1, fontSize: '1.2rem' }}>
        {t('services.start.draftsTitle')}
      </Typography>
      <Box component="ul" sx={{ m: 0, paddingInlineStart: 3 }}>
        {drafts.map((d) => (
          <li key={d.trackingCode}>
            <Link component={RouterLink} to={`/requests/${d.trackingCode}`}>
              {t('services.start.draft', { when: format.instant(d.updatedAt) })}
            </Link>{' '}
            (<TrackingCode code={d.trackingCode} />)
          </li>
        ))}
      </Box>
    </Box>
  );
}

/**
 * /services/:id/start (signed in): starts a draft with its tracking code and goes to its task
 * list. The address is replaced, so going back does not start another draft.
 */
export function StartRequestPage() {
  const { serviceId = '' } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const queryClient = useQueryClient();
  const start = useMutation({
    mutationFn: () => startRequest(serviceId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [PRIVATE, 'my-requests'] }),
  });
  const { mutate } = start;
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    mutate();
  }, [mutate]);

  // Straight from registration: the task list says the account was made.
  if (start.data)
    return <Navigate to={`/requests/${start.data.trackingCode}`} replace state={location.state} />;
  if (isUnauthorized(start.error)) return <SignInAgain />;
  if (start.error instanceof ApiProblem && start.error.status === 404) {
    return (
      <NotFound
        title={t('services.start.notFoundTitle')}
        text={t('services.start.notFoundText')}
        links={[{ to: '/services', label: t('services.catalogue.title') }]}
      />
    );
  }
  if (start.error) {
    return (
      <>
        <PageTitle title={t('services.start.failed')} />
        <Typography variant="h1" sx={{ mb: 2 }}>
          {t('services.start.failed')}
        </Typography>
        <Link component={RouterLink} to={`/services/${serviceId}`}>
          {t('forms.back')}
        </Link>
      </>
    );
  }
  return (
    <>
      <PageTitle title={t('services.start.starting')} />
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t('services.start.starting')}
      </Typography>
      <Loading />
    </>
  );
}

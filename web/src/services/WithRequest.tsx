import Alert from '@mui/material/Alert';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, isUnauthorized } from '../api/client.ts';
import { Loading } from '../components/Loading.tsx';
import { SignInAgain } from '../pages/RequireSignIn.tsx';
import { requestQuery, serviceQuery } from './api.ts';
import { NotFound } from './parts.tsx';
import type { RequestView, Service } from './types.ts';

/**
 * The frame of every page of one request: loads the request (GET /requests/:code) and its
 * service's questions, and shows «درخواست پیدا نشد» for a code the server does not know or
 * will not show this person (it answers 404 for both), or sends them to sign in again.
 */
export function WithRequest({
  code,
  children,
}: {
  code: string;
  /** `fetching`: the request is being asked for again (a cached one may be out of date). */
  children: (request: RequestView, service: Service, fetching: boolean) => ReactNode;
}) {
  const { t } = useTranslation();
  const request = useQuery(requestQuery(code));
  const serviceId = request.data?.service.id ?? '';
  const service = useQuery({ ...serviceQuery(serviceId), enabled: serviceId !== '' });

  if (isUnauthorized(request.error)) return <SignInAgain />;
  if (request.error instanceof ApiProblem && (request.error.status === 404 || request.error.status === 400)) {
    return (
      <NotFound
        title={t('services.request.notFoundTitle')}
        text={t('services.request.notFoundText')}
        links={[
          { to: '/me/requests', label: t('services.mine.title') },
          { to: '/services', label: t('services.catalogue.title') },
        ]}
      />
    );
  }
  if (request.error || service.error) return <Alert severity="error">{t('signedIn.loadFailed')}</Alert>;
  if (!request.data || !service.data) return <Loading />;

  return <>{children(request.data, service.data, request.isFetching)}</>;
}

/** Whether the applicant may still change the answers and documents (a draft, or asked for more). */
export function editable(request: RequestView): boolean {
  return (
    request.viewer === 'applicant' && (request.status.code === 'draft' || request.status.code === 'more_info')
  );
}

/** Where the applicant goes after changing an answer: the check page, the task list or the request page. */
export function afterChange(request: RequestView, returnTo: string | null): string {
  const base = `/requests/${request.trackingCode}`;
  if (request.status.code === 'more_info') return base;
  return returnTo === 'check' ? `${base}/check` : base;
}

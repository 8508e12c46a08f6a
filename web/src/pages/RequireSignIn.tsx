import Alert from '@mui/material/Alert';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useOutletContext } from 'react-router';
import { isUnauthorized } from '../api/client.ts';
import { meQuery, setSessionHint } from '../api/session.ts';
import type { Me } from '../api/types.ts';
import { Loading } from '../components/Loading.tsx';
import { SuccessBanner } from '../components/Panel.tsx';

/**
 * The frame of every signed-in page: asks the server who is signed in (GET /me) and sends anyone
 * who is not to the sign-in page, which returns them here. The pages read the person with `useMe`.
 * This only decides what to show: every answer behind these pages is refused by the server itself.
 */
export function RequireSignIn() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useQuery(meQuery);
  const signedOut = isUnauthorized(me.error);
  useEffect(() => {
    if (signedOut) setSessionHint(false);
  }, [signedOut]);

  if (me.isPending) return <Loading />;
  if (signedOut) {
    const next = encodeURIComponent(`${location.pathname}${location.search}`);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  if (me.error || !me.data) return <Alert severity="error">{t('signedIn.loadFailed')}</Alert>;

  return <Outlet context={me.data} />;
}

/** The signed-in person, inside a page under RequireSignIn. */
export function useMe(): Me {
  return useOutletContext<Me>();
}

/** A signed-in page whose session ended meanwhile: to the sign-in page, and back here after. */
export function SignInAgain() {
  const location = useLocation();
  useEffect(() => setSessionHint(false), []);
  const next = encodeURIComponent(`${location.pathname}${location.search}`);

  return <Navigate to={`/sign-in?next=${next}`} replace />;
}

/** After activation or recovery, the first signed-in page says it worked (GOV.UK success banner). */
export function JourneyDone() {
  const { t } = useTranslation();
  const location = useLocation();
  const done = (location.state as { done?: string } | null)?.done;
  if (done !== 'activation' && done !== 'recovery') return null;

  return <SuccessBanner title={t('mine.doneTitle')}>{t(`mine.done.${done}`)}</SuccessBanner>;
}

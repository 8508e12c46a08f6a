import { type QueryClient, queryOptions } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { getJson, sendJson } from './client.ts';
import type { Me } from './types.ts';

/**
 * Whether this browser signed in last time. The session cookie is HttpOnly (scripts cannot see
 * it), so the header asks the server who is signed in only when this hint says someone might be:
 * an anonymous reader's pages never send a request that is sure to be refused.
 */
const HINT_KEY = 'taavon.signedIn';

export function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return false;
  }
}

const listeners = new Set<() => void>();

export function setSessionHint(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(HINT_KEY, '1');
    else localStorage.removeItem(HINT_KEY);
  } catch {
    // Storage disabled: the header shows "sign in" until a signed-in page is opened.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab signing in or out changes the hint too.
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

/** The hint as React state: components re-render when someone signs in or out. */
export function useSessionHint(): boolean {
  return useSyncExternalStore(subscribe, hasSessionHint);
}

/** Every answer private to the signed-in person sits under this query key, and goes at sign-out. */
export const PRIVATE = 'private';

/** The signed-in person: GET /me (401 when nobody is). */
export const meQuery = queryOptions({
  queryKey: [PRIVATE, 'me'],
  queryFn: ({ signal }) => getJson<Me>('/me', signal),
  retry: false,
  staleTime: 5 * 60_000,
});

/** After a sign-in: remember it and learn who it is before the next page shows. */
export async function afterSignIn(queryClient: QueryClient): Promise<Me> {
  setSessionHint(true);
  queryClient.removeQueries({ queryKey: [PRIVATE] });

  return queryClient.fetchQuery(meQuery);
}

/**
 * Forgets everything private. Called by the "signed out" page once it shows: removing the
 * answers while a signed-in page is still on screen would make it ask for them again.
 */
export function forgetSession(queryClient: QueryClient): void {
  setSessionHint(false);
  queryClient.removeQueries({ queryKey: [PRIVATE] });
}

/** Ends this session on the server (which clears the cookie); the caller then goes to /signed-out. */
export async function signOut(): Promise<void> {
  try {
    await sendJson('POST', '/auth/sign-out');
  } finally {
    setSessionHint(false);
  }
}

/** A `next` address is followed only when it is a path of this site (no open redirect). */
export function safeNext(next: string | null | undefined): string | null {
  const local = next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\');
  return local && next ? next : null;
}

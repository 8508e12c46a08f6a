import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { getJson } from './client.ts';
import { PRIVATE } from './session.ts';
import type {
  EmailAddress,
  MyCooperative,
  NotificationPreference,
  Session,
  SupervisionResult,
} from './types.ts';

/** Answers for the signed-in person only: under the PRIVATE key (dropped at sign-out), never retried on 4xx. */
const privately = { retry: false, staleTime: 0 } as const;

export const myCooperativesQuery = queryOptions({
  queryKey: [PRIVATE, 'my-cooperatives'],
  queryFn: ({ signal }) => getJson<{ items: MyCooperative[] }>('/me/cooperatives', signal),
  ...privately,
});

/** The officer's list: `params` is the page's query string as the API takes it. */
export function supervisionQuery(params: string) {
  return queryOptions({
    queryKey: [PRIVATE, 'supervision', params],
    queryFn: ({ signal }) => getJson<SupervisionResult>(`/supervision/cooperatives?${params}`, signal),
    placeholderData: keepPreviousData,
    ...privately,
  });
}

export const sessionsQuery = queryOptions({
  queryKey: [PRIVATE, 'sessions'],
  queryFn: ({ signal }) => getJson<{ items: Session[] }>('/me/sessions', signal),
  ...privately,
});

export const emailsQuery = queryOptions({
  queryKey: [PRIVATE, 'emails'],
  queryFn: ({ signal }) => getJson<{ items: EmailAddress[] }>('/me/emails', signal),
  ...privately,
});

export const preferencesQuery = queryOptions({
  queryKey: [PRIVATE, 'notification-preferences'],
  queryFn: ({ signal }) =>
    getJson<{ items: NotificationPreference[] }>('/me/notification-preferences', signal),
  ...privately,
});

import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { getJson, sendJson } from '../../api/client.ts';
import { PRIVATE } from '../../api/session.ts';
import type { RequestEvent, RequestSummary, UploadedDocument } from '../types.ts';

/**
 * The office's side of the single window (src/services/services.routes.ts): the inbox, a
 * request's case page, its actions, the services' definitions (to render answers) and the
 * public statistics. Shapes as the server's response schemas give them.
 */

export type Bilingual = { fa: string; en: string };

export const OPEN_STATUSES = ['submitted', 'under_review', 'more_info', 'awaiting_approval'] as const;
export const FINAL_STATUSES = ['approved', 'rejected', 'answered', 'withdrawn'] as const;
export const STATUSES = [...OPEN_STATUSES, ...FINAL_STATUSES] as const;
export type RequestStatus = (typeof STATUSES)[number] | 'draft';

export const REQUEST_ACTIONS = [
  'take',
  'assign',
  'ask',
  'reply',
  'propose',
  'confirm',
  'return',
  'reject',
  'answer',
  'withdraw',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** The actions whose reason is required (src/services/workflow.ts RULES). */
export const TEXT_REQUIRED: ReadonlySet<RequestAction> = new Set([
  'ask',
  'reply',
  'return',
  'reject',
  'answer',
]);

/** One line of the inbox (and the head of a case): the applicant's summary shape (../types.ts). */
export type InboxItem = RequestSummary;
export type RequestDocument = UploadedDocument;
export type { RequestEvent };

/** GET /requests/:code as the deciding office sees it. */
export type CaseRequest = InboxItem & {
  viewer: 'applicant' | 'office';
  answers: Record<string, unknown>;
  proposal: { by: string | null; text: string | null } | null;
  applicant: string | null;
  result: Record<string, unknown> | null;
  events: RequestEvent[];
  documents: RequestDocument[];
  certificate: { code: string; kind: string; validUntil: string } | null;
  actions: RequestAction[];
  nextSteps: Bilingual[];
};

export type PersonColumn =
  | 'nationalCode'
  | 'firstName'
  | 'lastName'
  | 'mobile'
  | 'shares'
  | 'role'
  | 'position'
  | 'termStart'
  | 'termEnd';

/** A question of a service (src/services/definition.ts), as GET /services/:id gives it. */
export type Question = {
  id: string;
  label: Bilingual;
  hint?: Bilingual;
  optional?: boolean;
} & (
  | { kind: 'text' | 'textarea'; max: number }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'rials' | 'date' | 'postal_code' | 'mobile' | 'province' | 'field' | 'cooperative' }
  | { kind: 'choice'; choices: { value: string; label: Bilingual }[] }
  | { kind: 'county'; provinceQuestion: string }
  | { kind: 'subfield'; fieldQuestion: string }
  | { kind: 'people'; min: number; max: number; columns: PersonColumn[] }
);

export type ServiceSummary = {
  id: string;
  group: string;
  title: Bilingual;
  summary: Bilingual;
  applicant: string;
  office: string;
  outcome: 'approve' | 'answer';
  concernsCooperative: string;
  timeLimitDays: number;
};

export type ServiceDefinition = ServiceSummary & {
  nextSteps: Bilingual[];
  sections: { id: string; title: Bilingual; questions: Question[] }[];
  documents: { id: string; label: Bilingual; hint?: Bilingual; optional?: boolean }[];
};

export type ServiceStatistic = {
  serviceId: string;
  title: Bilingual;
  submitted: number;
  open: number;
  decided: number;
  medianDaysToDecision: number | null;
  decidedInTimeShare: number | null;
};

const forever = { staleTime: Number.POSITIVE_INFINITY, gcTime: Number.POSITIVE_INFINITY };
const privately = { retry: false, staleTime: 0 } as const;

/** Every private answer of the office pages sits under this key (refetched after an action). */
export const OFFICE = [PRIVATE, 'office'] as const;

/** The inbox: `params` is the API's query string. */
export function inboxQuery(params: string) {
  return queryOptions({
    queryKey: [...OFFICE, 'inbox', params],
    queryFn: ({ signal }) => getJson<{ items: InboxItem[] }>(`/inbox${params ? `?${params}` : ''}`, signal),
    placeholderData: keepPreviousData,
    ...privately,
  });
}

/** The officers of the signed-in officer's regions, to assign requests to. */
export const colleaguesQuery = queryOptions({
  queryKey: [...OFFICE, 'officers'],
  queryFn: ({ signal }) => getJson<{ items: { id: number; name: string }[] }>('/inbox/officers', signal),
  ...privately,
});

export function caseQuery(code: string) {
  return queryOptions({
    queryKey: [...OFFICE, 'request', code],
    queryFn: ({ signal }) => getJson<CaseRequest>(`/requests/${encodeURIComponent(code)}`, signal),
    ...privately,
  });
}

export const servicesQuery = queryOptions({
  queryKey: ['services'],
  queryFn: ({ signal }) => getJson<{ items: ServiceSummary[] }>('/services', signal),
  ...forever,
});

export function serviceQuery(id: string) {
  return queryOptions({
    queryKey: ['services', id],
    queryFn: ({ signal }) => getJson<ServiceDefinition>(`/services/${encodeURIComponent(id)}`, signal),
    ...forever,
  });
}

export const statisticsQuery = queryOptions({
  queryKey: ['service-statistics'],
  queryFn: ({ signal }) => getJson<{ items: ServiceStatistic[] }>('/services/statistics', signal),
  staleTime: 5 * 60_000,
  retry: false,
});

export function act(code: string, action: RequestAction, body: { text?: string; assignee?: number }) {
  return sendJson<{ status: string }>(
    'POST',
    `/requests/${encodeURIComponent(code)}/actions/${action}`,
    body,
  );
}

export function bulk(codes: string[], action: 'take' | 'assign', assignee?: number) {
  return sendJson<{ items: { trackingCode: string; status: string }[] }>('POST', '/inbox/bulk', {
    codes,
    action,
    ...(assignee === undefined ? {} : { assignee }),
  });
}

export function register(
  code: string,
  body: { legalId: string; registrationNo: string; registeredOn: string },
) {
  return sendJson<{ cooperativeId: number; legalId: string }>(
    'POST',
    `/requests/${encodeURIComponent(code)}/registration`,
    body,
  );
}

export function documentHref(code: string, id: number): string {
  return `/api/v1/requests/${encodeURIComponent(code)}/documents/${id}`;
}

/** The tracking code grouped for reading: 123-456-7890 (src/services/tracking-code.ts). */
export function groupedCode(code: string): string {
  return code.length === 10 ? `${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}` : code;
}

export const isOpenStatus = (status: string): boolean =>
  (OPEN_STATUSES as readonly string[]).includes(status);

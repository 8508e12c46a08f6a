import { queryOptions } from '@tanstack/react-query';
import { ApiProblem, getJson, sendJson } from '../api/client.ts';
import { PRIVATE } from '../api/session.ts';
import type {
  CertificateCheck,
  RequestSummary,
  RequestView,
  Service,
  ServiceSummary,
  TrackedRequest,
  UploadedDocument,
} from './types.ts';

/**
 * The single window's API (src/services/services.routes.ts): the public catalogue and
 * certificates, and the applicant's requests under the PRIVATE key (dropped at sign-out).
 */

const catalogue = { staleTime: 10 * 60_000 } as const;
/** Answers for the signed-in person only: never retried on 4xx, always asked again. */
const privately = { retry: false, staleTime: 0 } as const;

export const servicesQuery = queryOptions({
  queryKey: ['services'],
  queryFn: ({ signal }) => getJson<{ items: ServiceSummary[] }>('/services', signal),
  ...catalogue,
});

export function serviceQuery(id: string) {
  return queryOptions({
    queryKey: ['services', id],
    queryFn: ({ signal }) => getJson<Service>(`/services/${encodeURIComponent(id)}`, signal),
    retry: false,
    ...catalogue,
  });
}

export function requestQuery(code: string) {
  return queryOptions({
    queryKey: [PRIVATE, 'request', code],
    queryFn: ({ signal }) => getJson<RequestView>(`/requests/${encodeURIComponent(code)}`, signal),
    ...privately,
  });
}

export const myRequestsQuery = queryOptions({
  queryKey: [PRIVATE, 'my-requests'],
  queryFn: ({ signal }) => getJson<{ items: RequestSummary[] }>('/me/requests', signal),
  ...privately,
});

export function certificateQuery(code: string) {
  return queryOptions({
    queryKey: ['certificate', code],
    queryFn: ({ signal }) => getJson<CertificateCheck>(`/certificates/${encodeURIComponent(code)}`, signal),
    retry: false,
    staleTime: 0,
  });
}

const path = (code: string) => `/requests/${encodeURIComponent(code)}`;

/** Reads an error answer as the problem+json it is. */
async function problemOf(response: Response): Promise<ApiProblem> {
  const body: unknown = await response.json().catch(() => ({}));
  return new ApiProblem(response.status, typeof body === 'object' && body !== null ? body : {});
}

export function startRequest(serviceId: string): Promise<{ trackingCode: string }> {
  return sendJson('POST', '/requests', { serviceId });
}

/** Saves answers of a draft (PATCH: only the answers given; a blank one is removed). */
export async function saveAnswers(code: string, answers: Record<string, unknown>): Promise<void> {
  const response = await fetch(`/api/v1${path(code)}/answers`, {
    method: 'PATCH',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(answers),
    credentials: 'same-origin',
  });
  if (!response.ok) throw await problemOf(response);
}

/**
 * The type an upload is sent as. The server reads the bytes whatever the type says (it checks
 * the content), but its JSON and text parsers would take those types first and lose the bytes:
 * such a file goes as plain bytes, and is refused for what it is.
 */
function uploadType(type: string): string {
  return type === '' || /^text\/|json/i.test(type) ? 'application/octet-stream' : type;
}

/** Uploads one file for a document the service asks for: the raw bytes, the name in a header. */
export async function uploadDocument(
  code: string,
  requirement: string,
  file: File,
): Promise<UploadedDocument> {
  const response = await fetch(`/api/v1${path(code)}/documents/${encodeURIComponent(requirement)}`, {
    method: 'POST',
    body: file,
    headers: {
      accept: 'application/json',
      'content-type': uploadType(file.type),
      'x-file-name': encodeURIComponent(file.name),
    },
    credentials: 'same-origin',
  });
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as UploadedDocument;
}

export function removeDocument(code: string, id: number): Promise<{ ok: true }> {
  return sendJson('DELETE', `${path(code)}/documents/${id}`);
}

export function submitRequest(code: string): Promise<{ trackingCode: string; dueOn: string | null }> {
  return sendJson('POST', `${path(code)}/submit`);
}

export function act(code: string, action: 'reply' | 'withdraw', text?: string): Promise<{ status: string }> {
  return sendJson('POST', `${path(code)}/actions/${action}`, text === undefined ? {} : { text });
}

export function trackRequest(body: { trackingCode: string; nationalCode: string }): Promise<TrackedRequest> {
  return sendJson('POST', '/requests/track', body);
}

/** Addresses of files the browser downloads itself (links, not fetches). */
export const downloads = {
  receipt: (code: string) => `/api/v1${path(code)}/receipt.pdf`,
  document: (code: string, id: number) => `/api/v1${path(code)}/documents/${id}`,
  certificatePdf: (code: string) => `/api/v1/certificates/${encodeURIComponent(code)}/pdf`,
};

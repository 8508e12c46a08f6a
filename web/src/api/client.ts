/** A field the server rejected: its path (the query parameter or form field), a code and a message. */
export type FieldProblem = { path: string; code: string; message: { fa: string; en: string } };

/** The problem+json body of every API error (src/http/plugins/errors.ts). */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly messages: { fa: string; en: string };
  readonly fields: FieldProblem[];

  constructor(status: number, body: Partial<Omit<ApiProblem, 'status'>> & { message?: unknown }) {
    const messages = isBilingual(body.message) ? body.message : { fa: 'خطا', en: 'Error' };
    super(messages.en);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = typeof body.code === 'string' ? body.code : 'UNKNOWN';
    this.messages = messages;
    this.fields = Array.isArray(body.fields) ? body.fields : [];
  }
}

function isBilingual(value: unknown): value is { fa: string; en: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { fa?: unknown }).fa === 'string' &&
    typeof (value as { en?: unknown }).en === 'string'
  );
}

/** GETs a JSON resource of the API; a 4xx/5xx becomes an ApiProblem. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`/api/v1${path}`, {
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
    signal,
  });
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => ({}));
    throw new ApiProblem(response.status, typeof body === 'object' && body !== null ? body : {});
  }
  return (await response.json()) as T;
}

/** Whether an error is a problem the user can fix (a 400 naming fields) rather than an outage. */
export function isFieldProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem && error.status === 400 && error.fields.length > 0;
}

/**
 * Sends a state-changing request with a JSON body (or none). The browser adds the Origin header
 * the server's CSRF check asks for; the session cookie goes along (same origin).
 */
export async function sendJson<T>(
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers:
      body === undefined
        ? { accept: 'application/json' }
        : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const parsed: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiProblem(response.status, typeof parsed === 'object' && parsed !== null ? parsed : {});
  }
  return parsed as T;
}

/** Whether an error is the server's "sign in first" (no session, or it ended). */
export function isUnauthorized(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem && error.status === 401;
}

/** Whether an error is the server's refusal: the person is signed in but may not do this. */
export function isForbidden(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem && error.status === 403;
}

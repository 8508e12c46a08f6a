import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountsContext } from '../../accounts/accounts-context.ts';
import { AUTH_MESSAGES } from '../../accounts/messages.ts';
import { type AuthInfo, authenticate, type SessionProblem } from '../../accounts/sessions.ts';
import { type AuditEntry, encodeForLog, type RequestMeta, recordAudit } from '../../audit/index.ts';
import { AppError } from '../../errors/app-error.ts';

export type { AuthInfo } from '../../accounts/sessions.ts';

/**
 * The session cookie. `__Host-` makes browsers insist on Secure, Path=/ and no Domain (ASVS
 * v5.0.0-3.3.1); browsers accept Secure cookies from http://localhost, so development works too.
 */
export const SESSION_COOKIE = '__Host-taavon_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, or null. Set before any route handler runs. */
    auth: AuthInfo | null;
    /** Why a session cookie that came with the request was refused (null if none came or it was good). */
    sessionProblem: { problem: SessionProblem; personId: number | null } | null;
  }
  interface FastifyInstance {
    /** The accounts context the session plugin resolves sessions with. */
    accountsContext: AccountsContext;
  }
}

/** The client's address and User-Agent, for sessions and the audit log. */
export function requestMeta(request: FastifyRequest): RequestMeta {
  const ua = request.headers['user-agent'];

  return { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? encodeForLog(ua) : null };
}

/** Records an audit entry about this request: the actor is the signed-in person, `meta` the request's. */
export async function auditRequest(
  request: FastifyRequest,
  entry: Omit<AuditEntry, 'meta' | 'actorPersonId'> & { actorPersonId?: number | null },
): Promise<void> {
  const actx = request.server.accountsContext;
  await recordAudit(actx.db, actx.clock.now(), {
    ...entry,
    actorPersonId: entry.actorPersonId === undefined ? (request.auth?.personId ?? null) : entry.actorPersonId,
    meta: requestMeta(request),
  });
}

export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', secure: true, httpOnly: true, sameSite: 'lax' });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'lax' });
}

/**
 * Cookie parsing and server-side sessions: every API request (/api/…) carrying the session cookie is
 * resolved (idle and absolute timeouts, revocation, disabled accounts) into `request.auth`; a
 * cookie that no longer opens a session is cleared.
 */
export async function registerSessions(app: FastifyInstance, actx: AccountsContext): Promise<void> {
  await app.register(cookie, { hook: 'onRequest' });
  app.decorate('accountsContext', actx);
  app.decorateRequest('auth', null);
  app.decorateRequest('sessionProblem', null);
  app.addHook('onRequest', async (request, reply) => {
    // Only the API reads sessions: static files (which carry the cookie too) cost no lookup.
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token === undefined || token === '') return;
    const check = await authenticate(actx, token);
    if (check.ok) {
      request.auth = check.auth;
      return;
    }
    request.sessionProblem = { problem: check.problem, personId: check.personId };
    clearSessionCookie(reply);
  });
}

/**
 * preHandler of every route that needs a signed-in person: 401 (problem body) otherwise, with the
 * refusal in the audit log (`access.denied`, and why the session was refused if one was sent).
 */
export async function requireAuth(request: FastifyRequest): Promise<void> {
  if (request.auth) return;
  const problem = request.sessionProblem;
  await auditRequest(request, {
    actorPersonId: problem?.personId ?? null,
    action: 'access.denied',
    target: `route:${request.method} ${request.routeOptions.url ?? request.url}`,
    outcome: 'denied',
    details: { reason: problem ? `session_${problem.problem}` : 'no_session' },
  });
  throw new AppError('UNAUTHORIZED', { message: problem ? AUTH_MESSAGES.signInFirst : undefined });
}

import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../errors/app-error.ts';
import { signInLimits } from '../http/plugins/security.ts';
import {
  clearSessionCookie,
  requestMeta,
  requireAuth,
  SESSION_COOKIE,
  setSessionCookie,
} from '../http/plugins/session.ts';
import * as repo from './accounts.repository.ts';
import {
  challengeResponse,
  changePasswordBody,
  meResponse,
  nationalCodeBody,
  okResponse,
  passwordChangedResponse,
  registerBody,
  sessionsResponse,
  signedInResponse,
  signedOutEverywhereResponse,
  signInBody,
  signInChallengeResponse,
  verifyBody,
  verifyWithPasswordBody,
} from './accounts.schemas.ts';
import { type AccountsContext, maskMobile } from './accounts-context.ts';
import {
  completeActivation,
  completeRecovery,
  startActivation,
  startRecovery,
  startRegistration,
} from './activation.ts';
import { changePassword } from './change-password.ts';
import { RetryLaterError } from './guard.ts';
import { AUTH_MESSAGES, CODE_SENT_MESSAGE } from './messages.ts';
import { listSessions, type NewSession, signOut, signOutEverywhere } from './sessions.ts';
import type { RateLimitSettings } from './settings.ts';
import { startSignIn, verifySignIn } from './sign-in.ts';
import { listStaffRoles } from './staff.ts';

/** Runs a use case; a RetryLaterError gets its Retry-After header before the problem body. */
async function run<T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof RetryLaterError) reply.header('retry-after', String(error.retryAfterSeconds));
    throw error;
  }
}

function signedIn(reply: FastifyReply, session: NewSession) {
  setSessionCookie(reply, session.token);

  return { personId: session.personId, expiresAt: session.expiresAt };
}

/**
 * /api/v1/auth (sign-in in two steps, activation, recovery, sign-out) and /api/v1/me (the
 * signed-in person, their sessions, their password). Thin: schema → use case → response schema.
 */
export function accountsRoutes(
  actx: AccountsContext,
  rateLimits: RateLimitSettings | false,
): FastifyPluginAsyncZod {
  return async (app) => {
    const start = signInLimits(app, rateLimits, 'auth-start');
    const verify = signInLimits(app, rateLimits, 'auth-verify');
    const tags = ['auth'];

    app.post(
      '/auth/sign-in',
      {
        onRequest: start.onRequest,
        preHandler: start.preHandler,
        schema: {
          tags,
          summary: 'Sign in, step 1: national code and password; a 6-digit code goes by SMS',
          body: signInBody,
          response: { 200: signInChallengeResponse },
        },
      },
      async (request, reply) => {
        const issued = await run(reply, () => startSignIn(actx, request.body, requestMeta(request)));
        return {
          ...issued,
          message: {
            fa: `کد تأیید به ${issued.sentTo} فرستاده شد`,
            en: `A code was sent to ${issued.sentTo}`,
          },
        };
      },
    );

    app.post(
      '/auth/sign-in/verify',
      {
        onRequest: verify.onRequest,
        schema: {
          tags,
          summary: 'Sign in, step 2: the code; sets the session cookie',
          body: verifyBody,
          response: { 200: signedInResponse },
        },
      },
      async (request, reply) =>
        signedIn(reply, await run(reply, () => verifySignIn(actx, request.body, requestMeta(request)))),
    );

    app.post(
      '/auth/activate',
      {
        onRequest: start.onRequest,
        preHandler: start.preHandler,
        schema: {
          tags,
          summary: 'Activate an account, step 1: national code; a code goes to the mobile on the register',
          body: nationalCodeBody,
          response: { 200: challengeResponse },
        },
      },
      async (request) => ({
        ...(await startActivation(actx, request.body, requestMeta(request))),
        message: CODE_SENT_MESSAGE.activation,
      }),
    );

    app.post(
      '/auth/register',
      {
        onRequest: start.onRequest,
        preHandler: start.preHandler,
        schema: {
          tags,
          summary:
            'Register (people not on the register yet), step 1: national code, name and mobile; after the ownership check a code goes to that mobile. Step 2 is /auth/activate/verify',
          body: registerBody,
          response: { 200: challengeResponse },
        },
      },
      async (request) => ({
        ...(await startRegistration(actx, request.body, requestMeta(request))),
        message: CODE_SENT_MESSAGE.activation,
      }),
    );

    app.post(
      '/auth/activate/verify',
      {
        onRequest: verify.onRequest,
        schema: {
          tags,
          summary: 'Activate an account, step 2: the code and a new password; signs in',
          body: verifyWithPasswordBody,
          response: { 200: signedInResponse },
        },
      },
      async (request, reply) =>
        signedIn(reply, await run(reply, () => completeActivation(actx, request.body, requestMeta(request)))),
    );

    app.post(
      '/auth/recover',
      {
        onRequest: start.onRequest,
        preHandler: start.preHandler,
        schema: {
          tags,
          summary: 'Recover a password, step 1: national code; a code goes to the verified mobile',
          body: nationalCodeBody,
          response: { 200: challengeResponse },
        },
      },
      async (request) => ({
        ...(await startRecovery(actx, request.body, requestMeta(request))),
        message: CODE_SENT_MESSAGE.recovery,
      }),
    );

    app.post(
      '/auth/recover/verify',
      {
        onRequest: verify.onRequest,
        schema: {
          tags,
          summary:
            'Recover a password, step 2: the code and a new password; ends other sessions and signs in',
          body: verifyWithPasswordBody,
          response: { 200: signedInResponse },
        },
      },
      async (request, reply) =>
        signedIn(reply, await run(reply, () => completeRecovery(actx, request.body, requestMeta(request)))),
    );

    app.post(
      '/auth/sign-out',
      {
        schema: {
          tags,
          summary: 'Sign out: ends this session and clears the cookie',
          response: { 200: okResponse },
        },
      },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await signOut(actx, token, requestMeta(request));
        clearSessionCookie(reply);

        return { ok: true as const };
      },
    );

    app.get(
      '/me',
      {
        preHandler: requireAuth,
        schema: { tags: ['me'], summary: 'The signed-in person', response: { 200: meResponse } },
      },
      async (request) => {
        const auth = request.auth;
        if (!auth) throw new AppError('UNAUTHORIZED');
        const [person, account, session, staffRoles] = await Promise.all([
          repo.findPersonById(actx.db, auth.personId),
          repo.findAccountByPerson(actx.db, auth.personId),
          actx.db
            .selectFrom('sessions')
            .select(['created_at', 'expires_at'])
            .where('id', '=', auth.sessionId)
            .executeTakeFirst(),
          listStaffRoles(actx.db, auth.personId),
        ]);
        if (!person || !account) throw new AppError('UNAUTHORIZED', { message: AUTH_MESSAGES.signInFirst });

        return {
          personId: person.id,
          firstName: person.first_name,
          lastName: person.last_name,
          nationalCode: person.national_code,
          mobile: maskMobile(account.mobile),
          staffRoles,
          session: session ? { createdAt: session.created_at, expiresAt: session.expires_at } : null,
        };
      },
    );

    app.get(
      '/me/sessions',
      {
        preHandler: requireAuth,
        schema: { tags: ['me'], summary: 'My live sessions', response: { 200: sessionsResponse } },
      },
      async (request) => {
        const auth = request.auth;
        if (!auth) throw new AppError('UNAUTHORIZED');

        return { items: await listSessions(actx, auth.personId, auth.sessionId) };
      },
    );

    app.delete(
      '/me/sessions',
      {
        preHandler: requireAuth,
        schema: {
          tags: ['me'],
          summary: 'Sign out everywhere: ends every session of my account, this one too',
          response: { 200: signedOutEverywhereResponse },
        },
      },
      async (request, reply) => {
        const auth = request.auth;
        if (!auth) throw new AppError('UNAUTHORIZED');
        const sessionsEnded = await signOutEverywhere(actx, auth.personId, requestMeta(request));
        clearSessionCookie(reply);

        return { sessionsEnded };
      },
    );

    app.post(
      '/me/password',
      {
        preHandler: requireAuth,
        schema: {
          tags: ['me'],
          summary: 'Change my password; ends my other sessions',
          body: changePasswordBody,
          response: { 200: passwordChangedResponse },
        },
      },
      async (request, reply) => {
        const auth = request.auth;
        if (!auth) throw new AppError('UNAUTHORIZED');

        return run(reply, () =>
          changePassword(actx, auth.personId, request.body, auth.sessionId, requestMeta(request)),
        );
      },
    );
  };
}

import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../src/accounts/password-hash.ts';
import type { ScryptParameters } from '../../src/accounts/settings.ts';
import type { Context } from '../../src/context/context.ts';
import { upsertPerson } from '../../src/people/index.ts';

/**
 * Sign-in helpers for tests of authenticated routes:
 *
 *   const app = await buildApp(ctx, { logLevel: 'silent', accounts: FAST_ACCOUNTS });
 *   await createTestAccount(ctx, { nationalCode, firstName, lastName, mobile });
 *   const { headers } = await signIn(app, ctx, nationalCode);
 *   await app.inject({ method: 'POST', url: '/api/v1/…', headers, payload });
 *
 * `headers` carries the session cookie and the Origin every cookie-authenticated state change
 * needs (the CSRF check refuses it otherwise).
 */

/** Cheap scrypt for tests (never for production): pass as `buildApp(ctx, { accounts: FAST_ACCOUNTS })`. */
export const FAST_SCRYPT: ScryptParameters = { N: 1024, r: 8, p: 1 };
export const FAST_ACCOUNTS = { scrypt: FAST_SCRYPT };

/** The Origin of `app.inject` requests (Host: localhost:80). */
export const TEST_ORIGIN = 'http://localhost';

/** A password every test account has unless told otherwise (not on any common list). */
export const TEST_PASSWORD = 'Kooh-Damavand-5610';

/** Puts a person on the register (or updates them) and gives them an active account. */
export async function createTestAccount(
  ctx: Context,
  p: { nationalCode: string; firstName?: string; lastName?: string; mobile: string; password?: string },
): Promise<number> {
  const hash = await hashPassword(p.password ?? TEST_PASSWORD, FAST_SCRYPT);

  return ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now().toISOString();
    const personId = await upsertPerson(
      tx,
      {
        nationalCode: p.nationalCode,
        firstName: p.firstName ?? 'آزمون',
        lastName: p.lastName ?? 'آزمایشی',
        mobile: p.mobile,
        iban: undefined,
        address: undefined,
        postalCode: undefined,
      },
      now,
    );
    await tx
      .insertInto('accounts')
      .values({
        person_id: personId,
        password_hash: hash,
        mobile: p.mobile,
        status: 'active',
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();

    return personId;
  });
}

/** The newest one-time code sent by SMS to `mobile` (read from the outbox). */
export async function lastCodeSentTo(ctx: Context, mobile: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('outbox')
    .select('body_en')
    .where('to_address', '=', mobile)
    .where('channel', '=', 'sms')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const code = row ? /code: (\d{6})/.exec(row.body_en)?.[1] : undefined;
  if (!code) throw new Error(`no code was sent to ${mobile}`);

  return code;
}

/** The `name=value` of the session cookie in a response, or null. */
export function sessionCookieOf(setCookie: string | string[] | undefined): string | null {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const cookie = all.find((c) => c.startsWith('__Host-taavon_session='));
  const pair = cookie?.split(';')[0];

  return pair && pair !== '__Host-taavon_session=' ? pair : null;
}

/** Signs in through both steps (password, then the SMS code from the outbox). */
export async function signIn(
  app: FastifyInstance,
  ctx: Context,
  nationalCode: string,
  options: { password?: string; mobile?: string; remoteAddress?: string } = {},
): Promise<{ cookie: string; headers: { cookie: string; origin: string } }> {
  const started = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    headers: { origin: TEST_ORIGIN },
    payload: { nationalCode, password: options.password ?? TEST_PASSWORD },
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
  });
  if (started.statusCode !== 200) throw new Error(`sign-in failed: ${started.statusCode} ${started.body}`);
  const { challengeId } = started.json<{ challengeId: string }>();
  const mobile =
    options.mobile ??
    (
      await ctx.db
        .selectFrom('accounts')
        .innerJoin('persons', 'persons.id', 'accounts.person_id')
        .select('accounts.mobile')
        .where('persons.national_code', '=', nationalCode)
        .executeTakeFirstOrThrow()
    ).mobile;
  const verified = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in/verify',
    headers: { origin: TEST_ORIGIN },
    payload: { challengeId, code: await lastCodeSentTo(ctx, mobile) },
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
  });
  const cookie = sessionCookieOf(verified.headers['set-cookie']);
  if (verified.statusCode !== 200 || !cookie)
    throw new Error(`verify failed: ${verified.statusCode} ${verified.body}`);

  return { cookie, headers: { cookie, origin: TEST_ORIGIN } };
}

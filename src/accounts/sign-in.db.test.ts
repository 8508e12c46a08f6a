import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestAccount,
  FAST_ACCOUNTS,
  lastCodeSentTo,
  sessionCookieOf,
  signIn,
  TEST_ORIGIN,
  TEST_PASSWORD,
} from '../../test/helpers/auth.ts';
import { type MovableClock, movableClock } from '../../test/helpers/movable-clock.ts';
import { createTestContext } from '../../test/helpers/test-context.ts';
import { listAudit } from '../audit/index.ts';
import type { OpenContext } from '../context/open-context.ts';
import { buildApp } from '../http/app.ts';
import { upsertPerson } from '../people/index.ts';
import { disableAccount } from './staff.ts';
import { tokenKey } from './tokens.ts';

/** Valid national codes (checksum per research/domain.md §4.1), one or two per scenario. */
const NC = {
  happy: '0499370899',
  wrong: '0790419904',
  codes: '0084575948',
  timeouts: '0684159414',
  activate: '0015467295',
  recover: '0029097282',
  password: '1362611816',
  disabled: '4518310128',
  nobody: '0012345679',
  registryOnly: '0023456787',
  forged: '0034567895',
};

let base: OpenContext;
let ctx: OpenContext;
let clock: MovableClock;
let app: FastifyInstance;

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    headers: { origin: TEST_ORIGIN, ...headers },
  });
const get = (url: string, cookie?: string) =>
  app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const count = async (table: 'sessions' | 'accounts' | 'otp_challenges') =>
  Number(
    (
      await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const mobileOf = (i: number) => `0912000${String(i).padStart(4, '0')}`;

async function startSignIn(nationalCode: string, password = TEST_PASSWORD): Promise<LightMyRequestResponse> {
  return post('/api/v1/auth/sign-in', { nationalCode, password });
}

beforeAll(async () => {
  base = await createTestContext();
  clock = movableClock('2026-11-28T08:30:00.000Z');
  ctx = { ...base, clock };
  app = await buildApp(ctx, { logLevel: 'silent', accounts: { ...FAST_ACCOUNTS, otpSendsPerHour: 1000 } });
  let i = 0;
  for (const key of ['happy', 'wrong', 'codes', 'timeouts', 'recover', 'password', 'disabled'] as const) {
    await createTestAccount(ctx, {
      nationalCode: NC[key],
      mobile: mobileOf(++i),
      firstName: 'مریم',
      lastName: 'احمدی',
    });
  }
  await ctx.db.transaction().execute(async (tx) => {
    for (const [nationalCode, mobile] of [
      [NC.activate, '09351112233'],
      [NC.registryOnly, '09351112244'],
    ] as const) {
      await upsertPerson(
        tx,
        {
          nationalCode,
          firstName: 'حسن',
          lastName: 'نوری',
          mobile,
          iban: undefined,
          address: undefined,
          postalCode: undefined,
        },
        clock.now().toISOString(),
      );
    }
  });
});

afterAll(async () => {
  await app.close();
  await base.close();
});

describe('sign-in with national code, password and an SMS code', () => {
  it('sends a code to the verified mobile, then sets a __Host- session cookie (Secure, HttpOnly, SameSite=Lax)', async () => {
    const started = await startSignIn('۰۴۹۹۳۷۰۸۹۹'); // Persian digits are the same national code
    expect(started.statusCode).toBe(200);
    expect(started.headers['cache-control']).toBe('no-store');
    const body = started.json();
    expect(body.challengeId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.sentTo).toBe('0912•••0001');
    const code = await lastCodeSentTo(ctx, mobileOf(1));

    const verified = await post('/api/v1/auth/sign-in/verify', { challengeId: body.challengeId, code });
    expect(verified.statusCode).toBe(200);
    const setCookie = String(verified.headers['set-cookie']);
    expect(setCookie).toMatch(/^__Host-taavon_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('Path=/');
    expect(setCookie).toContain('Secure');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).not.toContain('Domain');

    const cookie = sessionCookieOf(verified.headers['set-cookie']) ?? '';
    const me = await get('/api/v1/me', cookie);
    expect(me.statusCode).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    expect(me.json()).toMatchObject({
      firstName: 'مریم',
      lastName: 'احمدی',
      nationalCode: NC.happy,
      mobile: '0912•••0001',
    });

    const actions = (await listAudit(ctx.db, { target: `person:${me.json().personId}` })).map(
      (r) => r.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['auth.sign_in.password', 'auth.code_sent', 'auth.sign_in']),
    );
  });

  it('gives a new token at every sign-in', async () => {
    const a = await signIn(app, ctx, NC.happy);
    const b = await signIn(app, ctx, NC.happy);
    expect(a.cookie).not.toBe(b.cookie);
  });

  it('answers a wrong password, an unknown national code and a person without an account alike (401), recording each', async () => {
    const sessions = await count('sessions');
    const challenges = await count('otp_challenges');
    const wrong = await startSignIn(NC.wrong, 'Not-the-password-1');
    const unknown = await startSignIn(NC.nobody, 'Not-the-password-1');
    const noAccount = await startSignIn(NC.registryOnly, 'Not-the-password-1');
    for (const r of [wrong, unknown, noAccount]) {
      expect(r.statusCode).toBe(401);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().code).toBe('UNAUTHORIZED');
    }
    expect(unknown.body).toBe(wrong.body);
    expect(noAccount.body).toBe(wrong.body);
    expect(await count('sessions')).toBe(sessions);
    expect(await count('otp_challenges')).toBe(challenges);
    const failures = await listAudit(ctx.db, { action: 'auth.sign_in.password' });
    expect(failures.filter((f) => f.outcome === 'failure').map((f) => f.details.reason)).toEqual(
      expect.arrayContaining(['wrong_password', 'unknown_person', 'no_account']),
    );
    const unknownRecord = failures.find((f) => f.details.reason === 'unknown_person');
    expect(unknownRecord).toMatchObject({ target: `national_code:${NC.nobody}`, ip: '127.0.0.1' });
    expect(unknownRecord?.at).toMatch(/Z$/);
  });

  it('refuses a wrong code (401) and counts the try; the right code still works within 5 tries', async () => {
    const { challengeId } = (await startSignIn(NC.codes)).json();
    const code = await lastCodeSentTo(ctx, mobileOf(3));
    const wrongCode = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 4; i++) {
      const r = await post('/api/v1/auth/sign-in/verify', { challengeId, code: wrongCode });
      expect(r.statusCode).toBe(401);
    }
    const row = await ctx.db
      .selectFrom('otp_challenges')
      .select('attempts')
      .where('id', '=', tokenKey(challengeId))
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(4);
    expect((await post('/api/v1/auth/sign-in/verify', { challengeId, code })).statusCode).toBe(200);
  });

  it('refuses the right code on the 6th try', async () => {
    const { challengeId } = (await startSignIn(NC.codes)).json();
    const code = await lastCodeSentTo(ctx, mobileOf(3));
    const wrongCode = code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i++) {
      expect((await post('/api/v1/auth/sign-in/verify', { challengeId, code: wrongCode })).statusCode).toBe(
        401,
      );
    }
    const sixth = await post('/api/v1/auth/sign-in/verify', { challengeId, code });
    expect(sixth.statusCode).toBe(401);
    expect(sessionCookieOf(sixth.headers['set-cookie'])).toBeNull();
    const last = (await listAudit(ctx.db, { action: 'auth.sign_in.code', limit: 1 }))[0];
    expect(last?.details.reason).toBe('exhausted');
  });

  it('refuses a reused code', async () => {
    const { challengeId } = (await startSignIn(NC.codes)).json();
    const code = await lastCodeSentTo(ctx, mobileOf(3));
    expect((await post('/api/v1/auth/sign-in/verify', { challengeId, code })).statusCode).toBe(200);
    const again = await post('/api/v1/auth/sign-in/verify', { challengeId, code });
    expect(again.statusCode).toBe(401);
    expect((await listAudit(ctx.db, { action: 'auth.sign_in.code', limit: 1 }))[0]?.details.reason).toBe(
      'used',
    );
  });

  it('refuses an expired code (10 minutes)', async () => {
    const { challengeId } = (await startSignIn(NC.codes)).json();
    const code = await lastCodeSentTo(ctx, mobileOf(3));
    clock.advanceMinutes(10);
    clock.advanceSeconds(1);
    expect((await post('/api/v1/auth/sign-in/verify', { challengeId, code })).statusCode).toBe(401);
    expect((await listAudit(ctx.db, { action: 'auth.sign_in.code', limit: 1 }))[0]?.details.reason).toBe(
      'expired',
    );
  });

  it('refuses the code of another challenge, and an earlier code once a newer one was sent', async () => {
    const first = (await startSignIn(NC.codes)).json();
    const firstCode = await lastCodeSentTo(ctx, mobileOf(3));
    const other = (await startSignIn(NC.wrong)).json();
    const otherCode = await lastCodeSentTo(ctx, mobileOf(2));
    const crossed = await post('/api/v1/auth/sign-in/verify', {
      challengeId: first.challengeId,
      code: otherCode,
    });
    if (otherCode !== firstCode) expect(crossed.statusCode).toBe(401);
    await post('/api/v1/auth/sign-in/verify', { challengeId: other.challengeId, code: otherCode });
    // A second sign-in of the same person retires the first challenge.
    const second = (await startSignIn(NC.codes)).json();
    const retired = await post('/api/v1/auth/sign-in/verify', {
      challengeId: first.challengeId,
      code: firstCode,
    });
    expect(retired.statusCode).toBe(401);
    const code = await lastCodeSentTo(ctx, mobileOf(3));
    expect(
      (await post('/api/v1/auth/sign-in/verify', { challengeId: second.challengeId, code })).statusCode,
    ).toBe(200);
    // A made-up challenge id is just as wrong.
    const madeUp = await post('/api/v1/auth/sign-in/verify', { challengeId: 'x'.repeat(43), code });
    expect(madeUp.statusCode).toBe(401);
  });

  it('does not take an activation code for sign-in', async () => {
    const { challengeId } = (await post('/api/v1/auth/activate', { nationalCode: NC.registryOnly })).json();
    const code = await lastCodeSentTo(ctx, '09351112244');
    const r = await post('/api/v1/auth/sign-in/verify', { challengeId, code });
    expect(r.statusCode).toBe(401);
    expect((await listAudit(ctx.db, { action: 'auth.sign_in.code', limit: 1 }))[0]?.details.reason).toBe(
      'wrong_purpose',
    );
  });
});

describe('sessions', () => {
  it('die after 30 idle minutes; use slides the idle timeout', async () => {
    const { cookie } = await signIn(app, ctx, NC.timeouts);
    clock.advanceMinutes(29);
    expect((await get('/api/v1/me', cookie)).statusCode).toBe(200);
    clock.advanceMinutes(29);
    expect((await get('/api/v1/me', cookie)).statusCode).toBe(200);
    clock.advanceMinutes(30);
    const idle = await get('/api/v1/me', cookie);
    expect(idle.statusCode).toBe(401);
    expect(String(idle.headers['set-cookie'])).toMatch(/^__Host-taavon_session=;/);
    const denied = (await listAudit(ctx.db, { action: 'access.denied', limit: 1 }))[0];
    expect(denied).toMatchObject({ outcome: 'denied', target: 'route:GET /api/v1/me' });
    expect(denied?.details.reason).toBe('session_idle');
  });

  it('die 12 hours after sign-in however busy', async () => {
    const { cookie } = await signIn(app, ctx, NC.timeouts);
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      clock.advanceMinutes(20);
      expect((await get('/api/v1/me', cookie)).statusCode).toBe(200);
    }
    clock.advanceMinutes(20);
    expect((await get('/api/v1/me', cookie)).statusCode).toBe(401);
    expect((await listAudit(ctx.db, { action: 'access.denied', limit: 1 }))[0]?.details.reason).toBe(
      'session_expired',
    );
  });

  it('end at sign-out: the same cookie replayed is a 401', async () => {
    const { cookie, headers } = await signIn(app, ctx, NC.timeouts);
    const out = await post('/api/v1/auth/sign-out', {}, headers);
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/^__Host-taavon_session=;/);
    const replay = await get('/api/v1/me', cookie);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('UNAUTHORIZED');
    expect((await listAudit(ctx.db, { action: 'access.denied', limit: 1 }))[0]?.details.reason).toBe(
      'session_revoked',
    );
    expect((await listAudit(ctx.db, { action: 'auth.sign_out', limit: 1 })).length).toBe(1);
  });

  it('end when the account is disabled, and a disabled account cannot sign in', async () => {
    const { cookie } = await signIn(app, ctx, NC.disabled);
    const other = await signIn(app, ctx, NC.disabled);
    expect((await disableAccount(ctx, NC.disabled)).sessionsEnded).toBe(2);
    expect((await get('/api/v1/me', cookie)).statusCode).toBe(401);
    expect((await get('/api/v1/me', other.cookie)).statusCode).toBe(401);
    const again = await startSignIn(NC.disabled);
    expect(again.statusCode).toBe(401);
    expect(again.json().message.en).toBe('The national code or password is not right');
  });

  it('are listed, and "sign out everywhere" ends them all', async () => {
    const a = await signIn(app, ctx, NC.happy);
    const b = await signIn(app, ctx, NC.happy);
    const list = await get('/api/v1/me/sessions', a.cookie);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Array<{ current: boolean }>;
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    const all = await app.inject({ method: 'DELETE', url: '/api/v1/me/sessions', headers: a.headers });
    expect(all.statusCode).toBe(200);
    expect(all.json().sessionsEnded).toBeGreaterThanOrEqual(2);
    expect((await get('/api/v1/me', a.cookie)).statusCode).toBe(401);
    expect((await get('/api/v1/me', b.cookie)).statusCode).toBe(401);
  });

  it('need a cookie: no cookie and a forged cookie are 401', async () => {
    expect((await get('/api/v1/me')).statusCode).toBe(401);
    expect((await get('/api/v1/me', `__Host-taavon_session=${'A'.repeat(43)}`)).statusCode).toBe(401);
    expect((await get('/api/v1/me', '__Host-taavon_session=not-a-token')).statusCode).toBe(401);
  });
});

describe('registration of people not yet on the register', () => {
  it('puts a new person on the register with the mobile they give, sends the code there, and activates', async () => {
    const nationalCode = '1234567891';
    const started = await post('/api/v1/auth/register', {
      nationalCode,
      firstName: 'لیلا',
      lastName: 'نوری',
      mobile: '09131112299',
    });
    expect(started.statusCode).toBe(200);
    const code = await lastCodeSentTo(ctx, '09131112299');
    const done = await post('/api/v1/auth/activate/verify', {
      challengeId: started.json().challengeId,
      code,
      password: 'Golestan-e-Saadi-1405',
    });
    expect(done.statusCode).toBe(200);
    const person = await ctx.db
      .selectFrom('persons')
      .select(['first_name', 'mobile'])
      .where('national_code', '=', nationalCode)
      .executeTakeFirst();
    expect(person).toEqual({ first_name: 'لیلا', mobile: '09131112299' });
    // A second registration with another mobile sends nothing to that mobile (the account exists).
    const outbox = (await ctx.db.selectFrom('outbox').select('id').execute()).length;
    const again = await post('/api/v1/auth/register', {
      nationalCode,
      firstName: 'x',
      lastName: 'y',
      mobile: '09131112200',
    });
    expect(again.statusCode).toBe(200);
    expect((await ctx.db.selectFrom('outbox').select('id').execute()).length).toBe(outbox);
  });

  it('refuses a bad national code or mobile naming each field', async () => {
    const r = await post('/api/v1/auth/register', {
      nationalCode: '123',
      firstName: '',
      lastName: 'x',
      mobile: '0912',
    });
    expect(r.statusCode).toBe(400);
    expect(
      r
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['firstName', 'mobile', 'nationalCode']);
  });
});

describe('activation of people already on the register', () => {
  it('sends a code to the registry mobile, takes a password that passes the policy, and signs in', async () => {
    const started = await post('/api/v1/auth/activate', { nationalCode: NC.activate });
    expect(started.statusCode).toBe(200);
    const { challengeId } = started.json();
    const code = await lastCodeSentTo(ctx, '09351112233');

    const accounts = await count('accounts');
    const weak = await post('/api/v1/auth/activate/verify', { challengeId, code, password: 'password1' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fields).toEqual([
      expect.objectContaining({ path: 'password', code: 'password_common' }),
    ]);
    const short = await post('/api/v1/auth/activate/verify', { challengeId, code, password: 'Ab1!xyz' });
    expect(short.json().fields[0].code).toBe('password_too_short');
    expect(await count('accounts')).toBe(accounts);

    const done = await post('/api/v1/auth/activate/verify', {
      challengeId,
      code,
      password: 'Anaar-e-Saveh-1405',
    });
    expect(done.statusCode).toBe(200);
    const cookie = sessionCookieOf(done.headers['set-cookie']) ?? '';
    expect((await get('/api/v1/me', cookie)).json().mobile).toBe('0935•••2233');
    await signIn(app, ctx, NC.activate, { password: 'Anaar-e-Saveh-1405' });

    // An active account cannot be activated again: same answer, no code sent.
    const outbox = await ctx.db.selectFrom('outbox').select('id').execute();
    const again = await post('/api/v1/auth/activate', { nationalCode: NC.activate });
    expect(again.statusCode).toBe(200);
    expect(await ctx.db.selectFrom('outbox').select('id').execute()).toHaveLength(outbox.length);
  });

  it('answers an unknown national code exactly like a known one, and sends nothing', async () => {
    const outbox = (await ctx.db.selectFrom('outbox').select('id').execute()).length;
    const r = await post('/api/v1/auth/activate', { nationalCode: NC.nobody });
    expect(r.statusCode).toBe(200);
    expect(Object.keys(r.json()).sort()).toEqual(['challengeId', 'expiresAt', 'message']);
    expect(r.json().challengeId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await ctx.db.selectFrom('outbox').select('id').execute()).length).toBe(outbox);
    const code = await post('/api/v1/auth/activate/verify', {
      challengeId: r.json().challengeId,
      code: '123456',
      password: 'Anaar-e-Saveh-1405',
    });
    expect(code.statusCode).toBe(401);
  });

  it('sends nothing when the national ownership check does not confirm the mobile', async () => {
    const strict = await buildApp(ctx, {
      logLevel: 'silent',
      accounts: FAST_ACCOUNTS,
      mobileOwnership: { verify: async () => false },
    });
    const outbox = (await ctx.db.selectFrom('outbox').select('id').execute()).length;
    const r = await strict.inject({
      method: 'POST',
      url: '/api/v1/auth/activate',
      payload: { nationalCode: NC.registryOnly },
    });
    expect(r.statusCode).toBe(200);
    expect((await ctx.db.selectFrom('outbox').select('id').execute()).length).toBe(outbox);
    expect((await listAudit(ctx.db, { action: 'auth.activate.start', limit: 1 }))[0]?.details.reason).toBe(
      'mobile_not_owned',
    );
    await strict.close();
  });
});

describe('recovery through the verified mobile', () => {
  it('sets a new password, ends every other session and signs in afresh', async () => {
    const old = await signIn(app, ctx, NC.recover);
    const { challengeId } = (await post('/api/v1/auth/recover', { nationalCode: NC.recover })).json();
    const code = await lastCodeSentTo(ctx, mobileOf(5));
    const done = await post('/api/v1/auth/recover/verify', {
      challengeId,
      code,
      password: 'Chenar-Shiraz-8812',
    });
    expect(done.statusCode).toBe(200);
    expect((await get('/api/v1/me', old.cookie)).statusCode).toBe(401);
    expect((await get('/api/v1/me', sessionCookieOf(done.headers['set-cookie']) ?? '')).statusCode).toBe(200);
    expect((await startSignIn(NC.recover)).statusCode).toBe(401);
    await signIn(app, ctx, NC.recover, { password: 'Chenar-Shiraz-8812' });
  });

  it('answers for an unknown national code as for a known one', async () => {
    const r = await post('/api/v1/auth/recover', { nationalCode: NC.nobody });
    expect(r.statusCode).toBe(200);
    expect(r.json().message.en).toContain('If an account');
  });
});

describe('changing the password', () => {
  it('needs the current password, applies the policy, and ends the other sessions', async () => {
    const a = await signIn(app, ctx, NC.password);
    const b = await signIn(app, ctx, NC.password);
    const wrong = await post(
      '/api/v1/me/password',
      { currentPassword: 'nope-nope-nope', newPassword: 'Sib-Sabz-Ordibehesht' },
      a.headers,
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields[0]).toMatchObject({ path: 'currentPassword', code: 'wrong_password' });
    const weak = await post(
      '/api/v1/me/password',
      { currentPassword: TEST_PASSWORD, newPassword: 'qwertyuiop' },
      a.headers,
    );
    expect(weak.json().fields[0]).toMatchObject({ path: 'newPassword', code: 'password_common' });
    const ok = await post(
      '/api/v1/me/password',
      { currentPassword: TEST_PASSWORD, newPassword: 'Sib-Sabz-Ordibehesht' },
      a.headers,
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json().sessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await get('/api/v1/me', a.cookie)).statusCode).toBe(200);
    expect((await get('/api/v1/me', b.cookie)).statusCode).toBe(401);
  });

  it('is refused without a session', async () => {
    const r = await post('/api/v1/me/password', {
      currentPassword: 'x',
      newPassword: 'Sib-Sabz-Ordibehesht',
    });
    expect(r.statusCode).toBe(401);
  });
});

describe('bad input: the right 4xx, an audit record, nothing changed', () => {
  it('refuses a forged role or cooperative in a body (400) and records it', async () => {
    const accounts = await count('accounts');
    for (const extra of [{ role: 'admin' }, { cooperativeId: 1 }, { personId: 1 }]) {
      const r = await post('/api/v1/auth/activate', { nationalCode: NC.forged, ...extra });
      expect(r.statusCode).toBe(400);
      expect(r.json().fields[0].code).toBe('unknown_key');
    }
    const { headers } = await signIn(app, ctx, NC.happy);
    const r = await post(
      '/api/v1/me/password',
      { currentPassword: TEST_PASSWORD, newPassword: 'Sib-Sabz-Ordibehesht', role: 'admin' },
      headers,
    );
    expect(r.statusCode).toBe(400);
    expect(await count('accounts')).toBe(accounts);
    const rejected = await listAudit(ctx.db, { action: 'request.rejected', limit: 4 });
    expect(rejected).toHaveLength(4);
    expect(rejected[0]).toMatchObject({ target: 'route:POST /api/v1/me/password', outcome: 'failure' });
    expect(rejected[0]?.actorPersonId).not.toBeNull();
    expect(JSON.stringify(rejected[0]?.details)).toContain('role');
  });

  it('refuses an over-long field (400) and records it', async () => {
    const r = await post('/api/v1/auth/sign-in', { nationalCode: NC.happy, password: 'x'.repeat(2000) });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields[0]).toMatchObject({ path: 'password', code: 'too_long' });
    expect((await listAudit(ctx.db, { action: 'request.rejected', limit: 1 }))[0]?.target).toBe(
      'route:POST /api/v1/auth/sign-in',
    );
  });

  it('refuses a malformed national code (400), not a 401', async () => {
    const r = await post('/api/v1/auth/sign-in', { nationalCode: '1234567890', password: TEST_PASSWORD });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields[0]).toMatchObject({ path: 'nationalCode', code: 'national_code' });
  });
});

describe('secrets at rest (T7)', () => {
  it('no password, code or session token in the clear in any account, session, challenge or audit row', async () => {
    const { cookie } = await signIn(app, ctx, NC.happy);
    const token = cookie.split('=')[1] ?? '';
    const codes = (await ctx.db.selectFrom('outbox').select('body_en').execute())
      .map((r) => /code: (\d{6})/.exec(r.body_en)?.[1])
      .filter((c): c is string => c !== undefined);
    expect(codes.length).toBeGreaterThan(10);
    const dump = JSON.stringify(
      await Promise.all(
        (['accounts', 'sessions', 'otp_challenges', 'audit_log', 'staff_roles', 'persons'] as const).map(
          (t) => ctx.db.selectFrom(t).selectAll().execute(),
        ),
      ),
    );
    for (const secret of [
      TEST_PASSWORD,
      'Anaar-e-Saveh-1405',
      'Chenar-Shiraz-8812',
      'Sib-Sabz-Ordibehesht',
      'password1',
      token,
    ]) {
      expect(dump).not.toContain(secret);
    }
    const auditDump = JSON.stringify(await ctx.db.selectFrom('audit_log').selectAll().execute());
    const challengeDump = JSON.stringify(await ctx.db.selectFrom('otp_challenges').selectAll().execute());
    for (const code of codes) {
      expect(auditDump).not.toMatch(new RegExp(`\\b${code}\\b`));
      expect(challengeDump).not.toMatch(new RegExp(`\\b${code}\\b`));
    }
  });
});

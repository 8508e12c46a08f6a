import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestAccount,
  FAST_ACCOUNTS,
  signIn,
  TEST_ORIGIN,
  TEST_PASSWORD,
} from '../../test/helpers/auth.ts';
import { type MovableClock, movableClock } from '../../test/helpers/movable-clock.ts';
import { createTestContext } from '../../test/helpers/test-context.ts';
import { listAudit } from '../audit/index.ts';
import type { OpenContext } from '../context/open-context.ts';
import { buildApp } from '../http/app.ts';

const NC = ['0499370899', '0790419904', '0084575948', '0684159414', '0015467295', '0029097282'] as const;
const LIMITED = { globalPerMinute: 1000, signInPerMinute: 5 };

let base: OpenContext;
let ctx: OpenContext;
let clock: MovableClock;
let app: FastifyInstance;

beforeAll(async () => {
  base = await createTestContext();
  clock = movableClock();
  ctx = { ...base, clock };
  app = await buildApp(ctx, { logLevel: 'silent', accounts: FAST_ACCOUNTS });
  for (const [i, nationalCode] of NC.entries()) {
    await createTestAccount(ctx, { nationalCode, mobile: `0913000000${i}` });
  }
});

afterAll(async () => {
  await app.close();
  await base.close();
});

describe('security headers (T10)', () => {
  it('are on a public route and on a 404', async () => {
    for (const url of ['/api/v1/reference/provinces', '/api/v1/no-such-thing', '/healthz']) {
      const r = await app.inject({ method: 'GET', url });
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'self'");
      const hsts = /max-age=(\d+)/.exec(String(r.headers['strict-transport-security']));
      expect(Number(hsts?.[1])).toBeGreaterThanOrEqual(31_536_000);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
    expect((await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' })).statusCode).toBe(404);
  });

  it('private answers are never cached; public ones are not marked private', async () => {
    const { cookie } = await signIn(app, ctx, NC[0]);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).headers['cache-control'],
    ).toBe('no-store');
    const anon = await app.inject({ method: 'GET', url: '/api/v1/reference/provinces' });
    expect(anon.headers['cache-control']).toBeUndefined();
    const signedIn = await app.inject({
      method: 'GET',
      url: '/api/v1/reference/provinces',
      headers: { cookie },
    });
    expect(signedIn.headers['cache-control']).toBe('no-store');
  });
});

describe('CSRF: Origin check on every state-changing request', () => {
  it('refuses a cross-origin POST (403) and records it', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { origin: 'https://evil.example' },
      payload: { nationalCode: NC[1], password: TEST_PASSWORD },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('FORBIDDEN');
    const record = (await listAudit(ctx.db, { action: 'access.denied', limit: 1 }))[0];
    expect(record?.details).toMatchObject({ reason: 'cross_origin', origin: 'https://evil.example' });
    expect(await ctx.db.selectFrom('otp_challenges').selectAll().execute()).toHaveLength(1); // only NC[0]'s
  });

  it('refuses a cross-site Referer when there is no Origin, and `Origin: null`', async () => {
    for (const headers of [{ referer: 'https://evil.example/page' }, { origin: 'null' }]) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/recover',
        headers,
        payload: { nationalCode: NC[1] },
      });
      expect(r.statusCode).toBe(403);
    }
  });

  it('refuses a cookie-authenticated state change without an Origin', async () => {
    const { cookie } = await signIn(app, ctx, NC[0]);
    const r = await app.inject({ method: 'DELETE', url: '/api/v1/me/sessions', headers: { cookie } });
    expect(r.statusCode).toBe(403);
    expect((await listAudit(ctx.db, { action: 'access.denied', limit: 1 }))[0]?.details.reason).toBe(
      'origin_missing',
    );
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(
      200,
    );
  });

  it('accepts its own origin, a configured one, and a cookieless request without Origin (curl, scripts)', async () => {
    const own = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/recover',
      headers: { origin: TEST_ORIGIN },
      payload: { nationalCode: NC[1] },
    });
    expect(own.statusCode).toBe(200);
    const bare = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/recover',
      payload: { nationalCode: NC[1] },
    });
    expect(bare.statusCode).toBe(200);
    const configured = await buildApp(ctx, {
      logLevel: 'silent',
      allowedOrigins: ['https://taavon.example'],
    });
    const r = await configured.inject({
      method: 'POST',
      url: '/api/v1/auth/recover',
      headers: { origin: 'https://taavon.example' },
      payload: { nationalCode: NC[1] },
    });
    expect(r.statusCode).toBe(200);
    await configured.close();
  });
});

describe('bad bodies', () => {
  it('`__proto__` and `constructor.prototype` are 400 and recorded (T13)', async () => {
    for (const body of [
      '{"nationalCode":"0499370899","__proto__":{"role":"admin"}}',
      '{"nationalCode":"0499370899","constructor":{"prototype":{"role":"admin"}}}',
    ]) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/activate',
        headers: { 'content-type': 'application/json', origin: TEST_ORIGIN },
        payload: body,
      });
      expect(r.statusCode).toBe(400);
    }
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    expect(
      (await listAudit(ctx.db, { action: 'request.rejected', limit: 2 })).map((a) => a.details.status),
    ).toEqual([400, 400]);
  });

  it('malformed JSON is a 400, not a 5xx, on a rate-limited route too', async () => {
    const limited = await buildApp(ctx, { logLevel: 'silent', accounts: FAST_ACCOUNTS, rateLimits: LIMITED });
    for (const payload of ['{', '[]', 'null', '"x"', '{"nationalCode": 5}']) {
      const r = await limited.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(r.statusCode).toBe(400);
    }
    await limited.close();
  });

  it('a forged User-Agent with CR/LF stays one record, escaped (T21)', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'user-agent': 'x\r\n2026 auth.sign_in success\u001b[0m' },
      payload: { nationalCode: NC[5], password: 'Wrong-password-123' },
    });
    const r = (await listAudit(ctx.db, { action: 'auth.sign_in.password', limit: 1 }))[0];
    expect(r?.userAgent).toBe('x\\u000d\\u000a2026 auth.sign_in success\\u001b[0m');
  });
});

describe('rate limits (T5, T22), set low by configuration', () => {
  it('the 6th sign-in in a minute for one account is a 429 with Retry-After, from any IP', async () => {
    const limited = await buildApp(ctx, { logLevel: 'silent', accounts: FAST_ACCOUNTS, rateLimits: LIMITED });
    const statuses: number[] = [];
    let last = null;
    for (let i = 0; i < 6; i++) {
      last = await limited.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        remoteAddress: `10.0.0.${i + 1}`,
        payload: { nationalCode: NC[2], password: 'Wrong-password-123' },
      });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(last?.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(last?.headers['content-type']).toContain('application/problem+json');
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    await limited.close();
  });

  it('the 6th sign-in in a minute from one IP is a 429, whatever the account', async () => {
    const limited = await buildApp(ctx, { logLevel: 'silent', accounts: FAST_ACCOUNTS, rateLimits: LIMITED });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await limited.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        remoteAddress: '10.0.1.1',
        payload: { nationalCode: NC[i % NC.length], password: 'Wrong-password-123' },
      });
      statuses.push(r.statusCode);
    }
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses[5]).toBe(429);
    await limited.close();
  });

  it('the global per-IP limit covers the API and not the health check or static files', async () => {
    const limited = await buildApp(ctx, {
      logLevel: 'silent',
      rateLimits: { globalPerMinute: 10, signInPerMinute: 5 },
    });
    const api: number[] = [];
    for (let i = 0; i < 11; i++) {
      api.push(
        (
          await limited.inject({
            method: 'GET',
            url: '/api/v1/reference/provinces',
            remoteAddress: '10.0.2.1',
          })
        ).statusCode,
      );
    }
    expect(api.slice(0, 10).every((s) => s === 200)).toBe(true);
    const blocked = await limited.inject({
      method: 'GET',
      url: '/api/v1/reference/provinces',
      remoteAddress: '10.0.2.1',
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(api[10]).toBe(429);
    for (let i = 0; i < 15; i++) {
      expect(
        (await limited.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.0.2.1' })).statusCode,
      ).toBe(200);
    }
    expect(
      (await limited.inject({ method: 'GET', url: '/api/v1/reference/provinces', remoteAddress: '10.0.2.2' }))
        .statusCode,
    ).toBe(200);
    await limited.close();
  });

  it('at most the configured failures per hour per account are evaluated; then 429 even with the right password', async () => {
    clock.advanceMinutes(61); // earlier tests' failures leave the window
    const strict = await buildApp(ctx, {
      logLevel: 'silent',
      accounts: { ...FAST_ACCOUNTS, signInFailuresPerHour: 3 },
    });
    const attempt = (password: string) =>
      strict.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { nationalCode: NC[3], password },
      });
    for (let i = 0; i < 3; i++) expect((await attempt('Wrong-password-123')).statusCode).toBe(401);
    const locked = await attempt(TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe('3600');
    expect((await listAudit(ctx.db, { action: 'auth.sign_in.password', limit: 1 }))[0]).toMatchObject({
      outcome: 'denied',
      details: { reason: 'too_many_failures' },
    });
    // The same limit holds for a national code without an account (no enumeration through the lock).
    const unknown = (password: string) =>
      strict.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { nationalCode: '0012345679', password },
      });
    for (let i = 0; i < 3; i++) expect((await unknown('Wrong-password-123')).statusCode).toBe(401);
    expect((await unknown('Wrong-password-123')).statusCode).toBe(429);
    clock.advanceMinutes(61);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
    await strict.close();
  });

  it('at most the configured codes per hour go to one person', async () => {
    const strict = await buildApp(ctx, {
      logLevel: 'silent',
      accounts: { ...FAST_ACCOUNTS, otpSendsPerHour: 2 },
    });
    const attempt = () =>
      strict.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { nationalCode: NC[4], password: TEST_PASSWORD },
      });
    expect((await attempt()).statusCode).toBe(200);
    expect((await attempt()).statusCode).toBe(200);
    const third = await attempt();
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toBe('3600');
    await strict.close();
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, FAST_ACCOUNTS, signIn } from '../../test/helpers/auth.ts';
import { createTestContext } from '../../test/helpers/test-context.ts';
import type { OpenContext } from '../context/open-context.ts';
import { buildApp } from '../http/app.ts';

let ctx: OpenContext;
let app: FastifyInstance;
let headers: { cookie: string; origin: string };

beforeAll(async () => {
  ctx = await createTestContext();
  await createTestAccount(ctx, { nationalCode: '0499370899', mobile: '09121234567' });
  await createTestAccount(ctx, { nationalCode: '0790419904', mobile: '09127654321' });
  app = await buildApp(ctx, { logLevel: 'silent', accounts: FAST_ACCOUNTS });
  headers = (await signIn(app, ctx, '0499370899')).headers;
}, 60_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

async function lastEmailCode(to: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('outbox')
    .select('body_en')
    .where('to_address', '=', to)
    .where('channel', '=', 'email')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();

  return /(\d{6})/.exec(row.body_en)?.[1] ?? '';
}

describe('/api/v1/me notification settings', () => {
  it('adds an e-mail address and verifies it with the e-mailed code, for the signed-in person only', async () => {
    const added = await app.inject({
      method: 'POST',
      url: '/api/v1/me/emails',
      headers,
      payload: { email: 'Maryam@Example.ir' },
    });
    expect(added.statusCode).toBe(201);
    expect(added.headers['cache-control']).toBe('no-store');
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/me/emails/verify',
      headers,
      payload: { code: '000000' },
    });
    expect(wrong.statusCode).toBe(400);
    const code = await lastEmailCode('maryam@example.ir');
    const verified = await app.inject({
      method: 'POST',
      url: '/api/v1/me/emails/verify',
      headers,
      payload: { code },
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ email: 'maryam@example.ir', verifiedAt: expect.any(String) });
    const other = (await signIn(app, ctx, '0790419904')).headers;
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/me/emails', headers: other })).json().items,
    ).toEqual([]);
  });

  it('stores preferences, refuses to switch off sign-in codes, and needs a session', async () => {
    const set = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      headers,
      payload: { kind: 'all', channel: 'email', enabled: false },
    });
    expect(set.statusCode).toBe(200);
    const list = await app.inject({ method: 'GET', url: '/api/v1/me/notification-preferences', headers });
    expect(list.json().items).toEqual([{ kind: 'all', channel: 'email', enabled: false }]);
    const mandatory = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      headers,
      payload: { kind: 'auth.sign_in_code', channel: 'sms', enabled: false },
    });
    expect(mandatory.statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me/inbox', headers })).json()).toEqual({
      items: [],
      unread: 0,
    });
    expect((await app.inject({ method: 'GET', url: '/api/v1/me/emails' })).statusCode).toBe(401);
  });
});

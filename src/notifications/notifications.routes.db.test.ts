import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/helpers/test-context.ts';
import type { OpenContext } from '../context/open-context.ts';
import { buildApp } from '../http/app.ts';
import { enqueueNotification } from './index.ts';

let ctx: OpenContext;

beforeAll(async () => {
  ctx = await createTestContext();
  for (const to of ['09121111111', '09122222222']) {
    await enqueueNotification(ctx.db, {
      personId: null,
      channel: 'sms',
      to,
      kind: 'auth.sign_in_code',
      body: { fa: `کد ورود: ${to.slice(-6)}`, en: `Sign-in code: ${to.slice(-6)}` },
    });
  }
});
afterAll(async () => ctx.close());

describe('GET /api/v1/demo/outbox', () => {
  it('shows recent messages, newest first, filtered by address, in demo mode', async () => {
    const app = await buildApp(ctx, { logLevel: 'silent', mode: 'demo' });
    try {
      const all = await app.inject({ method: 'GET', url: '/api/v1/demo/outbox' });
      expect(all.statusCode).toBe(200);
      expect(all.json().items.map((i: { to: string }) => i.to)).toEqual(['0912•••2222', '0912•••1111']);

      const one = await app.inject({ method: 'GET', url: '/api/v1/demo/outbox?to=09121111111&limit=5' });
      expect(one.json()).toEqual({
        items: [
          expect.objectContaining({
            channel: 'sms',
            to: '0912•••1111',
            kind: 'auth.sign_in_code',
            subject: null,
            body: { fa: 'کد ورود: 111111', en: 'Sign-in code: 111111' },
            status: 'pending',
            attempts: 0,
            sentAt: null,
          }),
        ],
      });
      const bad = await app.inject({ method: 'GET', url: '/api/v1/demo/outbox?limit=100000' });
      expect(bad.statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });

  it('does not exist in production mode (nor when no mode is given)', async () => {
    for (const options of [{ mode: 'production' as const }, {}]) {
      const app = await buildApp(ctx, { logLevel: 'silent', ...options });
      try {
        const response = await app.inject({ method: 'GET', url: '/api/v1/demo/outbox' });
        expect(response.statusCode).toBe(404);
        expect(response.body).not.toContain('09121111111');
      } finally {
        await app.close();
      }
    }
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCooperative, runWrite } from '../../test/factories/registry.ts';
import { createTestAccount, FAST_ACCOUNTS, signIn } from '../../test/helpers/auth.ts';
import { createTestContext } from '../../test/helpers/test-context.ts';
import { accountsContext, createOfficer } from '../accounts/index.ts';
import type { OpenContext } from '../context/open-context.ts';
import { buildApp } from '../http/app.ts';
import { appointOfficer } from './record-governance.ts';

/**
 * The write routes behind real sign-in: a session cookie, roles derived from the registry and
 * staff roles from accounts, refusals audited.
 */
const A = '10380284790';
const DIRECTOR = '0499370899';
const STRANGER = '0790419904';
const OFFICER = '0084575948';

let ctx: OpenContext;
let app: FastifyInstance;

beforeAll(async () => {
  ctx = await createTestContext();
  await buildCooperative(ctx, { legalId: A });
  await createTestAccount(ctx, {
    nationalCode: DIRECTOR,
    mobile: '09121111111',
    firstName: 'رضا',
    lastName: 'مدیری',
  });
  await createTestAccount(ctx, { nationalCode: STRANGER, mobile: '09122222222' });
  await createTestAccount(ctx, { nationalCode: OFFICER, mobile: '09123333333' });
  await runWrite(appointOfficer, ctx, {
    cooperativeLegalId: A,
    person: { nationalCode: DIRECTOR, firstName: 'رضا', lastName: 'مدیری' },
    role: 'managing_director',
    termStart: '1404/01/01',
  });
  await createOfficer(
    accountsContext(ctx, FAST_ACCOUNTS),
    { nationalCode: OFFICER },
    { scope: 'province', province: 'فارس' },
  );
  app = await buildApp(ctx, { logLevel: 'silent', accounts: FAST_ACCOUNTS });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const filing = { kind: 'other', filedOn: '1405/01/01' };

describe('registry writes behind sign-in', () => {
  it('lets the managing director record a filing and refuses a stranger, auditing the refusal', async () => {
    const director = await signIn(app, ctx, DIRECTOR);
    const ok = await app.inject({
      method: 'POST',
      url: `/api/v1/cooperatives/${A}/filings`,
      headers: director.headers,
      payload: filing,
    });
    expect(ok.statusCode).toBe(201);

    const stranger = await signIn(app, ctx, STRANGER);
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/cooperatives/${A}/filings`,
      headers: stranger.headers,
      payload: filing,
    });
    expect(refused.statusCode).toBe(403);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'target', 'outcome'])
      .where('outcome', '=', 'denied')
      .execute();
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'access.denied', target: `cooperative:${A}` }),
    );

    const anonymous = await app.inject({
      method: 'POST',
      url: `/api/v1/cooperatives/${A}/filings`,
      payload: filing,
      headers: { origin: 'http://localhost' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('lets a province officer supervise their province', async () => {
    const officer = await signIn(app, ctx, OFFICER);
    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/supervision/cooperatives',
      headers: officer.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((c: { legalId: string }) => c.legalId)).toEqual([A]);
    const mine = await app.inject({
      method: 'GET',
      url: '/api/v1/me/cooperatives',
      headers: (await signIn(app, ctx, DIRECTOR)).headers,
    });
    expect(mine.json().items[0].offices[0].role.code).toBe('managing_director');
  });
});

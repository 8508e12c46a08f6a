import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_ACCOUNTS, FAST_SCRYPT, signIn } from '../../test/helpers/auth.ts';
import { createTestContext } from '../../test/helpers/test-context.ts';
import type { OpenContext } from '../context/open-context.ts';
import { generateDemo } from '../demo/generate-demo.ts';
import { buildApp } from '../http/app.ts';
import { type AccountsContext, accountsContext } from './accounts-context.ts';
import { DEMO_PASSWORD, formatDemoAccounts, seedDemoAccounts } from './demo-accounts.ts';
import {
  createAdministrator,
  createOfficer,
  disableAccount,
  listStaffRoles,
  setAccountEnabled,
} from './staff.ts';

let ctx: OpenContext;
let actx: AccountsContext;
let app: FastifyInstance;

beforeAll(async () => {
  ctx = await createTestContext();
  actx = accountsContext(ctx, { scrypt: FAST_SCRYPT });
  app = await buildApp(ctx, { logLevel: 'silent', accounts: FAST_ACCOUNTS });
});

afterAll(async () => {
  await app.close();
  await ctx.close();
});

describe('staff roles and the accounts the CLI creates', () => {
  it('creates an administrator with a password, who signs in and sees the role', async () => {
    const r = await createAdministrator(actx, {
      nationalCode: '0499370899',
      firstName: 'سارا',
      lastName: 'رضایی',
      mobile: '09121110000',
      password: 'Golestan-Palace-1405',
    });
    expect(r).toMatchObject({ granted: true, accountCreated: true, mobile: '09121110000' });
    const { cookie } = await signIn(app, ctx, '0499370899', { password: 'Golestan-Palace-1405' });
    const me = (await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).json();
    expect(me.staffRoles).toEqual([{ role: 'admin', scope: 'nation', provinceId: null, countyId: null }]);
    const again = await createAdministrator(actx, { nationalCode: '0499370899' });
    expect(again).toMatchObject({ granted: false, accountCreated: false });
  });

  it('creates officers of a county, a province and the nation; the person activates by SMS when no password is given', async () => {
    const county = await createOfficer(
      actx,
      { nationalCode: '0790419904', firstName: 'رضا', lastName: 'جعفری', mobile: '09122220000' },
      { scope: 'county', province: 'فارس', county: 'شیراز' },
    );
    expect(county).toMatchObject({ granted: true, accountCreated: false, mobile: '09122220000' });
    const fars = ctx.reference.findProvince('Fars');
    const shiraz = fars ? ctx.reference.findCounty(fars.id, 'شیراز') : undefined;
    expect(await listStaffRoles(ctx.db, county.personId)).toEqual([
      { role: 'officer', scope: 'county', provinceId: fars?.id, countyId: shiraz?.id },
    ]);
    const province = await createOfficer(
      actx,
      { nationalCode: '0790419904' },
      { scope: 'province', province: 'Fars' },
    );
    const nation = await createOfficer(
      actx,
      { nationalCode: '0084575948', firstName: 'محمد', lastName: 'کاظمی', mobile: '09123330000' },
      { scope: 'nation' },
    );
    expect(province.granted && nation.granted).toBe(true);
    expect(await listStaffRoles(ctx.db, county.personId)).toHaveLength(2);

    const started = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/activate',
      payload: { nationalCode: '0790419904' },
    });
    expect(started.statusCode).toBe(200);
    const sms = await ctx.db
      .selectFrom('outbox')
      .select('to_address')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(sms.to_address).toBe('09122220000');
  });

  it('refuses an unknown province or county, a missing name, and a weak password', async () => {
    await expect(
      createOfficer(actx, { nationalCode: '0684159414' }, { scope: 'province', province: 'Atlantis' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      fields: [expect.objectContaining({ path: 'province', code: 'unknown_province' })],
    });
    await expect(
      createOfficer(
        actx,
        { nationalCode: '0684159414' },
        { scope: 'county', province: 'فارس', county: 'Atlantis' },
      ),
    ).rejects.toMatchObject({ fields: [expect.objectContaining({ code: 'unknown_county' })] });
    await expect(createAdministrator(actx, { nationalCode: '0684159414' })).rejects.toMatchObject({
      fields: [expect.objectContaining({ path: 'firstName' }), expect.objectContaining({ path: 'lastName' })],
    });
    await expect(
      createAdministrator(actx, { nationalCode: '0499370899', password: '12345678' }),
    ).rejects.toMatchObject({ fields: [expect.objectContaining({ code: 'password_common' })] });
  });

  it('disables an account (ending its sessions) and enables it again', async () => {
    const { cookie } = await signIn(app, ctx, '0499370899', { password: 'Golestan-Palace-1405' });
    expect((await disableAccount(ctx, '0499370899')).sessionsEnded).toBe(2); // this one and the first test's
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
    await setAccountEnabled(ctx, '0499370899', true);
    await signIn(app, ctx, '0499370899', { password: 'Golestan-Palace-1405' });
    await expect(disableAccount(ctx, '0015467295')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('demo accounts', () => {
  it('are created once, for every role, from the demo data, and each signs in', async () => {
    const demoCtx = await createTestContext();
    try {
      await generateDemo(demoCtx, { cooperatives: 12, seed: 7 });
      const demo = accountsContext(demoCtx, { scrypt: FAST_SCRYPT });
      const accounts = await seedDemoAccounts(demo);
      expect(accounts?.map((a) => a.role.en.split(' — ')[0])).toEqual([
        'Member',
        'Board member',
        'Managing director',
        'Inspector',
        'Ministry officer',
        'Ministry officer',
        'Ministry officer',
        'Administrator',
      ]);
      expect(new Set(accounts?.map((a) => a.nationalCode)).size).toBe(8);
      expect(await seedDemoAccounts(demo)).toBeNull();
      const printout = formatDemoAccounts(accounts ?? []);
      expect(printout).toContain(DEMO_PASSWORD);
      expect(printout).toContain('مدیرعامل');
      const demoApp = await buildApp(demoCtx, { logLevel: 'silent', accounts: FAST_ACCOUNTS });
      for (const a of accounts ?? [])
        await signIn(demoApp, demoCtx, a.nationalCode, { password: DEMO_PASSWORD });
      await demoApp.close();
      // Deterministic: the same data gives the same people.
      const again = await createTestContext();
      await generateDemo(again, { cooperatives: 12, seed: 7 });
      const second = await seedDemoAccounts(accountsContext(again, { scrypt: FAST_SCRYPT }));
      expect(second?.map((a) => a.nationalCode)).toEqual(accounts?.map((a) => a.nationalCode));
      await again.close();
    } finally {
      await demoCtx.close();
    }
  });
});

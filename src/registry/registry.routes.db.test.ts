import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBoard,
  buildCooperative,
  cooperativeInput,
  LEGAL_IDS,
  NATIONAL_CODES,
  recordAssembly,
  recordFiling,
  recordMembership,
  runWrite,
} from '../../test/factories/registry.ts';
import { createTestContext } from '../../test/helpers/test-context.ts';
import type { OpenContext } from '../context/open-context.ts';
import { buildApp } from '../http/app.ts';

let ctx: OpenContext;
let app: FastifyInstance;

beforeAll(async () => {
  ctx = await createTestContext({ today: '2026-11-28' }); // 1405/09/07
  app = await buildApp(ctx, { logLevel: 'silent' });
  await buildCooperative(ctx);
  await buildCooperative(ctx, {
    name: 'تعاونی مسکن کارکنان کرمان',
    field: 'housing',
    subfield: 'کارمندی',
    province: 'Kerman',
    county: 'کرمان',
    legalId: LEGAL_IDS[1],
    registrationNo: '۹۸۷۶',
    registeredOn: '2010-05-01',
  });
  await buildCooperative(ctx, {
    name: 'تعاونی فرش دستباف کاشان',
    field: 'فرش دستباف',
    subfield: undefined,
    province: 'اصفهان',
    county: 'کاشان',
    legalId: LEGAL_IDS[2],
    registrationNo: '77',
  });
  // Board elected 1402/04/10 for three years: term ends 1405/04/10, so it has expired by 1405/09/07.
  await buildBoard(ctx, LEGAL_IDS[0], { termStart: '1402/04/10' });
  await runWrite(recordMembership, ctx, {
    cooperativeLegalId: LEGAL_IDS[0],
    memberNo: '1',
    person: { nationalCode: NATIONAL_CODES[5], firstName: 'حسن', lastName: 'نوری', mobile: '09131112233' },
    joinedOn: '1395/03/12',
    shares: 10,
  });
  // Fiscal year 1403: assembly held on time, inspector report filed; 1404: nothing held (overdue).
  await runWrite(recordAssembly, ctx, {
    cooperativeLegalId: LEGAL_IDS[0],
    kind: 'ordinary',
    fiscalYear: 1403,
    invitationPublishedOn: '1404/02/01',
    heldOn: '1404/03/15',
    electionsHeld: false,
  });
  await runWrite(recordFiling, ctx, {
    cooperativeLegalId: LEGAL_IDS[0],
    kind: 'inspector_report',
    fiscalYear: 1403,
    filedOn: '1404/03/01',
  });
});

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

async function search(query: string) {
  const response = await app.inject({ method: 'GET', url: `/api/v1/cooperatives?${query}` });
  expect(response.statusCode).toBe(200);

  return response.json() as { items: Array<{ legalId: string; name: string }>; total: number };
}

describe('GET /api/v1/cooperatives', () => {
  it('lists the register in Persian alphabetical order without a query', async () => {
    const body = await search('');
    expect(body.total).toBe(3);
    // ت ع ا و ن ی … then: فرش (ف) < مرغداری (م) < مسکن (م, then ر < س)
    expect(body.items.map((i) => i.legalId)).toEqual([LEGAL_IDS[2], LEGAL_IDS[0], LEGAL_IDS[1]]);
  });

  it('returns the same items in the same order for Arabic ي/ك and Persian ی/ک', async () => {
    const persian = await search(`q=${encodeURIComponent('تعاونی')}`);
    const arabic = await search(`q=${encodeURIComponent('تعاوني')}`);
    expect(persian.total).toBe(3);
    expect(arabic).toEqual(persian);
    const kaf = await search(`q=${encodeURIComponent('مسكن كاركنان')}`);
    expect(kaf.items.map((i) => i.legalId)).toEqual([LEGAL_IDS[1]]);
  });

  it('finds by name prefix, legal ID, registration number in Persian digits, and officer name', async () => {
    expect((await search(`q=${encodeURIComponent('مرغدا')}`)).items.map((i) => i.legalId)).toEqual([
      LEGAL_IDS[0],
    ]);
    expect((await search(`q=${LEGAL_IDS[1]}`)).items.map((i) => i.legalId)).toEqual([LEGAL_IDS[1]]);
    expect((await search(`q=${encodeURIComponent('۹۸۷۶')}`)).items.map((i) => i.legalId)).toEqual([
      LEGAL_IDS[1],
    ]);
    expect((await search(`q=${encodeURIComponent('مریم احمدی')}`)).items.map((i) => i.legalId)).toEqual([
      LEGAL_IDS[0],
    ]);
  });

  it('filters by province, field and status, and paginates', async () => {
    expect((await search(`province=${encodeURIComponent('فارس')}`)).items.map((i) => i.legalId)).toEqual([
      LEGAL_IDS[0],
    ]);
    expect((await search('province=IR-08&field=housing')).total).toBe(1);
    const page2 = await search('pageSize=2&page=2');
    expect(page2.items).toHaveLength(1);
    expect(page2.total).toBe(3);
  });

  it('rejects an unknown province and a bad page with a bilingual problem body naming each field', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/cooperatives?province=Atlantis&pageSize=500&field=alchemy',
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.code).toBe('INVALID_INPUT');
    expect(body.message.fa).toBeTruthy();
    expect(body.message.en).toBeTruthy();
    expect(body.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'field',
      'pageSize',
      'province',
    ]);
    const province = await app.inject({ method: 'GET', url: '/api/v1/cooperatives?province=Atlantis' });
    expect(province.json().fields).toEqual([
      expect.objectContaining({ path: 'province', code: 'unknown_province' }),
    ]);
  });
});

describe('GET /api/v1/cooperatives/:legalId', () => {
  it('shows officers with days left, overdue obligations and the health card', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/cooperatives/${LEGAL_IDS[0]}` });
    expect(response.statusCode).toBe(200);
    const profile = response.json();
    expect(profile.name).toBe('تعاونی مرغداری گلستان شیراز');
    expect(profile.memberCount).toBe(1);
    const chair = profile.officers.find(
      (o: { position: { code: string } | null }) => o.position?.code === 'chair',
    );
    expect(chair).toMatchObject({ name: 'مریم احمدی', termEnd: '2026-07-01', termExpired: true });
    expect(chair.daysLeft).toBe(-150);
    const overdue = profile.obligations.filter((o: { overdue: boolean }) => o.overdue);
    expect(overdue.map((o: { kind: string; fiscalYear: number }) => `${o.kind}:${o.fiscalYear}`)).toContain(
      'annual_assembly:1404',
    );
    const annual1403 = profile.obligations.find(
      (o: { kind: string; fiscalYear: number }) => o.kind === 'annual_assembly' && o.fiscalYear === 1403,
    );
    // 1403 ends on 30 Esfand (leap): due 31 Tir 1404 = 2025-07-22; held 1404/03/15 = 2025-06-05.
    expect(annual1403).toMatchObject({
      dueOn: '2025-07-22',
      doneOn: '2025-06-05',
      overdue: false,
      late: false,
    });
    expect(profile.healthCard).toMatchObject({
      lastAnnualAssemblyOn: '2025-06-05',
      boardTermEndsOn: '2026-07-01',
      boardTermDaysLeft: -150,
    });
    expect(profile.healthCard.obligationsOverdue).toBeGreaterThan(0);
    expect(profile.filingHistory.length).toBe(2);
  });

  it('never carries a natural person’s national code, phone, IBAN or address', async () => {
    const text = (await app.inject({ method: 'GET', url: `/api/v1/cooperatives/${LEGAL_IDS[0]}` })).body;
    for (const secret of [
      ...NATIONAL_CODES,
      '09121234567',
      '09351234567',
      '09131112233',
      'IR820540102680020817909002',
    ]) {
      expect(text).not.toContain(secret);
    }
    const list = (
      await app.inject({ method: 'GET', url: `/api/v1/cooperatives?q=${encodeURIComponent('احمدی')}` })
    ).body;
    for (const secret of NATIONAL_CODES) expect(list).not.toContain(secret);
  });

  it('answers 404 with a problem body for an unknown cooperative', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/cooperatives/10380284791' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND', message: { fa: 'تعاونی پیدا نشد' } });
  });
});

describe('open data', () => {
  it('downloads the register as CSV with a header and one row per cooperative', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/open-data/cooperatives.csv' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toContain('legal_id,registration_no');
    expect(lines).toHaveLength(4);
    expect(response.body).toContain('تعاونی مرغداری گلستان شیراز');
    for (const secret of NATIONAL_CODES) expect(response.body).not.toContain(secret);
  });

  it('serves the same rows as JSON and a dictionary describing every column', async () => {
    const json = (await app.inject({ method: 'GET', url: '/api/v1/open-data/cooperatives.json' })).json();
    expect(json).toHaveLength(3);
    const dictionary = (await app.inject({ method: 'GET', url: '/api/v1/open-data/dictionary' })).json();
    expect(dictionary.columns.map((c: { name: string }) => c.name).sort()).toEqual(
      Object.keys(json[0]).sort(),
    );
  });

  it('pages through the change feed and resumes from a timepoint', async () => {
    const first = (await app.inject({ method: 'GET', url: '/api/v1/stream/events?limit=3' })).json();
    expect(first.items).toHaveLength(3);
    expect(first.items[0]).toMatchObject({ kind: 'cooperative.registered', legalId: LEGAL_IDS[0] });
    const rest = (
      await app.inject({ method: 'GET', url: `/api/v1/stream/events?timepoint=${first.nextTimepoint}` })
    ).json();
    expect(rest.items[0].timepoint).toBeGreaterThan(first.nextTimepoint);
    expect(rest.nextTimepoint).toBe(first.latestTimepoint);
    const kinds = new Set(rest.items.map((i: { kind: string }) => i.kind));
    expect(kinds).toEqual(
      new Set(['officer.appointed', 'cooperative.members_changed', 'assembly.recorded', 'filing.recorded']),
    );
    for (const secret of NATIONAL_CODES) expect(JSON.stringify(rest)).not.toContain(secret);
  });
});

describe('registration rules', () => {
  it('reports every bad field of a registration at once and writes nothing', async () => {
    const before = (await search('')).total;
    const error = await runWrite(
      (await import('../registry/register-cooperative.ts')).registerCooperative,
      ctx,
      cooperativeInput({
        name: 'تعاونی \u202Eجعلی',
        legalId: '10380284791',
        province: 'Atlantis',
        field: 'alchemy',
        registeredOn: '1402/12/30',
        capitalRials: -5,
      }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    const paths = (error as { fields: Array<{ path: string; code: string }> }).fields.map(
      (f) => `${f.path}:${f.code}`,
    );
    expect(paths.sort()).toEqual(
      ['capitalRials:money', 'legalId:legal_id', 'name:bidi', 'registeredOn:date_invalid'].sort(),
    );
    expect((await search('')).total).toBe(before);
  });

  it('rejects a second cooperative with the same legal ID as a conflict', async () => {
    const error = await buildCooperative(ctx, { name: 'تعاونی دیگر' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT', fields: [expect.objectContaining({ path: 'legalId' })] });
  });
});

describe('response cache', () => {
  it('serves a write on the very next read of the profile and of the search', async () => {
    const url = `/api/v1/cooperatives/${LEGAL_IDS[2]}`;
    const before = (await app.inject({ method: 'GET', url })).json();
    const again = (await app.inject({ method: 'GET', url })).json();
    expect(again).toEqual(before);
    await runWrite(recordFiling, ctx, {
      cooperativeLegalId: LEGAL_IDS[2],
      kind: 'annual_statements',
      fiscalYear: 1404,
      filedOn: '1405/04/01',
    });
    const after = (await app.inject({ method: 'GET', url })).json();
    expect(after.filingHistory.length).toBe(before.filingHistory.length + 1);

    const total = (await search('')).total;
    await buildCooperative(ctx, { name: 'تعاونی تازه', legalId: LEGAL_IDS[3] });
    expect((await search('')).total).toBe(total + 1);
  });
});

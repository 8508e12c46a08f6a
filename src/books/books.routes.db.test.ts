import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBoard,
  buildCooperative,
  LEGAL_IDS,
  NATIONAL_CODES,
  recordMembership,
  runWrite,
} from '../../test/factories/registry.ts';
import { createTestContext } from '../../test/helpers/test-context.ts';
import { type Actor, loadActor } from '../access/index.ts';
import type { OpenContext } from '../context/open-context.ts';
import { buildApp } from '../http/app.ts';
import { findLog } from '../ledger/ledger.repository.ts';
import { findPersonId } from '../people/index.ts';

/**
 * The managers' records through HTTP: each write appends exactly one entry; every bad input is
 * a 4xx naming its fields with nothing appended; separation of duties holds; entries cannot be
 * edited or deleted through any route.
 */
const A = LEGAL_IDS[0];
const COMPANY = { kind: 'company', name: 'شرکت خوراک دام پارس', legalId: LEGAL_IDS[2] };
let ctx: OpenContext;
let app: FastifyInstance;
let coopId: number;
const actors = new Map<string, Actor>();

beforeAll(async () => {
  ctx = await createTestContext();
  coopId = await buildCooperative(ctx);
  // Board: NATIONAL_CODES 0–2 (chair, vice-chair, secretary); 3 managing director; 4 inspector.
  await buildBoard(ctx, A, { termStart: '1404/01/15' });
  await runWrite(recordMembership, ctx, {
    cooperativeLegalId: A,
    memberNo: '7',
    person: { nationalCode: NATIONAL_CODES[5], firstName: 'نرگس', lastName: 'کاظمی' },
    joinedOn: '1400/02/01',
    shares: 10,
  });
  for (const [name, i] of [
    ['chair', 0],
    ['vice', 1],
    ['secretary', 2],
    ['director', 3],
    ['inspector', 4],
    ['member', 5],
  ] as const) {
    actors.set(name, await loadActor(ctx.db, (await findPersonId(ctx.db, NATIONAL_CODES[i])) ?? 0, []));
  }
  app = await buildApp(ctx, {
    logLevel: 'silent',
    resolveActor: async (request) => actors.get(String(request.headers['x-test-actor'])) ?? null,
    onDenied: async () => {},
  });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const post = (who: string, path: string, payload: object) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/cooperatives/${A}/books/${path}`,
    headers: { 'x-test-actor': who },
    payload,
  });
const size = async () => (await findLog(ctx.db, coopId))?.size ?? 0;

async function board() {
  const r = await app.inject({
    method: 'GET',
    url: `/api/v1/cooperatives/${A}/books/board`,
    headers: { 'x-test-actor': 'member' },
  });
  return r.json().items as Array<{ officerId: number; name: string }>;
}

describe('recording the books', () => {
  let resolutionId = 0;

  it('records a board resolution with every vote and a declared conflict, as one new entry', async () => {
    const directors = await board();
    expect(directors).toHaveLength(3);
    const before = await size();
    const r = await post('director', 'resolutions', {
      body: 'board',
      number: '1405/12',
      meetingOn: '۱۴۰۵/۰۸/۲۰',
      motion: 'خرید دستگاه جوجه‌کشی از شرکت خوراک دام پارس',
      votes: [
        { officerId: directors[0]?.officerId, vote: 'for' },
        { officerId: directors[1]?.officerId, vote: 'for' },
        {
          officerId: directors[2]?.officerId,
          vote: 'abstain',
          conflict: true,
          conflictNote: 'برادرم سهامدار فروشنده است',
        },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    resolutionId = body.id;
    expect(body.entry.index).toBe(before);
    expect(await size()).toBe(before + 1);
    const entry = await app.inject({
      method: 'GET',
      url: `/api/v1/cooperatives/${A}/ledger/entries/${body.entry.index}`,
      headers: { 'x-test-actor': 'member' },
    });
    const parsed = JSON.parse(entry.json().item.body);
    expect(parsed.kind).toBe('resolution.recorded');
    expect(parsed.data.outcome).toBe('approved');
    expect(parsed.data.votes.map((v: { vote: string }) => v.vote)).toEqual(['for', 'for', 'abstain']);
    expect(parsed.data.votes[2].conflict).toBe(true);
    expect(entry.json().receipt.leafHashes).toContain(body.entry.leafHash);
  });

  it('refuses a conflicted director voting for, an unknown director and a meeting in the future, naming each', async () => {
    const directors = await board();
    const before = await size();
    const r = await post('director', 'resolutions', {
      body: 'board',
      number: '1405/13',
      meetingOn: '1406/01/01',
      motion: 'x',
      votes: [{ officerId: directors[0]?.officerId, vote: 'for', conflict: true }],
    });
    expect(r.statusCode).toBe(400);
    expect(
      r
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['meetingOn', 'votes.0.vote']);
    const stranger = await post('director', 'resolutions', {
      body: 'board',
      number: '1405/13',
      meetingOn: '1405/08/01',
      motion: 'x',
      votes: [{ officerId: 999_999, vote: 'for' }],
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().fields[0]).toMatchObject({ path: 'votes.0.officerId', code: 'not_a_director' });
    expect(await size()).toBe(before);
  });

  it('refuses every bad field of a payment at once and appends nothing', async () => {
    const before = await size();
    const r = await post('director', 'payments', {
      direction: 'payment',
      party: { kind: 'person', name: 'علی رضایی', nationalCode: '1234567890' },
      iban: 'IR000000000000000000000000',
      amountRials: -5,
      paidOn: '1406/01/01',
      category: 'bribes',
      resolutionId: 'abc',
    });
    expect(r.statusCode).toBe(400);
    const problem = r.json();
    expect(problem.message.fa).toBeTruthy();
    expect(problem.message.en).toBeTruthy();
    expect(problem.fields.map((f: { path: string }) => f.path).sort()).toEqual(
      ['amountRials', 'category', 'iban', 'paidOn', 'party.nationalCode', 'resolutionId'].sort(),
    );
    const fractional = await post('director', 'payments', {
      direction: 'payment',
      party: COMPANY,
      amountRials: 10.5,
      paidOn: '1405/08/01',
      category: 'rent',
    });
    expect(fractional.statusCode).toBe(400);
    expect(fractional.json().fields[0].path).toBe('amountRials');
    expect(await size()).toBe(before);
  });

  it('requires a recorded resolution above the threshold, and refuses an unknown one', async () => {
    const before = await size();
    const base = {
      direction: 'payment',
      party: COMPANY,
      amountRials: 2_000_000_000,
      paidOn: '1405/08/25',
      category: 'equipment',
    };
    const none = await post('director', 'payments', base);
    expect(none.statusCode).toBe(400);
    expect(none.json().fields[0]).toMatchObject({ path: 'resolutionId', code: 'resolution_required' });
    const unknown = await post('director', 'payments', { ...base, resolutionId: 987_654 });
    expect(unknown.json().fields[0]).toMatchObject({ path: 'resolutionId', code: 'unknown_resolution' });
    const external = await post('director', 'payments', { ...base, resolutionRef: 'صورتجلسه ۱۲' });
    expect(external.statusCode).toBe(400);
    expect(await size()).toBe(before);
  });

  it('needs two board sign-offs above the sign-off threshold, never from the author', async () => {
    const r = await post('director', 'payments', {
      direction: 'payment',
      party: { kind: 'person', name: 'حسن مرادی', nationalCode: NATIONAL_CODES[6] },
      iban: 'IR820540102680020817909002',
      amountRials: 3_000_000_000,
      paidOn: '1405/08/25',
      category: 'loans_advances',
      resolutionId,
      budgetLine: 'وام قرض‌الحسنه اعضا',
    });
    expect(r.statusCode, r.body).toBe(201);
    const paymentId = r.json().id;
    const list = async () =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/cooperatives/${A}/books/payments?status=pending`,
          headers: { 'x-test-actor': 'chair' },
        })
      ).json().items as Array<{ id: number; approved: boolean; approvals: unknown[] }>;
    expect((await list()).find((p) => p.id === paymentId)?.approved).toBe(false);
    // The entry holds commitments, never the payee's national code or IBAN.
    const entry = await app.inject({
      method: 'GET',
      url: `/api/v1/cooperatives/${A}/ledger/entries/${r.json().entry.index}`,
      headers: { 'x-test-actor': 'member' },
    });
    expect(entry.body).not.toContain(NATIONAL_CODES[6]);
    expect(entry.body).not.toContain('IR820540102680020817909002');
    const approve = (who: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/cooperatives/${A}/books/payments/${paymentId}/approvals`,
        headers: { 'x-test-actor': who },
        payload: {},
      });
    expect((await approve('director')).statusCode).toBe(403); // the director is not on the board
    expect((await approve('chair')).statusCode).toBe(201);
    expect((await approve('chair')).statusCode).toBe(409);
    expect((await approve('vice')).statusCode).toBe(201);
    expect((await approve('secretary')).json().fields[0].code).toBe('already_approved');
    expect((await list()).some((p) => p.id === paymentId)).toBe(false);
  });

  it('lets the inspector and not a member open the identifiers, which match their commitments', async () => {
    const feed = await app.inject({
      method: 'GET',
      url: `/api/v1/cooperatives/${A}/ledger/entries?kind=payment.recorded`,
      headers: { 'x-test-actor': 'member' },
    });
    const index = feed.json().items[0].index;
    const url = `/api/v1/cooperatives/${A}/ledger/entries/${index}/identifiers`;
    expect((await app.inject({ method: 'GET', url, headers: { 'x-test-actor': 'member' } })).statusCode).toBe(
      403,
    );
    const opened = await app.inject({ method: 'GET', url, headers: { 'x-test-actor': 'inspector' } });
    expect(opened.statusCode).toBe(200);
    expect(
      opened
        .json()
        .items.map((i: { path: string; value: string }) => `${i.path}=${i.value}`)
        .sort(),
    ).toEqual(['data.iban=IR820540102680020817909002', `data.party.nationalCode=${NATIONAL_CODES[6]}`]);
  });

  it('refuses editing or deleting an entry through any method, and leaves the log as it was', async () => {
    const before = await size();
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const r = await app.inject({
        method,
        url: `/api/v1/cooperatives/${A}/ledger/entries/1`,
        headers: { 'x-test-actor': 'director' },
        payload: {},
      });
      expect(r.statusCode).toBe(405);
      expect(r.json().code).toBe('APPEND_ONLY');
    }
    expect(await size()).toBe(before);
  });

  it('records statements (balanced), share movements (within holdings) and corrections naming their target', async () => {
    const unbalanced = await post('director', 'statements', {
      fiscalYear: 1404,
      figures: {
        totalAssets: 100,
        totalLiabilities: 30,
        equity: 60,
        revenue: 50,
        expenses: 20,
        netIncome: 10,
      },
    });
    expect(unbalanced.json().fields.map((f: { path: string }) => f.path)).toEqual([
      'figures.totalAssets',
      'figures.netIncome',
    ]);
    expect(
      (
        await post('director', 'share-movements', {
          memberNo: '7',
          kind: 'redeem',
          shares: 11,
          amountRials: 0,
          movedOn: '1405/08/01',
        })
      ).json().fields[0].code,
    ).toBe('not_enough_shares');
    expect(
      (
        await post('director', 'share-movements', {
          memberNo: '7',
          kind: 'redeem',
          shares: 4,
          amountRials: 4_000_000,
          movedOn: '1405/08/01',
        })
      ).statusCode,
    ).toBe(201);
    const correction = await post('director', 'corrections', {
      targetIndex: 0,
      action: 'reverse',
      reason: 'x',
    });
    expect(correction.json().fields[0]).toMatchObject({ path: 'targetIndex', code: 'unknown_entry' });
    const amend = await post('director', 'corrections', {
      targetIndex: 1,
      action: 'amend',
      reason: 'تاریخ اشتباه',
      amendment: { nationalCode: '0012345678' },
    });
    expect(amend.json().fields[0].path).toBe('amendment.nationalCode');
    expect(
      (
        await post('inspector', 'inspector-reports', {
          fiscalYear: 1404,
          opinion: 'qualified',
          summary: 'گزارش',
          reportedOn: '1405/03/01',
        })
      ).statusCode,
    ).toBe(201);
    // The register counts the report as filed: its obligation (and its red flag) are met.
    const filed = await ctx.db
      .selectFrom('filings')
      .select(['kind', 'fiscal_year'])
      .where('cooperative_id', '=', coopId)
      .where('kind', '=', 'inspector_report')
      .execute();
    expect(filed).toEqual([{ kind: 'inspector_report', fiscal_year: 1404 }]);
    expect(
      (
        await post('member', 'inspector-reports', {
          fiscalYear: 1404,
          opinion: 'qualified',
          summary: 'گزارش',
          reportedOn: '1405/03/01',
        })
      ).statusCode,
    ).toBe(403);
  });
});

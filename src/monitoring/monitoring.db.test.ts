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
import { createTestAccount } from '../../test/helpers/auth.ts';
import { createTestContext } from '../../test/helpers/test-context.ts';
import { type Actor, loadActor } from '../access/index.ts';
import { recordPayment } from '../books/record-books.ts';
import type { OpenContext } from '../context/open-context.ts';
import { buildApp } from '../http/app.ts';
import { countEntriesByKind } from '../ledger/ledger.repository.ts';
import { verifyLog } from '../ledger/verify.ts';
import { findPersonId } from '../people/index.ts';
import { RULES } from './catalogue.ts';
import { drainQueue } from './queue.ts';
import { runScan } from './scan.ts';

/**
 * The monitor end to end: writes queue their cooperative, the queue raises alerts that explain
 * themselves and name their evidence, alerts live (answer, resolve, dismiss) with each step in the
 * ledger, thresholds are validated configuration, and the scan covers every cooperative.
 */
const A = LEGAL_IDS[0];
let ctx: OpenContext;
let app: FastifyInstance;
let coopId: number;
const actors = new Map<string, Actor>();

beforeAll(async () => {
  ctx = await createTestContext();
  // Registered in 1395 with no assembly ever recorded: annual assemblies are overdue.
  coopId = await buildCooperative(ctx);
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
    ['director', 3],
    ['inspector', 4],
    ['member', 5],
  ] as const) {
    actors.set(name, await loadActor(ctx.db, (await findPersonId(ctx.db, NATIONAL_CODES[i])) ?? 0, []));
  }
  actors.set('admin', { personId: 0, roles: new Map(), staff: [{ kind: 'admin' }] });
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

const as = (who: string) => ({ 'x-test-actor': who });
const alertsOf = async (who = 'member') =>
  (await app.inject({ method: 'GET', url: `/api/v1/cooperatives/${A}/alerts`, headers: as(who) })).json();

describe('the rule catalogue', () => {
  it('has unique ids, words in both languages, a basis, and thresholds whose defaults parse', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.title.fa && r.title.en && r.explanation.fa && r.basis.fa, r.id).toBeTruthy();
      expect(() => r.thresholds.parse({}), r.id).not.toThrow();
    }
  });
});

describe('monitoring a cooperative', () => {
  it('raises alerts after writes, explaining themselves, with each opening in the ledger', async () => {
    await runWrite(recordPayment, ctx, {
      cooperativeLegalId: A,
      actorPersonId: null,
      direction: 'payment',
      party: { kind: 'company', name: 'شرکت بی‌نام', legalId: LEGAL_IDS[2] },
      amountRials: 90_000_000,
      paidOn: '1405/08/10',
      category: 'services',
    });
    const memberPerson = await createTestAccount(ctx, {
      nationalCode: NATIONAL_CODES[5],
      firstName: 'نرگس',
      lastName: 'کاظمی',
      mobile: '09127654321',
    });
    const drained = await drainQueue(ctx);
    expect(drained.cooperatives).toBe(1);
    // The member (who has an account) is told: in-app for every alert, by SMS too for high ones.
    const told = await ctx.db
      .selectFrom('outbox')
      .select(['channel', 'subject_fa'])
      .where('person_id', '=', memberPerson)
      .where('kind', '=', 'alert')
      .execute();
    expect(told.filter((m) => m.channel === 'inapp').length).toBeGreaterThanOrEqual(2);
    expect(
      told.some((m) => m.channel === 'sms' && m.subject_fa === 'مجمع عمومی سالانه برگزار نشده است'),
    ).toBe(true);
    expect(told.some((m) => m.channel === 'sms' && m.subject_fa === 'پرداخت بدون مصوبه یا ردیف بودجه')).toBe(
      false,
    );
    const body = await alertsOf();
    const rules = body.items.map((a: { ruleId: string }) => a.ruleId);
    expect(rules).toContain('gov.annual_assembly_overdue');
    expect(rules).toContain('money.payment_without_authority');
    const unauthorised = body.items.find(
      (a: { ruleId: string }) => a.ruleId === 'money.payment_without_authority',
    );
    expect(unauthorised.explanation.fa).toContain('شرکت بی‌نام');
    expect(unauthorised.explanation.fa).toContain('90000000');
    expect(unauthorised.evidence.entries).toHaveLength(1);
    expect(body.risk.score).toBeGreaterThan(0);
    const kinds = Object.fromEntries(
      (await countEntriesByKind(ctx.db, coopId)).map((k) => [k.kind, Number(k.count)]),
    );
    expect(kinds['alert.opened']).toBe(body.items.length);
    // Draining again opens nothing new: findings are deduplicated into the same alerts.
    await runScan(ctx);
    expect((await alertsOf()).items).toHaveLength(body.items.length);
  });

  it('shows the public only governance flags', async () => {
    const flags = (await app.inject({ method: 'GET', url: `/api/v1/cooperatives/${A}/flags` })).json();
    expect(flags.items.length).toBeGreaterThan(0);
    expect(
      flags.items.every(
        (a: { category: string; public: boolean }) => a.category === 'governance' && a.public,
      ),
    ).toBe(true);
    expect((await app.inject({ method: 'GET', url: `/api/v1/cooperatives/${A}/alerts` })).statusCode).toBe(
      401,
    );
  });

  it('lets the board answer and the inspector resolve, each step a ledger entry; refuses the rest', async () => {
    const alert = (await alertsOf()).items.find(
      (a: { ruleId: string }) => a.ruleId === 'money.payment_without_authority',
    );
    const url = (action: string) => `/api/v1/cooperatives/${A}/alerts/${alert.id}/${action}`;
    const post = (who: string, action: string, payload: object) =>
      app.inject({ method: 'POST', url: url(action), headers: as(who), payload });
    expect((await post('member', 'answer', { text: 'x' })).statusCode).toBe(403);
    expect((await post('director', 'resolve', { text: 'x' })).statusCode).toBe(403);
    const empty = await post('director', 'answer', { text: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().fields[0].path).toBe('text');
    const answered = await post('director', 'answer', { text: 'مصوبهٔ این پرداخت در جلسهٔ بعد ثبت می‌شود' });
    expect(answered.statusCode).toBe(201);
    expect((await post('chair', 'answer', { text: 'دوباره' })).statusCode).toBe(409);
    const resolved = await post('inspector', 'resolve', { text: 'مصوبه دیده شد' });
    expect(resolved.statusCode).toBe(201);
    expect((await post('inspector', 'dismiss', { text: 'x' })).statusCode).toBe(409);
    const after = (await alertsOf()).items.find((a: { id: number }) => a.id === alert.id);
    expect(after.status).toBe('resolved');
    expect(after.events.map((e: { action: string }) => e.action)).toEqual(['opened', 'answered', 'resolved']);
    const kinds = Object.fromEntries(
      (await countEntriesByKind(ctx.db, coopId)).map((k) => [k.kind, Number(k.count)]),
    );
    expect(kinds['alert.answered']).toBe(1);
    expect(kinds['alert.resolved']).toBe(1);
    // The ledger, with the alerts' entries re-derived from their rows, still verifies.
    expect((await verifyLog(ctx, coopId)).problems).toEqual([]);
  });

  it('validates thresholds as configuration: bad values and unknown rules change nothing', async () => {
    const put = (who: string, rule: string, payload: object) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/monitoring/rules/${rule}/thresholds`,
        headers: as(who),
        payload,
      });
    expect((await put('member', 'money.payment_without_authority', { minAmountRials: 1 })).statusCode).toBe(
      403,
    );
    const bad = await put('admin', 'money.payment_without_authority', { minAmountRials: -5, extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['thresholds.extra', 'thresholds.minAmountRials']);
    expect((await put('admin', 'no.such_rule', {})).statusCode).toBe(404);
    const rules = (await app.inject({ method: 'GET', url: '/api/v1/monitoring/rules' })).json().items;
    expect(rules.find((r: { id: string }) => r.id === 'money.payment_without_authority').thresholds).toEqual({
      minAmountRials: 50_000_000,
    });
    const ok = await put('admin', 'money.payment_without_authority', { minAmountRials: 100_000_000 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().thresholds).toEqual({ minAmountRials: 100_000_000 });
  });
});

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_TODAY } from '../../test/helpers/test-context.ts';
import type { OpenContext } from '../context/open-context.ts';
import { computeObligations } from '../governance/obligations.ts';
import { isValidIban, isValidLegalId, isValidMobile, isValidNationalCode } from '../identifiers/index.ts';
import { tokenize } from '../text/index.ts';
import { type DemoSummary, generateDemo, seedDemoIfEmpty } from './generate-demo.ts';

const SIZE = 300;

/** SHA-256 over the public columns of the main tables, rows in id order. */
async function digest(ctx: OpenContext): Promise<string> {
  const db = ctx.db;
  const hash = createHash('sha256');
  const tables = [
    await db
      .selectFrom('cooperatives')
      .select([
        'id',
        'legal_id',
        'registration_no',
        'registered_on',
        'name',
        'legal_form',
        'field_code',
        'subfield_code',
        'province_id',
        'county_id',
        'status',
        'status_changed_on',
        'capital_rials',
        'member_count',
      ])
      .orderBy('id')
      .execute(),
    await db
      .selectFrom('persons')
      .select(['id', 'national_code', 'first_name', 'last_name'])
      .orderBy('id')
      .execute(),
    await db
      .selectFrom('memberships')
      .select([
        'id',
        'cooperative_id',
        'member_no',
        'person_id',
        'legal_entity_id',
        'joined_on',
        'left_on',
        'shares',
      ])
      .orderBy('id')
      .execute(),
    await db
      .selectFrom('officers')
      .select(['id', 'cooperative_id', 'person_id', 'role', 'position', 'term_start', 'term_end', 'ended_on'])
      .orderBy('id')
      .execute(),
    await db
      .selectFrom('assemblies')
      .select([
        'id',
        'cooperative_id',
        'kind',
        'fiscal_year',
        'invitation_published_on',
        'held_on',
        'elections_held',
      ])
      .orderBy('id')
      .execute(),
    await db
      .selectFrom('filings')
      .select(['id', 'cooperative_id', 'kind', 'fiscal_year', 'filed_on'])
      .orderBy('id')
      .execute(),
  ];
  for (const rows of tables) {
    for (const row of rows) hash.update(`${JSON.stringify(Object.values(row))}\n`);
  }
  return hash.digest('hex');
}

/** Generates into a fresh database and returns the digest; the database is dropped afterwards. */
async function digestOfFresh(seed?: number): Promise<string> {
  const ctx = await createTestContext();
  try {
    await generateDemo(ctx, { cooperatives: SIZE, ...(seed !== undefined ? { seed } : {}) });
    return await digest(ctx);
  } finally {
    await ctx.close();
  }
}

// Contexts are opened one at a time: on PostgreSQL a second test schema must not be migrated while
// another one exists (see the note in the report on src/db/migrate.ts).
describe('generateDemo on fresh databases', () => {
  it('is deterministic: the same seed gives the same data, another seed other data', async () => {
    const first = await digestOfFresh();
    expect(await digestOfFresh()).toBe(first);
    expect(await digestOfFresh(7)).not.toBe(first);
  });

  it('seeds only an empty register', async () => {
    const ctx = await createTestContext();
    try {
      expect(await seedDemoIfEmpty(ctx, 20)).toBe(true);
      expect(await seedDemoIfEmpty(ctx, 20)).toBe(false);
      const count = await ctx.db
        .selectFrom('cooperatives')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(20);
    } finally {
      await ctx.close();
    }
  });

  it('restores SQLite durability settings after the bulk load', async () => {
    const ctx = await createTestContext();
    try {
      if (ctx.dialect !== 'sqlite') return;
      const before = ctx.handle.sqlite?.pragma('synchronous', { simple: true });
      await generateDemo(ctx, { cooperatives: 5 });
      expect(ctx.handle.sqlite?.pragma('synchronous', { simple: true })).toBe(before);
    } finally {
      await ctx.close();
    }
  });
});

describe('generateDemo', () => {
  let ctx: OpenContext;
  let summary: DemoSummary;
  const progress: number[] = [];

  beforeAll(async () => {
    ctx = await createTestContext();
    summary = await generateDemo(ctx, { cooperatives: SIZE, onProgress: (done) => progress.push(done) });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('writes the requested cooperatives with about 16 memberships each', async () => {
    expect(summary.cooperatives).toBe(SIZE);
    expect(progress.at(-1)).toBe(SIZE);
    const count = await ctx.db
      .selectFrom('cooperatives')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(SIZE);
    expect(summary.memberships).toBeGreaterThan(SIZE * 16 * 0.9);
    expect(summary.memberships).toBeLessThan(SIZE * 16 * 1.15);
    expect(summary.officers).toBeGreaterThan(SIZE * 5);
    expect(summary.assemblies).toBeGreaterThan(SIZE);
    expect(summary.filings).toBeGreaterThan(SIZE);
  });

  it('gives every person a valid, unique national code and valid mobiles and IBANs', async () => {
    const persons = await ctx.db.selectFrom('persons').select(['national_code', 'mobile', 'iban']).execute();
    expect(persons.length).toBe(summary.persons);
    expect(persons.filter((p) => !isValidNationalCode(p.national_code))).toEqual([]);
    expect(new Set(persons.map((p) => p.national_code)).size).toBe(persons.length);
    expect(persons.filter((p) => p.mobile !== null && !isValidMobile(p.mobile))).toEqual([]);
    expect(persons.filter((p) => p.iban !== null && !isValidIban(p.iban))).toEqual([]);
    expect(persons.filter((p) => p.iban !== null).length).toBeGreaterThan(persons.length / 3);
    const declared = await ctx.db
      .selectFrom('interest_declarations')
      .select(['person_national_code', 'company_legal_id'])
      .execute();
    expect(declared.length).toBeGreaterThan(0);
    for (const d of declared) {
      if (d.person_national_code !== null) expect(isValidNationalCode(d.person_national_code)).toBe(true);
      if (d.company_legal_id !== null) expect(isValidLegalId(d.company_legal_id)).toBe(true);
    }
  });

  it('gives registered cooperatives valid unique legal IDs, and those still forming none', async () => {
    const coops = await ctx.db
      .selectFrom('cooperatives')
      .select([
        'legal_id',
        'registration_no',
        'registered_on',
        'status',
        'capital_rials',
        'paid_capital_rials',
      ])
      .execute();
    const registered = coops.filter((c) => c.status !== 'formation_requested' && c.status !== 'approved');
    const forming = coops.filter((c) => c.status === 'formation_requested' || c.status === 'approved');
    expect(forming.length).toBeGreaterThan(0);
    for (const c of forming)
      expect([c.legal_id, c.registration_no, c.registered_on]).toEqual([null, null, null]);
    const legalIds = registered.map((c) => c.legal_id ?? '');
    expect(legalIds.filter((id) => !isValidLegalId(id))).toEqual([]);
    expect(new Set(legalIds).size).toBe(legalIds.length);
    for (const c of coops) {
      expect(Number.isSafeInteger(c.capital_rials)).toBe(true);
      if (c.paid_capital_rials !== null) expect(c.paid_capital_rials).toBeLessThanOrEqual(c.capital_rials);
    }
    const entities = await ctx.db
      .selectFrom('legal_entities')
      .select(['legal_id', 'cooperative_id'])
      .execute();
    for (const e of entities) {
      expect(isValidLegalId(e.legal_id)).toBe(true);
      expect(e.cooperative_id).not.toBeNull();
    }
  });

  it('spreads cooperatives over all 31 provinces with Khorasan Razavi, Fars and Tehran largest and Qom smallest', async () => {
    const rows = await ctx.db
      .selectFrom('cooperatives as c')
      .innerJoin('provinces as p', 'p.id', 'c.province_id')
      .select(['p.name_en', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('p.name_en')
      .execute();
    expect(rows.length).toBe(31);
    const ranked = rows.map((r) => ({ name: r.name_en, n: Number(r.n) })).sort((a, b) => b.n - a.n);
    const top = ranked.slice(0, 3).map((r) => r.name);
    expect(top).toEqual(expect.arrayContaining(['Razavi Khorasan', 'Fars', 'Tehran']));
    const smallest = ranked.at(-1)?.n;
    expect(ranked.find((r) => r.name === 'Qom')?.n).toBe(smallest);
    // Every county belongs to the cooperative's province.
    const mismatched = await ctx.db
      .selectFrom('cooperatives as c')
      .innerJoin('counties as k', 'k.id', 'c.county_id')
      .select('c.id')
      .whereRef('k.province_id', '<>', 'c.province_id')
      .execute();
    expect(mismatched).toEqual([]);
  });

  it('weights fields with agriculture, industry and housing on top', async () => {
    const rows = await ctx.db
      .selectFrom('cooperatives')
      .select(['field_code', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('field_code')
      .execute();
    const ranked = rows.sort((a, b) => Number(b.n) - Number(a.n)).map((r) => r.field_code);
    expect(ranked.slice(0, 4)).toEqual(expect.arrayContaining(['agriculture', 'industry', 'housing']));
  });

  it('has 12–20 founding members on average and member_count equal to the current members', async () => {
    const rows = await ctx.db
      .selectFrom('cooperatives as c')
      .innerJoin('memberships as m', 'm.cooperative_id', 'c.id')
      .select([
        'c.id',
        'c.member_count',
        'c.registered_on',
        (eb) => eb.fn.countAll<number>().as('all'),
        (eb) =>
          eb.fn.sum<number>(eb.case().when('m.left_on', 'is', null).then(1).else(0).end()).as('current'),
        (eb) =>
          eb.fn
            .sum<number>(eb.case().when('m.joined_on', '=', eb.ref('c.registered_on')).then(1).else(0).end())
            .as('founders'),
      ])
      .groupBy(['c.id', 'c.member_count', 'c.registered_on'])
      .execute();
    expect(rows.length).toBe(SIZE);
    for (const r of rows) expect(Number(r.current)).toBe(r.member_count);
    const registered = rows.filter((r) => r.registered_on !== null);
    const averageFounders = registered.reduce((s, r) => s + Number(r.founders), 0) / registered.length;
    expect(averageFounders).toBeGreaterThanOrEqual(12);
    expect(averageFounders).toBeLessThanOrEqual(20);
    expect(Math.min(...registered.map((r) => Number(r.founders)))).toBeGreaterThanOrEqual(7);
    const left = await ctx.db
      .selectFrom('memberships')
      .select('id')
      .where('left_on', 'is not', null)
      .execute();
    expect(left.length).toBeGreaterThan(0);
    // Some persons are members of more than one cooperative.
    const shared = await ctx.db
      .selectFrom('memberships')
      .select('person_id')
      .where('person_id', 'is not', null)
      .groupBy('person_id')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(shared.length).toBeGreaterThan(0);
  });

  it('gives unions other cooperatives as members, joined once registered', async () => {
    const rows = await ctx.db
      .selectFrom('cooperatives as u')
      .innerJoin('memberships as m', 'm.cooperative_id', 'u.id')
      .leftJoin('legal_entities as e', 'e.id', 'm.legal_entity_id')
      .leftJoin('cooperatives as c', 'c.id', 'e.cooperative_id')
      .select([
        'u.id',
        'u.registered_on',
        'm.person_id',
        'm.joined_on',
        'e.legal_id',
        'c.legal_id as member_legal_id',
        'c.registered_on as member_registered_on',
      ])
      .where('u.legal_form', 'like', 'union%')
      .execute();
    const unions = new Set(rows.map((r) => r.id));
    expect(unions.size).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.person_id).toBeNull();
      expect(r.legal_id).toBe(r.member_legal_id);
      expect(r.joined_on >= (r.member_registered_on ?? '9999')).toBe(true);
    }
    for (const id of unions) {
      const founders = rows.filter((r) => r.id === id && r.joined_on === r.registered_on);
      expect(founders.length).toBeGreaterThanOrEqual(7);
    }
  });

  it('staffs each registered cooperative with a lawful board, a managing director and an inspector', async () => {
    const officers = await ctx.db
      .selectFrom('officers as o')
      .innerJoin('cooperatives as c', 'c.id', 'o.cooperative_id')
      .select([
        'o.cooperative_id',
        'o.person_id',
        'o.role',
        'o.position',
        'o.term_end',
        'o.ended_on',
        'c.status',
        'c.legal_form',
      ])
      .execute();
    const byCoop = new Map<number, typeof officers>();
    for (const o of officers) byCoop.set(o.cooperative_id, [...(byCoop.get(o.cooperative_id) ?? []), o]);
    const registered = await ctx.db
      .selectFrom('cooperatives')
      .select('id')
      .where('registered_on', 'is not', null)
      .execute();
    expect(byCoop.size).toBe(registered.length);
    for (const list of byCoop.values()) {
      const principals = list.filter((o) => o.role === 'board_principal');
      const alternates = list.filter((o) => o.role === 'board_alternate');
      expect(principals.length).toBeGreaterThanOrEqual(3);
      expect(principals.length).toBeLessThanOrEqual(7);
      expect(alternates.length).toBeLessThanOrEqual(Math.ceil(principals.length / 3));
      expect(principals.filter((o) => o.position === 'chair').length).toBe(1);
      expect(list.filter((o) => o.role === 'managing_director').length).toBe(1);
      expect(list.filter((o) => o.role === 'inspector_principal').length).toBe(1);
    }
    // Most officers are members of their cooperative.
    const members = await ctx.db.selectFrom('memberships').select(['cooperative_id', 'person_id']).execute();
    const memberKeys = new Set(members.map((m) => `${m.cooperative_id}:${m.person_id}`));
    const conventional = officers.filter((o) => !o.legal_form.startsWith('union'));
    const asMembers = conventional.filter((o) => memberKeys.has(`${o.cooperative_id}:${o.person_id}`));
    expect(asMembers.length / conventional.length).toBeGreaterThan(0.7);
    // Some active cooperatives' boards have served past their term.
    const activeBoards = officers.filter(
      (o) => o.status === 'active' && o.role === 'board_principal' && o.position === 'chair',
    );
    const expired = activeBoards.filter((o) => o.ended_on === null && o.term_end < TEST_TODAY);
    expect(expired.length).toBeGreaterThan(0);
    expect(expired.length / activeBoards.length).toBeLessThan(0.35);
  });

  it('leaves some obligations overdue and keeps most cooperatives compliant', async () => {
    const coops = await ctx.db
      .selectFrom('cooperatives')
      .select(['id', 'status', 'registered_on', 'fiscal_year_end_month'])
      .where('status', '=', 'active')
      .execute();
    const assemblies = await ctx.db
      .selectFrom('assemblies')
      .select([
        'cooperative_id',
        'kind',
        'fiscal_year',
        'invitation_published_on',
        'held_on',
        'elections_held',
      ])
      .execute();
    const filings = await ctx.db
      .selectFrom('filings')
      .select(['cooperative_id', 'kind', 'fiscal_year', 'filed_on'])
      .execute();
    const officers = await ctx.db
      .selectFrom('officers')
      .select(['cooperative_id', 'role', 'term_start', 'term_end', 'ended_on'])
      .execute();
    const today = ctx.clock.today();
    let withOverdue = 0;
    let late = 0;
    let done = 0;
    for (const c of coops) {
      const obligations = computeObligations(
        {
          status: c.status,
          registeredOn: c.registered_on,
          fiscalYearEndMonth: c.fiscal_year_end_month,
          assemblies: assemblies
            .filter((a) => a.cooperative_id === c.id)
            .map((a) => ({
              kind: a.kind,
              fiscalYear: a.fiscal_year,
              invitationPublishedOn: a.invitation_published_on,
              heldOn: a.held_on,
              electionsHeld: a.elections_held === 1,
            })),
          filings: filings
            .filter((f) => f.cooperative_id === c.id)
            .map((f) => ({ kind: f.kind, fiscalYear: f.fiscal_year, filedOn: f.filed_on })),
          officers: officers
            .filter((o) => o.cooperative_id === c.id)
            .map((o) => ({
              role: o.role,
              termStart: o.term_start,
              termEnd: o.term_end,
              endedOn: o.ended_on,
            })),
        },
        ctx.statute,
        today,
      );
      if (obligations.some((o) => o.overdue)) withOverdue++;
      late += obligations.filter((o) => o.late).length;
      done += obligations.filter((o) => o.doneOn !== null && !o.late).length;
    }
    expect(withOverdue).toBeGreaterThan(0);
    expect(withOverdue).toBeLessThan(coops.length * 0.6);
    expect(late).toBeGreaterThan(0);
    expect(done).toBeGreaterThan(late);
  });

  it('dates nothing after today', async () => {
    const today = ctx.clock.today();
    const datedAfterToday = async (
      table: 'memberships' | 'assemblies' | 'filings' | 'officers' | 'cooperatives',
      column: string,
    ) =>
      (await ctx.db.selectFrom(table).select('id').where(ctx.db.dynamic.ref(column), '>', today).execute())
        .length;
    expect(await datedAfterToday('memberships', 'joined_on')).toBe(0);
    expect(await datedAfterToday('memberships', 'left_on')).toBe(0);
    expect(await datedAfterToday('assemblies', 'held_on')).toBe(0);
    expect(await datedAfterToday('assemblies', 'invitation_published_on')).toBe(0);
    expect(await datedAfterToday('filings', 'filed_on')).toBe(0);
    expect(await datedAfterToday('officers', 'term_start')).toBe(0);
    expect(await datedAfterToday('officers', 'accepted_on')).toBe(0);
    expect(await datedAfterToday('cooperatives', 'registered_on')).toBe(0);
    expect(await datedAfterToday('cooperatives', 'status_changed_on')).toBe(0);
  });

  it('publishes a registration event and search tokens for every cooperative', async () => {
    const events = await ctx.db
      .selectFrom('registry_events')
      .select(['cooperative_id', 'kind', 'payload'])
      .where('kind', '=', 'cooperative.registered')
      .execute();
    expect(new Set(events.map((e) => e.cooperative_id)).size).toBe(SIZE);
    const payload: unknown = JSON.parse(events[0]?.payload ?? '{}');
    expect(Object.keys(payload as object)).toEqual(['name', 'status', 'legalId']);
    const tokens = await ctx.db
      .selectFrom('search_tokens')
      .select(['cooperative_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('cooperative_id')
      .execute();
    expect(tokens.length).toBe(SIZE);
    // An officer's surname finds the cooperative.
    const officer = await ctx.db
      .selectFrom('officers as o')
      .innerJoin('persons as p', 'p.id', 'o.person_id')
      .select(['o.cooperative_id', 'p.last_name'])
      .where('o.ended_on', 'is', null)
      .orderBy('o.id')
      .executeTakeFirstOrThrow();
    const hit = await ctx.db
      .selectFrom('search_tokens')
      .select('cooperative_id')
      .where('cooperative_id', '=', officer.cooperative_id)
      .where('token', '=', tokenize(officer.last_name)[0] ?? '')
      .execute();
    expect(hit.length).toBe(1);
  });
});

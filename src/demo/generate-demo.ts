import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import { cooperativeTokens } from '../registry/search-tokens.ts';
import { searchKey } from '../text/index.ts';
import * as repo from './demo.repository.ts';
import {
  type CooperativePlan,
  type CooperativeRef,
  createPlanner,
  type PersonDraft,
} from './demo-planner.ts';

export type DemoOptions = {
  /** How many cooperatives to generate. */
  cooperatives: number;
  /** Total memberships (default ≈ cooperatives × 16); every cooperative still gets at least 7 members. */
  members?: number;
  /** Same seed, sizes and today → identical data (default 1405). */
  seed?: number;
  /** Called after each committed chunk with the cooperatives written so far. */
  onProgress?: (done: number, total: number) => void;
};

/** Rows written by `generateDemo`, per kind. */
export type DemoSummary = {
  cooperatives: number;
  persons: number;
  legalEntities: number;
  memberships: number;
  officers: number;
  declarations: number;
  assemblies: number;
  filings: number;
  registryEvents: number;
  searchTokens: number;
};

/** Cooperatives written per transaction (and held in memory at once). */
const CHUNK = 500;

export const DEFAULT_DEMO_SEED = 1405;
export const DEFAULT_MEMBERS_PER_COOPERATIVE = 16;

/**
 * Generates a deterministic, realistic national register into the database of `ctx`: Persian
 * names, the provinces' real shares, fields and counties, members, officers (some with expired
 * terms and declared interests), assemblies and filings (some late or missing), the change feed
 * and the search index. Dates derive from `ctx.clock.today()`, randomness from `seed` only.
 * Written in transactions of CHUNK cooperatives; memory stays bounded at any size. Meant for an
 * empty register (`seedDemoIfEmpty`, `taavon demo`): its national codes and legal IDs are unique
 * among themselves, not checked against rows already there.
 */
export async function generateDemo(ctx: Context, options: DemoOptions): Promise<DemoSummary> {
  const total = options.cooperatives;
  if (!Number.isSafeInteger(total) || total < 0)
    throw new RangeError('cooperatives must be a whole number ≥ 0');
  const memberships = options.members ?? total * DEFAULT_MEMBERS_PER_COOPERATIVE;
  const planner = createPlanner({
    seed: options.seed ?? DEFAULT_DEMO_SEED,
    cooperatives: total,
    memberships,
    today: ctx.clock.today(),
    reference: ctx.reference,
    statute: ctx.statute,
  });
  const now = ctx.clock.now().toISOString();
  const summary: DemoSummary = {
    cooperatives: 0,
    persons: 0,
    legalEntities: 0,
    memberships: 0,
    officers: 0,
    declarations: 0,
    assemblies: 0,
    filings: 0,
    registryEvents: 0,
    searchTokens: 0,
  };

  await repo.withBulkLoadSettings(ctx.db, ctx.dialect, async () => {
    for (let done = 0; done < total; ) {
      const size = Math.min(CHUNK, total - done);
      const plans: CooperativePlan[] = [];
      for (let i = 0; i < size; i++) plans.push(planner.next());
      const persons = planner.takeNewPersons();
      await ctx.db.transaction().execute((tx) => writeChunk(tx, plans, persons, now, summary));
      done += size;
      options.onProgress?.(done, total);
    }
  });

  return summary;
}

/**
 * Generates the default demo register when the database has no cooperative yet (what `npm
 * start` does in demo mode). Returns whether it generated anything.
 */
export async function seedDemoIfEmpty(ctx: Context, cooperatives: number): Promise<boolean> {
  if (cooperatives <= 0 || (await repo.hasCooperatives(ctx.db))) return false;
  await generateDemo(ctx, { cooperatives });
  return true;
}

/** Whether the register has any cooperative (the demo command refuses to add to a real register). */
export async function registerHasCooperatives(ctx: Context): Promise<boolean> {
  return repo.hasCooperatives(ctx.db);
}

/** Writes one chunk of planned cooperatives and the persons they first use. */
async function writeChunk(
  tx: Executor,
  plans: CooperativePlan[],
  persons: PersonDraft[],
  now: string,
  summary: DemoSummary,
): Promise<void> {
  const personIds = await repo.insertPersons(
    tx,
    persons.map((p) => ({
      national_code: p.ref.nationalCode,
      first_name: p.ref.firstName,
      last_name: p.ref.lastName,
      name_key: searchKey(`${p.ref.firstName} ${p.ref.lastName}`),
      mobile: p.mobile,
      iban: p.iban,
      address: p.address,
      postal_code: p.postalCode,
      created_at: now,
    })),
  );
  for (const p of persons) p.ref.id = personIds.get(p.ref.nationalCode) ?? null;

  const coopIds = await repo.insertCooperatives(
    tx,
    plans.map((c) => ({
      legal_id: c.legalId,
      registration_no: c.registrationNo,
      registered_on: c.registeredOn,
      name: c.name,
      name_key: c.nameKey,
      sort_key: c.sortKey,
      legal_form: c.legalForm,
      field_code: c.fieldCode,
      subfield_code: c.subfieldCode,
      province_id: c.provinceId,
      county_id: c.countyId,
      address: c.address,
      postal_code: c.postalCode,
      fiscal_year_end_month: c.fiscalYearEndMonth,
      status: c.status,
      status_changed_on: c.statusChangedOn,
      capital_rials: c.capitalRials,
      paid_capital_rials: c.paidCapitalRials,
      member_count: c.memberCount,
      bylaws: null,
      created_at: now,
      updated_at: now,
    })),
  );
  plans.forEach((c, i) => {
    if (c.ref) c.ref.id = coopIds[i] ?? null;
  });

  // Unions' members are cooperatives: each gets one legal-entity row, linked to it.
  const newEntities = new Map<string, CooperativeRef>();
  for (const c of plans) {
    for (const m of c.members) {
      if (m.cooperative && m.cooperative.entityId === null)
        newEntities.set(m.cooperative.legalId, m.cooperative);
    }
  }
  const entityIds = await repo.insertLegalEntities(
    tx,
    [...newEntities.values()].map((e) => ({
      legal_id: e.legalId,
      name: e.name,
      name_key: searchKey(e.name),
      cooperative_id: e.id,
      created_at: now,
    })),
  );
  for (const e of newEntities.values()) e.entityId = entityIds.get(e.legalId) ?? null;

  const id = (value: number | null | undefined, what: string): number => {
    if (value === null || value === undefined) throw new Error(`demo: ${what} has no id`);
    return value;
  };
  const membershipRows = plans.flatMap((c, i) =>
    c.members.map((m) => ({
      cooperative_id: id(coopIds[i], 'cooperative'),
      member_no: m.memberNo,
      person_id: m.person ? id(m.person.id, 'person') : null,
      legal_entity_id: m.cooperative ? id(m.cooperative.entityId, 'legal entity') : null,
      joined_on: m.joinedOn,
      left_on: m.leftOn,
      shares: m.shares,
      created_at: now,
    })),
  );
  await repo.insertMemberships(tx, membershipRows);

  const officers = plans.flatMap((c, i) =>
    c.officers.map((o) => ({ cooperativeId: id(coopIds[i], 'cooperative'), o })),
  );
  const officerIds = await repo.insertOfficers(
    tx,
    officers.map(({ cooperativeId, o }) => ({
      cooperative_id: cooperativeId,
      person_id: id(o.person.id, 'officer'),
      legal_entity_id: null,
      role: o.role,
      position: o.position,
      term_start: o.termStart,
      term_end: o.termEnd,
      accepted_on: o.acceptedOn,
      ended_on: o.endedOn,
      consecutive_terms: o.consecutiveTerms,
      created_at: now,
    })),
  );
  const declarationRows = officers.flatMap(({ cooperativeId, o }, i) =>
    o.declarations.map((d) => ({
      cooperative_id: cooperativeId,
      officer_id: id(officerIds[i], 'officer'),
      kind: d.kind,
      relation: d.relation,
      person_national_code: d.personNationalCode,
      person_name: d.personName,
      company_legal_id: d.companyLegalId,
      company_name: d.companyName,
      declared_on: d.declaredOn,
      created_at: now,
    })),
  );
  await repo.insertDeclarations(tx, declarationRows);

  const assemblyRows = plans.flatMap((c, i) =>
    c.assemblies.map((a) => ({
      cooperative_id: id(coopIds[i], 'cooperative'),
      kind: a.kind,
      fiscal_year: a.fiscalYear,
      call_number: a.callNumber,
      invitation_published_on: a.invitationPublishedOn,
      held_on: a.heldOn,
      elections_held: a.electionsHeld ? 1 : 0,
      created_at: now,
    })),
  );
  await repo.insertAssemblies(tx, assemblyRows);
  const filingRows = plans.flatMap((c, i) =>
    c.filings.map((f) => ({
      cooperative_id: id(coopIds[i], 'cooperative'),
      kind: f.kind,
      fiscal_year: f.fiscalYear,
      filed_on: f.filedOn,
      assembly_id: null,
      description: f.description,
      created_at: now,
    })),
  );
  await repo.insertFilings(tx, filingRows);

  // The public change feed and the search index, as the registration use case writes them.
  await repo.insertRegistryEvents(
    tx,
    plans.map((c, i) => ({
      cooperative_id: id(coopIds[i], 'cooperative'),
      kind: 'cooperative.registered',
      occurred_at: now,
      payload: JSON.stringify({ name: c.name, status: c.status, legalId: c.legalId }),
    })),
  );
  const tokenRows = plans.flatMap((c, i) =>
    cooperativeTokens({
      name: c.name,
      legalId: c.legalId,
      registrationNo: c.registrationNo,
      officerNames: c.officers
        .filter((o) => o.endedOn === null)
        .map((o) => `${o.person.firstName} ${o.person.lastName}`),
    }).map((t) => ({
      cooperative_id: id(coopIds[i], 'cooperative'),
      token: t.token,
      weight: t.weight,
      sort_key: c.sortKey,
    })),
  );
  await repo.insertSearchTokens(tx, tokenRows);

  summary.cooperatives += plans.length;
  summary.persons += persons.length;
  summary.legalEntities += newEntities.size;
  summary.memberships += membershipRows.length;
  summary.officers += officers.length;
  summary.declarations += declarationRows.length;
  summary.assemblies += assemblyRows.length;
  summary.filings += filingRows.length;
  summary.registryEvents += plans.length;
  summary.searchTokens += tokenRows.length;
}

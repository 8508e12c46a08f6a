import { type Insertable, sql } from 'kysely';
import type {
  AssemblyTable,
  CooperativeTable,
  Db,
  Dialect,
  Executor,
  FilingTable,
  InterestDeclarationTable,
  LegalEntityTable,
  MembershipTable,
  OfficerTable,
  PersonTable,
  RegistryEventTable,
  SearchTokenTable,
} from '../db/database.ts';

/**
 * The bulk write path of the demo generator: multi-row inserts in statements of at most
 * MAX_PARAMETERS bound values (SQLite allows 32,766; PostgreSQL 65,535).
 */
const MAX_PARAMETERS = 30_000;

/** Rows per statement for a table with `columns` columns. */
function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.floor(MAX_PARAMETERS / columns));
}

/** Consecutive slices of `rows`, each small enough for one statement. */
function* batches<T extends object>(rows: T[]): Generator<T[]> {
  const first = rows[0];
  if (!first) return;
  const size = rowsPerStatement(Object.keys(first).length);
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/**
 * Ids that a multi-row insert returned, matched to the rows in the order they were given. Both
 * engines assign ids in the order the VALUES rows are processed, so ascending ids follow the
 * input order even if RETURNING listed them otherwise; `same` checks each pairing anyway.
 */
function inInputOrder<R extends { id: number }, T>(
  returned: R[],
  rows: T[],
  same: (r: R, row: T) => boolean,
): number[] {
  if (returned.length !== rows.length)
    throw new Error(`insert returned ${returned.length} ids for ${rows.length} rows`);
  const sorted = [...returned].sort((a, b) => a.id - b.id);
  return sorted.map((r, i) => {
    const row = rows[i];
    if (row === undefined || !same(r, row)) throw new Error('insert returned ids that do not match the rows');
    return r.id;
  });
}

/** Whether the register has any cooperative. */
export async function hasCooperatives(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('cooperatives').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Runs `fn` with SQLite tuned for a bulk load, then restores the previous settings: `synchronous`
 * off (no fsync per commit: a crash loses demo data, which is regenerated anyway) and a 256 MB
 * page cache (the indexes on national codes and search tokens take random inserts). PostgreSQL:
 * unchanged.
 */
export async function withBulkLoadSettings<T>(db: Db, dialect: Dialect, fn: () => Promise<T>): Promise<T> {
  if (dialect !== 'sqlite') return fn();
  const synchronous = await pragmaValue(db, 'synchronous');
  const cacheSize = await pragmaValue(db, 'cache_size');
  await sql`pragma synchronous = off`.execute(db);
  await sql`pragma cache_size = -262144`.execute(db);
  try {
    return await fn();
  } finally {
    await sql`pragma synchronous = ${sql.raw(String(synchronous))}`.execute(db);
    await sql`pragma cache_size = ${sql.raw(String(cacheSize))}`.execute(db);
  }
}

/** The integer value of a SQLite pragma. */
async function pragmaValue(db: Db, name: 'synchronous' | 'cache_size'): Promise<number> {
  const result = await sql<Record<string, unknown>>`pragma ${sql.raw(name)}`.execute(db);
  const value = Number(result.rows[0]?.[name]);
  if (!Number.isSafeInteger(value)) throw new Error(`pragma ${name} returned no integer`);
  return value;
}

/** Inserts persons; returns their ids by national code. */
export async function insertPersons(
  db: Executor,
  rows: Array<Insertable<PersonTable>>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const batch of batches(rows)) {
    const returned = await db
      .insertInto('persons')
      .values(batch)
      .returning(['id', 'national_code'])
      .execute();
    for (const r of returned) ids.set(r.national_code, r.id);
  }
  return ids;
}

/** Inserts cooperatives; returns their ids in the order of `rows`. */
export async function insertCooperatives(
  db: Executor,
  rows: Array<Insertable<CooperativeTable>>,
): Promise<number[]> {
  const ids: number[] = [];
  for (const batch of batches(rows)) {
    const returned = await db.insertInto('cooperatives').values(batch).returning(['id', 'name']).execute();
    ids.push(...inInputOrder(returned, batch, (r, row) => r.name === row.name));
  }
  return ids;
}

/** Inserts legal entities; returns their ids by legal ID. */
export async function insertLegalEntities(
  db: Executor,
  rows: Array<Insertable<LegalEntityTable>>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const batch of batches(rows)) {
    const returned = await db
      .insertInto('legal_entities')
      .values(batch)
      .returning(['id', 'legal_id'])
      .execute();
    for (const r of returned) ids.set(r.legal_id, r.id);
  }
  return ids;
}

/** Inserts memberships. */
export async function insertMemberships(
  db: Executor,
  rows: Array<Insertable<MembershipTable>>,
): Promise<void> {
  for (const batch of batches(rows)) await db.insertInto('memberships').values(batch).execute();
}

/** Inserts officers; returns their ids in the order of `rows`. */
export async function insertOfficers(db: Executor, rows: Array<Insertable<OfficerTable>>): Promise<number[]> {
  const ids: number[] = [];
  for (const batch of batches(rows)) {
    const returned = await db
      .insertInto('officers')
      .values(batch)
      .returning(['id', 'cooperative_id', 'role'])
      .execute();
    ids.push(
      ...inInputOrder(
        returned,
        batch,
        (r, row) => r.cooperative_id === row.cooperative_id && r.role === row.role,
      ),
    );
  }
  return ids;
}

/** Inserts officers' declarations of interest. */
export async function insertDeclarations(
  db: Executor,
  rows: Array<Insertable<InterestDeclarationTable>>,
): Promise<void> {
  for (const batch of batches(rows)) await db.insertInto('interest_declarations').values(batch).execute();
}

/** Inserts general assemblies. */
export async function insertAssemblies(db: Executor, rows: Array<Insertable<AssemblyTable>>): Promise<void> {
  for (const batch of batches(rows)) await db.insertInto('assemblies').values(batch).execute();
}

/** Inserts filings. */
export async function insertFilings(db: Executor, rows: Array<Insertable<FilingTable>>): Promise<void> {
  for (const batch of batches(rows)) await db.insertInto('filings').values(batch).execute();
}

/** Appends events to the public change feed. */
export async function insertRegistryEvents(
  db: Executor,
  rows: Array<Insertable<RegistryEventTable>>,
): Promise<void> {
  for (const batch of batches(rows)) await db.insertInto('registry_events').values(batch).execute();
}

/** Inserts cooperatives' search tokens. */
export async function insertSearchTokens(
  db: Executor,
  rows: Array<Insertable<SearchTokenTable>>,
): Promise<void> {
  for (const batch of batches(rows)) await db.insertInto('search_tokens').values(batch).execute();
}

/** The cooperative the demo books are written for. */
export async function findCooperativeForBooks(db: Executor, legalId: string) {
  return db.selectFrom('cooperatives').select(['id']).where('legal_id', '=', legalId).executeTakeFirst();
}

/** The person holding an office in a cooperative today, if any. */
export async function currentOfficerPersonId(
  db: Executor,
  cooperativeId: number,
  role: string,
  today: string,
): Promise<number | null> {
  const row = await db
    .selectFrom('officers')
    .select('person_id')
    .where('cooperative_id', '=', cooperativeId)
    .where('role', '=', role)
    .where('ended_on', 'is', null)
    .where('term_start', '<=', today)
    .where('term_end', '>=', today)
    .orderBy('id')
    .executeTakeFirst();

  return row?.person_id ?? null;
}

export async function firstMemberNo(db: Executor, cooperativeId: number): Promise<string | null> {
  const row = await db
    .selectFrom('memberships')
    .select('member_no')
    .where('cooperative_id', '=', cooperativeId)
    .where('left_on', 'is', null)
    .orderBy('id')
    .executeTakeFirst();

  return row?.member_no ?? null;
}

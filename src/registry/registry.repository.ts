import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { CooperativeRow, Executor, NewCooperative } from '../db/database.ts';

/** Columns of a cooperative that the registry reads (explicit: no `select *`). */
export const COOPERATIVE_COLUMNS = [
  'c.id',
  'c.legal_id',
  'c.registration_no',
  'c.registered_on',
  'c.name',
  'c.legal_form',
  'c.field_code',
  'c.subfield_code',
  'c.province_id',
  'c.county_id',
  'c.address',
  'c.postal_code',
  'c.fiscal_year_end_month',
  'c.status',
  'c.status_changed_on',
  'c.capital_rials',
  'c.paid_capital_rials',
  'c.member_count',
  'c.bylaws',
  'c.created_at',
  'c.updated_at',
] as const;

export type CooperativeRecord = Omit<CooperativeRow, 'name_key' | 'sort_key'>;

export async function insertCooperative(db: Executor, row: NewCooperative): Promise<number> {
  const inserted = await db.insertInto('cooperatives').values(row).returning('id').executeTakeFirstOrThrow();

  return inserted.id;
}

export async function findCooperativeByLegalId(
  db: Executor,
  legalId: string,
): Promise<CooperativeRecord | undefined> {
  return db
    .selectFrom('cooperatives as c')
    .select(COOPERATIVE_COLUMNS)
    .where('c.legal_id', '=', legalId)
    .executeTakeFirst();
}

export async function findCooperativeById(db: Executor, id: number): Promise<CooperativeRecord | undefined> {
  return db
    .selectFrom('cooperatives as c')
    .select(COOPERATIVE_COLUMNS)
    .where('c.id', '=', id)
    .executeTakeFirst();
}

/** What a cooperative's search tokens are built from: name, identifiers and sort key. */
export async function findTokenSource(db: Executor, id: number) {
  return db
    .selectFrom('cooperatives')
    .select(['name', 'legal_id', 'registration_no', 'sort_key'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateCooperativeStatus(
  db: Executor,
  id: number,
  change: {
    status: string;
    status_changed_on: string;
    updated_at: string;
    legal_id?: string | null;
    registration_no?: string | null;
    registered_on?: string | null;
  },
): Promise<void> {
  await db.updateTable('cooperatives').set(change).where('id', '=', id).execute();
}

/**
 * Recounts current members — no leaving date and no recorded exit (a share movement of kind
 * `exit`; membership rows are never edited) — into `member_count`; returns the new count.
 */
export async function recountMembers(db: Executor, cooperativeId: number): Promise<number> {
  const row = await db
    .selectFrom('memberships as m')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('m.cooperative_id', '=', cooperativeId)
    .where('m.left_on', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('share_movements as s')
            .select('s.id')
            .whereRef('s.cooperative_id', '=', 'm.cooperative_id')
            .whereRef('s.member_no', '=', 'm.member_no')
            .where('s.kind', '=', 'exit'),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  const count = Number(row.n);
  await db.updateTable('cooperatives').set({ member_count: count }).where('id', '=', cooperativeId).execute();

  return count;
}

/** Replaces a cooperative's search tokens. */
export async function replaceSearchTokens(
  db: Executor,
  cooperative: { id: number; sortKey: string },
  tokens: Array<{ token: string; weight: number }>,
): Promise<void> {
  await db.deleteFrom('search_tokens').where('cooperative_id', '=', cooperative.id).execute();
  await insertSearchTokens(
    db,
    tokens.map((t) => ({ cooperative_id: cooperative.id, sort_key: cooperative.sortKey, ...t })),
  );
}

/** Inserts search tokens in chunks (bulk paths call this directly). */
export async function insertSearchTokens(
  db: Executor,
  rows: Array<{ cooperative_id: number; token: string; weight: number; sort_key: string }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('search_tokens')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

/** Names of the current officers of a cooperative (public: officers' names and roles). */
export async function listCurrentOfficerNames(db: Executor, cooperativeId: number) {
  return db
    .selectFrom('officers as o')
    .leftJoin('persons as p', 'p.id', 'o.person_id')
    .leftJoin('legal_entities as l', 'l.id', 'o.legal_entity_id')
    .select(['p.first_name', 'p.last_name', 'l.name as entity_name'])
    .where('o.cooperative_id', '=', cooperativeId)
    .where('o.ended_on', 'is', null)
    .execute();
}

export type CooperativeFilters = {
  provinceId?: number | undefined;
  countyId?: number | undefined;
  fieldCode?: string | undefined;
  legalForm?: string | undefined;
  status?: string | undefined;
};

/** Adds the filters to any query that has the cooperatives table as `c`. */
function applyFilters<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  f: CooperativeFilters,
): SelectQueryBuilder<DB, TB, O> {
  const conditions: Array<Expression<SqlBool>> = [];
  if (f.provinceId !== undefined) conditions.push(sql<SqlBool>`c.province_id = ${f.provinceId}`);
  if (f.countyId !== undefined) conditions.push(sql<SqlBool>`c.county_id = ${f.countyId}`);
  if (f.fieldCode !== undefined) {
    conditions.push(sql<SqlBool>`(c.field_code = ${f.fieldCode} or c.subfield_code = ${f.fieldCode})`);
  }
  if (f.legalForm !== undefined) conditions.push(sql<SqlBool>`c.legal_form = ${f.legalForm}`);
  if (f.status !== undefined) conditions.push(sql<SqlBool>`c.status = ${f.status}`);

  return conditions.reduce((query, condition) => query.where(condition), q);
}

/** One page of cooperatives in Persian alphabetical order, with the total. */
export async function listCooperatives(
  db: Executor,
  filters: CooperativeFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: CooperativeRecord[]; total: number }> {
  const base = applyFilters(db.selectFrom('cooperatives as c'), filters);
  const [rows, count] = await Promise.all([
    base
      .select(COOPERATIVE_COLUMNS)
      .orderBy('c.sort_key')
      .orderBy('c.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);

  return { rows, total: Number(count.n) };
}

/** Upper bound for a prefix range on byte-ordered text: every token starting with `prefix` is below it. */
const PREFIX_END = '\uffff';

/**
 * Cooperatives matching every query token (as a prefix of one of their search tokens), ranked by
 * relevance — an exact token match counts twice a prefix match, times the token's weight (name
 * and identifiers weigh more than officers' names) — then by Persian sort key and id. The same
 * plain SQL runs on SQLite and PostgreSQL, so both return the same items in the same order.
 *
 * The page is chosen first over the narrow index `cooperatives_search_cover` and only its rows
 * are read in full; without filters the total is counted from the token matches alone.
 */
export async function searchCooperatives(
  db: Executor,
  tokens: string[],
  filters: CooperativeFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: Array<CooperativeRecord & { score: number }>; total: number }> {
  const [first, ...rest] = tokens.map((t) =>
    db
      .selectFrom('search_tokens')
      .select([
        'cooperative_id',
        sql<number>`max(case when token = ${t} then weight * 2 else weight end)`.as('score'),
        sql<string>`min(sort_key)`.as('sort_key'),
      ])
      .where('token', '>=', t)
      .where('token', '<', t + PREFIX_END)
      .groupBy('cooperative_id'),
  );
  if (!first) return { rows: [], total: 0 };
  const matches =
    rest.length === 0
      ? first
      : db
          .selectFrom(rest.reduce((acc, q) => acc.unionAll(q), first).as('m'))
          .select([
            'm.cooperative_id',
            sql<number>`sum(m.score)`.as('score'),
            sql<string>`min(m.sort_key)`.as('sort_key'),
          ])
          .groupBy('m.cooperative_id')
          .having(sql<number>`count(*)`, '=', tokens.length);

  // Without filters the page and the total come from the token index alone; filters need the
  // cooperative row (through the narrow covering index).
  const hasFilters = Object.values(filters).some((v) => v !== undefined);
  const candidates = hasFilters
    ? applyFilters(
        db
          .selectFrom(matches.as('r'))
          .innerJoin('cooperatives as c', 'c.id', 'r.cooperative_id')
          .select(['r.cooperative_id', 'r.score', 'r.sort_key']),
        filters,
      )
    : db.selectFrom(matches.as('r')).select(['r.cooperative_id', 'r.score', 'r.sort_key']);
  const pageIds = candidates
    .orderBy('r.score', 'desc')
    .orderBy('r.sort_key')
    .orderBy('r.cooperative_id')
    .limit(page.limit)
    .offset(page.offset);
  const [rows, count] = await Promise.all([
    db
      .selectFrom(pageIds.as('t'))
      .innerJoin('cooperatives as c', 'c.id', 't.cooperative_id')
      .select([...COOPERATIVE_COLUMNS, 't.score'])
      .orderBy('t.score', 'desc')
      .orderBy('t.sort_key')
      .orderBy('t.cooperative_id')
      .execute(),
    db
      .selectFrom(candidates.as('x'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);

  return { rows: rows.map((r) => ({ ...r, score: Number(r.score) })), total: Number(count.n) };
}

/** Cooperatives after `afterId` in id order (keyset pagination for exports). */
export async function listCooperativesAfter(db: Executor, afterId: number, limit: number) {
  return db
    .selectFrom('cooperatives as c')
    .select(COOPERATIVE_COLUMNS)
    .where('c.id', '>', afterId)
    .orderBy('c.id')
    .limit(limit)
    .execute();
}

import type { Executor } from '../db/database.ts';

/** All provinces with their counties, ordered by Persian sort key. */
export async function listProvinces(db: Executor) {
  return db
    .selectFrom('provinces')
    .select(['id', 'code', 'name_fa', 'name_en', 'name_key'])
    .orderBy('sort_key')
    .execute();
}

export async function listCounties(db: Executor) {
  return db
    .selectFrom('counties')
    .select(['id', 'province_id', 'name_fa', 'name_en', 'name_key'])
    .orderBy('sort_key')
    .execute();
}

export async function listFields(db: Executor) {
  return db
    .selectFrom('fields')
    .select(['code', 'parent_code', 'name_fa', 'name_en', 'position'])
    .orderBy('position')
    .execute();
}

export async function countProvinces(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('provinces')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();

  return Number(row.n);
}

export async function insertProvince(
  db: Executor,
  row: { code: string; name_fa: string; name_en: string; name_key: string; sort_key: string },
): Promise<number> {
  const inserted = await db.insertInto('provinces').values(row).returning('id').executeTakeFirstOrThrow();

  return inserted.id;
}

export async function insertCounties(
  db: Executor,
  rows: Array<{
    province_id: number;
    name_fa: string;
    name_en: string;
    name_key: string;
    sort_key: string;
    wikidata: string | null;
  }>,
): Promise<void> {
  if (rows.length > 0) await db.insertInto('counties').values(rows).execute();
}

export async function insertFields(
  db: Executor,
  rows: Array<{
    code: string;
    parent_code: string | null;
    name_fa: string;
    name_en: string;
    position: number;
  }>,
): Promise<void> {
  if (rows.length > 0) await db.insertInto('fields').values(rows).execute();
}

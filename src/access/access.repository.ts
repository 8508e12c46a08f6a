import type { Executor } from '../db/database.ts';

/** The cooperatives a person belongs to now, and the offices they hold now (no end date). */
export async function listCooperativeTies(db: Executor, personId: number) {
  const [memberships, offices] = await Promise.all([
    db
      .selectFrom('memberships')
      .select(['cooperative_id'])
      .where('person_id', '=', personId)
      .where('left_on', 'is', null)
      .execute(),
    db
      .selectFrom('officers')
      .select(['cooperative_id', 'role'])
      .where('person_id', '=', personId)
      .where('ended_on', 'is', null)
      .execute(),
  ]);

  return { memberships, offices };
}

/** Where a cooperative lies, for regional authority. */
export async function findCooperativeLocation(db: Executor, cooperativeId: number) {
  return db
    .selectFrom('cooperatives')
    .select(['id', 'province_id', 'county_id'])
    .where('id', '=', cooperativeId)
    .executeTakeFirst();
}

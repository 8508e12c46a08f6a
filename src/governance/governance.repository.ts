import type { Insertable } from 'kysely';
import type {
  AssemblyTable,
  Executor,
  FilingTable,
  InterestDeclarationTable,
  MembershipTable,
  OfficerTable,
} from '../db/database.ts';

export async function memberNoTaken(db: Executor, cooperativeId: number, memberNo: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .select('id')
    .where('cooperative_id', '=', cooperativeId)
    .where('member_no', '=', memberNo)
    .executeTakeFirst();

  return row !== undefined;
}

export async function insertMembership(db: Executor, row: Insertable<MembershipTable>): Promise<number> {
  const inserted = await db.insertInto('memberships').values(row).returning('id').executeTakeFirstOrThrow();

  return inserted.id;
}

export async function insertOfficer(db: Executor, row: Insertable<OfficerTable>): Promise<number> {
  const inserted = await db.insertInto('officers').values(row).returning('id').executeTakeFirstOrThrow();

  return inserted.id;
}

/** The officer posts a person holds in a cooperative, newest term first. */
export async function findOfficerIdsByNationalCode(
  db: Executor,
  cooperativeId: number,
  nationalCode: string,
) {
  return db
    .selectFrom('officers as o')
    .innerJoin('persons as p', 'p.id', 'o.person_id')
    .select(['o.id'])
    .where('o.cooperative_id', '=', cooperativeId)
    .where('p.national_code', '=', nationalCode)
    .orderBy('o.term_start', 'desc')
    .execute();
}

export async function insertDeclaration(
  db: Executor,
  row: Insertable<InterestDeclarationTable>,
): Promise<number> {
  const inserted = await db
    .insertInto('interest_declarations')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();

  return inserted.id;
}

export async function insertAssembly(db: Executor, row: Insertable<AssemblyTable>): Promise<number> {
  const inserted = await db.insertInto('assemblies').values(row).returning('id').executeTakeFirstOrThrow();

  return inserted.id;
}

export async function insertFiling(db: Executor, row: Insertable<FilingTable>): Promise<number> {
  const inserted = await db.insertInto('filings').values(row).returning('id').executeTakeFirstOrThrow();

  return inserted.id;
}

/** Officers of a cooperative with their public names (no identifiers), current ones first. */
export async function listOfficers(db: Executor, cooperativeId: number) {
  return db
    .selectFrom('officers as o')
    .leftJoin('persons as p', 'p.id', 'o.person_id')
    .leftJoin('legal_entities as l', 'l.id', 'o.legal_entity_id')
    .select([
      'o.id',
      'o.role',
      'o.position',
      'o.term_start',
      'o.term_end',
      'o.accepted_on',
      'o.ended_on',
      'o.consecutive_terms',
      'p.first_name',
      'p.last_name',
      'l.name as entity_name',
      'l.legal_id as entity_legal_id',
    ])
    .where('o.cooperative_id', '=', cooperativeId)
    .orderBy('o.term_start', 'desc')
    .orderBy('o.id')
    .execute();
}

export async function listAssemblies(db: Executor, cooperativeId: number) {
  return db
    .selectFrom('assemblies')
    .select([
      'id',
      'kind',
      'fiscal_year',
      'call_number',
      'invitation_published_on',
      'held_on',
      'elections_held',
    ])
    .where('cooperative_id', '=', cooperativeId)
    .orderBy('id')
    .execute();
}

export async function listFilings(db: Executor, cooperativeId: number) {
  return db
    .selectFrom('filings')
    .select(['id', 'kind', 'fiscal_year', 'filed_on', 'assembly_id', 'description'])
    .where('cooperative_id', '=', cooperativeId)
    .orderBy('filed_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Assemblies, filings and current officers of many cooperatives at once (for supervision lists). */
export async function listGovernanceOf(db: Executor, cooperativeIds: number[]) {
  if (cooperativeIds.length === 0) return { assemblies: [], filings: [], officers: [] };
  const [assemblies, filings, officers] = await Promise.all([
    db
      .selectFrom('assemblies')
      .select([
        'cooperative_id',
        'kind',
        'fiscal_year',
        'invitation_published_on',
        'held_on',
        'elections_held',
      ])
      .where('cooperative_id', 'in', cooperativeIds)
      .execute(),
    db
      .selectFrom('filings')
      .select(['cooperative_id', 'kind', 'fiscal_year', 'filed_on'])
      .where('cooperative_id', 'in', cooperativeIds)
      .execute(),
    db
      .selectFrom('officers')
      .select(['cooperative_id', 'role', 'term_start', 'term_end', 'ended_on'])
      .where('cooperative_id', 'in', cooperativeIds)
      .where('ended_on', 'is', null)
      .execute(),
  ]);

  return { assemblies, filings, officers };
}

/** A person's memberships (current and past) with the cooperative's public row. */
export async function listMembershipsOfPerson(db: Executor, personId: number) {
  return db
    .selectFrom('memberships as m')
    .select(['m.cooperative_id', 'm.member_no', 'm.joined_on', 'm.left_on', 'm.shares'])
    .where('m.person_id', '=', personId)
    .orderBy('m.joined_on')
    .execute();
}

/** A person's offices (current and past). */
export async function listOfficesOfPerson(db: Executor, personId: number) {
  return db
    .selectFrom('officers')
    .select(['cooperative_id', 'role', 'position', 'term_start', 'term_end', 'ended_on'])
    .where('person_id', '=', personId)
    .orderBy('term_start')
    .execute();
}

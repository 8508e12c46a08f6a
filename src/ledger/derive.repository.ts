import type { Executor } from '../db/database.ts';

/**
 * Reads of the business rows that log entries record, by id, for building an entry when it is
 * appended and for rebuilding it when the log is verified: every column of the row (ids and
 * `cooperative_id` through the subject and the log), so an edit anywhere in it shows.
 */

const holder = (db: Executor) =>
  db.selectFrom('persons as p').select(['p.national_code', 'p.first_name', 'p.last_name']);

export async function findMembership(db: Executor, id: number) {
  return db
    .selectFrom('memberships as m')
    .leftJoin('persons as p', 'p.id', 'm.person_id')
    .leftJoin('legal_entities as l', 'l.id', 'm.legal_entity_id')
    .select([
      'm.cooperative_id',
      'm.member_no',
      'm.joined_on',
      'm.left_on',
      'm.shares',
      'm.created_at',
      'p.national_code',
      'p.first_name',
      'p.last_name',
      'l.legal_id as entity_legal_id',
      'l.name as entity_name',
    ])
    .where('m.id', '=', id)
    .executeTakeFirst();
}

export async function findOfficer(db: Executor, id: number) {
  return db
    .selectFrom('officers as o')
    .leftJoin('persons as p', 'p.id', 'o.person_id')
    .leftJoin('legal_entities as l', 'l.id', 'o.legal_entity_id')
    .select([
      'o.cooperative_id',
      'o.role',
      'o.position',
      'o.term_start',
      'o.term_end',
      'o.accepted_on',
      'o.ended_on',
      'o.consecutive_terms',
      'o.created_at',
      'p.national_code',
      'p.first_name',
      'p.last_name',
      'l.legal_id as entity_legal_id',
      'l.name as entity_name',
    ])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

export async function findDeclaration(db: Executor, id: number) {
  return db.selectFrom('interest_declarations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAssembly(db: Executor, id: number) {
  return db.selectFrom('assemblies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findFiling(db: Executor, id: number) {
  return db.selectFrom('filings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findResolution(db: Executor, id: number) {
  const row = await db.selectFrom('resolutions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const votes = await db
    .selectFrom('resolution_votes as v')
    .innerJoin('officers as o', 'o.id', 'v.officer_id')
    .leftJoin('persons as p', 'p.id', 'o.person_id')
    .leftJoin('legal_entities as l', 'l.id', 'o.legal_entity_id')
    .select([
      'v.officer_id',
      'v.vote',
      'v.conflict',
      'v.conflict_note',
      'p.first_name',
      'p.last_name',
      'l.name as entity_name',
    ])
    .where('v.resolution_id', '=', id)
    .orderBy('v.officer_id')
    .execute();

  return { ...row, votes };
}

export async function findContract(db: Executor, id: number) {
  return db.selectFrom('contracts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPayment(db: Executor, id: number) {
  return db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findApproval(db: Executor, paymentId: number, personId: number) {
  return db
    .selectFrom('payment_approvals as a')
    .innerJoin('payments as pay', 'pay.id', 'a.payment_id')
    .innerJoin('persons as p', 'p.id', 'a.person_id')
    .select([
      'pay.cooperative_id',
      'a.payment_id',
      'a.person_id',
      'a.approved_at',
      'p.first_name',
      'p.last_name',
    ])
    .where('a.payment_id', '=', paymentId)
    .where('a.person_id', '=', personId)
    .executeTakeFirst();
}

export async function findStatement(db: Executor, id: number) {
  return db.selectFrom('financial_statements').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findInspectorReport(db: Executor, id: number) {
  return db.selectFrom('inspector_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findShareMovement(db: Executor, id: number) {
  return db.selectFrom('share_movements').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCorrection(db: Executor, id: number) {
  return db.selectFrom('ledger_corrections').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAlertEvent(db: Executor, id: number) {
  return db
    .selectFrom('alert_events as e')
    .innerJoin('alerts as a', 'a.id', 'e.alert_id')
    .select([
      'e.cooperative_id',
      'e.alert_id',
      'e.action',
      'e.text',
      'e.person_id',
      'e.at',
      'a.rule_id',
      'a.key',
    ])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export async function findServiceDecision(db: Executor, id: number) {
  return db
    .selectFrom('service_decisions as d')
    .innerJoin('service_requests as r', 'r.id', 'd.request_id')
    .select([
      'd.cooperative_id',
      'd.decision',
      'd.text',
      'd.proposed_by',
      'd.decided_by',
      'd.effect',
      'd.at',
      'r.tracking_code',
      'r.service_id',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

/** The name of the person who recorded something (a label, not re-derived). */
export async function personName(db: Executor, personId: number | null): Promise<string | null> {
  if (personId === null) return null;
  const p = await holder(db).where('p.id', '=', personId).executeTakeFirst();

  return p ? `${p.first_name} ${p.last_name}` : null;
}

type SubjectTable =
  | 'memberships'
  | 'officers'
  | 'interest_declarations'
  | 'assemblies'
  | 'filings'
  | 'resolutions'
  | 'contracts'
  | 'payments'
  | 'financial_statements'
  | 'inspector_reports'
  | 'share_movements'
  | 'ledger_corrections'
  | 'alert_events'
  | 'service_decisions';

/** Business tables whose rows get entries, with the subject prefix of each. */
export const SUBJECT_TABLES: ReadonlyArray<readonly [SubjectTable, string]> = [
  ['memberships', 'membership'],
  ['officers', 'officer'],
  ['interest_declarations', 'declaration'],
  ['assemblies', 'assembly'],
  ['filings', 'filing'],
  ['resolutions', 'resolution'],
  ['contracts', 'contract'],
  ['payments', 'payment'],
  ['financial_statements', 'statement'],
  ['inspector_reports', 'inspector_report'],
  ['share_movements', 'share_movement'],
  ['ledger_corrections', 'correction'],
  ['alert_events', 'alert_event'],
  ['service_decisions', 'service_decision'],
];

/** Per table, how many rows a cooperative has and the largest id (the genesis baseline). */
export async function countSubjectRows(db: Executor, cooperativeId: number, exclude: readonly string[] = []) {
  const out: Record<string, { count: number; maxId: number }> = {};
  for (const [table, prefix] of SUBJECT_TABLES) {
    const skip = exclude
      .filter((s) => s.startsWith(`${prefix}:`))
      .map((s) => Number(s.slice(prefix.length + 1)));
    const r = await db
      .selectFrom(table)
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max<number>('id').as('max')])
      .where('cooperative_id', '=', cooperativeId)
      .$if(skip.length > 0, (q) => q.where('id', 'not in', skip))
      .executeTakeFirst();
    out[prefix] = { count: Number(r?.count ?? 0), maxId: Number(r?.max ?? 0) };
  }

  return out;
}

/**
 * Every business row of a cooperative that should have an entry, as subjects (`table:id`): the
 * verifier checks each has one, so a row inserted behind the log's back is caught.
 */
export async function listSubjects(db: Executor, cooperativeId: number): Promise<string[]> {
  const subjects: string[] = [];
  for (const [table, prefix] of SUBJECT_TABLES) {
    const rows = await db
      .selectFrom(table)
      .select('id')
      .where('cooperative_id', '=', cooperativeId)
      .execute();
    for (const r of rows) subjects.push(`${prefix}:${r.id}`);
  }
  const approvals = await db
    .selectFrom('payment_approvals as a')
    .innerJoin('payments as p', 'p.id', 'a.payment_id')
    .select(['a.payment_id', 'a.person_id'])
    .where('p.cooperative_id', '=', cooperativeId)
    .execute();

  for (const a of approvals) subjects.push(`approval:${a.payment_id}.${a.person_id}`);

  return subjects;
}

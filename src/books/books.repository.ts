import type { Insertable } from 'kysely';
import type {
  ContractTable,
  Executor,
  FinancialStatementTable,
  InspectorReportTable,
  LedgerCorrectionTable,
  PaymentTable,
  ResolutionTable,
  ShareMovementTable,
} from '../db/database.ts';

/** All SQL of the managers' records. Rows are inserted, never updated or deleted. */

export async function insertResolution(
  tx: Executor,
  row: Insertable<ResolutionTable>,
  votes: Array<{ officer_id: number; vote: string; conflict: number; conflict_note: string | null }>,
): Promise<number> {
  const { id } = await tx.insertInto('resolutions').values(row).returning('id').executeTakeFirstOrThrow();
  if (votes.length > 0) {
    await tx
      .insertInto('resolution_votes')
      .values(votes.map((v) => ({ ...v, resolution_id: id })))
      .execute();
  }

  return id;
}

export async function insertContract(tx: Executor, row: Insertable<ContractTable>): Promise<number> {
  return (await tx.insertInto('contracts').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertPayment(tx: Executor, row: Insertable<PaymentTable>): Promise<number> {
  return (await tx.insertInto('payments').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertApproval(
  tx: Executor,
  row: { payment_id: number; person_id: number; approved_at: string },
) {
  await tx.insertInto('payment_approvals').values(row).execute();
}

export async function insertStatement(
  tx: Executor,
  row: Insertable<FinancialStatementTable>,
): Promise<number> {
  return (await tx.insertInto('financial_statements').values(row).returning('id').executeTakeFirstOrThrow())
    .id;
}

export async function insertInspectorReport(
  tx: Executor,
  row: Insertable<InspectorReportTable>,
): Promise<number> {
  return (await tx.insertInto('inspector_reports').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertShareMovement(
  tx: Executor,
  row: Insertable<ShareMovementTable>,
): Promise<number> {
  return (await tx.insertInto('share_movements').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertCorrection(
  tx: Executor,
  row: Insertable<LedgerCorrectionTable>,
): Promise<number> {
  return (await tx.insertInto('ledger_corrections').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findResolutionOf(db: Executor, cooperativeId: number, id: number) {
  return db
    .selectFrom('resolutions')
    .select(['id', 'outcome'])
    .where('cooperative_id', '=', cooperativeId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function resolutionNumberTaken(db: Executor, cooperativeId: number, number: string) {
  const row = await db
    .selectFrom('resolutions')
    .select('id')
    .where('cooperative_id', '=', cooperativeId)
    .where('number', '=', number)
    .executeTakeFirst();

  return row !== undefined;
}

export async function findContractOf(db: Executor, cooperativeId: number, id: number) {
  return db
    .selectFrom('contracts')
    .select('id')
    .where('cooperative_id', '=', cooperativeId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function externalIdTaken(
  db: Executor,
  table: 'payments' | 'contracts',
  cooperativeId: number,
  externalId: string,
) {
  const row = await db
    .selectFrom(table)
    .select('id')
    .where('cooperative_id', '=', cooperativeId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();

  return row !== undefined;
}

export async function findPaymentOf(db: Executor, cooperativeId: number, id: number) {
  return db
    .selectFrom('payments')
    .select(['id', 'recorded_by', 'required_approvals'])
    .where('cooperative_id', '=', cooperativeId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listApprovals(db: Executor, paymentIds: number[]) {
  if (paymentIds.length === 0) return [];

  return db
    .selectFrom('payment_approvals as a')
    .innerJoin('persons as p', 'p.id', 'a.person_id')
    .select(['a.payment_id', 'a.person_id', 'a.approved_at', 'p.first_name', 'p.last_name'])
    .where('a.payment_id', 'in', paymentIds)
    .orderBy('a.approved_at')
    .execute();
}

/** Current principal and alternate directors (those who vote on board resolutions). */
export async function listCurrentDirectors(db: Executor, cooperativeId: number, today: string) {
  return db
    .selectFrom('officers as o')
    .leftJoin('persons as p', 'p.id', 'o.person_id')
    .leftJoin('legal_entities as l', 'l.id', 'o.legal_entity_id')
    .select([
      'o.id',
      'o.role',
      'o.position',
      'o.person_id',
      'p.first_name',
      'p.last_name',
      'l.name as entity_name',
    ])
    .where('o.cooperative_id', '=', cooperativeId)
    .where('o.role', 'in', ['board_principal', 'board_alternate'])
    .where('o.ended_on', 'is', null)
    .where('o.term_start', '<=', today)
    .where('o.term_end', '>=', today)
    .orderBy('o.role', 'desc')
    .orderBy('o.id')
    .execute();
}

export async function listResolutions(db: Executor, cooperativeId: number, limit: number) {
  return db
    .selectFrom('resolutions')
    .select(['id', 'body', 'number', 'meeting_on', 'motion', 'outcome'])
    .where('cooperative_id', '=', cooperativeId)
    .orderBy('meeting_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function listContracts(db: Executor, cooperativeId: number, limit: number) {
  return db
    .selectFrom('contracts')
    .select(['id', 'title', 'party_name', 'amount_rials', 'starts_on', 'ends_on'])
    .where('cooperative_id', '=', cooperativeId)
    .orderBy('starts_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function listPayments(db: Executor, cooperativeId: number, limit: number) {
  return db
    .selectFrom('payments')
    .select([
      'id',
      'direction',
      'party_name',
      'amount_rials',
      'paid_on',
      'category',
      'required_approvals',
      'recorded_by',
    ])
    .where('cooperative_id', '=', cooperativeId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function findMemberShares(db: Executor, cooperativeId: number, memberNo: string) {
  const member = await db
    .selectFrom('memberships')
    .select(['id', 'shares', 'left_on'])
    .where('cooperative_id', '=', cooperativeId)
    .where('member_no', '=', memberNo)
    .executeTakeFirst();
  if (!member) return undefined;
  const moves = await db
    .selectFrom('share_movements')
    .select(['kind', 'shares', 'member_no'])
    .where('cooperative_id', '=', cooperativeId)
    .where((eb) => eb.or([eb('member_no', '=', memberNo), eb('counterpart_member_no', '=', memberNo)]))
    .execute();
  let shares = member.shares;
  for (const m of moves) {
    const own = m.member_no === memberNo;
    if (m.kind === 'subscribe' && own) shares += m.shares;
    else if (m.kind === 'transfer') shares += own ? -m.shares : m.shares;
    else if ((m.kind === 'redeem' || m.kind === 'exit') && own) shares -= m.shares;
  }

  return { id: member.id, shares, leftOn: member.left_on };
}

/** Payment totals per Jalali-agnostic calendar year text (YYYY) are computed by the caller. */
export async function paymentTotals(db: Executor, cooperativeId: number) {
  return db
    .selectFrom('payments')
    .select(['direction', 'category', 'paid_on', 'amount_rials'])
    .where('cooperative_id', '=', cooperativeId)
    .execute();
}

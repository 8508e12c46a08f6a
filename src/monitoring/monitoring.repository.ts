import type { Executor } from '../db/database.ts';

/** All SQL of monitoring: reading a cooperative's books for the rules, and the alerts' tables. */

export async function findCooperativeFacts(db: Executor, cooperativeId: number) {
  return db
    .selectFrom('cooperatives')
    .select([
      'id',
      'legal_id',
      'name',
      'status',
      'province_id',
      'county_id',
      'field_code',
      'member_count',
      'capital_rials',
      'fiscal_year_end_month',
      'registered_on',
      'bylaws',
    ])
    .where('id', '=', cooperativeId)
    .executeTakeFirst();
}

/** Ledger entry index per subject (`payment:12` → 40), for evidence links. */
export async function entryIndexBySubject(db: Executor, cooperativeId: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['subject', 'idx'])
    .where('cooperative_id', '=', cooperativeId)
    .where('subject', 'is not', null)
    .execute();

  return new Map(rows.map((r) => [r.subject as string, r.idx]));
}

export async function listOfficersWithContacts(db: Executor, cooperativeId: number) {
  return db
    .selectFrom('officers as o')
    .leftJoin('persons as p', 'p.id', 'o.person_id')
    .leftJoin('legal_entities as l', 'l.id', 'o.legal_entity_id')
    .select([
      'o.id',
      'o.person_id',
      'o.role',
      'o.position',
      'o.term_start',
      'o.term_end',
      'o.ended_on',
      'o.consecutive_terms',
      'p.first_name',
      'p.last_name',
      'p.national_code',
      'p.mobile',
      'p.iban',
      'p.address',
      'l.name as entity_name',
    ])
    .where('o.cooperative_id', '=', cooperativeId)
    .orderBy('o.id')
    .execute();
}

export async function listMembersWithNames(db: Executor, cooperativeId: number) {
  return db
    .selectFrom('memberships as m')
    .leftJoin('persons as p', 'p.id', 'm.person_id')
    .leftJoin('legal_entities as l', 'l.id', 'm.legal_entity_id')
    .select([
      'm.id',
      'm.member_no',
      'm.person_id',
      'm.shares',
      'm.left_on',
      'p.first_name',
      'p.last_name',
      'l.name as entity_name',
    ])
    .where('m.cooperative_id', '=', cooperativeId)
    .orderBy('m.id')
    .execute();
}

export async function listDeclarations(db: Executor, cooperativeId: number) {
  return db
    .selectFrom('interest_declarations')
    .select([
      'officer_id',
      'kind',
      'relation',
      'person_national_code',
      'person_name',
      'company_legal_id',
      'company_name',
    ])
    .where('cooperative_id', '=', cooperativeId)
    .execute();
}

export async function listAssemblyFacts(db: Executor, cooperativeId: number) {
  return db
    .selectFrom('assemblies')
    .select(['kind', 'fiscal_year', 'invitation_published_on', 'held_on', 'elections_held'])
    .where('cooperative_id', '=', cooperativeId)
    .execute();
}

export async function listFilingFacts(db: Executor, cooperativeId: number) {
  return db
    .selectFrom('filings')
    .select(['kind', 'fiscal_year', 'filed_on'])
    .where('cooperative_id', '=', cooperativeId)
    .execute();
}

/** A cooperative's payments with how many sign-offs each has (a key lookup per payment, no grouping). */
export async function listPaymentsWithApprovalCounts(db: Executor, cooperativeId: number) {
  return db
    .selectFrom('payments as p')
    .select([
      'p.id',
      'p.external_id',
      'p.direction',
      'p.party_kind',
      'p.party_name',
      'p.party_national_code',
      'p.party_legal_id',
      'p.iban',
      'p.amount_rials',
      'p.paid_on',
      'p.category',
      'p.invoice_ref',
      'p.budget_line',
      'p.contract_id',
      'p.resolution_id',
      'p.resolution_ref',
      'p.required_approvals',
      'p.recorded_on',
      'p.created_at',
      (eb) =>
        eb
          .selectFrom('payment_approvals as a')
          .select((a) => a.fn.countAll<number>().as('n'))
          .whereRef('a.payment_id', '=', 'p.id')
          .as('approvals'),
    ])
    .where('p.cooperative_id', '=', cooperativeId)
    .orderBy('p.paid_on')
    .orderBy('p.id')
    .execute();
}

export async function listShareMovements(db: Executor, cooperativeId: number) {
  return db
    .selectFrom('share_movements')
    .select(['member_no', 'kind', 'shares', 'counterpart_member_no'])
    .where('cooperative_id', '=', cooperativeId)
    .orderBy('id')
    .execute();
}

/** Per person: in how many cooperatives they hold a current office (for the given people only). */
export async function countOfficesOfPeople(db: Executor, personIds: number[], today: string) {
  if (personIds.length === 0) return [];

  return db
    .selectFrom('officers')
    .select(['person_id', (eb) => eb.fn.count<number>('cooperative_id').distinct().as('n')])
    .where('person_id', 'in', personIds)
    .where('ended_on', 'is', null)
    .where('term_end', '>=', today)
    .groupBy('person_id')
    .execute();
}

/**
 * The cooperatives that paid any of the given payee keys (outgoing payments), one row per
 * cooperative and payee identifier, by the indexes on `iban`, `party_national_code` and
 * `party_legal_id`.
 */
export async function listPayersOfPayees(
  db: Executor,
  keys: { ibans: string[]; nationalCodes: string[]; legalIds: string[] },
) {
  if (keys.ibans.length + keys.nationalCodes.length + keys.legalIds.length === 0) return [];

  return db
    .selectFrom('payments')
    .select(['cooperative_id', 'iban', 'party_national_code', 'party_legal_id'])
    .distinct()
    .where('direction', '=', 'payment')
    .where((eb) =>
      eb.or([
        ...(keys.ibans.length > 0 ? [eb('iban', 'in', keys.ibans)] : []),
        ...(keys.nationalCodes.length > 0 ? [eb('party_national_code', 'in', keys.nationalCodes)] : []),
        ...(keys.legalIds.length > 0 ? [eb('party_legal_id', 'in', keys.legalIds)] : []),
      ]),
    )
    .execute();
}

/**
 * Membership links of the given cooperatives as members of other cooperatives (unions): one row
 * per current membership, `member` being one of the given ids and `parent` the cooperative it is a
 * member of, by `legal_entities_cooperative` and `memberships_entity`.
 */
export async function listMembershipLinksOf(db: Executor, cooperativeIds: number[]) {
  if (cooperativeIds.length === 0) return [];
  const entities = await db
    .selectFrom('legal_entities')
    .select(['id', 'cooperative_id'])
    .where('cooperative_id', 'in', cooperativeIds)
    .execute();
  if (entities.length === 0) return [];
  const cooperativeOf = new Map(entities.map((e) => [e.id, e.cooperative_id as number]));
  const rows = await db
    .selectFrom('memberships')
    .select(['legal_entity_id', 'cooperative_id'])
    .distinct()
    .where(
      'legal_entity_id',
      'in',
      entities.map((e) => e.id),
    )
    .where('left_on', 'is', null)
    .execute();

  return rows.map((r) => ({
    member: cooperativeOf.get(r.legal_entity_id as number) ?? null,
    parent: r.cooperative_id,
  }));
}

/**
 * People whose mobile, IBAN or address equals one of the given (stored, already normalised)
 * values, by the indexes on those columns.
 */
export async function findPersonsByContacts(
  db: Executor,
  contacts: { mobiles: string[]; ibans: string[]; addresses: string[] },
) {
  if (contacts.mobiles.length + contacts.ibans.length + contacts.addresses.length === 0) return [];

  return db
    .selectFrom('persons')
    .select(['id', 'national_code', 'mobile', 'iban', 'address'])
    .where((eb) =>
      eb.or([
        ...(contacts.mobiles.length > 0 ? [eb('mobile', 'in', contacts.mobiles)] : []),
        ...(contacts.ibans.length > 0 ? [eb('iban', 'in', contacts.ibans)] : []),
        ...(contacts.addresses.length > 0 ? [eb('address', 'in', contacts.addresses)] : []),
      ]),
    )
    .execute();
}

/** The cooperatives where each of the given people holds a current office (by `officers_person`). */
export async function listCurrentOfficesOfPeople(db: Executor, personIds: number[], today: string) {
  if (personIds.length === 0) return [];

  return db
    .selectFrom('officers')
    .select(['person_id', 'cooperative_id'])
    .distinct()
    .where('person_id', 'in', personIds)
    .where('ended_on', 'is', null)
    .where('term_end', '>=', today)
    .execute();
}

/**
 * Outgoing payments of OTHER cooperatives into the given IBANs or to the given payees (national
 * codes), one row per cooperative, IBAN and payee, by the indexes on those columns.
 */
export async function listPaymentsToAccountsElsewhere(
  db: Executor,
  excludeCooperativeId: number,
  keys: { ibans: string[]; nationalCodes: string[] },
) {
  if (keys.ibans.length + keys.nationalCodes.length === 0) return [];

  return db
    .selectFrom('payments')
    .select(['cooperative_id', 'iban', 'party_national_code'])
    .distinct()
    .where('direction', '=', 'payment')
    .where('cooperative_id', '<>', excludeCooperativeId)
    .where((eb) =>
      eb.or([
        ...(keys.ibans.length > 0 ? [eb('iban', 'in', keys.ibans)] : []),
        ...(keys.nationalCodes.length > 0 ? [eb('party_national_code', 'in', keys.nationalCodes)] : []),
      ]),
    )
    .execute();
}

// ——— alerts ———

export async function listAlertsOf(db: Executor, cooperativeId: number) {
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .orderBy('id')
    .execute();
}

export async function findAlert(db: Executor, id: number) {
  return db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAlert(
  db: Executor,
  row: {
    cooperative_id: number;
    rule_id: string;
    key: string;
    severity: string;
    status: string;
    public: number;
    params: string;
    evidence: string;
    weight: number;
    still_found: number;
    opened_at: string;
    last_seen_at: string;
  },
): Promise<number> {
  return (await db.insertInto('alerts').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateAlert(
  db: Executor,
  id: number,
  set: Partial<{
    status: string;
    params: string;
    evidence: string;
    severity: string;
    weight: number;
    still_found: number;
    last_seen_at: string;
    closed_at: string | null;
  }>,
) {
  await db.updateTable('alerts').set(set).where('id', '=', id).execute();
}

export async function insertAlertEvent(
  db: Executor,
  row: {
    alert_id: number;
    cooperative_id: number;
    action: string;
    text: string | null;
    person_id: number | null;
    at: string;
  },
): Promise<number> {
  return (await db.insertInto('alert_events').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function listAlertEvents(db: Executor, alertIds: number[]) {
  if (alertIds.length === 0) return [];

  return db
    .selectFrom('alert_events as e')
    .leftJoin('persons as p', 'p.id', 'e.person_id')
    .select(['e.id', 'e.alert_id', 'e.action', 'e.text', 'e.at', 'p.first_name', 'p.last_name'])
    .where('e.alert_id', 'in', alertIds)
    .orderBy('e.id')
    .execute();
}

// ——— queue, thresholds, scans ———

export async function enqueue(db: Executor, cooperativeId: number, at: string) {
  await db
    .insertInto('monitoring_queue')
    .values({ cooperative_id: cooperativeId, queued_at: at })
    .onConflict((oc) => oc.column('cooperative_id').doNothing())
    .execute();
}

export async function takeQueued(db: Executor, limit: number) {
  return db
    .selectFrom('monitoring_queue')
    .select(['cooperative_id', 'queued_at'])
    .orderBy('queued_at')
    .limit(limit)
    .execute();
}

/** Removes a queued cooperative unless it was queued again after `queuedAt`. */
export async function dequeue(db: Executor, cooperativeId: number, queuedAt: string) {
  await db
    .deleteFrom('monitoring_queue')
    .where('cooperative_id', '=', cooperativeId)
    .where('queued_at', '<=', queuedAt)
    .execute();
}

export async function listThresholdOverrides(db: Executor) {
  return db.selectFrom('monitoring_thresholds').selectAll().execute();
}

export async function upsertThresholds(
  db: Executor,
  row: { rule_id: string; thresholds: string; updated_by: number | null; updated_at: string },
) {
  await db
    .insertInto('monitoring_thresholds')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('rule_id')
        .doUpdateSet({ thresholds: row.thresholds, updated_by: row.updated_by, updated_at: row.updated_at }),
    )
    .execute();
}

export async function cooperativeIdsAfter(db: Executor, afterId: number, limit: number) {
  return (
    await db
      .selectFrom('cooperatives')
      .select('id')
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute()
  ).map((r) => r.id);
}

export async function countCooperatives(db: Executor) {
  const r = await db
    .selectFrom('cooperatives')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();

  return Number(r?.n ?? 0);
}

export async function latestUnfinishedScan(db: Executor) {
  return db
    .selectFrom('monitoring_scans')
    .selectAll()
    .where('finished_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertScan(db: Executor, startedAt: string): Promise<number> {
  return (
    await db
      .insertInto('monitoring_scans')
      .values({
        started_at: startedAt,
        after_cooperative_id: 0,
        cooperatives: 0,
        findings: 0,
        finished_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export async function updateScan(
  db: Executor,
  id: number,
  set: { after_cooperative_id: number; cooperatives: number; findings: number; finished_at?: string },
) {
  await db.updateTable('monitoring_scans').set(set).where('id', '=', id).execute();
}

/** Open alerts with their cooperative's place, for risk by province and field. */
export async function listOpenAlertsWithPlace(db: Executor) {
  return db
    .selectFrom('alerts as a')
    .innerJoin('cooperatives as c', 'c.id', 'a.cooperative_id')
    .select([
      'a.cooperative_id',
      'a.rule_id',
      'a.severity',
      'a.weight',
      'c.province_id',
      'c.county_id',
      'c.field_code',
    ])
    .where('a.status', 'in', ['open', 'answered'])
    .execute();
}

export async function follow(db: Executor, personId: number, cooperativeId: number, at: string) {
  await db
    .insertInto('cooperative_follows')
    .values({ person_id: personId, cooperative_id: cooperativeId, created_at: at })
    .onConflict((oc) => oc.columns(['person_id', 'cooperative_id']).doNothing())
    .execute();
}

export async function unfollow(db: Executor, personId: number, cooperativeId: number) {
  await db
    .deleteFrom('cooperative_follows')
    .where('person_id', '=', personId)
    .where('cooperative_id', '=', cooperativeId)
    .execute();
}

import { type Insertable, PostgresAdapter, type Updateable } from 'kysely';
import type {
  CertificateTable,
  Executor,
  ServiceDecisionTable,
  ServiceDocumentTable,
  ServiceRequestEventTable,
  ServiceRequestTable,
} from '../db/database.ts';

/** SQL of the single window: requests, their events, documents, decisions and certificates. */

export async function insertRequest(db: Executor, row: Insertable<ServiceRequestTable>): Promise<number> {
  const r = await db.insertInto('service_requests').values(row).returning('id').executeTakeFirstOrThrow();

  return r.id;
}

export async function updateRequest(db: Executor, id: number, patch: Updateable<ServiceRequestTable>) {
  await db.updateTable('service_requests').set(patch).where('id', '=', id).execute();
}

export async function trackingCodeTaken(db: Executor, code: string): Promise<boolean> {
  const r = await db
    .selectFrom('service_requests')
    .select('id')
    .where('tracking_code', '=', code)
    .executeTakeFirst();

  return r !== undefined;
}

/**
 * A request by tracking code. `forUpdate` locks the row on PostgreSQL, so two officers deciding
 * at once act one after the other (SQLite's write transactions are already serial).
 */
export async function findRequestByCode(db: Executor, code: string, options: { forUpdate?: boolean } = {}) {
  return db
    .selectFrom('service_requests')
    .selectAll()
    .where('tracking_code', '=', code)
    .$if(options.forUpdate === true && db.getExecutor().adapter instanceof PostgresAdapter, (q) =>
      q.forUpdate(),
    )
    .executeTakeFirst();
}

export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequestByCode>>>;

export async function listRequestsOfApplicant(db: Executor, personId: number) {
  return db
    .selectFrom('service_requests')
    .selectAll()
    .where('applicant_person_id', '=', personId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

/** Open requests of the cooperatives whose inspector the person is (complaints to the inspector). */
export async function listInspectorRequests(db: Executor, cooperativeIds: number[]) {
  if (cooperativeIds.length === 0) return [];

  return db
    .selectFrom('service_requests')
    .selectAll()
    .where('office', '=', 'inspector')
    .where('cooperative_id', 'in', cooperativeIds)
    .where('status', '!=', 'draft')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}

export type InboxFilter = {
  statuses: readonly string[];
  offices: readonly string[];
  provinceId?: number | undefined;
  countyId?: number | undefined;
  serviceId?: string | undefined;
  assignedTo?: number | null | undefined;
  overdueOn?: string | undefined;
  limit: number;
};

/** The officers' inbox: requests by region and status, soonest deadline first. */
export async function listInbox(db: Executor, f: InboxFilter) {
  return db
    .selectFrom('service_requests')
    .selectAll()
    .where('status', 'in', [...f.statuses])
    .where('office', 'in', [...f.offices])
    .$if(f.provinceId !== undefined, (q) => q.where('province_id', '=', f.provinceId as number))
    .$if(f.countyId !== undefined, (q) => q.where('county_id', '=', f.countyId as number))
    .$if(f.serviceId !== undefined, (q) => q.where('service_id', '=', f.serviceId as string))
    .$if(f.assignedTo === null, (q) => q.where('assigned_to', 'is', null))
    .$if(typeof f.assignedTo === 'number', (q) => q.where('assigned_to', '=', f.assignedTo as number))
    .$if(f.overdueOn !== undefined, (q) => q.where('due_on', '<', f.overdueOn as string))
    .orderBy('due_on')
    .orderBy('id')
    .limit(f.limit)
    .execute();
}

/** Requests waiting for a decision whose deadline is on or before `on` (reminders and escalation). */
export async function listDueBy(db: Executor, on: string) {
  return db
    .selectFrom('service_requests')
    .selectAll()
    .where('status', 'in', ['submitted', 'under_review', 'awaiting_approval'])
    .where('due_on', '<=', on)
    .orderBy('due_on')
    .limit(5000)
    .execute();
}

export async function insertEvent(db: Executor, row: Insertable<ServiceRequestEventTable>): Promise<number> {
  const r = await db
    .insertInto('service_request_events')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();

  return r.id;
}

export async function listEvents(db: Executor, requestId: number) {
  return db
    .selectFrom('service_request_events as e')
    .leftJoin('persons as p', 'p.id', 'e.person_id')
    .select([
      'e.id',
      'e.action',
      'e.from_status',
      'e.to_status',
      'e.text',
      'e.at',
      'e.person_id',
      'p.first_name',
      'p.last_name',
    ])
    .where('e.request_id', '=', requestId)
    .orderBy('e.id')
    .execute();
}

export async function insertDocument(db: Executor, row: Insertable<ServiceDocumentTable>): Promise<number> {
  const r = await db.insertInto('service_documents').values(row).returning('id').executeTakeFirstOrThrow();

  return r.id;
}

export async function listDocuments(db: Executor, requestId: number) {
  return db
    .selectFrom('service_documents')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute();
}

export async function findDocument(db: Executor, requestId: number, id: number) {
  return db
    .selectFrom('service_documents')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

export async function removeDocument(db: Executor, id: number, at: string) {
  await db.updateTable('service_documents').set({ removed_at: at }).where('id', '=', id).execute();
}

export async function insertDecision(db: Executor, row: Insertable<ServiceDecisionTable>): Promise<number> {
  const r = await db.insertInto('service_decisions').values(row).returning('id').executeTakeFirstOrThrow();

  return r.id;
}

export async function insertCertificate(db: Executor, row: Insertable<CertificateTable>) {
  await db.insertInto('certificates').values(row).execute();
}

export async function findCertificate(db: Executor, code: string) {
  return db.selectFrom('certificates').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findCertificateOfRequest(db: Executor, requestId: number) {
  return db.selectFrom('certificates').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

/**
 * Of the given national codes, those that are current members of an active cooperative of the
 * same field and sub-field (the law's bar on founding a second similar cooperative).
 */
export async function membersOfSimilarCooperatives(
  db: Executor,
  nationalCodes: readonly string[],
  field: { fieldCode: string; subfieldCode: string | null },
) {
  if (nationalCodes.length === 0) return [];

  return db
    .selectFrom('memberships as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .innerJoin('cooperatives as c', 'c.id', 'm.cooperative_id')
    .select(['p.national_code', 'c.name'])
    .where('p.national_code', 'in', [...nationalCodes])
    .where('m.left_on', 'is', null)
    .where('c.status', '=', 'active')
    .where('c.field_code', '=', field.fieldCode)
    .$if(field.subfieldCode === null, (q) => q.where('c.subfield_code', 'is', null))
    .$if(field.subfieldCode !== null, (q) => q.where('c.subfield_code', '=', field.subfieldCode as string))
    .execute();
}

/** Whether a cooperative already has this name (by search key) in the province. */
export async function cooperativeNameTaken(
  db: Executor,
  nameKey: string,
  provinceId: number,
): Promise<boolean> {
  const r = await db
    .selectFrom('cooperatives')
    .select('id')
    .where('name_key', '=', nameKey)
    .where('province_id', '=', provinceId)
    .where('status', '!=', 'dissolved')
    .executeTakeFirst();

  return r !== undefined;
}

/** People with an officer's account whose region contains the place (county, province or nation). */
export async function officersForPlace(
  db: Executor,
  place: { provinceId: number; countyId: number },
  scopes: readonly string[],
) {
  const rows = await db
    .selectFrom('staff_roles')
    .select(['person_id', 'scope', 'province_id', 'county_id'])
    .where('role', '=', 'officer')
    .where('scope', 'in', [...scopes])
    .execute();

  return [
    ...new Set(
      rows
        .filter(
          (r) =>
            (r.scope === 'county' && r.county_id === place.countyId) ||
            (r.scope === 'province' && r.province_id === place.provinceId) ||
            r.scope === 'nation',
        )
        .map((r) => r.person_id),
    ),
  ];
}

/** The people with an officer's role in the offices of a region (see `listColleagues`). */
export async function officersOfRegion(
  db: Executor,
  region:
    | { scope: 'nation' }
    | { scope: 'province'; provinceId: number }
    | { scope: 'county'; provinceId: number; countyId: number },
) {
  const rows = await db
    .selectFrom('staff_roles')
    .select(['person_id', 'scope', 'province_id', 'county_id'])
    .where('role', '=', 'officer')
    .execute();

  return rows
    .filter((r) =>
      region.scope === 'nation'
        ? r.scope === 'nation'
        : region.scope === 'province'
          ? r.province_id === region.provinceId
          : r.county_id === region.countyId ||
            (r.scope === 'province' && r.province_id === region.provinceId),
    )
    .map((r) => r.person_id);
}

/** The current principal inspectors of a cooperative (the office of complaints to the inspector). */
export async function inspectorsOf(db: Executor, cooperativeId: number) {
  const rows = await db
    .selectFrom('officers')
    .select('person_id')
    .where('cooperative_id', '=', cooperativeId)
    .where('role', '=', 'inspector_principal')
    .where('ended_on', 'is', null)
    .where('person_id', 'is not', null)
    .execute();

  return rows.map((r) => r.person_id as number);
}

/** Submitted requests per service with their decision times, for the public statistics. */
export async function listForStatistics(db: Executor) {
  return db
    .selectFrom('service_requests')
    .select(['service_id', 'status', 'submitted_at', 'decided_at', 'due_on'])
    .where('submitted_at', 'is not', null)
    .execute();
}

/** Names of people by id, in one query ("first last"). */
export async function personNames(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('persons')
    .select(['id', 'first_name', 'last_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();

  return new Map(rows.map((r) => [r.id, `${r.first_name} ${r.last_name}`]));
}

/** Name and legal ID of cooperatives by id, in one query. */
export async function cooperativeLabels(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, { id: number; name: string; legalId: string | null }>();
  const rows = await db
    .selectFrom('cooperatives')
    .select(['id', 'name', 'legal_id'])
    .where('id', 'in', [...new Set(ids)])
    .execute();

  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, legalId: r.legal_id }]));
}

export async function personName(db: Executor, personId: number) {
  return db
    .selectFrom('persons')
    .select(['first_name', 'last_name', 'national_code'])
    .where('id', '=', personId)
    .executeTakeFirst();
}

export async function updateCooperativeFields(
  db: Executor,
  cooperativeId: number,
  patch: {
    capital_rials?: number;
    paid_capital_rials?: number | null;
    address?: string | null;
    postal_code?: string | null;
    updated_at: string;
  },
) {
  await db.updateTable('cooperatives').set(patch).where('id', '=', cooperativeId).execute();
}

/** Ends the current offices of the given roles (an election replaced them). */
export async function currentOfficerIds(db: Executor, cooperativeId: number, roles: readonly string[]) {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('officers')
    .select('id')
    .where('cooperative_id', '=', cooperativeId)
    .where('role', 'in', [...roles])
    .where('ended_on', 'is', null)
    .execute();

  return rows.map((r) => r.id);
}

export async function endOfficer(db: Executor, officerId: number, on: string) {
  await db.updateTable('officers').set({ ended_on: on }).where('id', '=', officerId).execute();
}

import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The single window: service requests with their tracking codes, answers, deadlines and
 * maker-checker proposals; every step of their life; their uploaded documents (the bytes live in
 * the document store, here only the random stored name and SHA-256); the decisions that concern
 * a cooperative (each one a ledger entry); certificates anyone can verify by code. Frozen in time.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against any schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: ColumnDefinitionBuilder) => (isPg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const idType = isPg ? sql`serial` : sql`integer`;

  await db.schema
    .createTable('service_requests')
    .addColumn('id', idType, id)
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('applicant_person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('cooperative_id', 'integer', (c) => c.references('cooperatives.id'))
    .addColumn('province_id', 'integer')
    .addColumn('county_id', 'integer')
    .addColumn('office', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('assigned_to', 'integer', (c) => c.references('persons.id'))
    .addColumn('proposed_by', 'integer', (c) => c.references('persons.id'))
    .addColumn('proposal_text', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('due_on', 'text')
    .addColumn('paused_on', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('escalated_at', 'text')
    .addColumn('result', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'service_requests_status',
      sql`status in ('draft', 'submitted', 'under_review', 'more_info', 'awaiting_approval', 'approved', 'rejected', 'answered', 'withdrawn')`,
    )
    .addCheckConstraint(
      'service_requests_office',
      sql`office in ('county', 'province', 'inspector', 'automatic')`,
    )
    .execute();
  await db.schema
    .createIndex('service_requests_applicant')
    .on('service_requests')
    .columns(['applicant_person_id', 'id'])
    .execute();
  await db.schema
    .createIndex('service_requests_inbox')
    .on('service_requests')
    .columns(['status', 'province_id', 'county_id', 'due_on'])
    .execute();
  await db.schema
    .createIndex('service_requests_cooperative')
    .on('service_requests')
    .columns(['cooperative_id', 'id'])
    .execute();

  await db.schema
    .createTable('service_request_events')
    .addColumn('id', idType, id)
    .addColumn('request_id', 'integer', (c) => c.notNull().references('service_requests.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('text', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_request_events_request')
    .on('service_request_events')
    .columns(['request_id', 'id'])
    .execute();

  await db.schema
    .createTable('service_documents')
    .addColumn('id', idType, id)
    .addColumn('request_id', 'integer', (c) => c.notNull().references('service_requests.id'))
    .addColumn('requirement', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull().unique())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .execute();
  await db.schema
    .createIndex('service_documents_request')
    .on('service_documents')
    .columns(['request_id', 'id'])
    .execute();

  await db.schema
    .createTable('service_decisions')
    .addColumn('id', idType, id)
    .addColumn('request_id', 'integer', (c) => c.notNull().references('service_requests.id'))
    .addColumn('cooperative_id', 'integer', (c) => c.references('cooperatives.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('proposed_by', 'integer', (c) => c.references('persons.id'))
    .addColumn('decided_by', 'integer', (c) => c.references('persons.id'))
    .addColumn('effect', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addCheckConstraint('service_decisions_decision', sql`decision in ('approved', 'rejected', 'answered')`)
    .execute();
  await db.schema
    .createIndex('service_decisions_cooperative')
    .on('service_decisions')
    .columns(['cooperative_id', 'id'])
    .execute();

  await db.schema
    .createTable('certificates')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('request_id', 'integer', (c) => c.notNull().references('service_requests.id'))
    .addColumn('cooperative_id', 'integer', (c) => c.notNull().references('cooperatives.id'))
    .addColumn('person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'certificates',
    'service_decisions',
    'service_documents',
    'service_request_events',
    'service_requests',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

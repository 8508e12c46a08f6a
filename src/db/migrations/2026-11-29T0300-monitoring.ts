import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Smart monitoring: alerts (deduplicated findings of the rules) with their life, the queue of
 * cooperatives to re-evaluate after writes, threshold overrides, resumable national scans, and
 * people following a cooperative's public flags. Frozen in time: imports nothing.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against any schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: ColumnDefinitionBuilder) => (isPg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const idType = isPg ? sql`serial` : sql`integer`;

  await db.schema
    .createTable('alerts')
    .addColumn('id', idType, id)
    .addColumn('cooperative_id', 'integer', (c) => c.notNull().references('cooperatives.id'))
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull())
    .addColumn('still_found', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addUniqueConstraint('alerts_key', ['cooperative_id', 'rule_id', 'key'])
    .addCheckConstraint('alerts_status', sql`status in ('open', 'answered', 'resolved', 'dismissed')`)
    .addCheckConstraint('alerts_severity', sql`severity in ('low', 'medium', 'high')`)
    .execute();
  await db.schema.createIndex('alerts_status').on('alerts').columns(['status', 'cooperative_id']).execute();

  await db.schema
    .createTable('alert_events')
    .addColumn('id', idType, id)
    .addColumn('alert_id', 'integer', (c) => c.notNull().references('alerts.id'))
    .addColumn('cooperative_id', 'integer', (c) => c.notNull().references('cooperatives.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'alert_events_action',
      sql`action in ('opened', 'answered', 'resolved', 'dismissed', 'reopened')`,
    )
    .execute();
  await db.schema.createIndex('alert_events_alert').on('alert_events').columns(['alert_id', 'id']).execute();

  await db.schema
    .createTable('monitoring_queue')
    .addColumn('cooperative_id', 'integer', (c) => c.primaryKey().references('cooperatives.id'))
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('monitoring_thresholds')
    .addColumn('rule_id', 'text', (c) => c.primaryKey())
    .addColumn('thresholds', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('persons.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('monitoring_scans')
    .addColumn('id', idType, id)
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('after_cooperative_id', 'integer', (c) => c.notNull())
    .addColumn('cooperatives', 'integer', (c) => c.notNull())
    .addColumn('findings', 'integer', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();

  // Entity resolution across cooperatives looks people and payees up by contact and account.
  for (const [name, table, column] of [
    ['persons_mobile', 'persons', 'mobile'],
    ['persons_iban', 'persons', 'iban'],
    ['persons_address', 'persons', 'address'],
    ['payments_iban', 'payments', 'iban'],
    ['payments_party_national_code', 'payments', 'party_national_code'],
    ['payments_party_legal_id', 'payments', 'party_legal_id'],
    ['legal_entities_cooperative', 'legal_entities', 'cooperative_id'],
  ] as const) {
    await db.schema.createIndex(name).on(table).column(column).execute();
  }

  await db.schema
    .createTable('cooperative_follows')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('cooperative_id', 'integer', (c) => c.notNull().references('cooperatives.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cooperative_follows_pk', ['person_id', 'cooperative_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'persons_mobile',
    'persons_iban',
    'persons_address',
    'payments_iban',
    'payments_party_national_code',
    'payments_party_legal_id',
    'legal_entities_cooperative',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
  for (const table of [
    'cooperative_follows',
    'monitoring_scans',
    'monitoring_thresholds',
    'monitoring_queue',
    'alert_events',
    'alerts',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

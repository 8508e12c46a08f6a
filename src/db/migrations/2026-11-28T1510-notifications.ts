import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Notifications: the outbox of every message the system sends (SMS, e-mail, in-app), each
 * person's channel preferences, and the e-mail addresses a person adds and verifies. Instants
 * are ISO-8601 UTC text, flags 0/1 integers, as in the registry. Frozen in time: imports
 * nothing from the application.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against any schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: ColumnDefinitionBuilder) => (isPg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const idType = isPg ? sql`serial` : sql`integer`;

  await db.schema
    .createTable('outbox')
    .addColumn('id', idType, id)
    .addColumn('person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_fa', 'text')
    .addColumn('subject_en', 'text')
    .addColumn('body_fa', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('outbox_channel', sql`channel in ('sms', 'email', 'inapp')`)
    .addCheckConstraint('outbox_status', sql`status in ('pending', 'sending', 'sent', 'failed', 'recorded')`)
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_person').on('outbox').columns(['person_id', 'channel', 'id']).execute();
  await db.schema.createIndex('outbox_to').on('outbox').columns(['to_address', 'id']).execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['person_id', 'kind', 'channel'])
    .addCheckConstraint('notification_preferences_channel', sql`channel in ('sms', 'email', 'inapp')`)
    .execute();

  await db.schema
    .createTable('person_emails')
    .addColumn('id', idType, id)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text')
    .addColumn('token_hash', 'text')
    .addColumn('token_expires_at', 'text')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('person_emails_person_email', ['person_id', 'email'])
    .execute();
  await db.schema.createIndex('person_emails_email').on('person_emails').column('email').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('person_emails').execute();
  await db.schema.dropTable('notification_preferences').execute();
  await db.schema.dropTable('outbox').execute();
}

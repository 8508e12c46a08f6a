import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Accounts and sign-in: one account per person (password hash, verified mobile, status), staff
 * roles (ministry officers, administrators), server-side sessions (keyed by the SHA-256 of the
 * token, never the token), one-time code challenges (keyed by the SHA-256 of the challenge id;
 * the code only as an HMAC) and the security audit log. Instants are ISO-8601 UTC text, as in
 * the registry. Frozen in time: imports nothing from the application.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against any schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: ColumnDefinitionBuilder) => (isPg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const idType = isPg ? sql`serial` : sql`integer`;

  await db.schema
    .createTable('accounts')
    .addColumn('id', idType, id)
    .addColumn('person_id', 'integer', (c) => c.notNull().unique().references('persons.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('mobile', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('accounts_status', sql`status in ('active', 'disabled')`)
    .execute();

  await db.schema
    .createTable('staff_roles')
    .addColumn('id', idType, id)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('province_id', 'integer', (c) => c.references('provinces.id'))
    .addColumn('county_id', 'integer', (c) => c.references('counties.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('staff_roles_role', sql`role in ('admin', 'officer')`)
    .addCheckConstraint('staff_roles_scope', sql`scope in ('nation', 'province', 'county')`)
    .addCheckConstraint(
      'staff_roles_scope_ids',
      sql`(scope = 'nation' and province_id is null and county_id is null)
        or (scope = 'province' and province_id is not null and county_id is null)
        or (scope = 'county' and province_id is not null and county_id is not null)`,
    )
    .execute();
  await db.schema.createIndex('staff_roles_person').on('staff_roles').column('person_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema
    .createIndex('sessions_account')
    .on('sessions')
    .columns(['account_id', 'revoked_at'])
    .execute();

  await db.schema
    .createTable('otp_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('sent_to', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('consumed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('otp_challenges_purpose', sql`purpose in ('sign_in', 'activation', 'recovery')`)
    .execute();
  await db.schema
    .createIndex('otp_challenges_person')
    .on('otp_challenges')
    .columns(['person_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', idType, id)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_person_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addCheckConstraint('audit_log_outcome', sql`outcome in ('success', 'failure', 'denied')`)
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema
    .createIndex('audit_log_target')
    .on('audit_log')
    .columns(['target', 'action', 'outcome', 'at'])
    .execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_person_id', 'at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
  await db.schema.dropTable('otp_challenges').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('staff_roles').execute();
  await db.schema.dropTable('accounts').execute();
}

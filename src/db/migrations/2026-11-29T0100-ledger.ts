import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The transparency ledger (docs/adr/0008-transparency-ledger.md) and the managers' records it
 * logs. Ledger rows are append-only; record rows are never updated either — what changes later
 * (a payment's approvals, a correction) is another row. Hashes are lowercase hex, signatures
 * base64. Frozen in time: imports nothing from the application.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against any schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: ColumnDefinitionBuilder) => (isPg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const idType = isPg ? sql`serial` : sql`integer`;
  const money = isPg ? 'bigint' : 'integer';
  const coop = (c: ColumnDefinitionBuilder) => c.notNull().references('cooperatives.id');

  // One log per cooperative: its size, root and the right-edge subtree hashes (the frontier).
  await db.schema
    .createTable('ledger_logs')
    .addColumn('cooperative_id', 'integer', (c) => c.primaryKey().references('cooperatives.id'))
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('frontier', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('cooperative_id', 'integer', coop)
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('leaf_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_entries_pk', ['cooperative_id', 'idx'])
    .execute();
  await db.schema
    .createIndex('ledger_entries_kind')
    .on('ledger_entries')
    .columns(['cooperative_id', 'kind', 'idx'])
    .execute();
  await db.schema.createIndex('ledger_entries_subject').on('ledger_entries').columns(['subject']).execute();

  // Hashes of complete perfect subtrees (level ≥ 1), so proofs need O(log n) reads.
  await db.schema
    .createTable('ledger_nodes')
    .addColumn('cooperative_id', 'integer', coop)
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_nodes_pk', ['cooperative_id', 'level', 'idx'])
    .execute();

  // One signed receipt per committed batch: the leaf hashes of entries [first_idx, first_idx + n).
  await db.schema
    .createTable('ledger_receipts')
    .addColumn('cooperative_id', 'integer', coop)
    .addColumn('first_idx', 'integer', (c) => c.notNull())
    .addColumn('leaf_hashes', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_receipts_pk', ['cooperative_id', 'first_idx'])
    .execute();

  await db.schema
    .createTable('ledger_checkpoints')
    .addColumn('cooperative_id', 'integer', coop)
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_checkpoints_pk', ['cooperative_id', 'size'])
    .execute();

  // Witnesses (inspectors, ministry officers) and the keys they co-sign checkpoints with.
  await db.schema
    .createTable('witness_keys')
    .addColumn('id', idType, id)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull().unique())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createTable('ledger_cosignatures')
    .addColumn('cooperative_id', 'integer', coop)
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('witness_key_id', 'integer', (c) => c.notNull().references('witness_keys.id'))
    .addColumn('signature_line', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_cosignatures_pk', ['cooperative_id', 'size', 'witness_key_id'])
    .execute();

  // Clear values behind the salted commitments of natural persons' identifiers (private tier).
  await db.schema
    .createTable('ledger_secrets')
    .addColumn('cooperative_id', 'integer', coop)
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('salt', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_secrets_pk', ['cooperative_id', 'idx', 'path'])
    .execute();

  // ——— The managers' records ———
  await db.schema
    .createTable('resolutions')
    .addColumn('id', idType, id)
    .addColumn('cooperative_id', 'integer', coop)
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('meeting_on', 'text', (c) => c.notNull())
    .addColumn('motion', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.references('persons.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('resolutions_body', sql`body in ('board', 'assembly')`)
    .addCheckConstraint('resolutions_outcome', sql`outcome in ('approved', 'rejected')`)
    .addUniqueConstraint('resolutions_number', ['cooperative_id', 'number'])
    .execute();
  await db.schema
    .createTable('resolution_votes')
    .addColumn('resolution_id', 'integer', (c) => c.notNull().references('resolutions.id'))
    .addColumn('officer_id', 'integer', (c) => c.notNull().references('officers.id'))
    .addColumn('vote', 'text', (c) => c.notNull())
    .addColumn('conflict', 'integer', (c) => c.notNull())
    .addColumn('conflict_note', 'text')
    .addPrimaryKeyConstraint('resolution_votes_pk', ['resolution_id', 'officer_id'])
    .addCheckConstraint('resolution_votes_vote', sql`vote in ('for', 'against', 'abstain', 'absent')`)
    .execute();

  await db.schema
    .createTable('contracts')
    .addColumn('id', idType, id)
    .addColumn('cooperative_id', 'integer', coop)
    .addColumn('external_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('party_kind', 'text', (c) => c.notNull())
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('party_national_code', 'text')
    .addColumn('party_legal_id', 'text')
    .addColumn('amount_rials', money, (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('resolution_id', 'integer', (c) => c.references('resolutions.id'))
    .addColumn('resolution_ref', 'text')
    .addColumn('recorded_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.references('persons.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('contracts_party_kind', sql`party_kind in ('person', 'company')`)
    .addUniqueConstraint('contracts_external', ['cooperative_id', 'external_id'])
    .execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', idType, id)
    .addColumn('cooperative_id', 'integer', coop)
    .addColumn('external_id', 'text')
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('party_kind', 'text', (c) => c.notNull())
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('party_national_code', 'text')
    .addColumn('party_legal_id', 'text')
    .addColumn('iban', 'text')
    .addColumn('amount_rials', money, (c) => c.notNull())
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('invoice_ref', 'text')
    .addColumn('budget_line', 'text')
    .addColumn('contract_id', 'integer', (c) => c.references('contracts.id'))
    .addColumn('resolution_id', 'integer', (c) => c.references('resolutions.id'))
    .addColumn('resolution_ref', 'text')
    .addColumn('required_approvals', 'integer', (c) => c.notNull())
    .addColumn('recorded_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.references('persons.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('payments_direction', sql`direction in ('payment', 'receipt')`)
    .addCheckConstraint('payments_party_kind', sql`party_kind in ('person', 'company')`)
    .addCheckConstraint('payments_amount', sql`amount_rials > 0`)
    .addUniqueConstraint('payments_external', ['cooperative_id', 'external_id'])
    .execute();
  await db.schema
    .createIndex('payments_cooperative')
    .on('payments')
    .columns(['cooperative_id', 'paid_on'])
    .execute();
  await db.schema
    .createTable('payment_approvals')
    .addColumn('payment_id', 'integer', (c) => c.notNull().references('payments.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_approvals_pk', ['payment_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('financial_statements')
    .addColumn('id', idType, id)
    .addColumn('cooperative_id', 'integer', coop)
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('approved_on', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.references('persons.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('inspector_reports')
    .addColumn('id', idType, id)
    .addColumn('cooperative_id', 'integer', coop)
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('opinion', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('reported_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.references('persons.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('share_movements')
    .addColumn('id', idType, id)
    .addColumn('cooperative_id', 'integer', coop)
    .addColumn('member_no', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('shares', 'integer', (c) => c.notNull())
    .addColumn('amount_rials', money, (c) => c.notNull())
    .addColumn('moved_on', 'text', (c) => c.notNull())
    .addColumn('counterpart_member_no', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.references('persons.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // A correction reverses or amends an earlier entry; the earlier entry is never touched.
  await db.schema
    .createTable('ledger_corrections')
    .addColumn('id', idType, id)
    .addColumn('cooperative_id', 'integer', coop)
    .addColumn('target_idx', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('amendment', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.references('persons.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('ledger_corrections_action', sql`action in ('reverse', 'amend')`)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'ledger_corrections',
    'share_movements',
    'inspector_reports',
    'financial_statements',
    'payment_approvals',
    'payments',
    'contracts',
    'resolution_votes',
    'resolutions',
    'ledger_secrets',
    'ledger_cosignatures',
    'witness_keys',
    'ledger_checkpoints',
    'ledger_receipts',
    'ledger_nodes',
    'ledger_entries',
    'ledger_logs',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

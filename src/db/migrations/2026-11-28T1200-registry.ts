import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The public registry: reference data, cooperatives, persons and legal entities, memberships,
 * officers and their declarations of interest, assemblies, filings, the change feed and the
 * search index. Frozen in time: imports nothing from the application.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against any schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: ColumnDefinitionBuilder) => (isPg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const idType = isPg ? sql`serial` : sql`integer`;
  // Byte-order text for sort keys and search tokens: SQLite's BINARY is already byte order.
  const bytewise = isPg ? sql`text collate "C"` : sql`text`;

  await db.schema
    .createTable('provinces')
    .addColumn('id', idType, id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_fa', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('sort_key', bytewise, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('counties')
    .addColumn('id', idType, id)
    .addColumn('province_id', 'integer', (c) => c.notNull().references('provinces.id'))
    .addColumn('name_fa', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('sort_key', bytewise, (c) => c.notNull())
    .addColumn('wikidata', 'text')
    .addUniqueConstraint('counties_province_name', ['province_id', 'name_fa'])
    .execute();

  await db.schema
    .createTable('fields')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('parent_code', 'text', (c) => c.references('fields.code'))
    .addColumn('name_fa', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cooperatives')
    .addColumn('id', idType, id)
    .addColumn('legal_id', 'text', (c) => c.unique())
    .addColumn('registration_no', 'text')
    .addColumn('registered_on', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('sort_key', bytewise, (c) => c.notNull())
    .addColumn('legal_form', 'text', (c) => c.notNull())
    .addColumn('field_code', 'text', (c) => c.notNull().references('fields.code'))
    .addColumn('subfield_code', 'text', (c) => c.references('fields.code'))
    .addColumn('province_id', 'integer', (c) => c.notNull().references('provinces.id'))
    .addColumn('county_id', 'integer', (c) => c.notNull().references('counties.id'))
    .addColumn('address', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('fiscal_year_end_month', 'integer', (c) => c.notNull().defaultTo(12))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_changed_on', 'text', (c) => c.notNull())
    .addColumn('capital_rials', 'bigint', (c) => c.notNull())
    .addColumn('paid_capital_rials', 'bigint')
    .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bylaws', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cooperatives_sort').on('cooperatives').columns(['sort_key', 'id']).execute();
  await db.schema
    .createIndex('cooperatives_province_sort')
    .on('cooperatives')
    .columns(['province_id', 'sort_key', 'id'])
    .execute();
  await db.schema.createIndex('cooperatives_county').on('cooperatives').column('county_id').execute();
  await db.schema.createIndex('cooperatives_field').on('cooperatives').column('field_code').execute();
  await db.schema
    .createIndex('cooperatives_registration_no')
    .on('cooperatives')
    .column('registration_no')
    .execute();

  await db.schema
    .createTable('persons')
    .addColumn('id', idType, id)
    .addColumn('national_code', 'text', (c) => c.notNull().unique())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('mobile', 'text')
    .addColumn('iban', 'text')
    .addColumn('address', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('legal_entities')
    .addColumn('id', idType, id)
    .addColumn('legal_id', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('cooperative_id', 'integer', (c) => c.references('cooperatives.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('id', idType, id)
    .addColumn('cooperative_id', 'integer', (c) => c.notNull().references('cooperatives.id'))
    .addColumn('member_no', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('legal_entity_id', 'integer', (c) => c.references('legal_entities.id'))
    .addColumn('joined_on', 'text', (c) => c.notNull())
    .addColumn('left_on', 'text')
    .addColumn('shares', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('memberships_member_no', ['cooperative_id', 'member_no'])
    .addCheckConstraint('memberships_one_member', sql`(person_id is null) <> (legal_entity_id is null)`)
    .execute();
  await db.schema.createIndex('memberships_person').on('memberships').column('person_id').execute();
  await db.schema.createIndex('memberships_entity').on('memberships').column('legal_entity_id').execute();

  await db.schema
    .createTable('officers')
    .addColumn('id', idType, id)
    .addColumn('cooperative_id', 'integer', (c) => c.notNull().references('cooperatives.id'))
    .addColumn('person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('legal_entity_id', 'integer', (c) => c.references('legal_entities.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'text')
    .addColumn('term_start', 'text', (c) => c.notNull())
    .addColumn('term_end', 'text', (c) => c.notNull())
    .addColumn('accepted_on', 'text')
    .addColumn('ended_on', 'text')
    .addColumn('consecutive_terms', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('officers_one_holder', sql`(person_id is null) <> (legal_entity_id is null)`)
    .execute();
  await db.schema.createIndex('officers_cooperative').on('officers').column('cooperative_id').execute();
  await db.schema.createIndex('officers_person').on('officers').column('person_id').execute();

  await db.schema
    .createTable('interest_declarations')
    .addColumn('id', idType, id)
    .addColumn('cooperative_id', 'integer', (c) => c.notNull().references('cooperatives.id'))
    .addColumn('officer_id', 'integer', (c) => c.notNull().references('officers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('person_national_code', 'text')
    .addColumn('person_name', 'text')
    .addColumn('company_legal_id', 'text')
    .addColumn('company_name', 'text')
    .addColumn('declared_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('interest_declarations_officer')
    .on('interest_declarations')
    .column('officer_id')
    .execute();

  await db.schema
    .createTable('assemblies')
    .addColumn('id', idType, id)
    .addColumn('cooperative_id', 'integer', (c) => c.notNull().references('cooperatives.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('fiscal_year', 'integer')
    .addColumn('call_number', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('invitation_published_on', 'text')
    .addColumn('held_on', 'text')
    .addColumn('elections_held', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assemblies_cooperative').on('assemblies').column('cooperative_id').execute();

  await db.schema
    .createTable('filings')
    .addColumn('id', idType, id)
    .addColumn('cooperative_id', 'integer', (c) => c.notNull().references('cooperatives.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('fiscal_year', 'integer')
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('assembly_id', 'integer', (c) => c.references('assemblies.id'))
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('filings_cooperative').on('filings').column('cooperative_id').execute();

  await db.schema
    .createTable('registry_events')
    .addColumn('id', isPg ? sql`bigserial` : sql`integer`, id)
    .addColumn('cooperative_id', 'integer', (c) => c.references('cooperatives.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('search_tokens')
    .addColumn('cooperative_id', 'integer', (c) => c.notNull().references('cooperatives.id'))
    .addColumn('token', bytewise, (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('search_tokens_token')
    .on('search_tokens')
    .columns(['token', 'cooperative_id', 'weight'])
    .execute();
  await db.schema
    .createIndex('search_tokens_cooperative')
    .on('search_tokens')
    .column('cooperative_id')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'search_tokens',
    'registry_events',
    'filings',
    'assemblies',
    'interest_declarations',
    'officers',
    'memberships',
    'legal_entities',
    'persons',
    'cooperatives',
    'fields',
    'counties',
    'provinces',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

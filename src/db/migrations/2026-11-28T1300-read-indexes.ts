import type { Kysely } from 'kysely';

/**
 * Indexes for the public reads (measured in bench/): a narrow covering index that lets search
 * choose its page without reading whole rows, profile reads in their display order, and the
 * change feed per cooperative.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against any schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('cooperatives_search_cover')
    .on('cooperatives')
    .columns([
      'id',
      'sort_key',
      'province_id',
      'county_id',
      'field_code',
      'subfield_code',
      'legal_form',
      'status',
    ])
    .execute();
  await db.schema.dropIndex('officers_cooperative').execute();
  await db.schema
    .createIndex('officers_cooperative_term')
    .on('officers')
    .columns(['cooperative_id', 'term_start', 'id'])
    .execute();
  await db.schema.dropIndex('filings_cooperative').execute();
  await db.schema
    .createIndex('filings_cooperative_filed')
    .on('filings')
    .columns(['cooperative_id', 'filed_on', 'id'])
    .execute();
  await db.schema
    .createIndex('registry_events_cooperative')
    .on('registry_events')
    .columns(['cooperative_id', 'id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('registry_events_cooperative').execute();
  await db.schema.dropIndex('filings_cooperative_filed').execute();
  await db.schema.createIndex('filings_cooperative').on('filings').column('cooperative_id').execute();
  await db.schema.dropIndex('officers_cooperative_term').execute();
  await db.schema.createIndex('officers_cooperative').on('officers').column('cooperative_id').execute();
  await db.schema.dropIndex('cooperatives_search_cover').execute();
}

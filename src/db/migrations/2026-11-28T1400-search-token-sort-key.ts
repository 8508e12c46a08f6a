import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Copies each cooperative's sort key onto its search tokens, so that search can rank and page
 * the matches of a common word from the token index alone, without visiting every matching
 * cooperative (bench/: a word matching 13,000 cooperatives took 16 ms, mostly in that join).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against any schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('search_tokens')
    .addColumn('sort_key', isPg ? sql`text collate "C"` : sql`text`, (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update search_tokens set sort_key = (select c.sort_key from cooperatives c where c.id = search_tokens.cooperative_id)`.execute(
    db,
  );
  await db.schema.dropIndex('search_tokens_token').execute();
  await db.schema
    .createIndex('search_tokens_token_cover')
    .on('search_tokens')
    .columns(['token', 'cooperative_id', 'weight', 'sort_key'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('search_tokens_token_cover').execute();
  await db.schema
    .createIndex('search_tokens_token')
    .on('search_tokens')
    .columns(['token', 'cooperative_id', 'weight'])
    .execute();
  await db.schema.alterTable('search_tokens').dropColumn('sort_key').execute();
}

import { type Kysely, type Migration, type MigrationResultSet, Migrator, PostgresAdapter, sql } from 'kysely';
import type { Database } from './database.ts';
import * as registry from './migrations/2026-11-28T1200-registry.ts';
import * as readIndexes from './migrations/2026-11-28T1300-read-indexes.ts';
import * as tokenSortKey from './migrations/2026-11-28T1400-search-token-sort-key.ts';
import * as accounts from './migrations/2026-11-28T1500-accounts.ts';
import * as notifications from './migrations/2026-11-28T1510-notifications.ts';
import * as ledger from './migrations/2026-11-29T0100-ledger.ts';
import * as monitoring from './migrations/2026-11-29T0300-monitoring.ts';
import * as services from './migrations/2026-11-29T0500-services.ts';
import * as news from './migrations/2026-11-29T0700-news.ts';

/** Every migration, in order. Names start with an ISO date so they sort as they run. */
const migrations: Record<string, Migration> = {
  '2026-11-28T1200-registry': registry,
  '2026-11-28T1300-read-indexes': readIndexes,
  '2026-11-28T1400-search-token-sort-key': tokenSortKey,
  '2026-11-28T1500-accounts': accounts,
  '2026-11-28T1510-notifications': notifications,
  '2026-11-29T0100-ledger': ledger,
  '2026-11-29T0300-monitoring': monitoring,
  '2026-11-29T0500-services': services,
  '2026-11-29T0700-news': news,
};

/**
 * On PostgreSQL the migration tables live in the connection's current schema: Kysely otherwise
 * looks for them in any schema, and two schemas in one database (tests) would share them.
 */
async function migrator(db: Kysely<Database>): Promise<Migrator> {
  const provider = { getMigrations: async () => migrations };
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return new Migrator({ db, provider });
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);

  return new Migrator({ db, provider, migrationTableSchema: rows[0]?.schema ?? 'public' });
}

/** Brings the schema up to date; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  return unwrap(await (await migrator(db)).migrateToLatest());
}

/** Undoes every migration (tests run it to prove `down` works on both engines). */
export async function migrateDownAll(db: Kysely<Database>): Promise<MigrationResultSet> {
  const m = await migrator(db);
  let result: MigrationResultSet = { results: [] };
  for (let i = 0; i < Object.keys(migrations).length; i++) result = unwrap(await m.migrateDown());

  return result;
}

function unwrap(set: MigrationResultSet): MigrationResultSet {
  if (set.error) throw set.error;

  return set;
}

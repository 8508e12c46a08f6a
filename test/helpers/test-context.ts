import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type OpenContext, openContext } from '../../src/context/open-context.ts';
import { connect, type DatabaseHandle } from '../../src/db/connect.ts';

/** The engine tests run on: `pg` in the PostgreSQL project (DATABASE_URL), else SQLite. */
export const testEngine: 'sqlite' | 'postgres' = process.env.TAAVON_TEST_DB === 'pg' ? 'postgres' : 'sqlite';

/** Today in every test unless a test says otherwise: 7 Azar 1405. */
export const TEST_TODAY = '2026-11-28';

/**
 * A fresh, migrated database with reference data, for one test file: an in-memory SQLite
 * database, or a new schema on the PostgreSQL server of DATABASE_URL (dropped on close).
 */
export async function createTestContext(options: { today?: string } = {}): Promise<OpenContext> {
  const today = options.today ?? TEST_TODAY;
  if (testEngine === 'sqlite') {
    return openContext(
      { databaseUrl: null, sqliteFile: ':memory:', today, statuteFile: null },
      connect({ kind: 'sqlite', file: ':memory:' }),
    );
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('TAAVON_TEST_DB=pg needs DATABASE_URL');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle: DatabaseHandle = connect({ kind: 'postgres', url, searchPath: schema, max: 4 });
  const ctx = await openContext({ databaseUrl: url, sqliteFile: '', today, statuteFile: null }, handle);

  return {
    ...ctx,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop schema ${schema} cascade`);
      await dropper.end();
    },
  };
}

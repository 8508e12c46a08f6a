import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type SqliteDatabase as KyselySqlite, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database, Dialect } from './database.ts';

/** An open database: the Kysely handle, which engine it is, and how to close it. */
export type DatabaseHandle = {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The raw better-sqlite3 connection, for bulk paths and benchmarks (SQLite only). */
  sqlite: SqliteDatabase.Database | null;
  close(): Promise<void>;
};

export type ConnectOptions =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; searchPath?: string; max?: number };

// PostgreSQL returns int8 (bigint, count(*)) as strings; we keep integers within the safe range
// (money is checked against Number.MAX_SAFE_INTEGER on the way in), so parse them as numbers.
pg.types.setTypeParser(20, (value) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  return n;
});

/** Opens SQLite (WAL, foreign keys on) or PostgreSQL, per `options`. */
export function connect(options: ConnectOptions): DatabaseHandle {
  if (options.kind === 'sqlite') {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    const sqlite = new SqliteDatabase(options.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });

    return {
      db,
      dialect: 'sqlite',
      sqlite,
      close: () => db.destroy(),
    };
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });

  return {
    db,
    dialect: 'postgres',
    sqlite: null,
    close: () => db.destroy(),
  };
}

/** Connection options from configuration: PostgreSQL when a URL is given, else the SQLite file. */
export function connectOptionsFor(config: {
  databaseUrl: string | null;
  sqliteFile: string;
}): ConnectOptions {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'sqlite', file: config.sqliteFile };
}

/**
 * Kysely's SQLite driver prepares every query afresh; preparing is about a fifth of the CPU of a
 * typical read (bench/). This keeps the most recent prepared statements by SQL text (LRU).
 * Safe because no query of ours streams (`iterate`) while another runs the same statement.
 *
 * Transactions begin IMMEDIATE: a deferred transaction that reads (a ledger head, a uniqueness
 * check) and then writes fails with SQLITE_BUSY_SNAPSHOT when another process — the CLI beside
 * the server — committed in between; an immediate one waits (busy_timeout) for the write lock.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, size = 1000): KyselySqlite {
  const cache = new Map<string, SqliteDatabase.Statement>();

  return {
    close: () => sqlite.close(),
    prepare(text) {
      const sql = text === 'begin' ? 'begin immediate' : text;
      const cached = cache.get(sql);
      if (cached) {
        cache.delete(sql);
        cache.set(sql, cached);

        return cached;
      }
      const statement = sqlite.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > size) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }

      return statement;
    },
  };
}

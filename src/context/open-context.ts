import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Clock, fixedClock, systemClock } from '../calendar/index.ts';
import type { Config } from '../config/config.ts';
import { connect, connectOptionsFor, type DatabaseHandle } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { ephemeralSigner, loadSigner } from '../ledger/signing-keys.ts';
import { loadReferenceIndex, seedReferenceData } from '../reference/index.ts';
import { resolveStatutorySettings, type StatutorySettings } from '../statute/index.ts';
import { type DocumentStore, MemoryStore, storeFromEnv } from '../storage/index.ts';
import type { Context } from './context.ts';

/** An open context together with the handle that closes it. */
export type OpenContext = Context & { handle: DatabaseHandle; close(): Promise<void> };

/** The national statutory settings: defaults, overridden by the JSON file the configuration names. */
export function statuteFromConfig(config: Pick<Config, 'statuteFile'>): StatutorySettings {
  if (!config.statuteFile) return resolveStatutorySettings();
  const overrides: unknown = JSON.parse(readFileSync(config.statuteFile, 'utf8'));

  return resolveStatutorySettings(overrides as Partial<StatutorySettings>);
}

/** The clock: fixed when TAAVON_TODAY is set (demos, tests), else the system clock. */
export function clockFromConfig(config: Pick<Config, 'today'>): Clock {
  return config.today
    ? fixedClock(config.today.length === 10 ? config.today : new Date(config.today))
    : systemClock;
}

const DEFAULT_LEDGER_NAME = 'taavon.mcls.gov.ir';

/** The ledger's signer: the key directory of the configuration, or a key in memory without one. */
export function ledgerFromConfig(config: { ledger?: Config['ledger'] }): Context['ledger'] {
  const name = config.ledger?.name ?? DEFAULT_LEDGER_NAME;
  const dir = config.ledger?.keyDir ?? null;

  return { name, signer: dir ? loadSigner(dir, name) : ephemeralSigner(name) };
}

/**
 * Where uploaded documents go: S3-compatible storage or `TAAVON_UPLOAD_DIR` when the environment
 * says so, else `uploads/` beside the SQLite file; in memory for an in-memory database (tests).
 */
export function documentsFromConfig(config: Pick<Config, 'sqliteFile' | 'databaseUrl'>): DocumentStore {
  const inMemory =
    config.sqliteFile === ':memory:' || (config.sqliteFile === '' && !process.env.TAAVON_UPLOAD_DIR);
  if (inMemory && !process.env.TAAVON_S3_ENDPOINT) return new MemoryStore();

  return storeFromEnv(process.env, {
    directory: join(dirname(config.sqliteFile || 'data/taavon.db'), 'uploads'),
  });
}

/**
 * Connects, migrates, seeds the reference tables when empty, and builds the context that use
 * cases receive. `handle` may be given to reuse an open connection (tests).
 */
export async function openContext(
  config: Pick<Config, 'databaseUrl' | 'sqliteFile' | 'today' | 'statuteFile'> &
    Partial<Pick<Config, 'ledger'>> & { documents?: DocumentStore },
  handle: DatabaseHandle = connect(connectOptionsFor(config)),
): Promise<OpenContext> {
  await migrateToLatest(handle.db);
  await seedReferenceData(handle.db);

  return {
    db: handle.db,
    dialect: handle.dialect,
    clock: clockFromConfig(config),
    reference: await loadReferenceIndex(handle.db),
    statute: statuteFromConfig(config),
    ledger: ledgerFromConfig(config),
    documents: config.documents ?? documentsFromConfig(config),
    handle,
    close: () => handle.close(),
  };
}

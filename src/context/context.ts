import type { Clock } from '../calendar/index.ts';
import type { Db, Dialect } from '../db/database.ts';
import type { LedgerSigner } from '../ledger/signing-keys.ts';
import type { ReferenceIndex } from '../reference/index.ts';
import type { StatutorySettings } from '../statute/index.ts';
import type { DocumentStore } from '../storage/index.ts';

/**
 * What every use case needs, whoever calls it (HTTP route, CLI command, import, benchmark):
 * the database, the clock ("today" is the Asia/Tehran date), the reference tables and the
 * national statutory settings (a cooperative's bylaws may override them), and the ledger's
 * signing key with the name its logs' origins start with, and the store of uploaded documents.
 */
export type Context = {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  reference: ReferenceIndex;
  statute: StatutorySettings;
  ledger: { signer: LedgerSigner; name: string };
  documents: DocumentStore;
};

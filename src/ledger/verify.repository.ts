import type { Db, Dialect, Executor } from '../db/database.ts';

/**
 * The reads behind `taavon ledger verify` and `ledger export`: a whole log of one cooperative,
 * read in one snapshot so that an append committing meanwhile does not look like tampering.
 */

/** Runs `fn` in a read-only transaction that sees one snapshot (REPEATABLE READ on PostgreSQL). */
export async function inSnapshot<T>(
  ctx: { db: Db; dialect: Dialect },
  fn: (tx: Executor) => Promise<T>,
): Promise<T> {
  const builder = ctx.db.transaction();

  return (
    ctx.dialect === 'postgres'
      ? builder.setIsolationLevel('repeatable read').setAccessMode('read only')
      : builder
  ).execute(fn);
}

/** Cooperatives that have a log (a head or any entry), in id order. */
export async function listLoggedCooperatives(db: Executor): Promise<number[]> {
  const heads = await db.selectFrom('ledger_logs').select('cooperative_id').execute();
  const entries = await db.selectFrom('ledger_entries').select('cooperative_id').distinct().execute();
  const ids = new Set([...heads, ...entries].map((r) => r.cooperative_id));

  return [...ids].sort((a, b) => a - b);
}

/** Every stored part of one log; the private identifiers only when `withSecrets`. */
export async function readLog(db: Executor, cooperativeId: number, withSecrets: boolean) {
  const head = await db
    .selectFrom('ledger_logs')
    .select(['size', 'root_hash', 'frontier', 'updated_at'])
    .where('cooperative_id', '=', cooperativeId)
    .executeTakeFirst();
  const entries = await db
    .selectFrom('ledger_entries')
    .select(['idx', 'kind', 'subject', 'recorded_at', 'body', 'leaf_hash'])
    .where('cooperative_id', '=', cooperativeId)
    .orderBy('idx')
    .execute();
  const receipts = await db
    .selectFrom('ledger_receipts')
    .select(['first_idx', 'leaf_hashes', 'key_id', 'signature'])
    .where('cooperative_id', '=', cooperativeId)
    .orderBy('first_idx')
    .execute();
  const nodes = await db
    .selectFrom('ledger_nodes')
    .select(['level', 'idx', 'hash'])
    .where('cooperative_id', '=', cooperativeId)
    .orderBy('level')
    .orderBy('idx')
    .execute();
  const checkpoints = await db
    .selectFrom('ledger_checkpoints')
    .select(['size', 'root_hash', 'note', 'key_id', 'created_at'])
    .where('cooperative_id', '=', cooperativeId)
    .orderBy('size')
    .execute();
  const cosignatures = await db
    .selectFrom('ledger_cosignatures as s')
    .innerJoin('witness_keys as k', 'k.id', 's.witness_key_id')
    .select(['s.size', 's.signature_line', 's.signed_at', 'k.name', 'k.key_id', 'k.public_key'])
    .where('s.cooperative_id', '=', cooperativeId)
    .orderBy('s.size')
    .orderBy('s.signed_at')
    .execute();
  const secrets = withSecrets
    ? await db
        .selectFrom('ledger_secrets')
        .select(['idx', 'path', 'salt', 'value'])
        .where('cooperative_id', '=', cooperativeId)
        .orderBy('idx')
        .orderBy('path')
        .execute()
    : null;

  return { head: head ?? null, entries, receipts, nodes, checkpoints, cosignatures, secrets };
}

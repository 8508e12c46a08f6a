import { z } from 'zod';
import type { Context } from '../context/context.ts';
import { findCooperativeById } from '../registry/registry.repository.ts';
import { logOrigin } from './entry.ts';
import type { LogKey } from './signing-keys.ts';
import { inSnapshot, readLog } from './verify.repository.ts';
import type { LogData } from './verify-core.ts';

/**
 * A cooperative's whole log as one JSON file that any member may be given and check offline
 * (`taavon ledger verify --file`): entries, batch receipts, checkpoints with witness
 * cosignatures, the stored nodes and head, and the log's public keys. It holds no clear
 * identifier — natural persons appear in the entries only as salted commitments, and the
 * private `ledger_secrets` are left out — so everything but re-derivation can be checked.
 */

export const EXPORT_FORMAT = 'taavon-ledger-export/1';

const hex = z.string();
const int = z.number().int();

const exportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  origin: z.string().min(1),
  cooperative: z.object({ id: int, legalId: z.string().nullable(), name: z.string() }),
  exportedAt: z.string().optional(),
  keys: z.array(
    z.object({
      name: z.string(),
      keyId: z.string(),
      publicKey: z.string(),
      activeFrom: z.string(),
      retiredAt: z.string().nullable(),
    }),
  ),
  head: z
    .object({ size: int, rootHash: hex, frontier: z.string(), updatedAt: z.string().optional() })
    .nullable(),
  entries: z.array(
    z.object({
      index: int,
      kind: z.string(),
      subject: z.string().nullable(),
      recordedAt: z.string(),
      body: z.string(),
      leafHash: hex,
    }),
  ),
  receipts: z.array(
    z.object({ firstIndex: int, leafHashes: z.array(hex), keyId: z.string(), signature: z.string() }),
  ),
  checkpoints: z.array(
    z.object({
      size: int,
      rootHash: hex,
      note: z.string(),
      keyId: z.string(),
      createdAt: z.string().optional(),
      cosignatures: z.array(
        z.object({
          name: z.string(),
          keyId: z.string(),
          publicKey: z.string(),
          signatureLine: z.string(),
          signedAt: z.string().optional(),
        }),
      ),
    }),
  ),
  nodes: z.array(z.object({ level: int, index: int, hash: hex })),
});

export type LedgerExport = z.infer<typeof exportSchema>;

/** The export of one cooperative's log, read in one snapshot; null when there is no such cooperative. */
export async function exportLog(
  ctx: Pick<Context, 'db' | 'dialect' | 'ledger' | 'clock'>,
  cooperativeId: number,
): Promise<LedgerExport | null> {
  return inSnapshot(ctx, async (db) => {
    const coop = await findCooperativeById(db, cooperativeId);
    if (!coop) return null;
    const log = await readLog(db, cooperativeId, false);

    return {
      format: EXPORT_FORMAT,
      origin: logOrigin(ctx.ledger.name, cooperativeId),
      cooperative: { id: cooperativeId, legalId: coop.legal_id, name: coop.name },
      exportedAt: ctx.clock.now().toISOString(),
      keys: ctx.ledger.signer.history.map((k) => ({ ...k })),
      head: log.head
        ? {
            size: log.head.size,
            rootHash: log.head.root_hash,
            frontier: log.head.frontier,
            updatedAt: log.head.updated_at,
          }
        : null,
      entries: log.entries.map((e) => ({
        index: e.idx,
        kind: e.kind,
        subject: e.subject,
        recordedAt: e.recorded_at,
        body: e.body,
        leafHash: e.leaf_hash,
      })),
      receipts: log.receipts.map((r) => ({
        firstIndex: r.first_idx,
        leafHashes: r.leaf_hashes === '' ? [] : r.leaf_hashes.split(','),
        keyId: r.key_id,
        signature: r.signature,
      })),
      checkpoints: log.checkpoints.map((c) => ({
        size: c.size,
        rootHash: c.root_hash,
        note: c.note,
        keyId: c.key_id,
        createdAt: c.created_at,
        cosignatures: log.cosignatures
          .filter((s) => s.size === c.size)
          .map((s) => ({
            name: s.name,
            keyId: s.key_id,
            publicKey: s.public_key,
            signatureLine: s.signature_line,
            signedAt: s.signed_at,
          })),
      })),
      nodes: log.nodes.map((n) => ({ level: n.level, index: n.idx, hash: n.hash })),
    };
  });
}

/** Reads an export file's object; throws an Error naming what is wrong when it is not one. */
export function parseExport(value: unknown): LedgerExport {
  const parsed = exportSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `not a ledger export (${EXPORT_FORMAT}): ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
    );
  }

  return parsed.data;
}

/** The plain data the verifier checks, from an export (no secrets: they never leave the database). */
export function logDataOfExport(e: LedgerExport, keys: readonly LogKey[] = e.keys): LogData {
  return {
    origin: e.origin,
    keys,
    head: e.head ? { size: e.head.size, rootHash: e.head.rootHash, frontier: e.head.frontier } : null,
    entries: e.entries.map((x) => ({
      idx: x.index,
      kind: x.kind,
      subject: x.subject,
      recordedAt: x.recordedAt,
      body: x.body,
      leafHash: x.leafHash,
    })),
    receipts: e.receipts.map((r) => ({
      firstIdx: r.firstIndex,
      leafHashes: r.leafHashes,
      keyId: r.keyId,
      signature: r.signature,
    })),
    nodes: e.nodes.map((n) => ({ level: n.level, idx: n.index, hash: n.hash })),
    checkpoints: e.checkpoints.map((c) => ({
      size: c.size,
      rootHash: c.rootHash,
      note: c.note,
      keyId: c.keyId,
      cosignatures: c.cosignatures.map((s) => ({
        signatureLine: s.signatureLine,
        name: s.name,
        keyId: s.keyId,
        publicKey: s.publicKey,
      })),
    })),
    secrets: null,
  };
}

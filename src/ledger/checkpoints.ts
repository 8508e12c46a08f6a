import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { fieldError } from '../errors/field-messages.ts';
import { nodeSha256 } from './append.ts';
import { logOrigin } from './entry.ts';
import * as repo from './ledger.repository.ts';
import {
  buildProof,
  consistencyProofNodes,
  fromHex,
  inclusionProofNodes,
  type NodeId,
  toHex,
} from './merkle.ts';
import { checkpointBody, formatNote, parseNote, signatureLine, verifySignature } from './note.ts';

/**
 * Checkpoints (signed tree heads) and proofs. A checkpoint is published when someone asks for
 * the log's latest state and the log has grown since the last one: the log key signs the note,
 * witnesses (inspectors, ministry officers) may add their cosignatures later.
 */

export type PublishedCheckpoint = {
  origin: string;
  size: number;
  rootHash: string;
  keyId: string;
  createdAt: string;
  /** The note with the log's signature and every witness cosignature. */
  note: string;
  witnesses: Array<{ name: string; keyId: string; signedAt: string }>;
};

async function present(db: Executor, row: NonNullable<Awaited<ReturnType<typeof repo.findCheckpoint>>>) {
  const cosignatures = await repo.listCosignatures(db, row.cooperative_id, row.size);
  const note =
    cosignatures.length === 0
      ? row.note
      : `${row.note}${cosignatures.map((c) => `${c.signature_line}\n`).join('')}`;
  const parsed = parseNote(row.note);

  return {
    origin: parsed?.checkpoint.origin ?? '',
    size: row.size,
    rootHash: row.root_hash,
    keyId: row.key_id,
    createdAt: row.created_at,
    note,
    witnesses: cosignatures.map((c) => ({ name: c.name, keyId: c.key_id, signedAt: c.signed_at })),
  } satisfies PublishedCheckpoint;
}

/** Signs and stores a checkpoint of the log as it is now (or returns the one of that size). */
export async function publishCheckpoint(
  ctx: Context,
  cooperativeId: number,
): Promise<PublishedCheckpoint | null> {
  const head = await repo.findLog(ctx.db, cooperativeId);
  if (!head) return null;
  let row = await repo.findCheckpoint(ctx.db, cooperativeId, head.size);
  if (!row) {
    const body = checkpointBody({
      origin: logOrigin(ctx.ledger.name, cooperativeId),
      size: head.size,
      root: fromHex(head.root_hash),
    });
    const { signer } = ctx.ledger;
    const line = signatureLine(signer.current.name, signer.current.keyId, signer.sign(body));
    await repo.insertCheckpoint(ctx.db, {
      cooperative_id: cooperativeId,
      size: head.size,
      root_hash: head.root_hash,
      note: formatNote(body, [line]),
      key_id: signer.current.keyId,
      created_at: ctx.clock.now().toISOString(),
    });
    row = await repo.findCheckpoint(ctx.db, cooperativeId, head.size);
  }

  return row ? present(ctx.db, row) : null;
}

/** A stored checkpoint of a given size, or NOT_FOUND. */
export async function checkpointOfSize(db: Executor, cooperativeId: number, size: number) {
  const row = await repo.findCheckpoint(db, cooperativeId, size);
  if (!row)
    throw new AppError('NOT_FOUND', {
      message: { fa: 'این نقطهٔ بازرسی منتشر نشده است', en: 'No checkpoint of that size' },
    });

  return present(db, row);
}

export async function recentCheckpoints(db: Executor, cooperativeId: number, limit: number) {
  return Promise.all((await repo.listCheckpoints(db, cooperativeId, limit)).map((r) => present(db, r)));
}

/** Fetches the nodes proof groups name, in one or two queries, and folds them into a proof. */
async function proofFrom(db: Executor, cooperativeId: number, groups: NodeId[][]): Promise<string[]> {
  const ids = groups.flat();
  const found = await repo.findNodeHashes(db, cooperativeId, ids);
  const missing = ids.find((n) => !found.has(`${n.level}:${n.index}`));
  if (missing)
    throw new Error(`ledger node ${missing.level}:${missing.index} of ${cooperativeId} is missing`);

  return buildProof(groups, (n) => fromHex(found.get(`${n.level}:${n.index}`) as string), nodeSha256).map(
    toHex,
  );
}

function badProof(): AppError {
  return new AppError('INVALID_INPUT', {
    message: { fa: 'اندازه یا شمارهٔ درخواستی با دفتر نمی‌خواند', en: 'The index or sizes do not fit the log' },
    fields: [fieldError('size', 'too_big')],
  });
}

/** The inclusion proof of entry `index` in the tree of `size` entries. */
export async function inclusionProof(db: Executor, cooperativeId: number, index: number, size: number) {
  const head = await repo.findLog(db, cooperativeId);
  if (!head || size > head.size || index >= size || index < 0) throw badProof();

  return proofFrom(db, cooperativeId, inclusionProofNodes(index, size));
}

/** The consistency proof from the tree of `from` entries to the tree of `to` entries. */
export async function consistencyProof(db: Executor, cooperativeId: number, from: number, to: number) {
  const head = await repo.findLog(db, cooperativeId);
  if (!head || to > head.size || from < 1 || from > to) throw badProof();
  if (from === to) return [];

  return proofFrom(db, cooperativeId, consistencyProofNodes(from, to));
}

/** Checks a witness's signature line against the stored checkpoint body; returns the note body. */
export function checkCosignature(
  note: string,
  verifier: { name: string; keyId: string; publicKey: Uint8Array },
  signature: Uint8Array,
) {
  const parsed = parseNote(note);
  if (!parsed) return false;

  return verifySignature(verifier, parsed.body, signature);
}

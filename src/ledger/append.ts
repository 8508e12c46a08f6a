import { createHash } from 'node:crypto';
import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import { enqueue as enqueueEvaluation } from '../monitoring/monitoring.repository.ts';
import { deriveEntry, kindFits } from './derive.ts';
import { canonicalBody, commitSecrets, type EntryDraft, type EntryKind, logOrigin } from './entry.ts';
import { buildGenesis } from './genesis.ts';
import * as repo from './ledger.repository.ts';
import { appendLeaf, type Frontier, fromHex, frontierRoot, type Sha256, toBase64, toHex } from './merkle.ts';
import { receiptMessage } from './note.ts';

/** node:crypto's SHA-256: the server hashes with it, browsers with @noble/hashes (same bytes). */
export const nodeSha256: Sha256 = (data) => createHash('sha256').update(data).digest();

const LEAF_PREFIX = Buffer.from([0]);

/**
 * SHA-256(0x00 ‖ UTF-8 of the body): merkle.ts's `leafHash` of the entry's bytes, hashed by
 * node:crypto straight from the string (no encoded copy of the body, no prefixed copy of that).
 */
function leafDigest(body: string): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(body, 'utf8').digest();
}

/** Lowercase hex, as merkle.ts's `toHex` writes it, by Node's encoder (many times faster). */
const hex = (h: Uint8Array): string => Buffer.from(h.buffer, h.byteOffset, h.byteLength).toString('hex');

/** The hex leaf hash of an entry body. */
export function leafHashOf(body: string): string {
  return leafDigest(body).toString('hex');
}

export type Appended = { index: number; leafHash: string };

/** A batch receipt: the log's signature over the leaf hashes of entries [firstIndex, …). */
export type Receipt = {
  origin: string;
  firstIndex: number;
  leafHashes: string[];
  keyId: string;
  signature: string;
};

function parseFrontier(size: number, text: string): Frontier {
  return { size, hashes: text === '' ? [] : text.split(',').map(fromHex) };
}

/**
 * Appends entries to a cooperative's log inside the caller's transaction — the same one that
 * wrote the rows they record, so the record and its entry commit or vanish together. Indices
 * are contiguous from the log's size; the head is locked (PostgreSQL) or the writer is alone
 * (SQLite), so two transactions never take the same index. A cooperative without a log gets
 * its genesis entry first. Returns the indices and the batch receipt.
 */
export async function appendEntries(
  tx: Executor,
  ctx: Pick<Context, 'dialect' | 'clock' | 'ledger'>,
  cooperativeId: number,
  drafts: readonly EntryDraft[],
): Promise<{ entries: Appended[]; receipt: Receipt }> {
  const now = ctx.clock.now().toISOString();
  let head = await repo.lockLog(tx, ctx.dialect, cooperativeId);
  const all = [...drafts];
  if (!head) {
    const root = toHex(frontierRoot({ size: 0, hashes: [] }, nodeSha256));
    await repo.insertLog(tx, {
      cooperative_id: cooperativeId,
      size: 0,
      root_hash: root,
      frontier: '',
      updated_at: now,
    });
    // Two first writers may race: the second waits on the first's row, then finds it committed.
    head = await repo.lockLog(tx, ctx.dialect, cooperativeId);
    if (!head) throw new Error(`the log of cooperative ${cooperativeId} could not be started`);
  }
  if (head.size === 0) {
    all.unshift(
      await buildGenesis(
        tx,
        cooperativeId,
        drafts.flatMap((d) => (d.subject ? [d.subject] : [])),
      ),
    );
  }
  const origin = logOrigin(ctx.ledger.name, cooperativeId);
  let frontier = parseFrontier(head.size, head.frontier);
  const entries: Parameters<typeof repo.insertEntries>[1] = [];
  const nodes: Parameters<typeof repo.insertEntries>[2] = [];
  const secrets: Parameters<typeof repo.insertEntries>[3] = [];
  const appended: Appended[] = [];
  for (const draft of all) {
    const index = frontier.size;
    const committed = commitSecrets({ data: draft.data, labels: draft.labels ?? null });
    const body = canonicalBody({
      v: 1,
      log: origin,
      index,
      kind: draft.kind,
      subject: draft.subject,
      recordedAt: now,
      ...(committed.data as { data: unknown; labels: unknown }),
    });
    const leaf = leafDigest(body);
    const leafHash = hex(leaf);
    const next = appendLeaf(frontier, leaf, nodeSha256);
    frontier = next.frontier;
    for (const n of next.completed) {
      nodes.push({ cooperative_id: cooperativeId, level: n.level, idx: n.index, hash: hex(n.hash) });
    }
    for (const s of committed.secrets) secrets.push({ cooperative_id: cooperativeId, idx: index, ...s });
    entries.push({
      cooperative_id: cooperativeId,
      idx: index,
      kind: draft.kind,
      subject: draft.subject,
      recorded_at: now,
      body,
      leaf_hash: leafHash,
    });
    appended.push({ index, leafHash });
  }
  await repo.insertEntries(tx, entries, nodes, secrets);
  // Whatever managers record may raise or clear a red flag: the monitor re-evaluates this
  // cooperative soon after (src/monitoring/queue.ts), outside this transaction. An alert's own
  // transitions do not queue it again.
  if (all.some((d) => !d.kind.startsWith('alert.'))) await enqueueEvaluation(tx, cooperativeId, now);
  await repo.updateLog(tx, cooperativeId, {
    size: frontier.size,
    root_hash: toHex(frontierRoot(frontier, nodeSha256)),
    frontier: frontier.hashes.map(toHex).join(','),
    updated_at: now,
  });
  const leafHashes = appended.map((a) => a.leafHash);
  const firstIndex = appended[0]?.index ?? head.size;
  const keyId = ctx.ledger.signer.current.keyId;
  let signature = '';
  if (appended.length > 0) {
    signature = toBase64(ctx.ledger.signer.sign(receiptMessage(origin, firstIndex, leafHashes)));
    await repo.insertReceipt(tx, {
      cooperative_id: cooperativeId,
      first_idx: firstIndex,
      leaf_hashes: leafHashes.join(','),
      key_id: keyId,
      signature,
    });
  }

  return { entries: appended, receipt: { origin, firstIndex, leafHashes, keyId, signature } };
}

/** Appends one entry; returns its index and leaf hash. */
export async function appendEntry(
  tx: Executor,
  ctx: Pick<Context, 'dialect' | 'clock' | 'ledger'>,
  cooperativeId: number,
  draft: EntryDraft,
): Promise<Appended> {
  const { entries } = await appendEntries(tx, ctx, cooperativeId, [draft]);

  return entries[entries.length - 1] as Appended;
}

/** What a write tells its caller: the entry it appended and the signed receipt. */
export type Logged = { entry: Appended; receipt: Receipt };

/**
 * Appends the entry of a business row just written (`table:id`), built as `verify` rebuilds it.
 * A row changed by a later use case (an office ended) is logged again, with that use case's
 * `kind`; `verify` then checks the row against its latest entry.
 */
export async function logSubject(
  tx: Executor,
  ctx: Pick<Context, 'dialect' | 'clock' | 'ledger'>,
  subject: string,
  options: { kind?: EntryKind } = {},
): Promise<Logged> {
  const draft = await deriveEntry(tx, subject);
  if (!draft) throw new Error(`nothing to log for ${subject}`);
  if (options.kind !== undefined) {
    if (!kindFits(subject, options.kind)) throw new Error(`${subject} cannot be logged as ${options.kind}`);
    draft.kind = options.kind;
  }
  const { entries, receipt } = await appendEntries(tx, ctx, draft.cooperativeId, [draft]);

  return { entry: entries[entries.length - 1] as Appended, receipt };
}

import { paymentTotals } from '../books/books.repository.ts';
import { fiscalYearOf } from '../calendar/index.ts';
import type { Context } from '../context/context.ts';
import { AppError } from '../errors/app-error.ts';
import { normalizeText } from '../text/index.ts';
import { appendEntries } from './append.ts';
import { inclusionProof, type PublishedCheckpoint, publishCheckpoint } from './checkpoints.ts';
import { logOrigin } from './entry.ts';
import * as repo from './ledger.repository.ts';

/**
 * Reading a cooperative's log: the public view (checkpoint and aggregates), the members' feed
 * (entries with inclusion proofs against the checkpoint they come with), one entry with its
 * receipt, and — for those allowed — the identifiers behind an entry's commitments.
 */

/** Starts the log of a cooperative that predates the ledger (its genesis records its state now). */
export async function ensureLog(ctx: Context, cooperativeId: number): Promise<void> {
  if (await repo.findLog(ctx.db, cooperativeId)) return;
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.lockLog(tx, ctx.dialect, cooperativeId)))
      await appendEntries(tx, ctx, cooperativeId, []);
  });
}

async function currentCheckpoint(ctx: Context, cooperativeId: number): Promise<PublishedCheckpoint> {
  await ensureLog(ctx, cooperativeId);
  const checkpoint = await publishCheckpoint(ctx, cooperativeId);
  if (!checkpoint) throw new Error(`no log for cooperative ${cooperativeId}`);

  return checkpoint;
}

/** The public face of a log: its origin, size, root and latest signed checkpoint. */
export async function ledgerOverview(ctx: Context, cooperativeId: number) {
  const checkpoint = await currentCheckpoint(ctx, cooperativeId);

  return {
    origin: logOrigin(ctx.ledger.name, cooperativeId),
    size: checkpoint.size,
    rootHash: checkpoint.rootHash,
    checkpoint,
  };
}

/** Public aggregates: entries per kind, and payments per fiscal year, direction and category. */
export async function ledgerSummary(ctx: Context, cooperativeId: number, fiscalYearEndMonth: number) {
  const entries = await repo.countEntriesByKind(ctx.db, cooperativeId);
  const totals = new Map<
    string,
    { fiscalYear: number; direction: string; category: string; count: number; totalRials: number }
  >();
  for (const p of await paymentTotals(ctx.db, cooperativeId)) {
    const fiscalYear = fiscalYearOf(p.paid_on, fiscalYearEndMonth);
    const key = `${fiscalYear}|${p.direction}|${p.category}`;
    const t = totals.get(key) ?? {
      fiscalYear,
      direction: p.direction,
      category: p.category,
      count: 0,
      totalRials: 0,
    };
    t.count += 1;
    t.totalRials += Number(p.amount_rials);
    totals.set(key, t);
  }

  return {
    entries: entries
      .map((e) => ({ kind: e.kind, count: Number(e.count) }))
      .sort((a, b) => a.kind.localeCompare(b.kind)),
    payments: [...totals.values()].sort(
      (a, b) =>
        b.fiscalYear - a.fiscalYear ||
        a.direction.localeCompare(b.direction) ||
        a.category.localeCompare(b.category),
    ),
  };
}

export type FeedQuery = {
  kinds?: string[];
  q?: string;
  minAmount?: number;
  maxAmount?: number;
  before?: number;
  limit: number;
};

function present(e: Awaited<ReturnType<typeof repo.findEntry>> & object) {
  return {
    index: e.idx,
    kind: e.kind,
    subject: e.subject,
    recordedAt: e.recorded_at,
    body: e.body,
    leafHash: e.leaf_hash,
  };
}

/**
 * The members' feed: entries newest first, each with its inclusion proof in the checkpoint
 * published with the page, so the browser checks every one against a signed root.
 */
export async function ledgerFeed(ctx: Context, cooperativeId: number, query: FeedQuery) {
  const checkpoint = await currentCheckpoint(ctx, cooperativeId);
  const rows = await repo.listEntries(ctx.db, ctx.dialect, cooperativeId, {
    ...(query.kinds ? { kinds: query.kinds } : {}),
    // Entry bodies hold normalised names, so a search for «علي» finds «علی».
    ...(query.q && normalizeText(query.q) !== '' ? { text: normalizeText(query.q) } : {}),
    ...(query.minAmount !== undefined ? { minAmount: query.minAmount } : {}),
    ...(query.maxAmount !== undefined ? { maxAmount: query.maxAmount } : {}),
    before: Math.min(query.before ?? checkpoint.size, checkpoint.size),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const items = [];
  for (const e of page) {
    items.push({ ...present(e), proof: await inclusionProof(ctx.db, cooperativeId, e.idx, checkpoint.size) });
  }

  return {
    checkpoint,
    items,
    nextBefore: rows.length > query.limit ? (page[page.length - 1]?.idx ?? null) : null,
  };
}

/** One entry with its inclusion proof and its signed batch receipt. */
export async function ledgerEntry(ctx: Context, cooperativeId: number, index: number) {
  const checkpoint = await currentCheckpoint(ctx, cooperativeId);
  const entry = await repo.findEntry(ctx.db, cooperativeId, index);
  if (!entry || index >= checkpoint.size) throw new AppError('NOT_FOUND');
  const receipt = await repo.findReceipt(ctx.db, cooperativeId, index);

  return {
    checkpoint,
    item: { ...present(entry), proof: await inclusionProof(ctx.db, cooperativeId, index, checkpoint.size) },
    receipt: receipt
      ? {
          origin: logOrigin(ctx.ledger.name, cooperativeId),
          firstIndex: receipt.first_idx,
          leafHashes: receipt.leaf_hashes.split(','),
          keyId: receipt.key_id,
          signature: receipt.signature,
        }
      : null,
  };
}

/** The clear identifiers behind an entry's commitments (the caller audits the opening). */
export async function openIdentifiers(ctx: Context, cooperativeId: number, index: number) {
  const entry = await repo.findEntry(ctx.db, cooperativeId, index);
  if (!entry) throw new AppError('NOT_FOUND');

  return { items: await repo.findSecrets(ctx.db, cooperativeId, index) };
}

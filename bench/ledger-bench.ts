import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { PAYMENT_CATEGORIES } from '../src/books/vocabulary.ts';
import { type OpenContext, openContext } from '../src/context/open-context.ts';
import { runWrite } from '../src/context/write.ts';
import { connect } from '../src/db/connect.ts';
import { createIdentifierSource, randomIban } from '../src/demo/demo-identifiers.ts';
import { createRandom, type Random } from '../src/demo/random.ts';
import { appendEntries, nodeSha256 } from '../src/ledger/append.ts';
import { consistencyProof, inclusionProof } from '../src/ledger/checkpoints.ts';
import { type EntryData, type EntryDraft, secret } from '../src/ledger/entry.ts';
import {
  appendLeaf,
  defaultSha256,
  emptyFrontier,
  fromHex,
  frontierRoot,
  type Hash,
  nodeHash,
  type Sha256,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from '../src/ledger/merkle.ts';
import { inSnapshot, readLog } from '../src/ledger/verify.repository.ts';
import { verifyLog } from '../src/ledger/verify.ts';
import { registerCooperative } from '../src/registry/register-cooperative.ts';
import type { Size } from './dataset.ts';
import { DATA_DIR } from './dataset.ts';

/**
 * The ledger benchmark (DESIGN.md "Performance goals", ledger): appends with tree maintenance
 * through `appendEntries` — batches of 100 entries per transaction (the goal) and single-entry
 * transactions — against the raw cost floor of the same writes (prepared INSERTs, no hashing)
 * and of SHA-256 over the same bodies; inclusion and consistency proof latency from the
 * database and their in-memory verification; and whole-log verification (`verifyLog`) against
 * SHA-256 over the same bodies. On a fresh SQLite file (WAL, as the app opens it), and on
 * PostgreSQL too when DATABASE_URL is set (in a schema of its own, dropped afterwards).
 */

export const LEDGER_ENTRIES: Record<Size, number> = { full: 200_000, ci: 20_000, small: 5_000 };
export const LEDGER_BATCH = 100;
/** Single-entry transactions: a tenth of the batched entries. */
const SINGLE_SHARE = 10;
const WARMUP_BATCHES = 20;
const WARMUP_SINGLES = 200;
const PROOF_SAMPLES = 2_000;
const PROOF_WARMUP = 200;
const RAW_REPETITIONS = 3;
const LEDGER_NAME = 'bench.taavon.test';

export type Engine = 'sqlite' | 'postgres';

/** A throughput figure: `items` (entries, bodies) over wall-clock seconds. */
export type Rate = {
  name: string;
  title: string;
  items: number;
  transactions: number | null;
  /** Wall-clock seconds of each repetition; the figure is their median. */
  runs: number[];
  seconds: number;
  perSec: number;
  /** Items per CPU-second of this process (user + system, median run): what the work costs when
   * other processes compete for the cores. Excludes the database server's CPU on PostgreSQL. */
  perCpuSec: number;
};

/** Wall-clock and CPU seconds (user + system, this process) of one timed run. */
type Timed = { seconds: number; cpuSeconds: number };

/** Per-call latency over random arguments, in microseconds. */
export type Latency = {
  name: string;
  title: string;
  samples: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
  /** CPU time of this process (every thread) over all the timed calls, per call, in microseconds:
   * the cost without preemption by other processes. (Per call it is too coarse to be useful.) */
  cpuMean: number;
};

export type LedgerEngineResult = {
  engine: Engine;
  /** Where it ran, in words (file and pragmas, or the server's version). */
  where: string;
  /** One-minute load average of the machine when this engine's run started and ended. */
  load: { start: number; end: number };
  /** `appendEntries` through Kysely: batched (the goal) and single-entry transactions. */
  appends: Rate[];
  /** The cost floor of the same work: raw inserts of the same rows, SHA-256 of the same bodies. */
  floors: Rate[];
  /** Size of the tree the proofs were taken against. */
  treeSize: number;
  proofs: Latency[];
  verify: {
    rates: Rate[];
    ok: boolean;
    problems: string[];
    size: number;
  };
};

export type LedgerResult = {
  entries: number;
  batch: number;
  singles: number;
  bodyBytes: { mean: number; min: number; max: number };
  secretsPerEntry: number;
  engines: LedgerEngineResult[];
};

// ——— measuring ———

// A full garbage collection before each timed phase, so that one phase does not pay for collecting
// what the previous one left behind (hundreds of megabytes of drafts and rows at the full size).
let gc: (() => void) | null = null;
function collectGarbage(): void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  const lower = sorted[mid - 1] ?? upper;

  return sorted.length % 2 === 1 ? upper : (lower + upper) / 2;
};

function rate(name: string, title: string, items: number, transactions: number | null, timed: Timed[]): Rate {
  const runs = timed.map((t) => t.seconds);
  const seconds = median(runs);

  return {
    name,
    title,
    items,
    transactions,
    runs,
    seconds,
    perSec: items / seconds,
    perCpuSec: items / median(timed.map((t) => t.cpuSeconds)),
  };
}

/** The q-quantile of sorted values (nearest rank). */
const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;

function latency(name: string, title: string, calls: TimedCalls): Latency {
  const sorted = [...calls.micros].sort((a, b) => a - b);
  const at = (q: number) => quantile(sorted, q);

  return {
    name,
    title,
    samples: sorted.length,
    p50: at(0.5),
    p99: at(0.99),
    mean: sorted.reduce((s, x) => s + x, 0) / sorted.length,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    cpuMean: calls.cpuMicros / sorted.length,
  };
}

async function timed(fn: () => Promise<unknown> | unknown): Promise<Timed> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await fn();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);

  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

type TimedCalls = { micros: number[]; cpuMicros: number };

/** Per-call wall-clock microseconds of `fn` over `args` (and their total CPU time), after `warmup` untimed calls. */
async function timeCalls<A>(
  args: readonly A[],
  warmup: number,
  fn: (a: A) => Promise<unknown> | unknown,
): Promise<TimedCalls> {
  for (let i = 0; i < Math.min(warmup, args.length); i++) await fn(args[i] as A);
  const micros: number[] = [];
  const cpu = process.cpuUsage();
  for (const a of args) {
    const started = performance.now();
    await fn(a);
    micros.push((performance.now() - started) * 1000);
  }
  const used = process.cpuUsage(cpu);

  return { micros, cpuMicros: used.user + used.system };
}

// ——— data ———

const FIRST = ['مریم', 'علی', 'زهرا', 'رضا', 'سارا', 'حسین', 'فاطمه', 'مهدی', 'نرگس', 'امیر'];
const LAST = ['احمدی', 'کریمی', 'حسینی', 'موسوی', 'رضایی', 'محمدی', 'جعفری', 'صادقی', 'نوری', 'قاسمی'];
const COMPANIES = [
  'شرکت بازرگانی آرین تجارت پارس',
  'شرکت حمل و نقل سپهر بار شیراز',
  'شرکت خدمات فنی و مهندسی نوین سازه',
  'فروشگاه لوازم کشاورزی برزگر',
  'شرکت تولیدی خوراک دام و طیور زاگرس',
];
const BUDGET_LINES = ['هزینه‌های جاری', 'خرید مواد اولیه', 'حقوق و دستمزد', 'تعمیر و نگهداری', 'سرمایه‌ای'];

function jalali(rng: Random): string {
  const m = rng.int(1, 12);

  return `${rng.int(1402, 1405)}/${String(m).padStart(2, '0')}/${String(rng.int(1, m <= 6 ? 31 : 29)).padStart(2, '0')}`;
}

/**
 * Payment entries shaped as derive.ts builds them from a `payments` row (a person's national
 * code and IBAN as secrets, committed in the body). The subject is null: no business row stands
 * behind them, so whole-log verification has nothing to re-derive (it checks everything else).
 */
function paymentDrafts(count: number, seed: number): EntryDraft[] {
  const rng = createRandom(seed);
  const ids = createIdentifierSource(seed);
  const drafts: EntryDraft[] = [];
  for (let i = 0; i < count; i++) {
    const person = rng.chance(0.6);
    const paidOn = jalali(rng);
    const party: EntryData = person
      ? {
          kind: 'person',
          name: `${rng.pick(FIRST)} ${rng.pick(LAST)}`,
          nationalCode: secret(ids.nationalCode()),
        }
      : { kind: 'company', name: rng.pick(COMPANIES), legalId: ids.legalId() };
    const resolution = rng.chance(0.3);
    drafts.push({
      kind: 'payment.recorded',
      subject: null,
      data: {
        externalId: rng.chance(0.7) ? `PAY-${paidOn.slice(0, 4)}-${String(i + 1).padStart(6, '0')}` : null,
        direction: rng.chance(0.85) ? 'payment' : 'receipt',
        party,
        iban: person ? secret(randomIban(rng)) : rng.chance(0.8) ? randomIban(rng) : null,
        amountRials: rng.int(1, 50_000) * 100_000,
        paidOn,
        category: rng.pick(PAYMENT_CATEGORIES),
        invoiceRef: rng.chance(0.6) ? `INV-${rng.int(1_000, 99_999)}` : null,
        budgetLine: rng.chance(0.4) ? rng.pick(BUDGET_LINES) : null,
        contractId: rng.chance(0.3) ? rng.int(1, 5_000) : null,
        resolutionId: resolution ? rng.int(1, 2_000) : null,
        resolutionRef: resolution ? `م-${rng.int(1, 99)}/${paidOn.slice(0, 4)}` : null,
        requiredApprovals: rng.int(1, 3),
        recordedOn: paidOn,
        recordedById: rng.int(1, 50),
        createdAt: '2026-11-28T09:30:00.000Z',
      },
      labels: { recordedBy: `${rng.pick(FIRST)} ${rng.pick(LAST)}` },
    });
  }

  return drafts;
}

// ——— databases ———

type Opened = { ctx: OpenContext; where: string; dispose(): Promise<void>; schema: string | null };

function removeSqlite(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

async function openFresh(engine: Engine, name: string, today: string): Promise<Opened> {
  const ledger = { name: LEDGER_NAME, keyDir: null };
  if (engine === 'sqlite') {
    const file = join(DATA_DIR, `ledger-${name}.sqlite`);
    removeSqlite(file);
    const ctx = await openContext({ databaseUrl: null, sqliteFile: file, today, statuteFile: null, ledger });

    return {
      ctx,
      where: 'fresh SQLite file (WAL, synchronous=NORMAL, as src/db/connect.ts opens it)',
      schema: null,
      dispose: async () => {
        await ctx.close();
        removeSqlite(file);
      },
    };
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('PostgreSQL needs DATABASE_URL');
  const schema = `bench_ledger_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  let version = '';
  try {
    await admin.query(`create schema ${schema}`);
    version = String((await admin.query('show server_version')).rows[0]?.server_version ?? '');
  } finally {
    await admin.end();
  }
  const handle = connect({ kind: 'postgres', url, searchPath: schema, max: 4 });
  const ctx = await openContext(
    { databaseUrl: url, sqliteFile: '', today, statuteFile: null, ledger },
    handle,
  );

  return {
    ctx,
    where: `PostgreSQL ${version} (DATABASE_URL, fresh schema, default settings of that server)`,
    schema,
    dispose: async () => {
      await ctx.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      try {
        await dropper.query(`drop schema ${schema} cascade`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** Registers a cooperative through the real use case (which appends its genesis entry). */
async function cooperative(ctx: OpenContext, legalId: string, registrationNo: string): Promise<number> {
  return runWrite(registerCooperative, ctx, {
    name: 'تعاونی مرغداری گلستان شیراز',
    legalForm: 'conventional',
    field: 'agriculture',
    subfield: 'agriculture.poultry',
    province: 'فارس',
    county: 'شیراز',
    status: 'active',
    legalId,
    registrationNo,
    registeredOn: '1395/03/12',
    capitalRials: 1_200_000_000,
  });
}

// ——— rows written, read back for the raw floors ———

type EntryRow = {
  idx: number;
  kind: string;
  subject: string | null;
  recorded_at: string;
  body: string;
  leaf_hash: string;
};
type Batch = {
  entries: EntryRow[];
  nodes: Array<{ level: number; idx: number; hash: string }>;
  secrets: Array<{ idx: number; path: string; salt: string; value: string }>;
  receipt: { first_idx: number; leaf_hashes: string; key_id: string; signature: string };
};
type Written = { batches: Batch[]; head: { size: number; root_hash: string; frontier: string } };

/** What appendEntries wrote for the cooperative's entries from `firstIdx` on, grouped by receipt. */
async function readWritten(ctx: OpenContext, coopId: number, firstIdx: number): Promise<Written> {
  const log = await readLog(ctx.db, coopId, true);
  if (!log.head) throw new Error('the benchmark log has no head');
  const batches: Batch[] = [];
  const byFirst = new Map<number, Batch>();
  const batchOf = new Map<number, Batch>();
  for (const r of log.receipts) {
    if (r.first_idx < firstIdx) continue;
    const b: Batch = { entries: [], nodes: [], secrets: [], receipt: r };
    batches.push(b);
    byFirst.set(r.first_idx, b);
    const n = r.leaf_hashes.split(',').length;
    for (let i = r.first_idx; i < r.first_idx + n; i++) batchOf.set(i, b);
  }
  for (const e of log.entries) batchOf.get(e.idx)?.entries.push(e);
  for (const s of log.secrets ?? []) batchOf.get(s.idx)?.secrets.push(s);
  // A node is written by the batch holding its last leaf.
  for (const n of log.nodes) batchOf.get((n.idx + 1) * 2 ** n.level - 1)?.nodes.push(n);

  return { batches, head: log.head };
}

// ——— raw floors: SQLite ———

/** Raw prepared single-row INSERTs of the entry rows, one transaction per batch (no hashing). */
function sqliteRawEntries(sqlite: SqliteDatabase.Database, coopId: number, w: Written): void {
  const insert = sqlite.prepare(
    'INSERT INTO ledger_entries (cooperative_id, idx, kind, subject, recorded_at, body, leaf_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const batch = sqlite.transaction((rows: EntryRow[]) => {
    for (const e of rows) insert.run(coopId, e.idx, e.kind, e.subject, e.recorded_at, e.body, e.leaf_hash);
  });
  for (const b of w.batches) batch(b.entries);
}

/** Raw prepared statements for everything appendEntries does per batch, without computing anything. */
function sqliteRawSameWrites(sqlite: SqliteDatabase.Database, coopId: number, w: Written): void {
  const head = sqlite.prepare('SELECT * FROM ledger_logs WHERE cooperative_id = ?');
  const entry = sqlite.prepare(
    'INSERT INTO ledger_entries (cooperative_id, idx, kind, subject, recorded_at, body, leaf_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const node = sqlite.prepare(
    'INSERT INTO ledger_nodes (cooperative_id, level, idx, hash) VALUES (?, ?, ?, ?)',
  );
  const secretRow = sqlite.prepare(
    'INSERT INTO ledger_secrets (cooperative_id, idx, path, salt, value) VALUES (?, ?, ?, ?, ?)',
  );
  const update = sqlite.prepare(
    'UPDATE ledger_logs SET size = ?, root_hash = ?, frontier = ?, updated_at = ? WHERE cooperative_id = ?',
  );
  const receipt = sqlite.prepare(
    'INSERT INTO ledger_receipts (cooperative_id, first_idx, leaf_hashes, key_id, signature) VALUES (?, ?, ?, ?, ?)',
  );
  const batch = sqlite.transaction((b: Batch) => {
    head.get(coopId);
    for (const e of b.entries)
      entry.run(coopId, e.idx, e.kind, e.subject, e.recorded_at, e.body, e.leaf_hash);
    for (const n of b.nodes) node.run(coopId, n.level, n.idx, n.hash);
    for (const s of b.secrets) secretRow.run(coopId, s.idx, s.path, s.salt, s.value);
    const size = (b.entries[b.entries.length - 1]?.idx ?? 0) + 1;
    update.run(size, w.head.root_hash, w.head.frontier, b.entries[0]?.recorded_at ?? '', coopId);
    receipt.run(coopId, b.receipt.first_idx, b.receipt.leaf_hashes, b.receipt.key_id, b.receipt.signature);
  });
  for (const b of w.batches) batch(b);
}

// ——— raw floors: PostgreSQL ———

function values(rows: number, columns: number): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    out.push(`(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(', ')})`);
  }

  return out.join(', ');
}

async function pgRaw(opened: Opened, coopId: number, w: Written, sameWrites: boolean): Promise<void> {
  const client = new pg.Client({
    connectionString: process.env.DATABASE_URL,
    options: `-c search_path=${opened.schema}`,
  });
  await client.connect();
  try {
    for (const b of w.batches) {
      await client.query('BEGIN');
      if (sameWrites)
        await client.query('SELECT * FROM ledger_logs WHERE cooperative_id = $1 FOR UPDATE', [coopId]);
      await client.query(
        `INSERT INTO ledger_entries (cooperative_id, idx, kind, subject, recorded_at, body, leaf_hash) VALUES ${values(b.entries.length, 7)}`,
        b.entries.flatMap((e) => [coopId, e.idx, e.kind, e.subject, e.recorded_at, e.body, e.leaf_hash]),
      );
      if (sameWrites) {
        if (b.nodes.length > 0) {
          await client.query(
            `INSERT INTO ledger_nodes (cooperative_id, level, idx, hash) VALUES ${values(b.nodes.length, 4)}`,
            b.nodes.flatMap((n) => [coopId, n.level, n.idx, n.hash]),
          );
        }
        if (b.secrets.length > 0) {
          await client.query(
            `INSERT INTO ledger_secrets (cooperative_id, idx, path, salt, value) VALUES ${values(b.secrets.length, 5)}`,
            b.secrets.flatMap((s) => [coopId, s.idx, s.path, s.salt, s.value]),
          );
        }
        const size = (b.entries[b.entries.length - 1]?.idx ?? 0) + 1;
        await client.query(
          'UPDATE ledger_logs SET size = $1, root_hash = $2, frontier = $3, updated_at = $4 WHERE cooperative_id = $5',
          [size, w.head.root_hash, w.head.frontier, b.entries[0]?.recorded_at ?? '', coopId],
        );
        await client.query(
          'INSERT INTO ledger_receipts (cooperative_id, first_idx, leaf_hashes, key_id, signature) VALUES ($1, $2, $3, $4, $5)',
          [coopId, b.receipt.first_idx, b.receipt.leaf_hashes, b.receipt.key_id, b.receipt.signature],
        );
      }
      await client.query('COMMIT');
    }
  } finally {
    await client.end();
  }
}

// ——— hashing floors ———

/** SHA-256 (node:crypto) of each body's bytes. */
function sha256Bodies(bodies: readonly Buffer[]): void {
  for (const b of bodies) createHash('sha256').update(b).digest();
}

const LEAF_PREFIX = Buffer.from([0]);

/**
 * The least a verifier must compute: every leaf hash from its body (SHA-256 of 0x00 ‖ body,
 * node:crypto straight from the string, as appendEntries hashes it), every perfect subtree, the root.
 */
function treeFromBodies(bodies: readonly string[], sha: Sha256): Hash {
  const levels: Hash[][] = [
    bodies.map((b) => createHash('sha256').update(LEAF_PREFIX).update(b, 'utf8').digest()),
  ];
  for (let below = levels[0] as Hash[]; below.length > 1; ) {
    const up: Hash[] = [];
    for (let i = 0; i + 1 < below.length; i += 2)
      up.push(nodeHash(below[i] as Hash, below[i + 1] as Hash, sha));
    levels.push(up);
    below = up;
  }
  // The root folds the perfect subtrees of the whole log, largest first, right to left.
  const parts: Hash[] = [];
  for (let level = levels.length - 1, start = 0; level >= 0; level--) {
    const width = 2 ** level;
    if (bodies.length - start >= width) {
      parts.push(levels[level]?.[start / width] as Hash);
      start += width;
    }
  }
  let root = parts.pop();
  if (!root) throw new Error('an empty log has no tree to compute');
  while (parts.length > 0) root = nodeHash(parts.pop() as Hash, root, sha);

  return root;
}

// ——— one engine, phase by phase (each phase's large data is garbage before the next is timed) ———

type Coops = { warm: number; batched: number; single: number };
type Log = (line: string) => void;
type BodyStats = { bodyBytes: LedgerResult['bodyBytes']; secretsPerEntry: number };

/** Appends: a warm-up, then batches of LEDGER_BATCH, then single-entry transactions. */
async function appendPhase(
  ctx: OpenContext,
  engine: Engine,
  coops: Coops,
  entries: number,
  seed: number,
  log: Log,
) {
  const singles = Math.max(1, Math.floor(entries / SINGLE_SHARE));
  const warmupEntries = WARMUP_BATCHES * LEDGER_BATCH + WARMUP_SINGLES;
  const drafts = paymentDrafts(warmupEntries + entries + singles, seed);
  const append = (coopId: number, list: readonly EntryDraft[]) =>
    ctx.db.transaction().execute((tx) => appendEntries(tx, ctx, coopId, list));

  // Warm-up: JIT, statement caches, the same code paths on another cooperative.
  for (let i = 0; i < WARMUP_BATCHES * LEDGER_BATCH; i += LEDGER_BATCH) {
    await append(coops.warm, drafts.slice(i, i + LEDGER_BATCH));
  }
  for (const d of drafts.slice(WARMUP_BATCHES * LEDGER_BATCH, warmupEntries)) await append(coops.warm, [d]);

  let firstIdx = -1;
  const batchEnd = warmupEntries + entries;
  collectGarbage();
  const batched = await timed(async () => {
    for (let i = warmupEntries; i < batchEnd; i += LEDGER_BATCH) {
      const { receipt } = await append(coops.batched, drafts.slice(i, Math.min(i + LEDGER_BATCH, batchEnd)));
      if (firstIdx < 0) firstIdx = receipt.firstIndex;
    }
  });
  log(
    `ledger (${engine}): ${entries} entries in batches of ${LEDGER_BATCH}: ${(entries / batched.seconds).toFixed(0)}/s`,
  );
  collectGarbage();
  const single = await timed(async () => {
    for (const d of drafts.slice(batchEnd)) await append(coops.single, [d]);
  });
  log(`ledger (${engine}): ${singles} single-entry transactions: ${(singles / single.seconds).toFixed(0)}/s`);
  const appends = [
    rate(
      'batched',
      `\`appendEntries\`, ${LEDGER_BATCH} entries per transaction`,
      entries,
      Math.ceil(entries / LEDGER_BATCH),
      [batched],
    ),
    rate('single', '`appendEntries`, one entry per transaction', singles, singles, [single]),
  ];

  return { appends, firstIdx };
}

/** The cost floor: the rows appendEntries wrote, written again raw; SHA-256 of the same bodies. */
async function floorPhase(
  ctx: OpenContext,
  engine: Engine,
  coopId: number,
  firstIdx: number,
  entries: number,
  today: string,
  newLegalId: () => string,
  log: Log,
): Promise<{ floors: Rate[]; stats: BodyStats }> {
  const written = await readWritten(ctx, coopId, firstIdx);
  const bodies = written.batches.flatMap((b) => b.entries.map((e) => Buffer.from(e.body, 'utf8')));
  if (bodies.length !== entries) throw new Error(`read back ${bodies.length} entries, expected ${entries}`);
  const transactions = written.batches.length;
  const floors: Rate[] = [];
  const raw = async (name: string, title: string, write: (o: Opened, coopId: number) => Promise<void>) => {
    const runs: Timed[] = [];
    for (let i = 0; i < RAW_REPETITIONS; i++) {
      const fresh = await openFresh(engine, name, today);
      try {
        const freshCoop = await cooperative(fresh.ctx, newLegalId(), `91${i}`);
        collectGarbage();
        runs.push(await timed(() => write(fresh, freshCoop)));
        const count = await fresh.ctx.db
          .selectFrom('ledger_entries')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('cooperative_id', '=', freshCoop)
          .executeTakeFirstOrThrow();
        if (Number(count.n) !== entries + 1)
          throw new Error(`${name}: ${count.n} entries, expected ${entries + 1}`);
      } finally {
        await fresh.dispose();
      }
    }
    const r = rate(name, title, entries, transactions, runs);
    floors.push(r);
    log(`ledger (${engine}): ${name} ${r.perSec.toFixed(0)}/s`);
  };
  const sqliteOf = (o: Opened) => {
    const sqlite = o.ctx.handle.sqlite;
    if (!sqlite) throw new Error('no SQLite connection');
    return sqlite;
  };
  if (engine === 'sqlite') {
    await raw(
      'rawEntries',
      `raw prepared \`INSERT\` of the same entry rows (better-sqlite3, one row per statement, ${LEDGER_BATCH} per transaction)`,
      async (o, id) => sqliteRawEntries(sqliteOf(o), id, written),
    );
    await raw(
      'rawSameWrites',
      'raw prepared statements of every write of `appendEntries` (head read and update, entries, nodes, secrets, receipt)',
      async (o, id) => sqliteRawSameWrites(sqliteOf(o), id, written),
    );
  } else {
    await raw(
      'rawEntries',
      `raw \`INSERT\` of the same entry rows (pg client, ${LEDGER_BATCH} rows per statement, one per transaction)`,
      (o, id) => pgRaw(o, id, written, false),
    );
    await raw(
      'rawSameWrites',
      'raw statements of every write of `appendEntries` (head locked and updated, entries, nodes, secrets, receipt; pg client, multi-row)',
      (o, id) => pgRaw(o, id, written, true),
    );
  }
  sha256Bodies(bodies.slice(0, 2_000));
  const shaRuns: Timed[] = [];
  for (let i = 0; i < RAW_REPETITIONS; i++) {
    collectGarbage();
    shaRuns.push(await timed(() => sha256Bodies(bodies)));
  }
  floors.push(rate('sha256', 'SHA-256 of the same bodies (node:crypto), in memory', entries, null, shaRuns));
  const sizes = bodies.map((b) => b.length);

  return {
    floors,
    stats: {
      bodyBytes: {
        mean: sizes.reduce((sum, n) => sum + n, 0) / sizes.length,
        min: sizes.reduce((m, n) => Math.min(m, n), Number.POSITIVE_INFINITY),
        max: sizes.reduce((m, n) => Math.max(m, n), 0),
      },
      secretsPerEntry: written.batches.reduce((n, b) => n + b.secrets.length, 0) / entries,
    },
  };
}

/** Proof latency from the database, and in-memory verification of the proofs it returned. */
async function proofPhase(ctx: OpenContext, engine: Engine, coopId: number, seed: number, log: Log) {
  const head = await ctx.db
    .selectFrom('ledger_logs')
    .selectAll()
    .where('cooperative_id', '=', coopId)
    .executeTakeFirstOrThrow();
  const size = head.size;
  const rng = createRandom(seed + 2);
  const indices = Array.from({ length: PROOF_SAMPLES }, () => rng.int(0, size - 1));
  const pairs = Array.from({ length: PROOF_SAMPLES }, () => {
    const n = rng.int(2, size);
    return [rng.int(1, n - 1), n] as const;
  });
  const inclusionProofs = new Map<number, string[]>();
  const proofs: Latency[] = [];
  collectGarbage();
  proofs.push(
    latency(
      'inclusionProof',
      `\`inclusionProof\` (database), random index, tree of ${size.toLocaleString('en-US')}`,
      await timeCalls(indices, PROOF_WARMUP, async (i) => {
        inclusionProofs.set(i, await inclusionProof(ctx.db, coopId, i, size));
      }),
    ),
  );
  const consistencyProofs = new Map<string, string[]>();
  collectGarbage();
  proofs.push(
    latency(
      'consistencyProof',
      '`consistencyProof` (database), random 1 ≤ m < n ≤ size',
      await timeCalls(pairs, PROOF_WARMUP, async ([m, n]) => {
        consistencyProofs.set(`${m}:${n}`, await consistencyProof(ctx.db, coopId, m, n));
      }),
    ),
  );
  // In-memory verification, with the leaves and roots it needs computed beforehand.
  const leaves = (
    await ctx.db
      .selectFrom('ledger_entries')
      .select('leaf_hash')
      .where('cooperative_id', '=', coopId)
      .orderBy('idx')
      .execute()
  ).map((r) => fromHex(r.leaf_hash));
  const root = fromHex(head.root_hash);
  const wanted = new Set(pairs.flat());
  const rootAt = new Map<number, Hash>();
  let f = emptyFrontier();
  for (const [i, leaf] of leaves.entries()) {
    f = appendLeaf(f, leaf, nodeSha256).frontier;
    if (wanted.has(i + 1)) rootAt.set(i + 1, frontierRoot(f, nodeSha256));
  }
  const inclusionArgs = indices.map((i) => ({
    i,
    leaf: leaves[i] as Hash,
    proof: (inclusionProofs.get(i) ?? []).map(fromHex),
  }));
  const consistencyArgs = pairs.map(([m, n]) => ({
    m,
    n,
    rootM: rootAt.get(m) as Hash,
    rootN: rootAt.get(n) as Hash,
    proof: (consistencyProofs.get(`${m}:${n}`) ?? []).map(fromHex),
  }));
  let failed = 0;
  for (const [sha256, label] of [
    [nodeSha256, 'node:crypto'],
    [defaultSha256, '@noble/hashes, as in the browser'],
  ] as const) {
    const tag = sha256 === nodeSha256 ? 'node' : 'noble';
    collectGarbage();
    proofs.push(
      latency(
        `verifyInclusion-${tag}`,
        `\`verifyInclusion\` in memory (${label})`,
        await timeCalls(inclusionArgs, PROOF_WARMUP, (a) => {
          if (!verifyInclusion(a.i, size, a.leaf, a.proof, root, sha256)) failed++;
        }),
      ),
    );
    proofs.push(
      latency(
        `verifyConsistency-${tag}`,
        `\`verifyConsistency\` in memory (${label})`,
        await timeCalls(consistencyArgs, PROOF_WARMUP, (a) => {
          if (!verifyConsistency(a.m, a.n, a.rootM, a.rootN, a.proof, sha256)) failed++;
        }),
      ),
    );
  }
  if (failed > 0) throw new Error(`${failed} proofs did not verify`);
  for (const p of proofs) {
    log(`ledger (${engine}): ${p.name} p50 ${p.p50.toFixed(1)} µs, p99 ${p.p99.toFixed(1)} µs`);
  }

  return { treeSize: size, rootHash: head.root_hash, proofs };
}

/** Whole-log verification against SHA-256 of the same bodies (measured in the floor phase). */
async function verifyPhase(
  ctx: OpenContext,
  engine: Engine,
  coops: Coops,
  expectedRoot: string,
  sha: Rate,
  log: Log,
): Promise<LedgerEngineResult['verify']> {
  await verifyLog(ctx, coops.warm);
  let outcome: Awaited<ReturnType<typeof verifyLog>> | null = null;
  collectGarbage();
  const verifyTime = await timed(async () => {
    outcome = await verifyLog(ctx, coops.batched);
  });
  const verified = outcome as Awaited<ReturnType<typeof verifyLog>> | null;
  if (!verified) throw new Error('verifyLog returned nothing');
  const size = verified.size;
  log(
    `ledger (${engine}): verifyLog ${size} entries in ${verifyTime.seconds.toFixed(2)} s (${(size / verifyTime.seconds).toFixed(0)}/s), ok ${verified.ok}`,
  );
  collectGarbage();
  const readTime = await timed(() => inSnapshot(ctx, (tx) => readLog(tx, coops.batched, true)));
  const bodies = (
    await ctx.db
      .selectFrom('ledger_entries')
      .select('body')
      .where('cooperative_id', '=', coops.batched)
      .orderBy('idx')
      .execute()
  ).map((r) => r.body);
  let treeRoot = '';
  collectGarbage();
  const treeTime = await timed(() => {
    treeRoot = toHex(treeFromBodies(bodies, nodeSha256));
  });
  if (treeRoot !== expectedRoot) throw new Error('the recomputed root is not the stored one');

  return {
    rates: [
      rate('verifyLog', '`verifyLog` (whole log: read, check, re-derive, coverage)', size, null, [
        verifyTime,
      ]),
      rate('readLog', 'reading the whole log (`readLog`, one snapshot)', size, null, [readTime]),
      rate('tree', 'leaf hashes from the bodies + every subtree + root (no database)', size, null, [
        treeTime,
      ]),
      { ...sha, title: 'SHA-256 of the bodies (node:crypto), from above' },
    ],
    ok: verified.ok,
    problems: verified.problems.slice(0, 5).map((p) => `${p.code}: ${p.message.en}`),
    size,
  };
}

async function runEngine(
  engine: Engine,
  entries: number,
  seed: number,
  today: string,
  log: Log,
): Promise<{ result: LedgerEngineResult; stats: BodyStats }> {
  const loadAtStart = os.loadavg()[0] ?? Number.NaN;
  const ids = createIdentifierSource(seed + 1);
  const opened = await openFresh(engine, 'append', today);
  const { ctx } = opened;
  try {
    const coops: Coops = {
      warm: await cooperative(ctx, ids.legalId(), '9001'),
      batched: await cooperative(ctx, ids.legalId(), '9002'),
      single: await cooperative(ctx, ids.legalId(), '9003'),
    };
    const { appends, firstIdx } = await appendPhase(ctx, engine, coops, entries, seed, log);
    const { floors, stats } = await floorPhase(
      ctx,
      engine,
      coops.batched,
      firstIdx,
      entries,
      today,
      () => ids.legalId(),
      log,
    );
    const { treeSize, rootHash, proofs } = await proofPhase(ctx, engine, coops.batched, seed, log);
    const sha = floors.find((r) => r.name === 'sha256');
    if (!sha) throw new Error('no SHA-256 figure');
    const verify = await verifyPhase(ctx, engine, coops, rootHash, sha, log);

    return {
      result: {
        engine,
        where: opened.where,
        load: { start: loadAtStart, end: os.loadavg()[0] ?? Number.NaN },
        appends,
        floors,
        treeSize,
        proofs,
        verify,
      },
      stats,
    };
  } finally {
    await opened.dispose();
  }
}

/** Runs the ledger benchmark on SQLite, and on PostgreSQL too when DATABASE_URL is set. */
export async function runLedgerBench(
  entries: number,
  seed: number,
  today: string,
  log: (line: string) => void,
): Promise<LedgerResult> {
  const engines: LedgerEngineResult[] = [];
  const first = await runEngine('sqlite', entries, seed, today, log);
  engines.push(first.result);
  if (process.env.DATABASE_URL) engines.push((await runEngine('postgres', entries, seed, today, log)).result);
  else log('ledger: DATABASE_URL is not set, PostgreSQL skipped');

  return {
    entries,
    batch: LEDGER_BATCH,
    singles: Math.max(1, Math.floor(entries / SINGLE_SHARE)),
    ...first.stats,
    engines,
  };
}

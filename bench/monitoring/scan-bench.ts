import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import {
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBType,
  INTEGER,
  VARCHAR,
} from '@duckdb/node-api';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { addDays, toJalali } from '../../src/calendar/index.ts';
import { type OpenContext, openContext } from '../../src/context/open-context.ts';
import type { Database } from '../../src/db/database.ts';
import { appendEntries } from '../../src/ledger/append.ts';
import { type EntryDraft, secret } from '../../src/ledger/entry.ts';
import { findingsOf } from '../../src/monitoring/evaluate.ts';
import { holidaysBetween } from '../../src/monitoring/holidays.ts';
import { loadCooperativeBooks } from '../../src/monitoring/load-books.ts';
import * as repo from '../../src/monitoring/monitoring.repository.ts';
import { drainQueue } from '../../src/monitoring/queue.ts';
import type { CooperativeBooks, Rule } from '../../src/monitoring/rule.ts';
import { MONEY_RULES } from '../../src/monitoring/rules/money.ts';
import { loadThresholds } from '../../src/monitoring/thresholds.ts';
import { searchKey } from '../../src/text/index.ts';
import type { Size } from '../dataset.ts';
import { DATA_DIR } from '../dataset.ts';
import { DUCKDB_RULES, PAYMENT_VIEW } from './duckdb-rules.ts';
import { type BooksCounts, writeScanBooks } from './scan-data.ts';

/**
 * The monitoring benchmark (DESIGN.md "Performance goals", monitoring full scan): the money rules
 * over N payments — streamed one cooperative at a time, as `runScan` does — against DuckDB running
 * the same rules as SQL over the same rows, in one run; their findings compared rule by rule. Also
 * the latency a write pays for queueing its cooperative (`appendEntries` → `enqueue`) and the
 * time `drainQueue` takes per cooperative. See bench/README.md.
 */

export const MONITORING_PAYMENTS: Record<Size, number> = { full: 10_000_000, ci: 1_000_000, small: 100_000 };
/** Cooperatives read per id query, as `runScan` reads them. */
const CHUNK = 200;
const WARMUP_COOPERATIVES = 20;
const DUCKDB_REPETITIONS = 3;
/** Single-entry commits per variant in the write-latency phase. */
const WRITES: Record<Size, number> = { full: 3_000, ci: 3_000, small: 1_000 };
const WRITE_WARMUP = 300;
/** Cooperatives (of about 2,000 payments each) in the drain phase's own database. */
const DRAIN_COOPERATIVES = 20;
const DUCKDB_VECTOR = 2_048;
/** The `loadCooperativeBooks` pass runs up to this many payments (the routine size), not at 10 million. */
const FULL_LOADER_UP_TO = 2_000_000;
/** The raw-query diagnostics read about this many payments (every k-th cooperative above it). */
const RAW_SAMPLE_PAYMENTS = 1_000_000;

type Log = (line: string) => void;

export type ScanData = {
  file: string;
  payments: number;
  seed: number;
  version: string;
  builtNow: boolean;
  buildSeconds: number;
  builtAt: string;
  bytes: number;
  counts: BooksCounts;
};

/** Findings of one rule, as a set fingerprint: count and two order-independent sums of hashes. */
export type Fingerprint = { count: number; h1: number; h2: number };

export type ScanPass = {
  name: string;
  title: string;
  cooperatives: number;
  payments: number;
  seconds: number;
  cpuSeconds: number;
  perSec: number;
  /** Seconds spent loading books (queries and mapping) and evaluating the rules. */
  loadSeconds: number;
  rulesSeconds: number;
  perRuleSeconds: Record<string, number>;
  findings: number;
  fingerprints: Record<string, Fingerprint>;
  /** Resident set size sampled after every cooperative, MiB: at the start and the highest seen. */
  rssStartMiB: number;
  rssPeakMiB: number;
  heapPeakMiB: number;
};

export type RuleAgreement = {
  ruleId: string;
  ours: number;
  oursFull: number | null;
  duckdb: number | null;
  agree: boolean | null;
  /** Up to 5 keys found by one side only (cooperative|key). */
  onlyOurs: string[];
  onlyDuckdb: string[];
  duckdbSeconds: number | null;
};

export type DuckdbResult = {
  version: string;
  threads: number;
  /** Reading the rows from SQLite and appending them (staging tables), then typing them (DATE, BIGINT). */
  load: { readAppendSeconds: number; typeSeconds: number; totalSeconds: number };
  /** Seconds of each repetition of all the rule queries, and their median. */
  runs: number[];
  querySeconds: number;
  /** CPU seconds of this process (every DuckDB thread) over all the rule queries, median of the repetitions. */
  cpuSeconds: number;
  /** Same, with one thread (`SET threads = 1`, one run), for the per-core comparison. */
  oneThreadSeconds: number;
  rssGrowthMiB: number;
};

export type Latency = { samples: number; p50: number; p99: number; mean: number };

export type WriteLatency = {
  writes: number;
  /** Single-entry `appendEntries` commits, µs: no enqueue (an alert entry), enqueue inserting the queue row, enqueue finding it there. */
  noEnqueue: Latency;
  enqueueInsert: Latency;
  enqueueConflict: Latency;
  /** `repo.enqueue` alone inside a transaction, µs. */
  enqueueCallInsert: Latency;
  enqueueCallConflict: Latency;
  /** drainQueue(ctx, 1) per cooperative, ms: first evaluation (alerts opened), then again (alerts known). */
  drainFirst: Latency;
  drainRepeat: Latency;
  /** findingsOf alone (books + every rule, no alert sync) per cooperative, ms. */
  evaluateOnly: Latency;
  drainCooperatives: number;
  drainPaymentsPerCooperative: number;
  alertsOpenedPerCooperative: number;
  rulesInCatalogue: number;
};

export type MonitoringResult = {
  data: ScanData;
  cooperatives: number;
  rules: Array<{ id: string; title: string }>;
  passes: ScanPass[];
  agreement: RuleAgreement[];
  duckdb: DuckdbResult;
  writes: WriteLatency;
  load: { start: number; end: number };
};

// ——— measuring ———

let gc: (() => void) | null = null;
function collectGarbage(): void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}

const MiB = 1024 ** 2;
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
};
const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
function latency(values: number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    mean: sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length),
  };
}

/** FNV-1a and djb2 (32-bit) of a string: summed over a set, they fingerprint it regardless of order. */
function hashes(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 5381;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = (Math.imul(b, 33) + c) >>> 0;
  }
  return [a, b];
}
function addToFingerprint(f: Fingerprint, key: string): void {
  const [a, b] = hashes(key);
  f.count += 1;
  f.h1 = (f.h1 + a) >>> 0;
  f.h2 = (f.h2 + b) >>> 0;
}
const sameFingerprint = (a: Fingerprint, b: Fingerprint) =>
  a.count === b.count && a.h1 === b.h1 && a.h2 === b.h2;

// ——— the data ———

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The files the generated books depend on: a change to any of them writes the books afresh. */
const DATA_SOURCES = [
  'bench/monitoring/scan-data.ts',
  'src/demo/demo-identifiers.ts',
  'src/demo/demo-vocabulary.ts',
  'src/demo/random.ts',
  'src/monitoring/holidays.ts',
  'src/monitoring/data/lunar-holidays.json',
];

function dataVersion(): string {
  const hash = createHash('sha256').update('monitoring-books-1\n');
  const migrations = readdirSync(join(ROOT, 'src/db/migrations'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort()
    .map((f) => `src/db/migrations/${f}`);
  for (const f of [...migrations, ...DATA_SOURCES]) hash.update(`${f}\n`).update(readFileSync(join(ROOT, f)));
  return hash.digest('hex').slice(0, 12);
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

type Meta = Omit<ScanData, 'file' | 'builtNow' | 'bytes'>;

/** Writes the books with the bench's own bulk loader into a migrated database (SQLite tuned for a bulk load). */
async function buildBooks(file: string, payments: number, seed: number, today: string): Promise<BooksCounts> {
  const ctx = await openContext({ databaseUrl: null, sqliteFile: file, today, statuteFile: null });
  try {
    const sqlite = ctx.handle.sqlite;
    if (!sqlite) throw new Error('no SQLite connection');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('cache_size = -262144');
    const counts = writeScanBooks(sqlite, { payments, seed, today });
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.pragma('optimize');
    return counts;
  } finally {
    await ctx.close();
  }
}

/**
 * The scan's database: reused when a file with the same key exists (the key hashes the migrations,
 * the demo vocabulary and this bench's generator), else written afresh under a temporary name.
 */
async function prepareBooks(payments: number, seed: number, today: string, log: Log): Promise<ScanData> {
  mkdirSync(DATA_DIR, { recursive: true });
  const version = dataVersion();
  const prefix = `monitoring-${payments}-seed${seed}-v`;
  const file = join(DATA_DIR, `${prefix}${version}.sqlite`);
  const metaFile = `${file}.json`;
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
    log(`monitoring: reusing ${file} (built ${meta.builtAt} in ${meta.buildSeconds.toFixed(1)} s)`);
    return { ...meta, file, builtNow: false, bytes: statSync(file).size };
  }
  for (const name of readdirSync(DATA_DIR)) {
    if (name.startsWith(prefix)) rmSync(join(DATA_DIR, name), { force: true });
  }
  const temporary = `${file}.building`;
  removeDatabase(temporary);
  log(`monitoring: writing ${payments.toLocaleString('en-US')} payments (seed ${seed}) …`);
  const started = performance.now();
  const counts = await buildBooks(temporary, payments, seed, today);
  const buildSeconds = (performance.now() - started) / 1000;
  removeDatabase(file);
  renameSync(temporary, file);
  removeDatabase(temporary);
  const meta: Meta = { payments, seed, version, buildSeconds, builtAt: new Date().toISOString(), counts };
  writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  log(`monitoring: written in ${buildSeconds.toFixed(1)} s → ${file}`);
  return { ...meta, file, builtNow: true, bytes: statSync(file).size };
}

// ——— our scan ———

const nameOf = (r: { first_name: string | null; last_name: string | null; entity_name: string | null }) =>
  r.entity_name ?? `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim();

/**
 * The books the money rules read, and nothing else: the cooperative, its officers and
 * declarations, and its payments with their approval counts (the query `load-books.ts` uses),
 * mapped as `loadCooperativeBooks` maps them. Members, obligations and the network counts are
 * left empty (no money rule reads them — the scan checks that both loaders give the same
 * findings). Evidence entry indices are null: no ledger entries here.
 */
async function moneyBooks(ctx: OpenContext, cooperativeId: number): Promise<CooperativeBooks | null> {
  const db = ctx.db;
  const coop = await repo.findCooperativeFacts(db, cooperativeId);
  if (!coop) return null;
  const [officers, declarations, payments] = await Promise.all([
    repo.listOfficersWithContacts(db, cooperativeId),
    repo.listDeclarations(db, cooperativeId),
    repo.listPaymentsWithApprovalCounts(db, cooperativeId),
  ]);
  const today = ctx.clock.today();
  let first = today;
  let last = today;
  if (payments.length > 0) {
    first = payments[0]?.paid_on ?? today;
    last = payments[payments.length - 1]?.paid_on ?? today;
  }
  return {
    coop: {
      id: coop.id,
      legalId: coop.legal_id,
      name: coop.name,
      status: coop.status,
      provinceId: coop.province_id,
      countyId: coop.county_id,
      fieldCode: coop.field_code,
      memberCount: coop.member_count,
      capitalRials: Number(coop.capital_rials),
      fiscalYearEndMonth: coop.fiscal_year_end_month,
    },
    today,
    settings: ctx.statute,
    obligations: [],
    officers: officers.map((o) => ({
      id: o.id,
      entryIndex: null,
      personId: o.person_id,
      role: o.role,
      position: o.position,
      termStart: o.term_start,
      termEnd: o.term_end,
      endedOn: o.ended_on,
      consecutiveTerms: o.consecutive_terms,
      name: nameOf(o),
      nationalCode: o.national_code,
      mobile: o.mobile,
      iban: o.iban,
      address: o.address,
    })),
    members: [],
    declarations: declarations.map((d) => ({
      officerId: d.officer_id,
      kind: d.kind,
      relation: d.relation,
      personNationalCode: d.person_national_code,
      personName: d.person_name,
      companyLegalId: d.company_legal_id,
      companyName: d.company_name,
    })),
    payments: payments.map((p) => ({
      id: p.id,
      entryIndex: null,
      externalId: p.external_id,
      direction: p.direction,
      partyKind: p.party_kind,
      partyName: p.party_name,
      partyNationalCode: p.party_national_code,
      partyLegalId: p.party_legal_id,
      iban: p.iban,
      amountRials: Number(p.amount_rials),
      paidOn: p.paid_on,
      category: p.category,
      invoiceRef: p.invoice_ref,
      budgetLine: p.budget_line,
      contractId: p.contract_id,
      resolutionId: p.resolution_id,
      resolutionRef: p.resolution_ref,
      requiredApprovals: p.required_approvals,
      approvals: Number(p.approvals),
      recordedOn: p.recorded_on,
      imported: p.external_id !== null,
    })),
    sharesByMember: new Map(),
    holidays: holidaysBetween(first, last),
    network: {
      officerCooperatives: new Map(),
      payeeCooperatives: new Map(),
      payeeUnrelatedCooperatives: new Map(),
      sharedContacts: new Map(),
    },
  };
}

type Loader = (ctx: OpenContext, id: number) => Promise<CooperativeBooks | null>;

async function forEachCooperative(ctx: OpenContext, fn: (id: number) => Promise<void>): Promise<void> {
  for (let after = 0; ; ) {
    const ids = await repo.cooperativeIdsAfter(ctx.db, after, CHUNK);
    if (ids.length === 0) return;
    for (const id of ids) await fn(id);
    after = ids[ids.length - 1] as number;
  }
}

/** One pass of the money rules over every cooperative, books loaded by `loader`. */
async function scanPass(
  ctx: OpenContext,
  name: string,
  title: string,
  loader: Loader,
  rules: readonly Rule[],
  log: Log,
): Promise<ScanPass> {
  const thresholds = await loadThresholds(ctx.db);
  const limits = rules.map((r) => thresholds.get(r.id) ?? r.thresholds.parse({}));
  // Warm-up: the first cooperatives, untimed (JIT, statement cache).
  const warm = await repo.cooperativeIdsAfter(ctx.db, 0, WARMUP_COOPERATIVES);
  for (const id of warm) {
    const books = await loader(ctx, id);
    if (books) for (const [i, r] of rules.entries()) r.evaluate(books, limits[i] as Record<string, unknown>);
  }
  const fingerprints: Record<string, Fingerprint> = Object.fromEntries(
    rules.map((r) => [r.id, { count: 0, h1: 0, h2: 0 }]),
  );
  const perRule = rules.map(() => 0);
  let loadMs = 0;
  let cooperatives = 0;
  let payments = 0;
  let findings = 0;
  collectGarbage();
  const rssStart = process.memoryUsage.rss();
  let rssPeak = rssStart;
  let heapPeak = process.memoryUsage().heapUsed;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await forEachCooperative(ctx, async (id) => {
    const t0 = performance.now();
    const books = await loader(ctx, id);
    const t1 = performance.now();
    loadMs += t1 - t0;
    if (!books) return;
    cooperatives += 1;
    payments += books.payments.length;
    let t = t1;
    for (const [i, rule] of rules.entries()) {
      const found = rule.evaluate(books, limits[i] as Record<string, unknown>);
      const now = performance.now();
      perRule[i] = (perRule[i] ?? 0) + (now - t);
      t = now;
      const f = fingerprints[rule.id] as Fingerprint;
      for (const x of found) addToFingerprint(f, `${id}|${x.key}`);
      findings += found.length;
    }
    if (cooperatives % 16 === 0) {
      rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  const rulesSeconds = perRule.reduce((s, x) => s + x, 0) / 1000;
  log(
    `monitoring: ${name}: ${cooperatives} cooperatives, ${payments} payments in ${seconds.toFixed(2)} s (${Math.round(payments / seconds)}/s; load ${(loadMs / 1000).toFixed(2)} s, rules ${rulesSeconds.toFixed(2)} s), ${findings} findings, RSS peak ${Math.round(rssPeak / MiB)} MiB`,
  );
  return {
    name,
    title,
    cooperatives,
    payments,
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    perSec: payments / seconds,
    loadSeconds: loadMs / 1000,
    rulesSeconds,
    perRuleSeconds: Object.fromEntries(rules.map((r, i) => [r.id, (perRule[i] ?? 0) / 1000])),
    findings,
    fingerprints,
    rssStartMiB: rssStart / MiB,
    rssPeakMiB: rssPeak / MiB,
    heapPeakMiB: heapPeak / MiB,
  };
}

/** The SQL text Kysely sends for the payments query of `load-books.ts` (captured from one call). */
async function paymentsQueryText(sqlite: SqliteDatabase.Database): Promise<string> {
  let captured = '';
  const capture = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query') captured = event.query.sql;
    },
  });
  await repo.listPaymentsWithApprovalCounts(capture, 1);
  if (!captured.includes('?')) throw new Error('could not capture the payments query');
  return captured;
}

/** The payment rows alone: the same columns and order, no approval counts (no join, no grouping). */
const ROWS_ONLY = `SELECT id, external_id, direction, party_kind, party_name, party_national_code, party_legal_id, iban,
  amount_rials, paid_on, category, invoice_ref, budget_line, contract_id, resolution_id, resolution_ref, required_approvals,
  recorded_on, created_at FROM payments WHERE cooperative_id = ? ORDER BY paid_on, id`;

/**
 * One SQL text run by better-sqlite3 directly for every cooperative, rows as objects (as Kysely
 * receives them), no rules: the database's share of loading the books.
 */
async function rawPass(
  ctx: OpenContext,
  name: string,
  title: string,
  sql: string,
  every: number,
  log: Log,
): Promise<ScanPass> {
  const sqlite = ctx.handle.sqlite;
  if (!sqlite) throw new Error('no SQLite connection');
  const statement = sqlite.prepare(sql);
  const ids = (sqlite.prepare('SELECT id FROM cooperatives ORDER BY id').all() as Array<{ id: number }>)
    .map((r) => r.id)
    .filter((_, i) => i % every === 0);
  for (const id of ids.slice(0, WARMUP_COOPERATIVES)) statement.all(id);
  collectGarbage();
  const rssStart = process.memoryUsage.rss();
  let rssPeak = rssStart;
  let payments = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const [i, id] of ids.entries()) {
    payments += statement.all(id).length;
    if (i % 16 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  log(
    `monitoring: ${name}: ${payments} rows in ${seconds.toFixed(2)} s (${Math.round(payments / seconds)}/s)`,
  );
  return {
    name,
    title,
    cooperatives: ids.length,
    payments,
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    perSec: payments / seconds,
    loadSeconds: seconds,
    rulesSeconds: 0,
    perRuleSeconds: {},
    findings: 0,
    fingerprints: {},
    rssStartMiB: rssStart / MiB,
    rssPeakMiB: rssPeak / MiB,
    heapPeakMiB: process.memoryUsage().heapUsed / MiB,
  };
}

/** Every key one rule finds, over all cooperatives (only to explain a disagreement; untimed). */
async function keysOf(ctx: OpenContext, loader: Loader, rule: Rule): Promise<Set<string>> {
  const limits = (await loadThresholds(ctx.db)).get(rule.id) ?? rule.thresholds.parse({});
  const keys = new Set<string>();
  await forEachCooperative(ctx, async (id) => {
    const books = await loader(ctx, id);
    if (books) for (const f of rule.evaluate(books, limits)) keys.add(`${id}|${f.key}`);
  });
  return keys;
}

// ——— DuckDB ———

type Staged = {
  table: string;
  columns: Array<[string, DuckDBType]>;
  select: string;
  /** Values computed in JS for the last columns, from the row read (the others come from the query). */
  derive?: (row: unknown[]) => unknown[];
};

/** Whether a string is all ASCII (then SQL folds its invoice key exactly: see duckdb-rules.ts). */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
/** money.ts's `invoiceKey`: the reference through `searchKey`, spacing and separators removed. */
const invoiceKey = (ref: string) => searchKey(ref).replace(/[\s\-_/.\\#:]/g, '');

const STAGED: Staged[] = [
  {
    table: 'payments_raw',
    columns: [
      ['id', INTEGER],
      ['cooperative_id', INTEGER],
      ['external_id', VARCHAR],
      ['direction', VARCHAR],
      ['party_kind', VARCHAR],
      ['party_name', VARCHAR],
      ['party_national_code', VARCHAR],
      ['party_legal_id', VARCHAR],
      ['iban', VARCHAR],
      ['amount_rials', DOUBLE],
      ['paid_on', VARCHAR],
      ['category', VARCHAR],
      ['invoice_ref', VARCHAR],
      ['budget_line', VARCHAR],
      ['contract_id', INTEGER],
      ['resolution_id', INTEGER],
      ['resolution_ref', VARCHAR],
      ['required_approvals', INTEGER],
      ['recorded_on', VARCHAR],
      ['name_key', VARCHAR],
      ['invoice_key_js', VARCHAR],
    ],
    select: `SELECT id, cooperative_id, external_id, direction, party_kind, party_name, party_national_code, party_legal_id,
      iban, amount_rials, paid_on, category, invoice_ref, budget_line, contract_id, resolution_id, resolution_ref,
      required_approvals, recorded_on FROM payments`,
    // The payee's name key only where the name is the payee key; the invoice key only where SQL cannot fold it.
    derive: (row) => [
      row[8] || row[6] || row[7] ? null : searchKey(String(row[5])),
      typeof row[12] === 'string' && !isAscii(row[12]) ? invoiceKey(row[12]) : null,
    ],
  },
  {
    table: 'approvals_raw',
    columns: [
      ['payment_id', INTEGER],
      ['person_id', INTEGER],
    ],
    select: 'SELECT payment_id, person_id FROM payment_approvals',
  },
  {
    table: 'officers_raw',
    columns: [
      ['id', INTEGER],
      ['cooperative_id', INTEGER],
      ['person_id', INTEGER],
      ['role', VARCHAR],
      ['term_start', VARCHAR],
      ['term_end', VARCHAR],
      ['ended_on', VARCHAR],
      ['name', VARCHAR],
      ['national_code', VARCHAR],
      ['mobile', VARCHAR],
      ['iban', VARCHAR],
      ['address', VARCHAR],
    ],
    select: `SELECT o.id, o.cooperative_id, o.person_id, o.role, o.term_start, o.term_end, o.ended_on,
      coalesce(l.name, trim(coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, ''))), p.national_code, p.mobile, p.iban, p.address
      FROM officers o LEFT JOIN persons p ON p.id = o.person_id LEFT JOIN legal_entities l ON l.id = o.legal_entity_id`,
  },
  {
    table: 'declarations',
    columns: [
      ['cooperative_id', INTEGER],
      ['officer_id', INTEGER],
      ['kind', VARCHAR],
      ['relation', VARCHAR],
      ['person_national_code', VARCHAR],
      ['person_name', VARCHAR],
      ['company_legal_id', VARCHAR],
      ['company_name', VARCHAR],
    ],
    select: `SELECT cooperative_id, officer_id, kind, relation, person_national_code, person_name, company_legal_id,
      company_name FROM interest_declarations`,
  },
];

/** Streams a SQLite query into a DuckDB table through the appender, a vector (2,048 rows) at a time. */
async function stage(
  connection: DuckDBConnection,
  sqlite: SqliteDatabase.Database,
  s: Staged,
): Promise<number> {
  await connection.run(
    `CREATE TABLE ${s.table} (${s.columns.map(([c, t]) => `${c} ${t.toString()}`).join(', ')})`,
  );
  const appender = await connection.createAppender(s.table);
  const types = s.columns.map(([, t]) => t);
  const width = types.length;
  const derive = s.derive;
  const read = derive ? width - derive([]).length : width;
  let columns: unknown[][] = types.map(() => []);
  let rows = 0;
  const flush = () => {
    const count = columns[0]?.length ?? 0;
    if (count === 0) return;
    const chunk = DuckDBDataChunk.create(types, count);
    chunk.setColumns(columns as never);
    appender.appendDataChunk(chunk);
    columns = types.map(() => []);
  };
  for (const row of sqlite.prepare(s.select).raw().iterate() as Iterable<unknown[]>) {
    for (let c = 0; c < read; c++) (columns[c] as unknown[]).push(row[c] ?? null);
    if (derive) for (const [k, v] of derive(row).entries()) (columns[read + k] as unknown[]).push(v);
    rows += 1;
    if ((columns[0] as unknown[]).length === DUCKDB_VECTOR) flush();
  }
  flush();
  appender.closeSync();
  return rows;
}

async function durationOf(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return (performance.now() - started) / 1000;
}

/**
 * Loads the benchmark's books from the SQLite file into DuckDB: staged through the appender, then
 * typed (DATE, BIGINT, sign-offs counted), with the holiday and calendar tables and the view the
 * rule queries read. Returns the seconds of each step.
 */
export async function loadDuckdb(
  connection: DuckDBConnection,
  file: string,
  today: string,
): Promise<{ readAppendSeconds: number; typeSeconds: number }> {
  const sqlite = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  let readAppendSeconds = 0;
  try {
    readAppendSeconds = await durationOf(async () => {
      for (const s of STAGED) await stage(connection, sqlite, s);
    });
  } finally {
    sqlite.close();
  }
  const paidRange = (
    await connection.runAndReadAll('SELECT min(paid_on), max(paid_on) FROM payments_raw')
  ).getRows()[0];
  const from = String(paidRange?.[0] ?? today);
  const to = String(paidRange?.[1] ?? today);
  const holidays = [...holidaysBetween(from, to)];
  // The Jalali month of every day of the period, as the spike rule numbers months (jy·12 + jm − 1).
  const calendar: Array<[string, number]> = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const j = toJalali(d);
    calendar.push([d, j.jy * 12 + j.jm - 1]);
  }
  const typeSeconds = await durationOf(async () => {
    await connection.run(`
      CREATE TABLE payments AS
      SELECT p.id, p.cooperative_id, p.external_id, p.direction, p.party_kind, p.party_name, p.party_national_code,
        p.party_legal_id, p.iban, CAST(p.amount_rials AS BIGINT) AS amount_rials, CAST(p.paid_on AS DATE) AS paid_on,
        p.category, p.invoice_ref, p.budget_line, p.contract_id, p.resolution_id, p.resolution_ref, p.required_approvals,
        coalesce(a.n, 0) AS approvals, CAST(p.recorded_on AS DATE) AS recorded_on, p.name_key, p.invoice_key_js
      FROM payments_raw p LEFT JOIN (SELECT payment_id, count(*) AS n FROM approvals_raw GROUP BY payment_id) a ON a.payment_id = p.id`);
    await connection.run(`
      CREATE TABLE officers AS
      SELECT id, cooperative_id, person_id, role, CAST(term_start AS DATE) AS term_start, CAST(term_end AS DATE) AS term_end,
        CAST(ended_on AS DATE) AS ended_on, name, national_code, mobile, iban, address FROM officers_raw`);
    await connection.run('CREATE TABLE holidays (day DATE)');
    if (holidays.length > 0)
      await connection.run(`INSERT INTO holidays VALUES ${holidays.map((d) => `('${d}')`).join(', ')}`);
    await connection.run('CREATE TABLE calendar (day DATE, jmonth INTEGER)');
    await connection.run(
      `INSERT INTO calendar VALUES ${calendar.map(([d, m]) => `('${d}', ${m})`).join(', ')}`,
    );
    await connection.run(PAYMENT_VIEW);
    await connection.run('DROP TABLE payments_raw');
    await connection.run('DROP TABLE approvals_raw');
    await connection.run('DROP TABLE officers_raw');
  });
  return { readAppendSeconds, typeSeconds };
}

async function duckdbPhase(
  ctx: OpenContext,
  file: string,
  rules: readonly Rule[],
  log: Log,
): Promise<{ result: DuckdbResult; keys: Map<string, Set<string>>; perRule: Map<string, number> }> {
  const rssBefore = process.memoryUsage.rss();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const version = String((await connection.runAndReadAll('SELECT version()')).getRows()[0]?.[0] ?? '');
    const threads = Number(
      (await connection.runAndReadAll("SELECT current_setting('threads')")).getRows()[0]?.[0] ?? 0,
    );
    const { readAppendSeconds, typeSeconds } = await loadDuckdb(connection, file, ctx.clock.today());
    log(
      `monitoring: DuckDB ${version}: loaded in ${(readAppendSeconds + typeSeconds).toFixed(2)} s (read + append ${readAppendSeconds.toFixed(2)} s, typing ${typeSeconds.toFixed(2)} s)`,
    );

    const thresholds = await loadThresholds(ctx.db);
    const queries = rules.flatMap((r) => {
      const sql = DUCKDB_RULES[r.id];
      return sql
        ? [
            {
              id: r.id,
              sql: sql(thresholds.get(r.id) ?? r.thresholds.parse({}), ctx.statute, ctx.clock.today()),
            },
          ]
        : [];
    });
    // The rows of every query, once (untimed): the keys to compare with ours.
    const keys = new Map<string, Set<string>>();
    for (const q of queries) {
      const rows = (await connection.runAndReadAll(q.sql)).getRows();
      keys.set(q.id, new Set(rows.map((r) => `${String(r[0])}|${String(r[1])}`)));
    }
    const perRuleRuns = new Map<string, number[]>(queries.map((q) => [q.id, []]));
    const cpuRuns: number[] = [];
    const allRules = async () => {
      let total = 0;
      const cpu = process.cpuUsage();
      for (const q of queries) {
        const s = await durationOf(() => connection.run(`SELECT count(*) FROM (${q.sql})`));
        perRuleRuns.get(q.id)?.push(s);
        total += s;
      }
      const used = process.cpuUsage(cpu);
      cpuRuns.push((used.user + used.system) / 1e6);
      return total;
    };
    const runs: number[] = [];
    for (let i = 0; i < DUCKDB_REPETITIONS; i++) runs.push(await allRules());
    const cpuSeconds = median(cpuRuns);
    const querySeconds = median(runs);
    const perRule = new Map([...perRuleRuns].map(([id, r]) => [id, median(r)]));
    await connection.run('SET threads = 1');
    const oneThread = [await allRules()];
    const rssGrowthMiB = (process.memoryUsage.rss() - rssBefore) / MiB;
    log(
      `monitoring: DuckDB: ${queries.length} rule queries in ${querySeconds.toFixed(3)} s (median of ${runs.map((r) => r.toFixed(3)).join(', ')}), one thread ${median(oneThread).toFixed(3)} s`,
    );
    return {
      result: {
        version,
        threads,
        load: { readAppendSeconds, typeSeconds, totalSeconds: readAppendSeconds + typeSeconds },
        runs,
        querySeconds,
        cpuSeconds,
        oneThreadSeconds: median(oneThread),
        rssGrowthMiB,
      },
      keys,
      perRule,
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

// ——— write latency and the drain ———

function draft(i: number, kind: 'payment.recorded' | 'alert.opened'): EntryDraft {
  const day = `2026-${String((i % 11) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
  return {
    kind,
    subject: null,
    data: {
      externalId: null,
      direction: 'payment',
      party: { kind: 'person', name: 'مریم احمدی', nationalCode: secret(String(1_000_000_000 + i)) },
      iban: secret(`IR0601200000000${String(i).padStart(9, '0')}`),
      amountRials: 1_000_000 + (i % 5_000) * 100_000,
      paidOn: day,
      category: 'services',
      invoiceRef: `INV-${i}`,
      budgetLine: 'هزینه‌های جاری',
      contractId: null,
      resolutionId: null,
      resolutionRef: null,
      requiredApprovals: 0,
      recordedOn: day,
      recordedById: 1,
      createdAt: '2026-11-28T09:30:00.000Z',
    },
    labels: { recordedBy: 'علی رضایی' },
  };
}

async function writePhase(size: Size, seed: number, today: string, log: Log): Promise<WriteLatency> {
  const file = join(DATA_DIR, 'monitoring-writes.sqlite');
  removeDatabase(file);
  const ctx = await openContext({ databaseUrl: null, sqliteFile: file, today, statuteFile: null });
  try {
    const sqlite = ctx.handle.sqlite;
    if (!sqlite) throw new Error('no SQLite connection');
    const counts = writeScanBooks(sqlite, { payments: DRAIN_COOPERATIVES * 2_000, seed: seed + 1, today });
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const coop = 1;
    const clearQueue = sqlite.prepare('DELETE FROM monitoring_queue');
    const append = (d: EntryDraft) => ctx.db.transaction().execute((tx) => appendEntries(tx, ctx, coop, [d]));
    const n = WRITES[size];
    for (let i = 0; i < WRITE_WARMUP; i++) {
      await append(draft(i, i % 2 === 0 ? 'payment.recorded' : 'alert.opened'));
      if (i % 3 === 0) clearQueue.run();
    }
    // Interleaved, in rotating order, so that drift (WAL growth, checkpoints, other load) hits all three alike.
    const noEnqueue: number[] = [];
    const enqueueInsert: number[] = [];
    const enqueueConflict: number[] = [];
    const timedAppend = async (d: EntryDraft, into: number[]) => {
      const started = performance.now();
      await append(d);
      into.push((performance.now() - started) * 1000);
    };
    collectGarbage();
    for (let i = 0; i < n; i++) {
      const base = WRITE_WARMUP + 3 * i;
      const steps = [
        () => timedAppend(draft(base, 'alert.opened'), noEnqueue),
        async () => {
          clearQueue.run();
          await timedAppend(draft(base + 1, 'payment.recorded'), enqueueInsert);
        },
        async () => {
          await ctx.db.transaction().execute((tx) => repo.enqueue(tx, coop, ctx.clock.now().toISOString()));
          await timedAppend(draft(base + 2, 'payment.recorded'), enqueueConflict);
        },
      ];
      for (let k = 0; k < 3; k++) await (steps[(i + k) % 3] as () => Promise<void>)();
    }
    // The upsert alone, timed inside the writer's transaction.
    const callInsert: number[] = [];
    const callConflict: number[] = [];
    for (let i = 0; i < n; i++) {
      clearQueue.run();
      for (const into of [callInsert, callConflict]) {
        await ctx.db.transaction().execute(async (tx) => {
          const started = performance.now();
          await repo.enqueue(tx, coop, ctx.clock.now().toISOString());
          into.push((performance.now() - started) * 1000);
        });
      }
    }
    const summary = (l: number[]) => `p50 ${latency(l).p50.toFixed(0)} µs`;
    log(
      `monitoring: single-entry appends: no enqueue ${summary(noEnqueue)}, enqueue (insert) ${summary(enqueueInsert)}, enqueue (already queued) ${summary(enqueueConflict)}; enqueue call alone ${summary(callInsert)} / ${summary(callConflict)}`,
    );

    // The drain: every cooperative queued, drained one at a time; then again (alerts known).
    clearQueue.run();
    const ids = (
      sqlite.prepare('SELECT id FROM cooperatives ORDER BY id').all() as Array<{ id: number }>
    ).map((r) => r.id);
    const thresholds = await loadThresholds(ctx.db);
    for (const id of ids.slice(0, 3)) await findingsOf(ctx, id, thresholds);
    const evaluateOnly: number[] = [];
    for (const id of ids) {
      const started = performance.now();
      await findingsOf(ctx, id, thresholds);
      evaluateOnly.push(performance.now() - started);
    }
    const drain = async () => {
      const at = ctx.clock.now().toISOString();
      for (const id of ids) await repo.enqueue(ctx.db, id, at);
      const times: number[] = [];
      let opened = 0;
      for (;;) {
        const started = performance.now();
        const r = await drainQueue(ctx, 1);
        if (r.cooperatives === 0) break;
        times.push(performance.now() - started);
        opened += r.opened;
      }
      return { times, opened };
    };
    collectGarbage();
    const first = await drain();
    const repeat = await drain();
    log(
      `monitoring: drainQueue per cooperative: first ${latency(first.times).p50.toFixed(1)} ms (p50; ${first.opened} alerts opened), repeat ${latency(repeat.times).p50.toFixed(1)} ms; findingsOf alone ${latency(evaluateOnly).p50.toFixed(1)} ms`,
    );
    const { RULES } = await import('../../src/monitoring/catalogue.ts');
    return {
      writes: n,
      noEnqueue: latency(noEnqueue),
      enqueueInsert: latency(enqueueInsert),
      enqueueConflict: latency(enqueueConflict),
      enqueueCallInsert: latency(callInsert),
      enqueueCallConflict: latency(callConflict),
      drainFirst: latency(first.times),
      drainRepeat: latency(repeat.times),
      evaluateOnly: latency(evaluateOnly),
      drainCooperatives: ids.length,
      drainPaymentsPerCooperative: counts.payments / Math.max(1, counts.cooperatives),
      alertsOpenedPerCooperative: first.opened / Math.max(1, ids.length),
      rulesInCatalogue: RULES.length,
    };
  } finally {
    await ctx.close();
    removeDatabase(file);
  }
}

// ——— the scenario ———

export async function runMonitoringBench(
  size: Size,
  payments: number,
  seed: number,
  today: string,
  log: Log,
): Promise<MonitoringResult> {
  const loadStart = os.loadavg()[0] ?? Number.NaN;
  const data = await prepareBooks(payments, seed, today, log);
  const rules = [...MONEY_RULES];
  log(`monitoring: ${rules.length} money rules: ${rules.map((r) => r.id).join(', ')}`);
  const ctx = await openContext({ databaseUrl: null, sqliteFile: data.file, today, statuteFile: null });
  let passes: ScanPass[] = [];
  const agreement: RuleAgreement[] = [];
  let duckdb: DuckdbResult | null = null;
  let cooperatives = 0;
  try {
    const sqlite = ctx.handle.sqlite;
    if (!sqlite) throw new Error('no SQLite connection');
    sqlite.pragma('cache_size = -65536');
    cooperatives = await repo.countCooperatives(ctx.db);
    const lean = await scanPass(
      ctx,
      'money',
      'money rules, books as the money rules read them (cooperative, officers, declarations, payments with approval counts)',
      moneyBooks,
      rules,
      log,
    );
    // Above a few million payments the second loader and the diagnostics would double the run:
    // `loadCooperativeBooks` is then left to the routine size, and the raw queries read a sample.
    const large = payments > FULL_LOADER_UP_TO;
    const full = large
      ? null
      : await scanPass(
          ctx,
          'full',
          'money rules, books loaded by `loadCooperativeBooks` (everything every rule reads, as `runScan` loads them)',
          loadCooperativeBooks,
          rules,
          log,
        );
    if (large)
      log(`monitoring: above ${FULL_LOADER_UP_TO} payments, the loadCooperativeBooks pass is skipped`);
    const every = Math.max(1, Math.ceil(payments / RAW_SAMPLE_PAYMENTS));
    const sample = every > 1 ? ` — every ${every}th cooperative` : '';
    const query = await paymentsQueryText(sqlite);
    const raw = await rawPass(
      ctx,
      'rawQuery',
      `the payments query of \`load-books.ts\` alone: its SQL text run by better-sqlite3, rows as objects, no rules${sample}`,
      query,
      every,
      log,
    );
    const rows = await rawPass(
      ctx,
      'rawRows',
      `the payment rows alone (same columns and order, no approval counts: no join, no grouping), better-sqlite3${sample}`,
      ROWS_ONLY,
      every,
      log,
    );
    passes = [lean, ...(full ? [full] : []), raw, rows];

    const duck = await duckdbPhase(ctx, data.file, rules, log);
    duckdb = duck.result;
    for (const rule of rules) {
      const ours = lean.fingerprints[rule.id] as Fingerprint;
      const oursFull = full?.fingerprints[rule.id] ?? null;
      const theirs = duck.keys.get(rule.id);
      const a: RuleAgreement = {
        ruleId: rule.id,
        ours: ours.count,
        oursFull: oursFull?.count ?? null,
        duckdb: theirs ? theirs.size : null,
        agree: null,
        onlyOurs: [],
        onlyDuckdb: [],
        duckdbSeconds: duck.perRule.get(rule.id) ?? null,
      };
      if (theirs) {
        const f: Fingerprint = { count: 0, h1: 0, h2: 0 };
        for (const k of theirs) addToFingerprint(f, k);
        a.agree = sameFingerprint(f, ours) && (oursFull === null || sameFingerprint(ours, oursFull));
        if (!a.agree) {
          const mine = await keysOf(ctx, moneyBooks, rule);
          a.onlyOurs = [...mine].filter((k) => !theirs.has(k)).slice(0, 5);
          a.onlyDuckdb = [...theirs].filter((k) => !mine.has(k)).slice(0, 5);
        }
      }
      log(
        `monitoring: ${rule.id}: ours ${a.ours}${a.oursFull === null ? '' : ` (loadCooperativeBooks ${a.oursFull})`}, DuckDB ${a.duckdb ?? '—'} → ${a.agree === null ? 'no SQL' : a.agree ? 'agree' : 'DIFFER'}`,
      );
      agreement.push(a);
    }
  } finally {
    await ctx.close();
  }
  if (!duckdb) throw new Error('DuckDB did not run');
  const writes = await writePhase(size, seed, today, log);

  return {
    data,
    cooperatives,
    rules: rules.map((r) => ({ id: r.id, title: r.title.en })),
    passes,
    agreement,
    duckdb,
    writes,
    load: { start: loadStart, end: os.loadavg()[0] ?? Number.NaN },
  };
}

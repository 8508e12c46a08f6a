import { sql } from 'kysely';
import type { Context } from '../../src/context/context.ts';
import { createRandom, type Random } from '../../src/demo/random.ts';
import { leafHashOf, nodeSha256 } from '../../src/ledger/append.ts';
import { publishCheckpoint } from '../../src/ledger/checkpoints.ts';
import { SUBJECT_TABLES } from '../../src/ledger/derive.repository.ts';
import { canonicalBody, type EntryBody } from '../../src/ledger/entry.ts';
import {
  appendLeaf,
  emptyFrontier,
  fromHex,
  frontierRoot,
  toBase64,
  toHex,
} from '../../src/ledger/merkle.ts';
import { receiptMessage } from '../../src/ledger/note.ts';
import { ephemeralSigner } from '../../src/ledger/signing-keys.ts';
import { type Problem, verifyLog } from '../../src/ledger/verify.ts';

/**
 * The tamper-and-locate suite shared by `tamper.db.test.ts` and `bench/tamper.ts`: edits one
 * byte of one stored row at a time — an entry row, a business row behind an entry, or a private
 * identifier — runs the verifier, checks that it names exactly the entry the edit is about, and
 * puts the byte back. Then whole-row attacks: delete, swap, insert, and a tail rewritten by
 * someone with database access but not the signing key.
 */

type Row = Record<string, unknown>;
/** What part of the data a row belongs to; the suite draws a group first, then a row in it. */
type Group = 'entry' | 'business' | 'secret' | 'receipt' | 'node';
type Target = { group: Group; table: string; key: Row; index: number; what: string };

/** How often each group is drawn: mostly entries and business rows, as the brief asks. */
const GROUP_WEIGHTS: ReadonlyArray<readonly [Group, number]> = [
  ['entry', 3],
  ['business', 3],
  ['secret', 1],
  ['receipt', 1],
  ['node', 1],
];

export type TamperCase = {
  what: string;
  table: string;
  column: string;
  before: unknown;
  after: unknown;
  /** The entry the verifier must name. */
  index: number;
  /** Other entries the edit is also about (a vote moved to another resolution changes both). */
  alsoAbout: number[];
};

export type TamperOutcome = { case: TamperCase; located: boolean; problems: Problem[]; ms: number };

export type TamperReport = {
  outcomes: TamperOutcome[];
  /** Drawn edits a constraint refused (drawn again). */
  refused: number;
  /** Wall-clock milliseconds per case: edit, verify, restore. */
  msPerCase: number;
};

const SUBJECT_TABLE = new Map(SUBJECT_TABLES.map(([table, prefix]) => [prefix, table as string]));
const fatal = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether the problems name `index` and no entry but it and `alsoAbout` (problems about no entry,
 * such as a business row without one, are allowed).
 */
export function namesExactly(
  problems: readonly Problem[],
  index: number,
  alsoAbout: readonly number[] = [],
): boolean {
  return (
    problems.some((p) => p.index === index) &&
    problems.every((p) => p.index === null || p.index === index || alsoAbout.includes(p.index))
  );
}

/** The entry recording a subject, if any. */
async function entryOf(ctx: Context, cooperativeId: number, subject: string): Promise<number | null> {
  const r = await sql<{ idx: number }>`
    select idx from ledger_entries where cooperative_id = ${cooperativeId} and subject = ${subject}`.execute(
    ctx.db,
  );
  return r.rows[0]?.idx ?? null;
}

function where(key: Row) {
  return sql.join(
    Object.entries(key).map(([c, v]) => sql`${sql.ref(c)} = ${v}`),
    sql` and `,
  );
}

async function selectRow(ctx: Context, table: string, key: Row): Promise<Row | undefined> {
  const r = await sql<Row>`select * from ${sql.table(table)} where ${where(key)}`.execute(ctx.db);
  return r.rows[0];
}

async function setColumn(ctx: Context, table: string, key: Row, column: string, value: unknown) {
  await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${value} where ${where(key)}`.execute(ctx.db);
}

/** A different value one byte (text, UTF-8) or one decimal digit (integer) away, or null. */
function editValue(rng: Random, value: unknown): unknown {
  if (typeof value === 'number') {
    const digits = String(value);
    const positions = [...digits].flatMap((c, i) => (/[0-9]/.test(c) ? [i] : []));
    const at = rng.pick(positions);
    const old = Number(digits[at]);
    const digit = (old + rng.int(1, 9)) % 10;
    return Number(`${digits.slice(0, at)}${digit}${digits.slice(at + 1)}`);
  }
  if (typeof value !== 'string' || value === '') return null;
  const bytes = Buffer.from(value, 'utf8');
  for (let attempt = 0; attempt < 20; attempt++) {
    const at = rng.int(0, bytes.length - 1);
    const old = bytes[at] as number;
    // Keep the byte's UTF-8 role: ASCII for ASCII, a continuation byte for one, a lead byte of
    // the same length for a lead byte — so the text stays valid and storable on both engines.
    const [lo, hi] =
      old < 0x80
        ? [0x20, 0x7e]
        : old < 0xc0
          ? [0x80, 0xbf]
          : old < 0xe0
            ? [0xc2, 0xdf]
            : old < 0xf0
              ? [0xe1, 0xec]
              : [0xf1, 0xf3];
    const next = rng.int(lo, hi);
    if (next === old) continue;
    const copy = Buffer.from(bytes);
    copy[at] = next;
    try {
      const text = fatal.decode(copy);
      if (!text.includes('\u0000')) return text;
    } catch {
      // not valid UTF-8 after all: draw again
    }
  }
  return null;
}

/** Every row the suite may edit, with the entry each is about. */
async function targets(ctx: Context, cooperativeId: number): Promise<Target[]> {
  const entries = await sql<{ idx: number; subject: string | null }>`
    select idx, subject from ledger_entries where cooperative_id = ${cooperativeId} order by idx`.execute(
    ctx.db,
  );
  const out: Target[] = [];
  for (const e of entries.rows) {
    out.push({
      group: 'entry',
      table: 'ledger_entries',
      key: { cooperative_id: cooperativeId, idx: e.idx },
      index: e.idx,
      what: 'entry',
    });
    if (!e.subject) continue;
    const [prefix, id] = e.subject.split(':') as [string, string];
    const table = SUBJECT_TABLE.get(prefix);
    if (table) out.push({ group: 'business', table, key: { id: Number(id) }, index: e.idx, what: e.subject });
    if (prefix === 'approval') {
      const [payment, person] = id.split('.').map(Number);
      out.push({
        group: 'business',
        table: 'payment_approvals',
        key: { payment_id: payment, person_id: person },
        index: e.idx,
        what: e.subject,
      });
    }
    if (prefix === 'resolution') {
      const votes = await sql<{ officer_id: number }>`
        select officer_id from resolution_votes where resolution_id = ${Number(id)}`.execute(ctx.db);
      for (const v of votes.rows) {
        out.push({
          group: 'business',
          table: 'resolution_votes',
          key: { resolution_id: Number(id), officer_id: v.officer_id },
          index: e.idx,
          what: `${e.subject} vote`,
        });
      }
    }
  }
  const secrets = await sql<{ idx: number; path: string }>`
    select idx, path from ledger_secrets where cooperative_id = ${cooperativeId}`.execute(ctx.db);
  for (const s of secrets.rows) {
    out.push({
      group: 'secret',
      table: 'ledger_secrets',
      key: { cooperative_id: cooperativeId, idx: s.idx, path: s.path },
      index: s.idx,
      what: `secret ${s.path}`,
    });
  }
  const receipts = await sql<{ first_idx: number }>`
    select first_idx from ledger_receipts where cooperative_id = ${cooperativeId}`.execute(ctx.db);
  for (const r of receipts.rows) {
    out.push({
      group: 'receipt',
      table: 'ledger_receipts',
      key: { cooperative_id: cooperativeId, first_idx: r.first_idx },
      index: r.first_idx,
      what: `receipt ${r.first_idx}`,
    });
  }
  const nodes = await sql<{ level: number; idx: number }>`
    select level, idx from ledger_nodes where cooperative_id = ${cooperativeId}`.execute(ctx.db);
  for (const n of nodes.rows) {
    out.push({
      group: 'node',
      table: 'ledger_nodes',
      key: { cooperative_id: cooperativeId, level: n.level, idx: n.idx },
      index: n.idx * 2 ** n.level, // a node is about the first entry under it
      what: `node ${n.level}/${n.idx}`,
    });
  }

  return out;
}

/**
 * An edit of a key column moves a row to another place, which the problems may name too: a
 * vote moved to another resolution (that resolution's entry), a receipt moved to another first
 * index, a node moved to another level or position (the first entry under it there).
 */
async function movedTo(ctx: Context, cooperativeId: number, target: Target, column: string, after: unknown) {
  if (target.table === 'resolution_votes' && column === 'resolution_id') {
    const other = await entryOf(ctx, cooperativeId, `resolution:${after}`);
    return other === null ? [] : [other];
  }
  if (target.table === 'ledger_receipts' && column === 'first_idx') return [after as number];
  if (target.table === 'ledger_nodes' && (column === 'level' || column === 'idx')) {
    const moved = { ...(target.key as { level: number; idx: number }), [column]: after as number };
    return [moved.idx * 2 ** moved.level];
  }
  return [];
}

/** Columns a one-byte edit may touch: not the secret's entry or log (that moves it to another entry). */
function editable(table: string, column: string): boolean {
  return !(table === 'ledger_secrets' && (column === 'idx' || column === 'cooperative_id'));
}

/**
 * Runs `cases` random one-byte edits on the cooperative's log and business rows. Each is
 * undone before the next; the log verifies clean before and after (checked by the caller).
 */
export async function runTamperSuite(
  ctx: Context,
  cooperativeId: number,
  options: { seed: number; cases: number },
): Promise<TamperReport> {
  const rng = createRandom(options.seed);
  const all = await targets(ctx, cooperativeId);
  const groups = GROUP_WEIGHTS.map(([g, w]) => [all.filter((t) => t.group === g), w] as const).filter(
    ([ts]) => ts.length > 0,
  );
  const outcomes: TamperOutcome[] = [];
  let refused = 0;
  const started = performance.now();
  while (outcomes.length < options.cases) {
    const target = rng.pick(rng.weighted(groups));
    const row = await selectRow(ctx, target.table, target.key);
    if (!row) throw new Error(`no ${target.table} row ${JSON.stringify(target.key)}`);
    const columns = Object.keys(row).filter((c) => row[c] !== null && editable(target.table, c));
    const column = rng.pick(columns);
    const before = row[column];
    const after = editValue(rng, before);
    if (after === null || after === before) continue;
    try {
      await setColumn(ctx, target.table, target.key, column, after);
    } catch {
      refused++; // a uniqueness, foreign-key or check constraint: draw again
      continue;
    }
    const movedKey = column in target.key ? { ...target.key, [column]: after } : target.key;
    const t = performance.now();
    const result = await verifyLog(ctx, cooperativeId);
    const ms = performance.now() - t;
    await setColumn(ctx, target.table, movedKey, column, before);
    const alsoAbout = await movedTo(ctx, cooperativeId, target, column, after);
    const tamper: TamperCase = {
      what: target.what,
      table: target.table,
      column,
      before,
      after,
      index: target.index,
      alsoAbout,
    };
    outcomes.push({
      case: tamper,
      located: namesExactly(result.problems, target.index, alsoAbout),
      problems: result.problems,
      ms,
    });
  }

  return { outcomes, refused, msPerCase: (performance.now() - started) / Math.max(1, outcomes.length) };
}

// ——— Whole-row attacks ———

type LedgerRows = {
  entries: Row[];
  nodes: Row[];
  receipts: Row[];
  checkpoints: Row[];
  head: Row | undefined;
};

async function snapshot(ctx: Context, cooperativeId: number): Promise<LedgerRows> {
  const all = async (table: string) =>
    (
      await sql<Row>`select * from ${sql.table(table)} where cooperative_id = ${cooperativeId}`.execute(
        ctx.db,
      )
    ).rows;
  return {
    entries: await all('ledger_entries'),
    nodes: await all('ledger_nodes'),
    receipts: await all('ledger_receipts'),
    checkpoints: await all('ledger_checkpoints'),
    head: (await all('ledger_logs'))[0],
  };
}

async function insertRows(ctx: Context, table: string, rows: Row[]) {
  for (const r of rows) {
    const cols = Object.keys(r);
    await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) values (${sql.join(
      cols.map((c) => r[c]),
    )})`.execute(ctx.db);
  }
}

/** Puts the log's own tables back as they were (entries, nodes, receipts, checkpoints, head). */
async function restore(ctx: Context, cooperativeId: number, saved: LedgerRows) {
  for (const table of ['ledger_entries', 'ledger_nodes', 'ledger_receipts', 'ledger_checkpoints']) {
    await sql`delete from ${sql.table(table)} where cooperative_id = ${cooperativeId}`.execute(ctx.db);
  }
  await insertRows(ctx, 'ledger_entries', saved.entries);
  await insertRows(ctx, 'ledger_nodes', saved.nodes);
  await insertRows(ctx, 'ledger_receipts', saved.receipts);
  await insertRows(ctx, 'ledger_checkpoints', saved.checkpoints);
  if (saved.head) {
    const { cooperative_id: _, ...rest } = saved.head;
    for (const [c, v] of Object.entries(rest))
      await setColumn(ctx, 'ledger_logs', { cooperative_id: cooperativeId }, c, v);
  }
}

/** What an attacker with database access does after editing entries: recompute nodes and head. */
export async function recomputeTree(ctx: Context, cooperativeId: number): Promise<void> {
  const rows = await sql<{ idx: number; leaf_hash: string }>`
    select idx, leaf_hash from ledger_entries where cooperative_id = ${cooperativeId} order by idx`.execute(
    ctx.db,
  );
  let frontier = emptyFrontier();
  const nodes: Row[] = [];
  for (const r of rows.rows) {
    const next = appendLeaf(frontier, fromHex(r.leaf_hash), nodeSha256);
    frontier = next.frontier;
    for (const n of next.completed) {
      nodes.push({ cooperative_id: cooperativeId, level: n.level, idx: n.index, hash: toHex(n.hash) });
    }
  }
  await sql`delete from ledger_nodes where cooperative_id = ${cooperativeId}`.execute(ctx.db);
  await insertRows(ctx, 'ledger_nodes', nodes);
  const key = { cooperative_id: cooperativeId };
  await setColumn(ctx, 'ledger_logs', key, 'size', frontier.size);
  await setColumn(ctx, 'ledger_logs', key, 'root_hash', toHex(frontierRoot(frontier, nodeSha256)));
  await setColumn(ctx, 'ledger_logs', key, 'frontier', frontier.hashes.map(toHex).join(','));
}

/** Rewrites an entry's body with `change` and recomputes its leaf hash (as an attacker would). */
export async function rewriteEntry(
  ctx: Context,
  cooperativeId: number,
  idx: number,
  change: (body: EntryBody) => EntryBody,
): Promise<void> {
  const row = await selectRow(ctx, 'ledger_entries', { cooperative_id: cooperativeId, idx });
  if (!row) throw new Error(`no entry ${idx}`);
  const body = canonicalBody(change(JSON.parse(row.body as string) as EntryBody));
  const key = { cooperative_id: cooperativeId, idx };
  await setColumn(ctx, 'ledger_entries', key, 'body', body);
  await setColumn(ctx, 'ledger_entries', key, 'leaf_hash', leafHashOf(body));
}

export type ReceiptForgery = 'delete' | 'garbage' | 'own-key';

/**
 * The tail attack: every entry from `from` on gets a new recorded-at time (the attacker's
 * rewrite of history), leaf hashes, nodes and head are recomputed, stored checkpoints past
 * `from` are deleted, and the tail's receipts are deleted, replaced by garbage signatures under
 * the log's key id, or re-signed with the attacker's own key.
 */
export async function rewriteTail(
  ctx: Context,
  cooperativeId: number,
  from: number,
  forgery: ReceiptForgery,
): Promise<void> {
  const rows = await sql<{ idx: number }>`
    select idx from ledger_entries where cooperative_id = ${cooperativeId} and idx >= ${from} order by idx`.execute(
    ctx.db,
  );
  const recordedAt = '2026-11-28T00:00:00.000Z';
  for (const r of rows.rows) {
    await rewriteEntry(ctx, cooperativeId, r.idx, (b) => ({ ...b, recordedAt }));
    await setColumn(
      ctx,
      'ledger_entries',
      { cooperative_id: cooperativeId, idx: r.idx },
      'recorded_at',
      recordedAt,
    );
  }
  await recomputeTree(ctx, cooperativeId);
  await sql`delete from ledger_checkpoints where cooperative_id = ${cooperativeId} and size > ${from}`.execute(
    ctx.db,
  );
  const receipts = await sql<{ first_idx: number; leaf_hashes: string; key_id: string }>`
    select first_idx, leaf_hashes, key_id from ledger_receipts
    where cooperative_id = ${cooperativeId} and first_idx >= ${from}`.execute(ctx.db);
  await sql`delete from ledger_receipts where cooperative_id = ${cooperativeId} and first_idx >= ${from}`.execute(
    ctx.db,
  );
  if (forgery === 'delete') return;
  const attacker = ephemeralSigner(ctx.ledger.name);
  const origin = `${ctx.ledger.name}/c/${cooperativeId}`;
  for (const r of receipts.rows) {
    const n = r.leaf_hashes.split(',').length;
    const hashes = (
      await sql<{ leaf_hash: string }>`
        select leaf_hash from ledger_entries where cooperative_id = ${cooperativeId}
        and idx >= ${r.first_idx} and idx < ${r.first_idx + n} order by idx`.execute(ctx.db)
    ).rows.map((x) => x.leaf_hash);
    const message = receiptMessage(origin, r.first_idx, hashes);
    const digest = nodeSha256(Buffer.from(message));
    const signature =
      forgery === 'own-key' ? toBase64(attacker.sign(message)) : toBase64(Buffer.concat([digest, digest]));
    await insertRows(ctx, 'ledger_receipts', [
      {
        cooperative_id: cooperativeId,
        first_idx: r.first_idx,
        leaf_hashes: hashes.join(','),
        key_id: forgery === 'own-key' ? attacker.current.keyId : r.key_id,
        signature,
      },
    ]);
  }
}

export type AttackOutcome = {
  name: string;
  expected: number[];
  located: boolean;
  problems: Problem[];
  ms: number;
};

/**
 * Whole-row attacks, each undone afterwards: delete an entry, swap two, insert one past the
 * head (alone, and with the head and nodes recomputed), and rewrite the tail without the key
 * (receipts deleted, garbage, or signed with another key), checked against a checkpoint a
 * member kept before the attack. `located`: the problems name the expected entries and, for a
 * tail, nothing before it.
 */
export async function runAttacks(
  ctx: Context,
  cooperativeId: number,
  options: { seed: number; rounds: number },
): Promise<AttackOutcome[]> {
  const rng = createRandom(options.seed);
  const outcomes: AttackOutcome[] = [];
  const kept = await publishCheckpoint(ctx, cooperativeId);
  if (!kept) throw new Error('no log');
  const size = kept.size;
  const attack = async (
    name: string,
    expected: number[],
    allowed: (index: number) => boolean,
    run: () => Promise<void>,
    savedCheckpoint?: string,
  ) => {
    const saved = await snapshot(ctx, cooperativeId);
    await run();
    const t = performance.now();
    const result = await verifyLog(
      ctx,
      cooperativeId,
      savedCheckpoint === undefined ? {} : { savedCheckpoint },
    );
    const ms = performance.now() - t;
    await restore(ctx, cooperativeId, saved);
    const indices = new Set(result.problems.flatMap((p) => (p.index === null ? [] : [p.index])));
    const located = expected.every((i) => indices.has(i)) && [...indices].every(allowed);
    outcomes.push({ name, expected, located, problems: result.problems, ms });
  };
  for (let round = 0; round < options.rounds; round++) {
    const i = rng.int(1, size - 2);
    await attack(
      `delete entry ${i}`,
      [i],
      (x) => x === i,
      async () => {
        await sql`delete from ledger_entries where cooperative_id = ${cooperativeId} and idx = ${i}`.execute(
          ctx.db,
        );
      },
    );
    const a = rng.int(1, size - 3);
    const b = rng.int(a + 1, size - 1);
    await attack(
      `swap entries ${a} and ${b}`,
      [a, b],
      (x) => x === a || x === b,
      async () => {
        const key = (idx: number) => ({ cooperative_id: cooperativeId, idx });
        await setColumn(ctx, 'ledger_entries', key(a), 'idx', -1);
        await setColumn(ctx, 'ledger_entries', key(b), 'idx', a);
        await setColumn(ctx, 'ledger_entries', key(-1), 'idx', b);
      },
    );
    const copied = rng.int(1, size - 1);
    const insert = async () => {
      const row = await selectRow(ctx, 'ledger_entries', { cooperative_id: cooperativeId, idx: copied });
      if (!row) throw new Error('no entry to copy');
      const body = canonicalBody({ ...(JSON.parse(row.body as string) as EntryBody), index: size });
      await insertRows(ctx, 'ledger_entries', [{ ...row, idx: size, body, leaf_hash: leafHashOf(body) }]);
    };
    await attack(`insert entry ${size} (a copy of ${copied})`, [size], (x) => x === size, insert);
    await attack(
      `insert entry ${size} (a copy of ${copied}) with the head and nodes recomputed`,
      [size],
      (x) => x === size,
      async () => {
        await insert();
        await recomputeTree(ctx, cooperativeId);
      },
    );
    const from = rng.int(Math.floor(size / 2), size - 2);
    for (const forgery of ['delete', 'garbage', 'own-key'] as const) {
      await attack(
        `rewrite entries ${from}–${size - 1} without the key, receipts: ${forgery}`,
        [from],
        (x) => x >= from && x < size,
        () => rewriteTail(ctx, cooperativeId, from, forgery),
        kept.note,
      );
    }
  }

  return outcomes;
}

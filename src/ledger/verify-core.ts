import type { Bilingual } from '../errors/app-error.ts';
import { canonicalBody, commitment, type EntryBody } from './entry.ts';
import {
  defaultSha256,
  emptyRoot,
  fromBase64,
  fromHex,
  type Hash,
  leafHash,
  nodeHash,
  type Sha256,
  toBase64,
  toHex,
} from './merkle.ts';
import {
  formatNote,
  type NoteVerifier,
  parseNote,
  receiptMessage,
  signatureLine,
  verifySignature,
} from './note.ts';
import { type LogKey, verifierOf } from './signing-keys.ts';

/**
 * The offline check of one cooperative's log, as a pure function over the rows a database or an
 * export file holds. It trusts nothing the database could rewrite on its own: the batch
 * receipts' signatures (made with a key outside the database) say which leaf hash each index
 * had when it was appended, so an entry altered together with its leaf hash, the nodes and the
 * head is still named; checkpoints, stored or kept by a member, catch a rewrite of whole
 * batches whose receipts were replaced. Every problem names the entry it is about.
 */

export const PROBLEM_CODES = [
  'entry_altered',
  'entry_missing',
  'entry_inserted',
  'entry_out_of_order',
  'receipt_invalid',
  'receipt_missing',
  'head_mismatch',
  'node_mismatch',
  'checkpoint_invalid',
  'checkpoint_mismatch',
  'secret_mismatch',
  'row_mismatch',
  'row_missing',
  'row_unlogged',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One thing wrong with a log: the entry it is about (null when none is), and why. */
export type Problem = { index: number | null; subject?: string; code: ProblemCode; message: Bilingual };

export type VerifyResult = { ok: boolean; size: number; rootHash: string; problems: Problem[] };

export type LogEntryRow = {
  idx: number;
  kind: string;
  subject: string | null;
  recordedAt: string;
  body: string;
  leafHash: string;
};
export type LogReceiptRow = { firstIdx: number; leafHashes: string[]; keyId: string; signature: string };
export type LogNodeRow = { level: number; idx: number; hash: string };
export type LogHead = { size: number; rootHash: string; frontier: string };
export type LogCosignature = { signatureLine: string; name: string; keyId: string; publicKey: string };
export type LogCheckpointRow = {
  size: number;
  rootHash: string;
  note: string;
  keyId: string;
  cosignatures: LogCosignature[];
};
export type LogSecretRow = { idx: number; path: string; salt: string; value: string };

/** Everything the check reads; `secrets` is null when they are not at hand (an export file). */
export type LogData = {
  origin: string;
  keys: readonly LogKey[];
  head: LogHead | null;
  entries: readonly LogEntryRow[];
  receipts: readonly LogReceiptRow[];
  nodes: readonly LogNodeRow[];
  checkpoints: readonly LogCheckpointRow[];
  secrets: readonly LogSecretRow[] | null;
};

export type SignatureCheck = (verifier: NoteVerifier, message: string, signature: Uint8Array) => boolean;

export type CoreOptions = {
  /** A signed checkpoint note a member kept. */
  savedCheckpoint?: string;
  sha256?: Sha256;
  /** Ed25519 verification (note.ts's pure one by default; the server passes node:crypto's). */
  verifySignature?: SignatureCheck;
};

/** An entry body as found at a position, for re-derivation: the index it is attributed to. */
export type FoundBody = { index: number; body: EntryBody };

export type CoreResult = VerifyResult & {
  /** Parsed bodies of the entries in the log, by the index problems about them should name. */
  bodies: FoundBody[];
  /** Every subject the log's rows name (columns and bodies), for the coverage check. */
  subjects: Set<string>;
};

// ——— messages ———

const FA_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const fa = (n: number) => String(n).replace(/[0-9]/g, (d) => FA_DIGITS[Number(d)] as string);
const enRange = (a: number, b: number) => (a === b ? `entry ${a}` : `entries ${a}–${b}`);
const faRange = (a: number, b: number) => (a === b ? `ثبت ${fa(a)}` : `ثبت‌های ${fa(a)} تا ${fa(b)}`);

/** Problems by the index they name (those naming none last), stable otherwise. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems
    .map((p, order) => ({ p, order }))
    .sort((x, y) => {
      const a = x.p.index ?? Number.POSITIVE_INFINITY;
      const b = y.p.index ?? Number.POSITIVE_INFINITY;
      return a === b ? x.order - y.order : a - b;
    })
    .map((x) => x.p);
}

/** Consecutive runs of sorted integers, as [first, last] pairs. */
function runs(sorted: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] === n - 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

const isHex64 = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);

function decodeBase64(s: string): Uint8Array | null {
  try {
    return fromBase64(s);
  } catch {
    return null;
  }
}

function parseBody(text: string): EntryBody | null {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as EntryBody) : null;
  } catch {
    return null;
  }
}

/** The value at a dotted path (`data.party.nationalCode`, `data.votes.0.x`) inside a body. */
function atPath(root: unknown, path: string): unknown {
  let v = root;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** Paths of every `{commitment}` object inside `data` and `labels` of a body. */
function commitmentPaths(body: EntryBody): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${path}.${i}`);
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      if (
        keys.length === 1 &&
        keys[0] === 'commitment' &&
        isHex64((v as { commitment: unknown }).commitment)
      ) {
        out.push(path);
        return;
      }
      for (const k of keys) walk((v as Record<string, unknown>)[k], `${path}.${k}`);
    }
  };
  walk(body.data, 'data');
  walk(body.labels, 'labels');
  return out;
}

const encoder = new TextEncoder();

/** Checks a log; see the file comment. Problems are sorted by the index they name. */
export function verifyLogData(data: LogData, options: CoreOptions = {}): CoreResult {
  const sha = options.sha256 ?? defaultSha256;
  const checkSignature = options.verifySignature ?? verifySignature;
  const { origin } = data;
  const problems: Problem[] = [];
  const add = (index: number | null, code: ProblemCode, en: string, faText: string, subject?: string) => {
    problems.push({
      index,
      code,
      message: { fa: faText, en },
      ...(subject !== undefined ? { subject } : {}),
    });
  };
  const logKeys = data.keys.map((k) => ({ key: k, verifier: verifierOf(k) }));
  const keyById = new Map(logKeys.map((k) => [k.key.keyId, k]));

  // ——— 1. Receipts: which leaf hash the log key signed for each index ———
  const trusted = new Map<number, string>();
  const coveredByBadReceipt = new Set<number>();
  let signedEnd = 0;
  const receipts = [...data.receipts].sort((a, b) => a.firstIdx - b.firstIdx);
  // Invalid receipts, consecutive ones with the same fault merged into one problem.
  const badReceipts: Array<{ first: number; last: number; why: { en: string; fa: string } }> = [];
  for (const r of receipts) {
    const n = r.leafHashes.length;
    const last = r.firstIdx + Math.max(n, 1) - 1;
    const k = keyById.get(r.keyId);
    const signature = decodeBase64(r.signature);
    let why: { en: string; fa: string } | null = null;
    if (!Number.isSafeInteger(r.firstIdx) || r.firstIdx < 0 || n === 0 || !r.leafHashes.every(isHex64)) {
      why = { en: 'it is malformed', fa: 'ساختار آن نادرست است' };
    } else if (signature && toBase64(signature) !== r.signature) {
      // Base64 has spare bits: a signature with one flipped would still verify, so the text must be the canonical one.
      why = { en: 'its signature is not in canonical base64', fa: 'امضای آن base64 متعارف نیست' };
    } else if (!k) {
      why = {
        en: `its key ${r.keyId} is not a key of the log`,
        fa: `کلید ${r.keyId} از کلیدهای دفتر نیست`,
      };
    } else if (
      !signature ||
      !checkSignature(k.verifier, receiptMessage(origin, r.firstIdx, r.leafHashes), signature)
    ) {
      why = { en: 'its signature does not verify', fa: 'امضای آن درست نیست' };
    }
    if (why) {
      const previous = badReceipts[badReceipts.length - 1];
      if (previous && previous.why.en === why.en && previous.last === r.firstIdx - 1) previous.last = last;
      else badReceipts.push({ first: r.firstIdx, last, why });
      for (let i = r.firstIdx; i <= last && Number.isSafeInteger(i); i++) coveredByBadReceipt.add(i);
      continue;
    }
    r.leafHashes.forEach((h, j) => {
      const i = r.firstIdx + j;
      const before = trusted.get(i);
      if (before !== undefined && before !== h) {
        add(
          i,
          'receipt_invalid',
          `entry ${i} has two signed receipts with different leaf hashes`,
          `ثبت ${fa(i)} دو رسید امضاشده با درهم‌های متفاوت دارد`,
        );
      }
      trusted.set(i, h);
    });
    signedEnd = Math.max(signedEnd, r.firstIdx + n);
  }

  for (const { first, last, why } of badReceipts) {
    const many = first !== last;
    add(
      Number.isSafeInteger(first) ? first : null,
      'receipt_invalid',
      `the receipt${many ? 's' : ''} of ${enRange(first, last)} ${many ? 'are' : 'is'} not valid: ${why.en}`,
      `رسید ${faRange(first, last)} معتبر نیست: ${why.fa}`,
    );
  }

  // ——— 2. The size of the log ———
  const goodRows = data.entries.filter((e) => Number.isSafeInteger(e.idx) && e.idx >= 0);
  const rowEnd = goodRows.reduce((m, e) => Math.max(m, e.idx + 1), 0);
  const head = data.head;
  // The signed receipts say how long the log is at least; the head, at most as far as rows
  // exist — rows that continue the signed part without a gap: a row at position 10^12 is
  // inserted, not the end of a log of 10^12 missing entries.
  const positions = new Set(goodRows.map((e) => e.idx));
  let rowsEnd = signedEnd;
  while (positions.has(rowsEnd)) rowsEnd++;
  const size = Math.min(
    head
      ? Math.max(signedEnd, Math.min(head.size, Math.max(rowEnd, signedEnd)))
      : Math.max(rowEnd, signedEnd),
    rowsEnd,
  );
  if (!head) {
    add(null, 'head_mismatch', 'the log has no head', 'سرِ دفتر (اندازه و ریشه) پیدا نشد');
  } else if (head.size !== size) {
    if (head.size < size) {
      add(
        head.size,
        'head_mismatch',
        `the head says the log has ${head.size} entries, but ${enRange(head.size, size - 1)} are signed: they were cut off`,
        `سرِ دفتر ${fa(head.size)} ثبت می‌گوید اما ${faRange(head.size, size - 1)} امضا شده‌اند: بریده شده‌اند`,
      );
    } else {
      add(
        size,
        'head_mismatch',
        `the head says the log has ${head.size} entries, but it holds ${size}`,
        `سرِ دفتر ${fa(head.size)} ثبت می‌گوید اما دفتر ${fa(size)} ثبت دارد`,
      );
    }
  }

  // ——— 3. Entry rows ———
  type Found = { row: LogEntryRow; body: EntryBody | null; leaf: string };
  const found: Found[] = data.entries.map((row) => ({
    row,
    body: parseBody(row.body),
    leaf: toHex(leafHash(encoder.encode(row.body), sha)),
  }));
  const byIdx = new Map<number, Found[]>();
  for (const f of found) {
    const list = byIdx.get(f.row.idx);
    if (list) list.push(f);
    else byIdx.set(f.row.idx, [f]);
  }
  /**
   * A genuine entry (its leaf is the signed one for the index its body names) stored elsewhere,
   * while its own position does not hold it (else this row is an inserted copy).
   */
  const misplaced = (f: Found): number | null => {
    const q = f.body?.index;
    if (typeof q !== 'number' || q === f.row.idx || q < 0 || q >= size || trusted.get(q) !== f.leaf)
      return null;
    return byIdx.get(q)?.some((g) => g.leaf === f.leaf) ? null : q;
  };
  const claimed = new Map<number, string>();
  for (const f of found) {
    const q = misplaced(f);
    if (q !== null) claimed.set(q, f.leaf);
  }
  /** The recomputed leaf of the entry stored at each position (undefined when none or several). */
  const rowLeaf = new Map<number, string>();
  const bodies: FoundBody[] = [];
  const subjects = new Set<string>();
  for (const f of found) {
    if (f.row.subject !== null) subjects.add(f.row.subject);
    if (typeof f.body?.subject === 'string') subjects.add(f.body.subject);
  }
  const missing: number[] = [];
  const inserted: number[] = [];

  const checkRow = (f: Found, p: number) => {
    const { row, body } = f;
    if (!body) {
      add(
        p,
        'entry_altered',
        `entry ${p} was altered: its body is not a JSON object`,
        `ثبت ${fa(p)} دستکاری شده است: متن آن JSON معتبری نیست`,
      );
      return;
    }
    if (body.index !== p) {
      const q = misplaced(f);
      if (q !== null) {
        add(
          q,
          'entry_out_of_order',
          `entry ${q} is stored at position ${p}`,
          `ثبت ${fa(q)} در جای ${fa(p)} نگه داشته شده است`,
        );
        bodies.push({ index: q, body });
      } else {
        add(
          p,
          'entry_altered',
          `entry ${p} was altered: its body says it is entry ${String(body.index)}`,
          `ثبت ${fa(p)} دستکاری شده است: متن آن شمارهٔ ${fa(Number(body.index))} را می‌گوید`,
        );
        bodies.push({ index: p, body });
      }
      return;
    }
    bodies.push({ index: p, body });
    const reasons: Array<[string, string]> = [];
    const signed = trusted.get(p);
    if (signed !== undefined && signed !== f.leaf) {
      reasons.push([
        'its body does not hash to the leaf hash its receipt signed',
        'درهمِ متن آن با درهمی که رسیدش امضا کرده یکی نیست',
      ]);
    }
    let canonical = false;
    try {
      canonical = canonicalBody(body) === row.body;
    } catch {
      canonical = false;
    }
    if (!canonical) reasons.push(['its body is not canonical JSON', 'متن آن JSON متعارف نیست']);
    if (body.v !== 1) reasons.push(['its body has an unknown version', 'نسخهٔ متن آن ناشناخته است']);
    if (body.log !== origin)
      reasons.push([`its body names another log (${String(body.log)})`, 'متن آن دفتر دیگری را نام می‌برد']);
    if (body.kind !== row.kind)
      reasons.push(['its kind column differs from its body', 'ستون نوع آن با متنش نمی‌خواند']);
    if (body.subject !== row.subject)
      reasons.push(['its subject column differs from its body', 'ستون موضوع آن با متنش نمی‌خواند']);
    if (body.recordedAt !== row.recordedAt) {
      reasons.push(['its recorded-at column differs from its body', 'ستون زمان ثبت آن با متنش نمی‌خواند']);
    }
    if (row.leafHash !== f.leaf) {
      reasons.push(['its leaf hash column is not the hash of its body', 'ستون درهم برگ آن درهم متنش نیست']);
    }
    if (reasons.length > 0) {
      add(
        p,
        'entry_altered',
        `entry ${p} was altered: ${reasons.map((r) => r[0]).join('; ')}`,
        `ثبت ${fa(p)} دستکاری شده است: ${reasons.map((r) => r[1]).join('؛ ')}`,
      );
    }
  };

  for (let p = 0; p < size; p++) {
    const here = byIdx.get(p);
    if (!here) {
      if (!claimed.has(p)) missing.push(p);
      continue;
    }
    if (here.length === 1) {
      rowLeaf.set(p, (here[0] as Found).leaf);
      checkRow(here[0] as Found, p);
      continue;
    }
    // Several rows claim one position (possible only in an export file): the signed one stays.
    const signed = trusted.get(p);
    const genuine = here.find((f) => f.leaf === signed) ?? (here[0] as Found);
    rowLeaf.set(p, genuine.leaf);
    checkRow(genuine, p);
    for (const f of here) {
      if (f === genuine) continue;
      add(
        p,
        'entry_inserted',
        `a second row claims to be entry ${p}`,
        `سطر دیگری هم ادعا می‌کند ثبت ${fa(p)} است`,
      );
    }
  }
  for (const f of found) {
    const i = f.row.idx;
    if (Number.isSafeInteger(i) && i >= 0 && i < size) continue;
    const q = misplaced(f);
    if (q !== null) {
      add(
        q,
        'entry_out_of_order',
        `entry ${q} is stored at position ${i}`,
        `ثبت ${fa(q)} در جای ${fa(i)} نگه داشته شده است`,
      );
      if (f.body) bodies.push({ index: q, body: f.body });
    } else if (Number.isSafeInteger(i) && i >= 0) {
      inserted.push(i);
    } else {
      add(
        null,
        'entry_inserted',
        `a row has the invalid position ${String(i)}`,
        `سطری جای نامعتبر ${String(i)} دارد`,
      );
    }
  }
  for (const [a, b] of runs(missing)) {
    add(
      a,
      'entry_missing',
      `${enRange(a, b)} ${a === b ? 'is' : 'are'} missing: deleted from the log`,
      `${faRange(a, b)} از دفتر حذف شده است`,
    );
  }
  for (const [a, b] of runs([...new Set(inserted)].sort((x, y) => x - y))) {
    add(
      a,
      'entry_inserted',
      `${enRange(a, b)} ${a === b ? 'was' : 'were'} inserted past the end of the log (size ${size})`,
      `${faRange(a, b)} پس از پایان دفتر (اندازهٔ ${fa(size)}) افزوده شده است`,
    );
  }

  // Entries in the log without a signed receipt (neither a valid nor an invalid one).
  const unsigned: number[] = [];
  for (let p = 0; p < size; p++) if (!trusted.has(p) && !coveredByBadReceipt.has(p)) unsigned.push(p);
  for (const [a, b] of runs(unsigned)) {
    add(
      a,
      'receipt_missing',
      `${enRange(a, b)} ${a === b ? 'has' : 'have'} no signed receipt: inserted or rewritten without the log's key, or the receipt was deleted`,
      `${faRange(a, b)} رسید امضاشده ندارد: بدون کلید دفتر افزوده یا بازنویسی شده یا رسیدش حذف شده است`,
    );
  }

  // ——— 4. The tree: leaves are the signed hashes, else the entries' own ———
  const leaves: Array<Hash | undefined> = [];
  for (let p = 0; p < size; p++) {
    const h = trusted.get(p) ?? rowLeaf.get(p) ?? claimed.get(p);
    leaves.push(h === undefined ? undefined : fromHex(h));
  }
  // Positions whose stored entry is not the signed one: what a wrong node, head or checkpoint is about.
  const suspicious: number[] = [];
  for (let p = 0; p < size; p++) {
    const t = trusted.get(p);
    if (t === undefined || rowLeaf.get(p) !== t) suspicious.push(p);
  }
  const firstSuspicious = (a: number, b: number): number | null => {
    let lo = 0;
    let hi = suspicious.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((suspicious[mid] as number) < a) lo = mid + 1;
      else hi = mid;
    }
    const s = suspicious[lo];
    return s !== undefined && s < b ? s : null;
  };
  // levels[L][i]: the hash of the perfect subtree over leaves [i·2^L, (i+1)·2^L), when known.
  const levels: Array<Array<Hash | undefined>> = [leaves];
  for (let L = 1; 2 ** L <= size; L++) {
    const below = levels[L - 1] as Array<Hash | undefined>;
    const level: Array<Hash | undefined> = [];
    for (let i = 0; 2 * i + 1 < below.length; i++) {
      const l = below[2 * i];
      const r = below[2 * i + 1];
      level.push(l && r ? nodeHash(l, r, sha) : undefined);
    }
    levels.push(level);
  }
  /** The perfect subtrees of the first m leaves, largest first. */
  const prefixNodes = (m: number): Array<Hash | undefined> => {
    const out: Array<Hash | undefined> = [];
    let start = 0;
    for (let L = levels.length - 1; L >= 0; L--) {
      const w = 2 ** L;
      if (m - start >= w) {
        out.push(levels[L]?.[start / w]);
        start += w;
      }
    }
    return out;
  };
  const prefixRoot = (m: number): string | null => {
    if (m === 0) return toHex(emptyRoot);
    const hs = prefixNodes(m);
    if (hs.some((h) => h === undefined)) return null;
    let acc = hs[hs.length - 1] as Hash;
    for (let i = hs.length - 2; i >= 0; i--) acc = nodeHash(hs[i] as Hash, acc, sha);
    return toHex(acc);
  };
  const root = prefixRoot(size);

  if (head && head.size === size) {
    if (root !== null && head.rootHash !== root) {
      add(
        firstSuspicious(0, size),
        'head_mismatch',
        `the head's root hash is not the root of the log's ${size} entries`,
        `درهم ریشهٔ سرِ دفتر ریشهٔ ${fa(size)} ثبت دفتر نیست`,
      );
    }
    const frontier = prefixNodes(size);
    if (frontier.every((h) => h !== undefined)) {
      const expected = frontier.map((h) => toHex(h as Hash)).join(',');
      if (head.frontier !== expected) {
        add(
          firstSuspicious(0, size),
          'head_mismatch',
          "the head's frontier is not the right edge of the log's tree",
          'لبهٔ راست ذخیره‌شده در سرِ دفتر با درخت دفتر نمی‌خواند',
        );
      }
    }
  }

  // ——— 5. Stored nodes: each equals the recomputed subtree, and none is missing ———
  const stored = new Set<string>();
  for (const n of data.nodes) {
    const key = `${n.level}:${n.idx}`;
    const duplicate = stored.has(key);
    stored.add(key);
    const w = 2 ** n.level;
    const a = n.idx * w;
    const b = a + w - 1;
    if (
      !Number.isSafeInteger(n.level) ||
      n.level < 1 ||
      !Number.isSafeInteger(n.idx) ||
      n.idx < 0 ||
      b >= size
    ) {
      add(
        Number.isSafeInteger(a) && a >= 0 ? a : null,
        'node_mismatch',
        `a stored node (level ${n.level}, index ${n.idx}) lies outside the log's ${size} entries`,
        `گرهٔ ذخیره‌شده (ترازِ ${fa(n.level)}، شمارهٔ ${fa(n.idx)}) بیرون از ${fa(size)} ثبت دفتر است`,
      );
      continue;
    }
    const expected = levels[n.level]?.[n.idx];
    if (expected === undefined) continue; // a leaf under it is unknown: reported as missing
    if (duplicate || n.hash !== toHex(expected)) {
      add(
        firstSuspicious(a, b + 1) ?? a,
        'node_mismatch',
        `the stored node over ${enRange(a, b)} is not the hash of those entries`,
        `گرهٔ ذخیره‌شده روی ${faRange(a, b)} درهم آن ثبت‌ها نیست`,
      );
    }
  }
  for (let L = 1; L < levels.length; L++) {
    const level = levels[L] as Array<Hash | undefined>;
    for (let i = 0; i < level.length; i++) {
      if (stored.has(`${L}:${i}`)) continue;
      const a = i * 2 ** L;
      const b = a + 2 ** L - 1;
      add(
        a,
        'node_mismatch',
        `the node over ${enRange(a, b)} is missing`,
        `گرهٔ روی ${faRange(a, b)} پیدا نشد`,
      );
    }
  }

  // ——— 6. Checkpoints: signed by a log key, and a prefix of this log ———
  const logVerifiers = logKeys.map((k) => k.verifier);
  const signedByLog = (
    body: string,
    sigs: ReadonlyArray<{ name: string; keyId: string; signature: Uint8Array }>,
  ) =>
    sigs.some((s) => {
      const v = logVerifiers.find((k) => k.name === s.name && k.keyId === s.keyId);
      return v !== undefined && checkSignature(v, body, s.signature);
    });
  /** A checkpoint of `m` entries with root `rootHex` against this log; null when it fits. */
  const compare = (m: number, rootHex: string): { index: number | null; en: string; fa: string } | null => {
    if (m > size) {
      return {
        index: size,
        en: `it covers ${m} entries but the log now has ${size}: ${enRange(size, m - 1)} were removed`,
        fa: `${fa(m)} ثبت را پوشش می‌دهد اما دفتر اکنون ${fa(size)} ثبت دارد: ${faRange(size, m - 1)} حذف شده است`,
      };
    }
    const r = prefixRoot(m);
    if (r === null || r === rootHex) return null;
    const s = firstSuspicious(0, m);
    return s === null
      ? {
          index: null,
          en: `its root is not the root of ${enRange(0, m - 1)}, though their receipts are signed: the log key signed two histories`,
          fa: `ریشهٔ آن ریشهٔ ${faRange(0, m - 1)} نیست با آنکه رسیدهایشان امضا شده است: کلید دفتر دو تاریخچه را امضا کرده است`,
        }
      : {
          index: s,
          en: `${enRange(s, m - 1)} are not those it covered`,
          fa: `${faRange(s, m - 1)} همان‌هایی نیستند که پوشش داده بود`,
        };
  };
  for (const c of [...data.checkpoints].sort((a, b) => a.size - b.size)) {
    const note = parseNote(c.note);
    const invalid = (en: string, faText: string) =>
      add(
        null,
        'checkpoint_invalid',
        `the checkpoint of size ${c.size} ${en}`,
        `نقطهٔ بازرسی به اندازهٔ ${fa(c.size)} ${faText}`,
      );
    if (!note) {
      invalid('is not a signed note', 'یادداشت امضاشده نیست');
      continue;
    }
    if (note.checkpoint.origin !== origin) {
      invalid(`names another log (${note.checkpoint.origin})`, 'دفتر دیگری را نام می‌برد');
      continue;
    }
    if (note.checkpoint.size !== c.size || toHex(note.checkpoint.root) !== c.rootHash) {
      invalid('does not say the size and root stored beside it', 'اندازه و ریشهٔ ذخیره‌شده کنارش را نمی‌گوید');
      continue;
    }
    if (!signedByLog(note.body, note.signatures)) {
      invalid('is not signed by a key of the log', 'با کلیدی از کلیدهای دفتر امضا نشده است');
      continue;
    }
    const canonicalNote = formatNote(
      note.body,
      note.signatures.map((x) => signatureLine(x.name, x.keyId, x.signature)),
    );
    if (canonicalNote !== c.note || !note.signatures.some((x) => x.keyId === c.keyId)) {
      invalid('is not stored as it was signed', 'آن‌گونه که امضا شده ذخیره نشده است');
    }
    for (const w of c.cosignatures) {
      const m = /^— (\S+) ([A-Za-z0-9+/=]+)$/.exec(w.signatureLine);
      const blob = m ? decodeBase64(m[2] as string) : null;
      const publicKey = decodeBase64(w.publicKey);
      const ok =
        m !== null &&
        blob !== null &&
        blob.length === 68 &&
        toBase64(blob) === m[2] &&
        publicKey !== null &&
        m[1] === w.name &&
        toHex(blob.subarray(0, 4)) === w.keyId &&
        checkSignature({ name: w.name, keyId: w.keyId, publicKey }, note.body, blob.subarray(4));
      if (!ok)
        invalid(
          `has a cosignature of witness ${w.name} that does not verify`,
          `امضای همراهِ شاهد ${w.name} را دارد که درست نیست`,
        );
    }
    const wrong = compare(c.size, c.rootHash);
    if (wrong) {
      add(
        wrong.index,
        'checkpoint_mismatch',
        `the stored checkpoint of size ${c.size} does not fit the log: ${wrong.en}`,
        `نقطهٔ بازرسی ذخیره‌شده به اندازهٔ ${fa(c.size)} با دفتر نمی‌خواند: ${wrong.fa}`,
      );
    }
  }
  if (options.savedCheckpoint !== undefined) {
    const note = parseNote(options.savedCheckpoint);
    if (!note) {
      add(
        null,
        'checkpoint_invalid',
        'the checkpoint you kept is not a signed note',
        'نقطهٔ بازرسی که نگه داشته‌اید یادداشت امضاشده نیست',
      );
    } else if (note.checkpoint.origin !== origin) {
      add(
        null,
        'checkpoint_invalid',
        `the checkpoint you kept is of another log (${note.checkpoint.origin})`,
        'نقطهٔ بازرسی که نگه داشته‌اید از دفتر دیگری است',
      );
    } else if (!signedByLog(note.body, note.signatures)) {
      add(
        null,
        'checkpoint_invalid',
        'the checkpoint you kept is not signed by a key of the log',
        'نقطهٔ بازرسی که نگه داشته‌اید با کلیدی از کلیدهای دفتر امضا نشده است',
      );
    } else {
      const wrong = compare(note.checkpoint.size, toHex(note.checkpoint.root));
      if (wrong) {
        add(
          wrong.index,
          'checkpoint_mismatch',
          `the log was rewritten after the checkpoint you kept (size ${note.checkpoint.size}): ${wrong.en}`,
          `دفتر پس از نقطهٔ بازرسی که نگه داشته‌اید (اندازهٔ ${fa(note.checkpoint.size)}) بازنویسی شده است: ${wrong.fa}`,
        );
      }
    }
  }

  // ——— 7. Secrets: each clear value opens the commitment in its entry, and each commitment has one ———
  if (data.secrets) {
    const bodyAt = new Map<number, EntryBody>();
    for (const b of bodies) if (!bodyAt.has(b.index)) bodyAt.set(b.index, b.body);
    const have = new Set<string>();
    for (const s of data.secrets) {
      have.add(`${s.idx}:${s.path}`);
      const body = bodyAt.get(s.idx);
      if (!body) {
        if (s.idx < 0 || s.idx >= size) {
          add(
            s.idx,
            'secret_mismatch',
            `a stored identifier (${s.path}) belongs to entry ${s.idx}, which is not in the log`,
            `شناسهٔ ذخیره‌شده‌ای (${s.path}) به ثبت ${fa(s.idx)} تعلق دارد که در دفتر نیست`,
          );
        }
        continue;
      }
      const at = atPath(body, s.path) as { commitment?: unknown } | undefined;
      if (!/^[0-9a-f]{32}$/.test(s.salt)) {
        // Buffer.from(hex) ignores case and stops at a bad digit: only the canonical salt counts.
        add(
          s.idx,
          'secret_mismatch',
          `the stored salt of entry ${s.idx} at ${s.path} is malformed`,
          `نمک ذخیره‌شدهٔ ثبت ${fa(s.idx)} در ${s.path} نادرست است`,
        );
      } else if (at === null || typeof at !== 'object' || typeof at.commitment !== 'string') {
        add(
          s.idx,
          'secret_mismatch',
          `entry ${s.idx} has no commitment at ${s.path} for its stored identifier`,
          `ثبت ${fa(s.idx)} در ${s.path} تعهدی برای شناسهٔ ذخیره‌شده ندارد`,
        );
      } else if (commitment(s.salt, s.value) !== at.commitment) {
        add(
          s.idx,
          'secret_mismatch',
          `the stored identifier of entry ${s.idx} at ${s.path} does not open its commitment: the value or salt was changed`,
          `شناسهٔ ذخیره‌شدهٔ ثبت ${fa(s.idx)} در ${s.path} تعهد آن را باز نمی‌کند: مقدار یا نمک تغییر کرده است`,
        );
      }
    }
    for (const [index, body] of bodyAt) {
      for (const path of commitmentPaths(body)) {
        if (have.has(`${index}:${path}`)) continue;
        add(
          index,
          'secret_mismatch',
          `the identifier behind the commitment of entry ${index} at ${path} is not stored`,
          `شناسهٔ پشت تعهدِ ثبت ${fa(index)} در ${path} ذخیره نشده است`,
        );
      }
    }
  }

  const sorted = sortProblems(problems);

  return { ok: sorted.length === 0, size, rootHash: root ?? '', problems: sorted, bodies, subjects };
}

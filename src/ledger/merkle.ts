/**
 * RFC 6962 / RFC 9162 Merkle tree of the transparency ledger: hashing, compact ranges (frontiers),
 * the node sets a database must fetch to build proofs, and proof verification.
 *
 * Pure and synchronous, with no Node imports: the web app bundles this file too. Tree sizes and
 * indices are plain `number`s below 2^53, so every bit operation is done with arithmetic
 * (`% 2`, `/ 2`) rather than 32-bit bitwise operators.
 *
 * Tree shape (RFC 6962 §2.1): MTH({}) = SHA-256(''), MTH({d}) = SHA-256(0x00 ‖ d), and for n > 1
 * with k the largest power of two below n, MTH(D[n]) = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n])).
 * Node {level L, index i} is the perfect subtree over leaves [i·2^L, (i+1)·2^L); level 0 is a leaf hash.
 */
import { sha256 } from '@noble/hashes/sha2.js';

export type Hash = Uint8Array;
export type Sha256 = (data: Uint8Array) => Uint8Array;
export type Frontier = { size: number; hashes: Hash[] };
export type NodeId = { level: number; index: number };
/** What appendLeaf returns: the next frontier, and the perfect subtrees the new leaf completed. */
export type Appended = { frontier: Frontier; completed: Array<NodeId & { hash: Hash }> };

export const defaultSha256: Sha256 = (data) => sha256(data);

/** SHA-256(0x00 ‖ data): the hash of a leaf, from the entry's bytes. */
export function leafHash(data: Uint8Array, sha: Sha256 = defaultSha256): Hash {
  const buf = new Uint8Array(1 + data.length);
  buf.set(data, 1);
  return sha(buf);
}

/** SHA-256(0x01 ‖ left ‖ right): the hash of an interior node. */
export function nodeHash(left: Hash, right: Hash, sha: Sha256 = defaultSha256): Hash {
  const buf = new Uint8Array(1 + left.length + right.length);
  buf[0] = 1;
  buf.set(left, 1);
  buf.set(right, 1 + left.length);
  return sha(buf);
}

/** Root of the empty tree, SHA-256(''). Shared constant: copy it before mutating. */
export const emptyRoot: Hash = defaultSha256(new Uint8Array(0));

const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isHash = (h: unknown): h is Hash => h instanceof Uint8Array && h.length === 32;
const half = (x: number): number => Math.floor(x / 2);

const bytesEqual = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

function popcount(x: number): number {
  let n = 0;
  for (; x > 0; x = half(x)) n += x % 2;
  return n;
}

/** Largest power of two strictly below n (n ≥ 2): the split point k of RFC 6962. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Folds hashes right to left: [a, b, c] → node(a, node(b, c)). This is the MTH of adjacent
 * perfect subtrees given largest first, as in a frontier or a `rangeNodes` group. */
function foldRight(hashes: readonly Hash[], sha: Sha256): Hash {
  let acc = hashes[hashes.length - 1];
  if (acc === undefined) throw new RangeError('merkle: cannot fold an empty list of hashes');
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i] as Hash, acc, sha);
  return acc;
}

/** MTH of a list of leaf HASHES (not entry data); `emptyRoot` (a copy) for an empty list. */
export function rootFromLeaves(leaves: readonly Hash[], sha: Sha256 = defaultSha256): Hash {
  let f = emptyFrontier();
  for (const leaf of leaves) f = appendLeaf(f, leaf, sha).frontier;
  return frontierRoot(f, sha);
}

export function emptyFrontier(): Frontier {
  return { size: 0, hashes: [] };
}

/**
 * Appends one leaf hash to a frontier (a binary counter over perfect subtrees). Returns a new
 * frontier (the input is not mutated; hashes are shared, not copied) and the nodes of level ≥ 1
 * that this leaf completes, lowest first, so a database can store every perfect subtree once.
 * Throws RangeError on a malformed frontier (one hash per set bit of `size`).
 */
export function appendLeaf(f: Frontier, leaf: Hash, sha: Sha256 = defaultSha256): Appended {
  if (!isCount(f.size) || f.size >= Number.MAX_SAFE_INTEGER || f.hashes.length !== popcount(f.size)) {
    throw new RangeError(`merkle: malformed frontier (size ${f.size}, ${f.hashes.length} hashes)`);
  }
  const hashes = f.hashes.slice();
  const completed: Appended['completed'] = [];
  let hash = leaf;
  let index = f.size;
  // Each trailing 1 bit of the old size is a perfect subtree that the new node now pairs with.
  for (let s = f.size, level = 1; s % 2 === 1; s = half(s), level++) {
    const left = hashes.pop();
    if (left === undefined) throw new RangeError('merkle: malformed frontier');
    hash = nodeHash(left, hash, sha);
    index = half(index);
    completed.push({ level, index, hash });
  }
  hashes.push(hash);
  return { frontier: { size: f.size + 1, hashes }, completed };
}

/** Root of the tree the frontier describes; `emptyRoot` (a copy) for size 0. */
export function frontierRoot(f: Frontier, sha: Sha256 = defaultSha256): Hash {
  return f.hashes.length === 0 ? emptyRoot.slice() : foldRight(f.hashes, sha);
}

/** Splits leaves [start, start + size) into perfect aligned subtrees, left to right (largest first).
 * Alignment holds for every range RFC 6962's recursion produces: `start` is a multiple of the
 * smallest power of two ≥ size. */
function rangeNodes(start: number, size: number): NodeId[] {
  const out: NodeId[] = [];
  // ceil(log2) may overshoot by one level when rounding; the `left >= p` test absorbs that.
  for (let level = Math.ceil(Math.log2(size)), pos = start, left = size; left > 0; level--) {
    const p = 2 ** level;
    if (left >= p) {
      out.push({ level, index: pos / p });
      pos += p;
      left -= p;
    }
  }
  return out;
}

/**
 * Nodes behind each element of the inclusion proof (RFC 6962 PATH) of leaf `index` in a tree of
 * `size` leaves, in proof order (bottom up). Throws RangeError unless 0 ≤ index < size.
 */
export function inclusionProofNodes(index: number, size: number): NodeId[][] {
  if (!isCount(index) || !isCount(size) || index >= size) {
    throw new RangeError(`merkle: no inclusion proof for index ${index} in size ${size}`);
  }
  const groups: NodeId[][] = []; // collected top down, returned bottom up
  for (let start = 0, m = index, n = size; n > 1; ) {
    const k = splitPoint(n);
    if (m < k) {
      groups.push(rangeNodes(start + k, n - k)); // sibling is the right subtree D[k:n]
      n = k;
    } else {
      groups.push(rangeNodes(start, k)); // sibling is the left subtree D[0:k]
      start += k;
      m -= k;
      n -= k;
    }
  }
  return groups.reverse();
}

/**
 * Nodes behind each element of the consistency proof (RFC 6962 PROOF / SUBPROOF) between sizes
 * m and n, in proof order. Empty when m = n. Throws RangeError unless 0 < m ≤ n.
 */
export function consistencyProofNodes(m: number, n: number): NodeId[][] {
  if (!isCount(m) || !isCount(n) || m === 0 || m > n) {
    throw new RangeError(`merkle: no consistency proof from size ${m} to ${n}`);
  }
  const groups: NodeId[][] = [];
  let start = 0;
  let whole = true; // SUBPROOF's flag b: still on the old tree's own root, which the verifier knows
  for (let mm = m, nn = n; mm !== nn; ) {
    const k = splitPoint(nn);
    if (mm <= k) {
      groups.push(rangeNodes(start + k, nn - k));
      nn = k;
    } else {
      groups.push(rangeNodes(start, k));
      start += k;
      mm -= k;
      nn -= k;
      whole = false;
    }
    if (mm === nn && !whole) groups.push(rangeNodes(start, nn)); // MTH(D[m]) of the subtree
  }
  return groups.reverse();
}

/** Turns node groups into proof hashes, folding each group right to left with nodeHash. */
export function buildProof(groups: NodeId[][], lookup: (id: NodeId) => Hash, sha = defaultSha256): Hash[] {
  return groups.map((group) => foldRight(group.map(lookup), sha));
}

/**
 * The walk shared by RFC 9162 §2.1.3.2 and §2.1.4.2: fn is the position of the running hash on
 * its level and sn that of the last node. Calls `visit(c, left)` for each proof hash c in order,
 * `left` when c is a left sibling. False when the proof has the wrong length: a long one reaches
 * sn = 0 before its end, a short one ends with sn > 0.
 */
function walk(fn: number, sn: number, proof: readonly Hash[], visit: (c: Hash, left: boolean) => void) {
  for (const c of proof) {
    if (sn === 0) return false;
    const left = fn % 2 === 1 || fn === sn;
    visit(c, left);
    // Past a left sibling on the right border, skip the levels where the node has no sibling.
    for (; left && fn % 2 === 0 && fn !== 0; sn = half(sn)) fn /= 2;
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0;
}

/**
 * RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or undefined when the inputs cannot
 * form a valid proof (index ≥ size, a hash that is not 32 bytes, a proof of the wrong length).
 */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leaf: Hash,
  proof: readonly Hash[],
  sha: Sha256 = defaultSha256,
): Hash | undefined {
  if (!isCount(index) || !isCount(size) || index >= size || !isHash(leaf)) return undefined;
  if (!Array.isArray(proof) || !proof.every(isHash)) return undefined;
  let r = leaf;
  const ok = walk(index, size - 1, proof, (c, left) => {
    r = left ? nodeHash(c, r, sha) : nodeHash(r, c, sha);
  });
  return ok ? r : undefined;
}

/** RFC 9162 §2.1.3.2 inclusion check. Never throws: any bad input is a false. */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Hash,
  proof: readonly Hash[],
  root: Hash,
  sha: Sha256 = defaultSha256,
): boolean {
  try {
    const r = rootFromInclusionProof(index, size, leaf, proof, sha);
    return r !== undefined && isHash(root) && bytesEqual(r, root);
  } catch {
    return false;
  }
}

/**
 * RFC 9162 §2.1.4.2 consistency check between a tree of m leaves (root rootM) and one of n leaves.
 * Requires 0 < m ≤ n; m = n holds only with an empty proof and byte-equal roots. m = 0 is always
 * rejected (a proof from the empty tree proves nothing; transparency-dev/merkle does the same).
 * Never throws: any bad input is a false.
 */
export function verifyConsistency(
  m: number,
  n: number,
  rootM: Hash,
  rootN: Hash,
  proof: readonly Hash[],
  sha: Sha256 = defaultSha256,
): boolean {
  try {
    if (!isCount(m) || !isCount(n) || m === 0 || m > n || !Array.isArray(proof)) return false;
    if (!(rootM instanceof Uint8Array) || !(rootN instanceof Uint8Array)) return false;
    if (m === n) return proof.length === 0 && bytesEqual(rootM, rootN);
    if (proof.length === 0 || !proof.every(isHash) || !isHash(rootM) || !isHash(rootN)) return false;
    let p = m;
    while (p % 2 === 0) p /= 2;
    const path = p === 1 ? [rootM, ...proof] : proof; // m is a power of two: its root is the seed
    let [fn, sn] = [m - 1, n - 1];
    for (; fn % 2 === 1; sn = half(sn)) fn = half(fn); // start at the level where the seed sits
    let fr = path[0] as Hash; // the old root, rebuilt from the left siblings only
    let sr = fr; // the new root, rebuilt from every sibling
    const ok = walk(fn, sn, path.slice(1), (c, left) => {
      if (left) fr = nodeHash(c, fr, sha);
      sr = left ? nodeHash(c, sr, sha) : nodeHash(sr, c, sha);
    });
    return ok && bytesEqual(fr, rootM) && bytesEqual(sr, rootN);
  } catch {
    return false;
  }
}

export function toHex(h: Uint8Array): string {
  let s = '';
  for (const b of h) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Throws TypeError on anything but an even number of hex digits. */
export function fromHex(s: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(s)) throw new TypeError('merkle: invalid hex string');
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Standard padded base64 (RFC 4648 §4, as Go's encoding/json writes []byte). */
export function toBase64(h: Uint8Array): string {
  let bin = '';
  for (const b of h) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Throws TypeError on anything but padded standard base64 (no whitespace, no URL-safe alphabet). */
export function fromBase64(s: string): Uint8Array {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) {
    throw new TypeError('merkle: invalid base64 string');
  }
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  // Canonical only: unused low bits of the last character must be zero, so that one signature or
  // hash has exactly one spelling (a flipped spare bit would otherwise verify).
  if (toBase64(out) !== s) throw new TypeError('merkle: non-canonical base64 string');
  return out;
}

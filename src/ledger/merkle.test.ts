/**
 * The ledger's Merkle tree against known answers, against a naive RFC 6962 implementation written
 * here from §2.1 (recursive MTH / PATH / PROOF over entry data, hashed with node:crypto), against a
 * BigInt port of transparency-dev/merkle's verifier for sizes near 2^53, and under tampering.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendLeaf,
  buildProof,
  consistencyProofNodes,
  emptyFrontier,
  emptyRoot,
  type Frontier,
  fromBase64,
  fromHex,
  frontierRoot,
  type Hash,
  inclusionProofNodes,
  leafHash,
  type NodeId,
  nodeHash,
  rootFromInclusionProof,
  rootFromLeaves,
  toBase64,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';

const FC = { seed: 42, numRuns: 1000 };
const utf8 = (s: string) => new TextEncoder().encode(s);
const sha = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
const same = (a: Uint8Array, b: Uint8Array) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};
const sameList = (a: readonly Uint8Array[], b: readonly Uint8Array[]) =>
  a.length === b.length && a.every((x, i) => same(x, b[i] as Uint8Array));
/** Proof with one bit flipped in element j (mod length). */
const bend = (proof: Hash[], j: number, bit: number) =>
  proof.map((p, x) => (x === j % proof.length ? flip(p, bit) : p));
const flip = (h: Uint8Array, bit: number) => {
  const out = h.slice();
  const at = (bit >> 3) % out.length;
  out[at] = (out[at] as number) ^ (1 << (bit & 7));
  return out;
};

// ---- Naive RFC 6962 §2.1, straight from the definitions, over entry data -------------------------

const N = 555;
const data = Array.from({ length: N }, (_, i) => utf8(`ledger entry #${i}`));
const split = (n: number) => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};
const mthMemo = new Map<number, Uint8Array>();
/** MTH(D[o:e]). Memoised on (o, e) only to keep 150k proofs cheap. */
function mth(o: number, e: number): Uint8Array {
  if (e === o) return sha();
  if (e - o === 1) return sha(Uint8Array.of(0), data[o] as Uint8Array);
  const key = o * 4096 + e;
  let h = mthMemo.get(key);
  if (!h) {
    const k = split(e - o);
    h = sha(Uint8Array.of(1), mth(o, o + k), mth(o + k, e));
    mthMemo.set(key, h);
  }
  return h;
}
/** PATH(m, D[o:e]) = PATH(m, D[o:o+k]) : MTH(D[o+k:e]) or PATH(m - k, D[o+k:e]) : MTH(D[o:o+k]), appended to `out`. */
function path(m: number, o: number, e: number, out: Uint8Array[] = []): Uint8Array[] {
  if (e - o <= 1) return out;
  const k = split(e - o);
  if (m < k) path(m, o, o + k, out).push(mth(o + k, e));
  else path(m - k, o + k, e, out).push(mth(o, o + k));
  return out;
}
/** SUBPROOF(m, D[o:e], b); PROOF(m, D[n]) = SUBPROOF(m, D[0:n], true). */
function subproof(m: number, o: number, e: number, b: boolean): Uint8Array[] {
  if (m === e - o) return b ? [] : [mth(o, e)];
  const k = split(e - o);
  return m <= k
    ? [...subproof(m, o, o + k, b), mth(o + k, e)]
    : [...subproof(m - k, o + k, e, false), mth(o, o + k)];
}
/** Which side each PATH sibling sits on, bottom up: the only thing a verifier sees of (m, n). */
function pathShape(m: number, n: number): string {
  if (n <= 1) return '';
  const k = split(n);
  return m < k ? `${pathShape(m, k)}R` : `${pathShape(m - k, n - k)}L`;
}
/** Same for SUBPROOF, plus whether the first element is a seed taken from the proof ('S'). */
function proofShape(m: number, n: number, b = true): string {
  if (m === n) return b ? '' : 'S';
  const k = split(n);
  return m <= k ? `${proofShape(m, k, b)}R` : `${proofShape(m - k, n - k, false)}L`;
}

// ---- The module's view of the same tree, built once ----------------------------------------------

const leaves = data.map((d) => leafHash(d));
/** store[level][index]: the nodes appendLeaf reported as completed. */
const store: Hash[][] = [leaves];
const roots: Hash[] = [frontierRoot(emptyFrontier())];
const completedLog: Array<{ n: number; level: number; index: number; hash: Hash }> = [];
const frontiers: Frontier[] = [emptyFrontier()];
for (let n = 1; n <= N; n++) {
  const before = frontiers[n - 1] as Frontier;
  const { frontier, completed } = appendLeaf(before, leaves[n - 1] as Hash);
  for (const c of completed) {
    completedLog.push({ n, ...c });
    if (!store[c.level]) store[c.level] = [];
    (store[c.level] as Hash[])[c.index] = c.hash;
  }
  frontiers.push(frontier);
  roots.push(frontierRoot(frontier));
}
/** Lookup for a tree of n leaves: refuses any node not complete at size n. */
const lookupAt =
  (n: number) =>
  ({ level, index }: NodeId): Hash => {
    const h = (index + 1) * 2 ** level <= n ? store[level]?.[index] : undefined;
    if (!h) throw new Error(`node ${level}/${index} is not in a tree of ${n} leaves`);
    return h;
  };
const inclusionProof = (i: number, n: number) => buildProof(inclusionProofNodes(i, n), lookupAt(n));
const consistencyProof = (m: number, n: number) => buildProof(consistencyProofNodes(m, n), lookupAt(n));

describe('hashing', () => {
  it('matches the RFC 6962 known answers of transparency-dev/merkle (rfc6962_test.go)', () => {
    const empty = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(toHex(emptyRoot)).toBe(empty);
    expect(toHex(rootFromLeaves([]))).toBe(empty);
    expect(toHex(frontierRoot(emptyFrontier()))).toBe(empty);
    expect(toHex(leafHash(new Uint8Array(0)))).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    expect(toHex(leafHash(utf8('L123456')))).toBe(
      '395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56',
    );
    expect(toHex(nodeHash(utf8('N123'), utf8('N456')))).toBe(
      'aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb',
    );
    // And node:crypto, as an independent SHA-256, agrees.
    expect(same(leafHash(utf8('L123456')), sha(Uint8Array.of(0), utf8('L123456')))).toBe(true);
    expect(same(nodeHash(utf8('N123'), utf8('N456')), sha(utf8('\x01N123N456')))).toBe(true);
  });

  it('separates leaves from nodes, and order matters', () => {
    const [h1, h2] = [leafHash(utf8('a')), leafHash(utf8('b'))];
    const both = new Uint8Array([...h1, ...h2]);
    expect(same(nodeHash(h1, h2), leafHash(both))).toBe(false);
    expect(same(nodeHash(h1, h2), nodeHash(h2, h1))).toBe(false);
    expect(same(nodeHash(h1, h2), sha(Uint8Array.of(1), both))).toBe(true);
  });

  it('hex and base64 round-trip and refuse malformed text', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
    expect(toHex(fromHex(toHex(bytes)))).toBe(Buffer.from(bytes).toString('hex'));
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(same(fromBase64(toBase64(bytes)), bytes)).toBe(true);
    expect(toHex(fromHex('ABcd'))).toBe('abcd');
    expect(fromBase64('')).toHaveLength(0);
    for (const bad of ['abc', '0g', ' 00']) expect(() => fromHex(bad)).toThrow(TypeError);
    for (const bad of ['abc', 'ab=c', 'a_b-', 'YQ', 'YQ==\n'])
      expect(() => fromBase64(bad)).toThrow(TypeError);
  });
});

describe('tree, frontier and proofs against the naive RFC 6962 implementation', () => {
  it(`roots of every size 1..${N}: rootFromLeaves and appendLeaf/frontierRoot`, () => {
    const bad: number[] = [];
    for (let n = 1; n <= N; n++) {
      const want = mth(0, n);
      if (!same(roots[n] as Hash, want) || !same(rootFromLeaves(leaves.slice(0, n)), want)) bad.push(n);
    }
    expect(bad).toEqual([]);
    expect(leaves.every((h, i) => same(h, mth(i, i + 1)))).toBe(true);
  });

  it('appendLeaf reports each perfect subtree exactly once, when it completes, and never mutates', () => {
    expect(completedLog).toHaveLength(N - (frontiers[N] as Frontier).hashes.length);
    const seen = new Set<string>();
    for (const { n, level, index, hash } of completedLog) {
      const [start, end] = [index * 2 ** level, (index + 1) * 2 ** level];
      expect(level >= 1 && end === n && !seen.has(`${level}/${index}`)).toBe(true);
      // Equal to the subtree computed from the data (naive) and from the leaf hashes (the module).
      expect(same(hash, mth(start, end)) && same(hash, rootFromLeaves(leaves.slice(start, end)))).toBe(true);
      seen.add(`${level}/${index}`);
    }
    // Frontiers: one hash per set bit, largest subtree first, each a perfect subtree of the tree.
    for (let n = 0; n <= N; n++) {
      const f = frontiers[n] as Frontier;
      const want: Uint8Array[] = [];
      for (let p = 2 ** 10, start = 0; p >= 1; p /= 2) {
        if (n & p) {
          want.push(mth(start, start + p));
          start += p;
        }
      }
      expect(f.size === n && sameList(f.hashes, want)).toBe(true);
    }
    const f = frontiers[7] as Frontier;
    const copy = { size: f.size, hashes: [...f.hashes] };
    appendLeaf(f, leaves[7] as Hash);
    expect(f.size === copy.size && f.hashes.every((h, i) => h === copy.hashes[i])).toBe(true);
    expect(f.hashes).toHaveLength(copy.hashes.length);
    expect(() => appendLeaf({ size: 3, hashes: [] }, leaves[0] as Hash)).toThrow(RangeError);
  });

  // ~154k proofs in five slices of about equal work (so no single test nears the timeout on a busy
  // machine), each counting its own proofs so that a skipped size cannot go unnoticed.
  const cuts = [0, 248, 351, 430, 496, N];
  const slices = cuts.slice(1).map((last, k): [number, number] => [(cuts[k] as number) + 1, last]);
  it.each(slices)(
    'inclusion proof of every leaf of every size %i..%i equals PATH and verifies',
    (first, last) => {
      let count = 0;
      const bad: string[] = [];
      for (let n = first; n <= last; n++) {
        const root = roots[n] as Hash;
        for (let i = 0; i < n; i++, count++) {
          const proof = inclusionProof(i, n);
          if (!sameList(proof, path(i, 0, n)) || !verifyInclusion(i, n, leaves[i] as Hash, proof, root)) {
            if (bad.push(`${i}/${n}`) > 20) break;
          }
        }
      }
      expect(bad).toEqual([]);
      expect(count).toBe((last * (last + 1) - first * (first - 1)) / 2);
    },
  );

  it(`the slices cover every size 1..${N} once`, () => {
    expect(slices.flat()).toEqual([1, 248, 249, 351, 352, 430, 431, 496, 497, N]);
  });

  it('consistency proof of every 1 <= m < n <= 100 equals PROOF and verifies; m = n is empty', () => {
    const bad: string[] = [];
    for (let n = 1; n <= 100; n++) {
      for (let m = 1; m < n; m++) {
        const proof = consistencyProof(m, n);
        if (
          !sameList(proof, subproof(m, 0, n, true)) ||
          !verifyConsistency(m, n, roots[m] as Hash, roots[n] as Hash, proof)
        ) {
          bad.push(`${m}/${n}`);
        }
      }
      expect(consistencyProofNodes(n, n)).toEqual([]);
      expect(verifyConsistency(n, n, roots[n] as Hash, roots[n] as Hash, [])).toBe(true);
    }
    expect(bad).toEqual([]);
  });

  it('names the nodes of the RFC 6962 §2.1.3 example (7 leaves) and refuses impossible proofs', () => {
    expect(inclusionProofNodes(0, 7)).toEqual([
      [{ level: 0, index: 1 }],
      [{ level: 1, index: 1 }],
      [
        { level: 1, index: 2 },
        { level: 0, index: 6 },
      ],
    ]);
    // PROOF(3, D[7]) = [c, d, g, l]: leaves 2 and 3, node (0,1), and MTH of leaves 4..6.
    expect(consistencyProofNodes(3, 7)).toEqual([
      [{ level: 0, index: 2 }],
      [{ level: 0, index: 3 }],
      [{ level: 1, index: 0 }],
      [
        { level: 1, index: 2 },
        { level: 0, index: 6 },
      ],
    ]);
    expect(inclusionProofNodes(0, 1)).toEqual([]);
    for (const [a, b] of [
      [1, 1],
      [-1, 4],
      [0.5, 4],
      [0, 0],
    ]) {
      expect(() => inclusionProofNodes(a as number, b as number)).toThrow(RangeError);
    }
    for (const [a, b] of [
      [0, 4],
      [5, 4],
      [1.5, 4],
    ]) {
      expect(() => consistencyProofNodes(a as number, b as number)).toThrow(RangeError);
    }
  });
});

describe('verification refuses what it must, and never throws', () => {
  const inclusionCase = fc
    .integer({ min: 1, max: N })
    .chain((n) =>
      fc.record({ n: fc.constant(n), i: fc.nat({ max: n - 1 }), bit: fc.nat({ max: 255 }), j: fc.nat() }),
    );

  it('a flipped bit in a proof element, the leaf or the root fails inclusion', () => {
    fc.assert(
      fc.property(inclusionCase, fc.constantFrom('proof', 'leaf', 'root'), ({ n, i, bit, j }, what) => {
        const proof = inclusionProof(i, n);
        const [leaf, root] = [leaves[i] as Hash, roots[n] as Hash];
        if (what === 'proof' && proof.length > 0)
          return !verifyInclusion(i, n, leaf, bend(proof, j, bit), root);
        return what === 'root'
          ? !verifyInclusion(i, n, leaf, proof, flip(root, bit))
          : !verifyInclusion(i, n, flip(leaf, bit), proof, root);
      }),
      FC,
    );
  });

  it('a changed index fails; a changed size fails unless its proof has the very same shape', () => {
    fc.assert(
      fc.property(inclusionCase, fc.nat({ max: 2 * N }), fc.boolean(), ({ n, i }, other, changeIndex) => {
        const proof = inclusionProof(i, n);
        const [leaf, root] = [leaves[i] as Hash, roots[n] as Hash];
        if (changeIndex) return other === i || !verifyInclusion(other, n, leaf, proof, root);
        if (other === n) return true;
        const shapeHolds = i < other && pathShape(i, other) === pathShape(i, n);
        return verifyInclusion(i, other, leaf, proof, root) === shapeHolds;
      }),
      FC,
    );
    // Such a shape coincidence: leaf 0 climbs two right siblings in trees of 3 and 4 leaves alike.
    // Harmless (the root still names the size-3 tree), but a proof alone does not pin the size.
    expect(verifyInclusion(0, 4, leaves[0] as Hash, inclusionProof(0, 3), roots[3] as Hash)).toBe(true);
  });

  it('a flipped bit in a proof element or either root, or changed sizes, fail consistency', () => {
    const sizes = fc
      .integer({ min: 2, max: N })
      .chain((n) => fc.record({ n: fc.constant(n), m: fc.integer({ min: 1, max: n - 1 }) }));
    const what = fc.constantFrom('proof', 'rootM', 'rootN', 'm', 'n');
    fc.assert(
      fc.property(
        sizes,
        what,
        fc.nat({ max: 255 }),
        fc.nat(),
        fc.nat({ max: N }),
        ({ m, n }, w, bit, j, other) => {
          const proof = consistencyProof(m, n);
          const [rm, rn] = [roots[m] as Hash, roots[n] as Hash];
          if (w === 'proof') return !verifyConsistency(m, n, rm, rn, bend(proof, j, bit));
          if (w === 'rootM') return !verifyConsistency(m, n, flip(rm, bit), rn, proof);
          if (w === 'rootN') return !verifyConsistency(m, n, rm, flip(rn, bit), proof);
          const [m2, n2] = w === 'm' ? [other, n] : [m, other];
          if (m2 === m && n2 === n) return true;
          const shapeHolds = m2 > 0 && m2 < n2 && proofShape(m2, n2) === proofShape(m, n);
          return verifyConsistency(m2, n2, rm, rn, proof) === shapeHolds;
        },
      ),
      FC,
    );
  });

  it('wrong lengths, out-of-range sizes and the m = n and m = 0 edge cases', () => {
    const [leaf, proof, root] = [leaves[5] as Hash, inclusionProof(5, 13), roots[13] as Hash];
    expect(verifyInclusion(5, 13, leaf, proof, root)).toBe(true);
    expect(verifyInclusion(5, 13, leaf, proof.slice(1), root)).toBe(false);
    expect(verifyInclusion(5, 13, leaf, [...proof, root], root)).toBe(false);
    expect(verifyInclusion(5, 13, leaf, [proof[0] as Hash, ...proof], root)).toBe(false);
    // A wrong length is refused as such, not only because the root then differs.
    expect(rootFromInclusionProof(5, 13, leaf, proof)).toEqual(root);
    expect(rootFromInclusionProof(5, 13, leaf, proof.slice(1))).toBeUndefined();
    expect(rootFromInclusionProof(5, 13, leaf, [...proof, root])).toBeUndefined();
    expect(verifyInclusion(13, 13, leaf, proof, root)).toBe(false);
    expect(verifyInclusion(0, 0, leaf, [], emptyRoot)).toBe(false);
    expect(verifyInclusion(0, 1, leaf, [], leaf)).toBe(true);
    expect(verifyInclusion(0, 1, leaf.slice(0, 31), [], leaf.slice(0, 31))).toBe(false);
    const cp = consistencyProof(6, 13);
    const [r6, r13] = [roots[6] as Hash, roots[13] as Hash];
    expect(verifyConsistency(6, 13, r6, r13, cp)).toBe(true);
    expect(verifyConsistency(6, 13, r6, r13, cp.slice(0, -1))).toBe(false);
    expect(verifyConsistency(6, 13, r6, r13, [...cp, r13])).toBe(false);
    expect(verifyConsistency(6, 13, r6, r13, [])).toBe(false);
    expect(verifyConsistency(13, 6, r13, r6, cp)).toBe(false);
    expect(verifyConsistency(6, 6, r6, r6, [])).toBe(true);
    expect(verifyConsistency(6, 6, r6, r6, [r6])).toBe(false);
    expect(verifyConsistency(6, 6, r6, r13, [])).toBe(false);
    // Size 0 proves nothing, even against the empty tree (RFC 9162 requires 0 < m).
    expect(verifyConsistency(0, 0, emptyRoot, emptyRoot, [])).toBe(false);
    expect(verifyConsistency(0, 13, emptyRoot, r13, [])).toBe(false);
  });

  it('never throws on garbage, and turns it down', () => {
    const badNumbers = [Number.NaN, Number.POSITIVE_INFINITY, -1, 2 ** 53, 2 ** 64, 1.5, '3', 3n, null];
    const junk = fc.oneof(fc.anything(), fc.constantFrom(...badNumbers));
    const hashish = fc.oneof(fc.uint8Array({ minLength: 0, maxLength: 40 }), junk);
    const proofish = fc.oneof(fc.array(hashish, { maxLength: 6 }), junk);
    fc.assert(
      fc.property(junk, junk, hashish, hashish, proofish, (a, b, h1, h2, p) => {
        const [x, y] = [a as number, b as number];
        const [u, v, w] = [h1 as Hash, h2 as Hash, p as Hash[]];
        return (
          typeof verifyInclusion(x, y, u, w, v) === 'boolean' &&
          typeof verifyConsistency(x, y, u, v, w) === 'boolean'
        );
      }),
      FC,
    );
    const [leaf, proof, root] = [leaves[2] as Hash, inclusionProof(2, 5), roots[5] as Hash];
    const [cp, r2] = [consistencyProof(2, 5), roots[2] as Hash];
    for (const bad of badNumbers) {
      const x = bad as number;
      expect([verifyInclusion(x, 5, leaf, proof, root), verifyInclusion(2, x, leaf, proof, root)]).toEqual([
        false,
        false,
      ]);
      expect([verifyConsistency(x, 5, r2, root, cp), verifyConsistency(2, x, r2, root, cp)]).toEqual([
        false,
        false,
      ]);
    }
    for (const bad of [null, undefined, 'abc', [proof], proof.map(toHex), { length: proof.length }]) {
      expect(
        verifyInclusion(2, 5, leaf, bad as Hash[], root) || verifyConsistency(2, 5, r2, root, bad as Hash[]),
      ).toBe(false);
    }
    const throwing = () => {
      throw new Error('broken hash');
    };
    expect(verifyInclusion(2, 5, leaf, proof, root, throwing)).toBe(false);
    expect(verifyConsistency(2, 5, r2, root, cp, throwing)).toBe(false);
  });
});

// ---- Sizes near 2^53: a BigInt port of transparency-dev/merkle proof/verify.go -----------------

const bitLen = (x: bigint) => x.toString(2).replace(/^0+/, '').length;
const ones = (x: bigint) => [...x.toString(2)].filter((c) => c === '1').length;
const zeros = (x: bigint) => bitLen(x & -x) - 1;
function decomp(index: bigint, size: bigint): [number, number] {
  const inner = bitLen(index ^ (size - 1n));
  return [inner, ones(index >> BigInt(inner))];
}
function chain(seed: Hash, proof: Hash[], index: bigint, rightOnly: boolean): Hash {
  return proof.reduce((acc, h, i) => {
    const bit = (index >> BigInt(i)) & 1n;
    if (bit === 1n) return nodeHash(h, acc);
    return rightOnly ? acc : nodeHash(acc, h);
  }, seed);
}
const border = (seed: Hash, proof: Hash[]) => proof.reduce((acc, h) => nodeHash(h, acc), seed);

describe('sizes up to 2^53 - 1 agree with a BigInt port of transparency-dev/merkle', () => {
  const big = fc.bigInt({ min: 2n, max: 2n ** 53n - 1n });
  // Proof elements, leaf and seed: distinct real hashes, picked from the 555 leaves at random.
  const hash = fc.nat({ max: N - 1 }).map((i) => leaves[i] as Hash);
  const hashes = fc.nat({ max: N - 60 }).map((i) => leaves.slice(i, i + 60));

  it('inclusion: same root, and a proof one element off fails', () => {
    fc.assert(
      fc.property(big, fc.bigInt({ min: 0n, max: 2n ** 53n }), hash, hashes, (size, r, leaf, pool) => {
        const index = r % size;
        const [inner, bord] = decomp(index, size);
        const proof = pool.slice(0, inner + bord);
        const want = border(chain(leaf, proof.slice(0, inner), index, false), proof.slice(inner));
        const [i, n] = [Number(index), Number(size)];
        const got = rootFromInclusionProof(i, n, leaf, proof);
        return (
          got !== undefined &&
          same(got, want) &&
          verifyInclusion(i, n, leaf, proof, want) &&
          rootFromInclusionProof(i, n, leaf, proof.slice(1)) === undefined &&
          rootFromInclusionProof(i, n, leaf, [...proof, leaf]) === undefined
        );
      }),
      FC,
    );
  });

  it('consistency: both roots, and a proof one element off fails', () => {
    fc.assert(
      fc.property(big, fc.bigInt({ min: 1n, max: 2n ** 53n }), hash, hashes, (size2, r, root1Seed, pool) => {
        const size1 = (r % (size2 - 1n)) + 1n;
        const shift = zeros(size1);
        const [innerAll, bord] = decomp(size1 - 1n, size2);
        const inner = innerAll - shift;
        const pow2 = size1 === 1n << BigInt(shift);
        const proof = pool.slice(0, (pow2 ? 0 : 1) + inner + bord);
        const seed = pow2 ? root1Seed : (proof[0] as Hash);
        const rest = proof.slice(pow2 ? 0 : 1);
        const mask = (size1 - 1n) >> BigInt(shift);
        const root1 = border(chain(seed, rest.slice(0, inner), mask, true), rest.slice(inner));
        const root2 = border(chain(seed, rest.slice(0, inner), mask, false), rest.slice(inner));
        const [m, n] = [Number(size1), Number(size2)];
        return (
          verifyConsistency(m, n, root1, root2, proof) &&
          !verifyConsistency(m, n, root1, root2, proof.slice(1)) &&
          !verifyConsistency(m, n, root1, root2, [...proof, seed]) &&
          !verifyConsistency(m, n, root2, root1, proof)
        );
      }),
      FC,
    );
  });
});

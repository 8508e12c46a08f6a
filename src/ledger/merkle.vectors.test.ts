/**
 * The transparency-dev/merkle proof vectors (vendored in test/fixtures/merkle-testdata, see its
 * README): every file must verify exactly when its `wantErr` is false. Go's encoding/json writes
 * []byte as padded standard base64, a nil slice as null and an empty one as "".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromBase64, type Hash, verifyConsistency, verifyInclusion } from './merkle.ts';

const ROOT = fileURLToPath(new URL('../../test/fixtures/merkle-testdata/', import.meta.url));

type Vector =
  | {
      kind: 'inclusion';
      file: string;
      leafIdx: number;
      treeSize: number;
      root: Hash;
      leafHash: Hash;
      proof: Hash[];
      wantErr: boolean;
    }
  | {
      kind: 'consistency';
      file: string;
      size1: number;
      size2: number;
      root1: Hash;
      root2: Hash;
      proof: Hash[];
      wantErr: boolean;
    };

function field<T>(
  json: Record<string, unknown>,
  key: string,
  check: (v: unknown) => v is T,
  file: string,
): T {
  const v = json[key];
  if (!check(v)) throw new Error(`${file}: bad or missing field ${key}: ${JSON.stringify(v)}`);
  return v;
}
// Any JSON number: `leafIdx-sub-@1` for leaf 0 holds Go's uint64 wrap-around 2^64 - 1, which
// JSON.parse rounds to 2^64; the verifier must turn such unsafe integers down rather than throw.
const isNum = (v: unknown): v is number => typeof v === 'number';
const isStr = (v: unknown): v is string => typeof v === 'string';
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isProof = (v: unknown): v is string[] | null => v === null || (Array.isArray(v) && v.every(isStr));

function load(file: string): Vector {
  const json = JSON.parse(readFileSync(ROOT + file, 'utf8')) as Record<string, unknown>;
  const b64 = (key: string) => fromBase64(field(json, key, isStr, file));
  const proof = (field(json, 'proof', isProof, file) ?? []).map((s) => fromBase64(s));
  const wantErr = field(json, 'wantErr', isBool, file);
  if (file.startsWith('inclusion/')) {
    const [leafIdx, treeSize] = [field(json, 'leafIdx', isNum, file), field(json, 'treeSize', isNum, file)];
    return {
      kind: 'inclusion',
      file,
      leafIdx,
      treeSize,
      root: b64('root'),
      leafHash: b64('leafHash'),
      proof,
      wantErr,
    };
  }
  if (file.startsWith('consistency/')) {
    const [size1, size2] = [field(json, 'size1', isNum, file), field(json, 'size2', isNum, file)];
    return {
      kind: 'consistency',
      file,
      size1,
      size2,
      root1: b64('root1'),
      root2: b64('root2'),
      proof,
      wantErr,
    };
  }
  throw new Error(`${file}: neither inclusion/ nor consistency/`);
}

function verify(v: Vector): boolean {
  return v.kind === 'inclusion'
    ? verifyInclusion(v.leafIdx, v.treeSize, v.leafHash, v.proof, v.root)
    : verifyConsistency(v.size1, v.size2, v.root1, v.root2, v.proof);
}

const files = readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
  .map((f) => f.split('\\').join('/'))
  .filter((f) => f.endsWith('.json'))
  .sort();
const vectors = files.map(load);

describe('RFC 6962 proof vectors (transparency-dev/merkle testdata)', () => {
  it('loads every file: 196 vectors (98 inclusion, 98 consistency), 12 that verify and 184 that must be rejected', () => {
    expect(vectors.filter((v) => v.kind === 'inclusion')).toHaveLength(98);
    expect(vectors.filter((v) => v.kind === 'consistency')).toHaveLength(98);
    expect(vectors.filter((v) => !v.wantErr).map((v) => v.file)).toHaveLength(12);
    expect(vectors.filter((v) => v.wantErr)).toHaveLength(184);
    // And the verifier agrees on every one of them, counted independently of the per-file tests.
    const verified = vectors.filter(verify);
    expect(verified).toHaveLength(12);
    expect(verified.every((v) => !v.wantErr)).toBe(true);
  });

  it.each(vectors.map((v) => [v.file, v] as const))('%s', (_file, v) => {
    expect(verify(v)).toBe(!v.wantErr);
  });
});

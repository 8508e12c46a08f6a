import { ed25519 } from '@noble/curves/ed25519.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  fromBase64,
  fromHex,
  leafHash,
  toBase64,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from '../../../src/ledger/merkle.ts';
import {
  type NoteVerifier,
  noteKeyId,
  parseNote,
  receiptMessage,
  verifiedSigners,
  verifySignature,
} from '../../../src/ledger/note.ts';
import type { LedgerCheckpoint, LedgerItem, LedgerKeys, Receipt } from '../api/ledger.ts';

/**
 * What the member's browser checks, with the same code the server uses (src/ledger/merkle.ts and
 * note.ts, hashing with @noble/hashes): nothing the server says is believed until it verifies.
 *
 * - A checkpoint: its note parses, the log's Ed25519 signature on the note body verifies with a
 *   key published at /ledger/keys, and the note's origin, size and root are the ones the JSON
 *   claims. Witness cosignatures are checked with the witnesses' published keys.
 * - An entry: its body is JSON naming this log and this index; SHA-256(0x00 ‖ utf8(body)) is its
 *   leaf hash; the inclusion proof leads from that leaf to the root of the verified checkpoint.
 * - The log only grew: a consistency proof from a kept checkpoint to the current one.
 * - An opened identifier: HMAC-SHA-256(salt, value) is the commitment in the entry's body.
 */

const encoder = new TextEncoder();

export type CheckpointProblem = 'unparsable' | 'no_keys' | 'bad_signature' | 'claims_differ';

export type VerifiedCheckpoint = {
  ok: true;
  origin: string;
  size: number;
  root: Uint8Array;
  rootHex: string;
  /** The log key that signed it: `name/keyId`. */
  signer: string;
  /** Witnesses whose cosignature verifies with their published key (`name/keyId`). */
  witnesses: string[];
  /** The signed text every signer signs (what a witness co-signs). */
  body: string;
};
export type CheckpointVerdict = VerifiedCheckpoint | { ok: false; problem: CheckpointProblem };

const verifiersOf = (keys: ReadonlyArray<{ name: string; keyId: string; publicKey: string }>) =>
  keys.flatMap((k): NoteVerifier[] => {
    try {
      return [{ name: k.name, keyId: k.keyId, publicKey: fromBase64(k.publicKey) }];
    } catch {
      return [];
    }
  });

/** Checks a checkpoint's note against the published log keys. */
export function verifyCheckpoint(checkpoint: LedgerCheckpoint, keys: LedgerKeys): CheckpointVerdict {
  const note = parseNote(checkpoint.note);
  if (!note) return { ok: false, problem: 'unparsable' };
  const logKeys = verifiersOf(keys.log);
  if (logKeys.length === 0) return { ok: false, problem: 'no_keys' };
  const signed = verifiedSigners(checkpoint.note, logKeys);
  const signer = signed?.signers[0];
  if (!signed || !signer) return { ok: false, problem: 'bad_signature' };
  const rootHex = toHex(signed.root);
  if (
    signed.origin !== checkpoint.origin ||
    signed.size !== checkpoint.size ||
    rootHex !== checkpoint.rootHash.toLowerCase()
  ) {
    return { ok: false, problem: 'claims_differ' };
  }
  const witnesses = verifiedSigners(checkpoint.note, verifiersOf(keys.witnesses))?.signers ?? [];

  return {
    ok: true,
    origin: signed.origin,
    size: signed.size,
    root: signed.root,
    rootHex,
    signer,
    witnesses,
    body: note.body,
  };
}

/** The body of an entry as the browser reads it from the verified bytes. */
export type EntryBody = {
  v: number;
  log: string;
  index: number;
  kind: string;
  subject: string | null;
  recordedAt: string;
  data: Record<string, unknown>;
  labels: Record<string, unknown> | null;
};

export type EntryProblem = 'checkpoint' | 'unparsable' | 'wrong_place' | 'leaf_hash' | 'inclusion';

export type EntryVerdict =
  | { ok: true; body: EntryBody }
  | { ok: false; problem: EntryProblem; body: EntryBody | null };

function parseBody(text: string): EntryBody | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const b = value as Partial<EntryBody>;
    if (typeof b.index !== 'number' || typeof b.kind !== 'string' || typeof b.log !== 'string') return null;
    const data = typeof b.data === 'object' && b.data !== null ? b.data : {};
    const labels = typeof b.labels === 'object' ? (b.labels ?? null) : null;
    return { ...(b as EntryBody), data, labels };
  } catch {
    return null;
  }
}

/** The hex leaf hash of an entry body: SHA-256(0x00 ‖ utf8(body)), computed here. */
export function leafHashOf(body: string): string {
  return toHex(leafHash(encoder.encode(body), (d) => sha256(d)));
}

/**
 * Checks one entry against a verified checkpoint. The entry is shown from its verified body,
 * never from the unsigned fields beside it. A body that fails still parses for display when it can.
 */
export function verifyEntry(item: LedgerItem, checkpoint: CheckpointVerdict): EntryVerdict {
  const body = parseBody(item.body);
  if (!checkpoint.ok) return { ok: false, problem: 'checkpoint', body };
  if (!body) return { ok: false, problem: 'unparsable', body };
  if (body.index !== item.index || body.log !== checkpoint.origin || item.index >= checkpoint.size) {
    return { ok: false, problem: 'wrong_place', body };
  }
  const leaf = leafHashOf(item.body);
  if (leaf !== item.leafHash.toLowerCase()) return { ok: false, problem: 'leaf_hash', body };
  let proof: Uint8Array[];
  try {
    proof = item.proof.map(fromHex);
  } catch {
    return { ok: false, problem: 'inclusion', body };
  }
  if (!verifyInclusion(item.index, checkpoint.size, fromHex(leaf), proof, checkpoint.root)) {
    return { ok: false, problem: 'inclusion', body };
  }

  return { ok: true, body };
}

export type GrowthVerdict =
  | { ok: true; from: number; to: number }
  | { ok: false; problem: 'kept_unverified' | 'shrank' | 'other_log' | 'bad_proof' };

/** Whether the log of `current` is the log of `kept` with entries only added (RFC 9162 §2.1.4). */
export function verifyGrowth(
  kept: CheckpointVerdict,
  current: CheckpointVerdict,
  proofHex: readonly string[],
): GrowthVerdict {
  if (!kept.ok || !current.ok) return { ok: false, problem: 'kept_unverified' };
  if (kept.origin !== current.origin) return { ok: false, problem: 'other_log' };
  if (kept.size > current.size) return { ok: false, problem: 'shrank' };
  let proof: Uint8Array[];
  try {
    proof = proofHex.map(fromHex);
  } catch {
    return { ok: false, problem: 'bad_proof' };
  }
  if (kept.size === 0) return { ok: true, from: 0, to: current.size };
  const ok = verifyConsistency(kept.size, current.size, kept.root, current.root, proof);
  return ok ? { ok: true, from: kept.size, to: current.size } : { ok: false, problem: 'bad_proof' };
}

/** Whether a batch receipt is the log's signature over the entry just written. */
export function verifyReceipt(
  receipt: Receipt,
  keys: LedgerKeys,
  entry: { index: number; leafHash: string },
) {
  const key = verifiersOf(keys.log).find((k) => k.keyId === receipt.keyId);
  if (!key) return false;
  const position = entry.index - receipt.firstIndex;
  if (receipt.leafHashes[position] !== entry.leafHash) return false;
  try {
    return verifySignature(
      key,
      receiptMessage(receipt.origin, receipt.firstIndex, receipt.leafHashes),
      fromBase64(receipt.signature),
    );
  } catch {
    return false;
  }
}

/** The commitment at `path` (`data.party.nationalCode`) of an entry body, if there is one. */
export function commitmentAt(body: EntryBody, path: string): string | null {
  const walk = (start: unknown, parts: string[]) =>
    parts.reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined,
      start,
    );
  const parts = path.split('.').filter((p) => p !== '');
  for (const candidate of [walk(body, parts), walk(body.data, parts)]) {
    const c = (candidate as { commitment?: unknown } | undefined)?.commitment;
    if (typeof c === 'string') return c.toLowerCase();
  }
  return null;
}

/** HMAC-SHA-256 with the salt as key, over the value's UTF-8: what the entry commits to. */
export function commitmentOf(saltHex: string, value: string): string {
  return toHex(hmac(sha256, fromHex(saltHex), encoder.encode(value)));
}

/** Whether an opened identifier is the one the entry committed to at that path. */
export function identifierMatches(
  body: EntryBody,
  item: { path: string; value: string; salt: string },
): boolean {
  const expected = commitmentAt(body, item.path);
  if (!expected) return false;
  try {
    return commitmentOf(item.salt, item.value) === expected;
  } catch {
    return false;
  }
}

/** A witness key made in this browser: Ed25519, the secret never leaves localStorage. */
export type WitnessKey = { name: string; keyId: string; publicKey: string; secretKey: string };

export function newWitnessKey(name: string): WitnessKey {
  const { secretKey, publicKey } = ed25519.keygen();
  return {
    name,
    keyId: noteKeyId(name, publicKey),
    publicKey: toBase64(publicKey),
    secretKey: toBase64(secretKey),
  };
}

/** The witness's Ed25519 signature over a checkpoint's body text, base64. */
export function cosign(key: WitnessKey, body: string): string {
  return toBase64(ed25519.sign(encoder.encode(body), fromBase64(key.secretKey)));
}

/** The first and last characters of a hash, for reading aloud: `3f9a2c…81d0`. */
export function shortHash(hex: string, each = 8): string {
  return hex.length <= each * 2 ? hex : `${hex.slice(0, each)}…${hex.slice(-each)}`;
}

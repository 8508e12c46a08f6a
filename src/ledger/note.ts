import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromBase64, toBase64, toHex } from './merkle.ts';

/**
 * Checkpoints in the signed-note format of Go's sumdb and C2SP (transparency-dev): a body of
 * `<origin>\n<size>\n<base64 root>\n`, a blank line, then one `— <key name> <base64(key hash ‖
 * signature)>` line per signer. The key hash is the first four bytes of SHA-256(name ‖ "\n" ‖
 * 0x01 ‖ Ed25519 public key). Pure: the server and the member's browser share this file.
 */

const encoder = new TextEncoder();
const ED25519 = 0x01;

/** A public key that signs notes: the log's key or a witness's. */
export type NoteVerifier = { name: string; keyId: string; publicKey: Uint8Array };

export type Checkpoint = { origin: string; size: number; root: Uint8Array };

export type NoteSignature = { name: string; keyId: string; signature: Uint8Array };

/** The four-byte key hash of a signed-note Ed25519 key, as 8 hex digits. */
export function noteKeyId(name: string, publicKey: Uint8Array): string {
  const nameBytes = encoder.encode(`${name}\n`);
  const input = new Uint8Array(nameBytes.length + 1 + publicKey.length);
  input.set(nameBytes);
  input[nameBytes.length] = ED25519;
  input.set(publicKey, nameBytes.length + 1);

  return toHex(sha256(input).subarray(0, 4));
}

/** The text every signer signs. */
export function checkpointBody(c: Checkpoint): string {
  return `${c.origin}\n${c.size}\n${toBase64(c.root)}\n`;
}

/** One signature line (without the trailing newline). */
export function signatureLine(name: string, keyId: string, signature: Uint8Array): string {
  const blob = new Uint8Array(4 + signature.length);
  for (let i = 0; i < 4; i++) blob[i] = Number.parseInt(keyId.slice(2 * i, 2 * i + 2), 16);
  blob.set(signature, 4);

  return `— ${name} ${toBase64(blob)}`;
}

/** A full note: body, blank line, signature lines. */
export function formatNote(body: string, lines: readonly string[]): string {
  return `${body}\n${lines.map((l) => `${l}\n`).join('')}`;
}

/** Parses a signed note; null when it is not one (never throws). */
export function parseNote(
  text: string,
): { checkpoint: Checkpoint; body: string; signatures: NoteSignature[] } | null {
  const split = text.indexOf('\n\n');
  if (split < 0) return null;
  const body = text.slice(0, split + 1);
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3) return null;
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (origin === '' || !/^(0|[1-9][0-9]{0,15})$/.test(sizeText)) return null;
  let root: Uint8Array;
  try {
    root = fromBase64(rootText);
  } catch {
    return null;
  }
  if (root.length !== 32) return null;
  const signatures: NoteSignature[] = [];
  const rest = text.slice(split + 2);
  if (!rest.endsWith('\n')) return null;
  for (const line of rest.slice(0, -1).split('\n')) {
    const m = /^— (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (!m) return null;
    let blob: Uint8Array;
    try {
      blob = fromBase64(m[2] as string);
    } catch {
      return null;
    }
    if (blob.length !== 68) continue; // another algorithm: ignored, as the note spec says
    signatures.push({ name: m[1] as string, keyId: toHex(blob.subarray(0, 4)), signature: blob.subarray(4) });
  }

  return { checkpoint: { origin, size: Number(sizeText), root }, body, signatures };
}

/** Whether `signature` is `verifier`'s Ed25519 signature of `message` (never throws). */
export function verifySignature(verifier: NoteVerifier, message: string, signature: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, encoder.encode(message), verifier.publicKey);
  } catch {
    return false;
  }
}

/**
 * The signers among `verifiers` whose signature on the note is valid. A note counts as the log's
 * checkpoint when the log key is among them; witnesses add their own names.
 */
export function verifiedSigners(
  text: string,
  verifiers: readonly NoteVerifier[],
): (Checkpoint & { signers: string[] }) | null {
  const note = parseNote(text);
  if (!note) return null;
  const signers: string[] = [];
  for (const s of note.signatures) {
    const v = verifiers.find((k) => k.name === s.name && k.keyId === s.keyId);
    if (v && verifySignature(v, note.body, s.signature)) signers.push(`${v.name}/${v.keyId}`);
  }

  return { ...note.checkpoint, signers };
}

/** The message a batch receipt signs: which log, from which index, which leaf hashes. */
export function receiptMessage(origin: string, firstIndex: number, leafHashes: readonly string[]): string {
  return `taavon-receipt/v1\n${origin}\n${firstIndex}\n${leafHashes.join('\n')}\n`;
}

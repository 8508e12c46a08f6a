import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromBase64, toBase64 } from './merkle.ts';
import { noteKeyId } from './note.ts';

/**
 * The log's Ed25519 signing key. It lives outside the database (a directory named by
 * configuration, or a secret store mounted there), so someone who can write the database
 * cannot sign a checkpoint. The directory holds `signing-key.pem` (the current private key) and
 * `history.json` (every public key the log has used, published at /api/v1/ledger/keys).
 */
export type LogKey = {
  name: string;
  keyId: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: string;
  activeFrom: string;
  retiredAt: string | null;
};

export type LedgerSigner = {
  current: LogKey;
  history: LogKey[];
  /** Ed25519 signature of `message` with the current key (64 bytes). */
  sign(message: string): Uint8Array;
};

const KEY_FILE = 'signing-key.pem';
const HISTORY_FILE = 'history.json';

function rawPublicKey(key: KeyObject): Uint8Array {
  const jwk = createPublicKey(key).export({ format: 'jwk' });

  return Uint8Array.from(Buffer.from(jwk.x as string, 'base64url'));
}

function signerFor(privateKey: KeyObject, history: LogKey[]): LedgerSigner {
  const current = history.find((k) => k.retiredAt === null);
  if (!current) throw new Error('the ledger key history has no current key');

  return {
    current,
    history,
    sign: (message) => new Uint8Array(sign(null, Buffer.from(message, 'utf8'), privateKey)),
  };
}

function logKey(name: string, privateKey: KeyObject, at: string): LogKey {
  const pub = rawPublicKey(privateKey);

  return { name, keyId: noteKeyId(name, pub), publicKey: toBase64(pub), activeFrom: at, retiredAt: null };
}

/** A key that exists only in memory (tests, benchmarks). */
export function ephemeralSigner(name: string, at = new Date().toISOString()): LedgerSigner {
  const { privateKey } = generateKeyPairSync('ed25519');

  return signerFor(privateKey, [logKey(name, privateKey, at)]);
}

/** Loads the key directory, creating a first key when it is empty. */
export function loadSigner(dir: string, name: string, now = new Date()): LedgerSigner {
  const keyPath = join(dir, KEY_FILE);
  const historyPath = join(dir, HISTORY_FILE);
  if (!existsSync(keyPath)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(keyPath, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    writeFileSync(historyPath, `${JSON.stringify([logKey(name, privateKey, now.toISOString())], null, 2)}\n`);
  }
  const privateKey = createPrivateKey(readFileSync(keyPath));
  const history = JSON.parse(readFileSync(historyPath, 'utf8')) as LogKey[];
  const current = history.find((k) => k.retiredAt === null);
  if (!current || current.publicKey !== toBase64(rawPublicKey(privateKey))) {
    throw new Error(`${historyPath} does not name the key in ${keyPath} as current`);
  }

  return signerFor(privateKey, history);
}

/**
 * Rotates the key: a new current key, the old one retired (its public half stays in the
 * history so that old checkpoints and receipts still verify). The old private key is deleted.
 */
export function rotateSigner(dir: string, name: string, now = new Date()): LedgerSigner {
  const old = loadSigner(dir, name, now);
  const at = now.toISOString();
  const { privateKey } = generateKeyPairSync('ed25519');
  const history = [
    ...old.history.map((k) => (k.retiredAt === null ? { ...k, retiredAt: at } : k)),
    logKey(name, privateKey, at),
  ];
  const keyPath = join(dir, KEY_FILE);
  writeFileSync(`${keyPath}.new`, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  writeFileSync(join(dir, HISTORY_FILE), `${JSON.stringify(history, null, 2)}\n`);
  renameSync(`${keyPath}.new`, keyPath);

  return signerFor(privateKey, history);
}

/** The verifier of a published key (for note.ts). */
export function verifierOf(key: LogKey) {
  return { name: key.name, keyId: key.keyId, publicKey: fromBase64(key.publicKey) };
}

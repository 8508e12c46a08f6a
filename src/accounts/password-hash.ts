import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { passwordForm } from './password-policy.ts';
import type { ScryptParameters } from './settings.ts';

const KEY_BYTES = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, p: ScryptParameters): Promise<Buffer> {
  const options: ScryptOptions = { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 16 * 1024 * 1024 };

  return new Promise((resolve, reject) => {
    scrypt(passwordForm(password), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * Hashes a password with scrypt and a random 128-bit salt. The stored string carries its
 * parameters (`scrypt$N=32768,r=8,p=3$<salt>$<key>`, base64), so raising the cost later leaves old
 * hashes verifiable.
 */
export async function hashPassword(password: string, params: ScryptParameters): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);

  return `scrypt$N=${params.N},r=${params.r},p=${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Parses a stored hash; null if it is not one of ours. */
function parseHash(stored: string): { params: ScryptParameters; salt: Buffer; key: Buffer } | null {
  const m = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(stored);
  if (!m) return null;
  const [, n, r, p, salt, key] = m;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (params.N > 2 ** 20 || params.r > 32 || params.p > 16) return null;

  return { params, salt: Buffer.from(salt ?? '', 'base64'), key: Buffer.from(key ?? '', 'base64') };
}

/** Whether `password` matches the stored hash (constant-time comparison of the derived keys). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params);

  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** Whether a stored hash was made with weaker parameters than `params` (rehash on next sign-in). */
export function needsRehash(stored: string, params: ScryptParameters): boolean {
  const parsed = parseHash(stored);
  return !parsed || parsed.params.N < params.N || parsed.params.r < params.r || parsed.params.p < params.p;
}

const dummyHashes = new Map<string, Promise<string>>();

/**
 * A hash of nothing in particular with the current parameters: sign-in verifies against it when
 * the account does not exist, so that the answer takes as long either way (no enumeration by time).
 */
export function dummyHash(params: ScryptParameters): Promise<string> {
  const key = `${params.N},${params.r},${params.p}`;
  let hash = dummyHashes.get(key);
  if (!hash) {
    hash = hashPassword(randomBytes(16).toString('hex'), params);
    dummyHashes.set(key, hash);
  }

  return hash;
}

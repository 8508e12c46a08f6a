import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Bytes of randomness in session tokens and challenge ids: 256 bits (ASVS asks ≥128). */
export const TOKEN_BYTES = 32;

/** A new random token from the CSPRNG, base64url (43 characters for 32 bytes). */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * The database key of a token: its SHA-256, hex. The database never holds the token itself, so
 * a copy of the sessions table cannot be replayed.
 */
export function tokenKey(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether `s` looks like one of our tokens (checked before any lookup). */
export function isTokenShaped(s: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(s);
}

/** A six-digit one-time code from the CSPRNG (ASVS v5.0.0-6.5.5: ≥20 bits). */
export function newOneTimeCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * What the database stores of a one-time code: HMAC-SHA-256 keyed by the challenge id, which
 * only the client holds. A stolen table does not reveal the code, nor let anyone test guesses.
 */
export function codeDigest(challengeId: string, code: string): string {
  return createHmac('sha256', challengeId).update(code, 'utf8').digest('hex');
}

/** Compares two hex digests in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');

  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

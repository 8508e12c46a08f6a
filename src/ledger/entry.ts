import { createHmac, randomBytes } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EntryKind } from './kinds.ts';

/**
 * What a log entry says. A use case builds a draft from the rows it wrote; `append` turns it
 * into the entry body — RFC 8785 canonical JSON that repeats every column of the entry row, so
 * the leaf hash covers all of them. Natural persons' identifiers are wrapped with `secret()` and
 * appear in the body only as salted commitments (HMAC-SHA-256 with a random salt per entry and
 * path); the clear value and salt go to the private `ledger_secrets` table.
 */

export { ENTRY_KINDS, type EntryKind } from './kinds.ts';

const SECRET = Symbol('secret');

/** A natural person's identifier (national code, IBAN, mobile): committed, never in the clear. */
export type Secret = { readonly [SECRET]: true; readonly value: string };

export function secret(value: string): Secret {
  return { [SECRET]: true, value };
}

function isSecret(v: unknown): v is Secret {
  return typeof v === 'object' && v !== null && SECRET in v;
}

export type EntryData = { [key: string]: EntryValue };
export type EntryValue = string | number | boolean | null | Secret | EntryValue[] | EntryData;

export type EntryDraft = {
  kind: EntryKind;
  /** The business row it records, as `table:id` (null for the genesis and status changes). */
  subject: string | null;
  /** What happened, re-derivable from the business row (`taavon ledger verify` rebuilds it). */
  data: EntryData;
  /** Display names read from mutable tables (a person's current name): covered by the hash, not re-derived. */
  labels?: EntryData;
};

/** The entry body as a member's browser reparses it. */
export type EntryBody = {
  v: 1;
  log: string;
  index: number;
  kind: EntryKind;
  subject: string | null;
  recordedAt: string;
  data: unknown;
  labels: unknown;
};

export type SecretRow = { path: string; salt: string; value: string };

let saltPool = Buffer.alloc(0);
let saltOffset = 0;

/** 16 random bytes as hex, cut from a pooled CSPRNG buffer (one `randomBytes` call per 256 salts). */
function freshSalt(): string {
  if (saltOffset + 16 > saltPool.length) {
    saltPool = randomBytes(4096);
    saltOffset = 0;
  }
  saltOffset += 16;

  return saltPool.toString('hex', saltOffset - 16, saltOffset);
}

/** The commitment to a value under a salt (hex). Browsers recompute it to check an opened identifier. */
export function commitment(salt: string, value: string): string {
  if (!/^[0-9a-f]{32}$/.test(salt)) throw new RangeError('a commitment salt is 16 bytes of lowercase hex');

  return createHmac('sha256', Buffer.from(salt, 'hex')).update(value, 'utf8').digest('hex');
}

/**
 * Replaces every secret in `data` with `{commitment}`. Salts come from `salts` (path → salt)
 * when given — re-deriving an entry during verification — or are drawn fresh.
 */
export function commitSecrets(
  data: EntryData,
  salts?: ReadonlyMap<string, string>,
): { data: unknown; secrets: SecretRow[] } {
  const secrets: SecretRow[] = [];
  const walk = (v: EntryValue, path: string): unknown => {
    if (isSecret(v)) {
      const salt = salts ? (salts.get(path) ?? '') : freshSalt();
      secrets.push({ path, salt, value: v.value });
      // Re-deriving with a salt that is missing or malformed cannot reproduce the commitment.
      if (!/^[0-9a-f]{32}$/.test(salt)) return { commitment: null };

      return { commitment: commitment(salt, v.value) };
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}.${i}`));
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, path ? `${path}.${k}` : k)]));
    }

    return v;
  };

  return { data: walk(data, ''), secrets };
}

/** The canonical bytes of an entry body (RFC 8785). */
export function canonicalBody(body: EntryBody): string {
  const text = canonicalize(body);
  if (text === undefined) throw new Error('entry body cannot be canonicalised');

  return text;
}

/** The origin line of a cooperative's log: unique per log, so checkpoints of two logs never match. */
export function logOrigin(name: string, cooperativeId: number): string {
  return `${name}/c/${cooperativeId}`;
}

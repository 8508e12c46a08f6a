import { randomBytes } from 'node:crypto';

/**
 * The name a stored document gets: 32 lowercase hex characters from the CSPRNG (128 bits).
 * It says nothing about the uploader, the request or the file's own name, so a stored name can be
 * neither guessed nor used to smuggle a path, an extension or a script into the storage layer.
 * The display name lives beside it in the database (see `inspectUpload`'s `safeName`).
 */
export function newDocumentKey(): string {
  return randomBytes(16).toString('hex');
}

/**
 * What every store accepts as a key: lowercase letters, digits and hyphens, 1–128 of them. No
 * dot, slash or backslash can get through, so a key can never leave the store's directory or
 * prefix (`..`, `/etc/passwd`, `C:\`), nor collide with a store's own temporary files.
 */
export const DOCUMENT_KEY = /^[a-z0-9-]{1,128}$/;

/** Throws unless `key` matches `DOCUMENT_KEY`; keys come from `newDocumentKey`, never from a request. */
export function assertDocumentKey(key: string): void {
  if (typeof key !== 'string' || !DOCUMENT_KEY.test(key)) {
    throw new RangeError(`Invalid document key: ${JSON.stringify(String(key).slice(0, 40))}`);
  }
}

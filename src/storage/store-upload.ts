import { createHash } from 'node:crypto';
import { AppError } from '../errors/app-error.ts';
import type { DocumentStore } from './document-store.ts';
import { type InspectOptions, inspectUpload, type UploadRejected } from './inspect-upload.ts';
import { newDocumentKey } from './new-key.ts';

/** What the database records of a stored document; `key` is its random name in the store. */
export type StoredDocument = {
  key: string;
  mediaType: string;
  extension: string;
  sha256: string;
  size: number;
  safeName: string;
};

/**
 * Inspects an upload and, if it is accepted, stores it under a fresh random key. The caller
 * records the returned `StoredDocument` with the service request (and deletes the key again if
 * its transaction fails). A refused file is never written anywhere.
 */
export async function storeUpload(
  store: DocumentStore,
  bytes: Uint8Array,
  declaredName: string,
  options: InspectOptions,
): Promise<{ ok: true; document: StoredDocument } | UploadRejected> {
  const inspection = await inspectUpload(bytes, declaredName, options);
  if (!inspection.ok) return inspection;
  const key = newDocumentKey();
  await store.put(key, bytes);
  const { mediaType, extension, sha256, size, safeName } = inspection;
  return { ok: true, document: { key, mediaType, extension, sha256, size, safeName } };
}

/**
 * The bytes of a stored document, checked against the SHA-256 recorded at upload: a file changed
 * or damaged in the store is refused rather than served. Null if the store has no such key.
 */
export async function readDocument(
  store: DocumentStore,
  document: Pick<StoredDocument, 'key' | 'sha256'>,
): Promise<Uint8Array | null> {
  const bytes = await store.get(document.key);
  if (bytes === null) return null;
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== document.sha256) {
    throw new Error(`Stored document ${document.key} does not match its recorded SHA-256`);
  }
  return bytes;
}

/**
 * The `AppError` for a refused upload of the form field `path`: 413 for a file over the limit,
 * otherwise 400 with the field error beside the file input (GOV.UK style).
 */
export function uploadError(rejected: UploadRejected, path = 'file'): AppError {
  const field = { path, code: rejected.code, message: rejected.message };
  if (rejected.code === 'file_too_large') {
    return new AppError('PAYLOAD_TOO_LARGE', { message: rejected.message, fields: [field] });
  }
  return new AppError('INVALID_INPUT', { fields: [field] });
}

import type { Actor } from '../access/index.ts';
import type { Context } from '../context/context.ts';
import { AppError } from '../errors/app-error.ts';
import { DEFAULT_ALLOWED_TYPES, readDocument, storeUpload, uploadError } from '../storage/index.ts';
import { serviceOf } from './catalogue/index.ts';
import { isApplicant, mayRead } from './request-access.ts';
import { requestByCode } from './requests.ts';
import { serviceFieldError } from './service-messages.ts';
import * as repo from './services.repository.ts';

/** The largest document accepted, by default (configuration: `TAAVON_MAX_UPLOAD_MB`). */
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Statuses in which the applicant may add or remove documents. */
const EDITABLE = new Set(['draft', 'more_info']);

/**
 * Use case: the applicant uploads a document a service asks for. The file is checked by its
 * content (PDF, PNG or JPEG; never by its name or declared type), stored under a random name in
 * the document store, and recorded with its SHA-256; a refused file is never stored.
 */
export async function uploadDocument(
  ctx: Context,
  actor: Actor,
  a: { code: string; requirement: string; name: string; bytes: Uint8Array; maxBytes?: number },
) {
  const req = await requestByCode(ctx.db, a.code);
  if (!isApplicant(actor, req)) throw new AppError('NOT_FOUND');
  if (!EDITABLE.has(req.status)) throw new AppError('INVALID_TRANSITION');
  const service = serviceOf(req.service_id);
  const path = `documents.${a.requirement}`;
  if (!service.documents.some((d) => d.id === a.requirement)) {
    throw new AppError('INVALID_INPUT', { fields: [serviceFieldError(path, 'unknown_document')] });
  }
  const stored = await storeUpload(ctx.documents, a.bytes, a.name, {
    maxBytes: a.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    allowed: DEFAULT_ALLOWED_TYPES,
  });
  if (!stored.ok) throw uploadError(stored, path);
  const d = stored.document;
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const current = await repo.findRequestByCode(tx, req.tracking_code, { forUpdate: true });
      if (!current || !EDITABLE.has(current.status)) throw new AppError('INVALID_TRANSITION');
      const now = ctx.clock.now().toISOString();
      const id = await repo.insertDocument(tx, {
        request_id: req.id,
        requirement: a.requirement,
        display_name: d.safeName,
        media_type: d.mediaType,
        size: d.size,
        sha256: d.sha256,
        stored_name: d.key,
        uploaded_by: actor.personId,
        created_at: now,
        removed_at: null,
      });
      await repo.updateRequest(tx, req.id, { updated_at: now });

      return {
        id,
        requirement: a.requirement,
        name: d.safeName,
        mediaType: d.mediaType,
        size: d.size,
        sha256: d.sha256,
        uploadedAt: now,
      };
    });
  } catch (error) {
    await ctx.documents.delete(d.key); // nothing half-saved: no stored file without its record
    throw error;
  }
}

/** Use case: a document's bytes, for the applicant and the deciding office; checked against its SHA-256. */
export async function downloadDocument(ctx: Context, actor: Actor, code: string, id: number) {
  const req = await requestByCode(ctx.db, code);
  if (!mayRead(actor, req)) throw new AppError('NOT_FOUND');
  const doc = await repo.findDocument(ctx.db, req.id, id);
  if (!doc) throw new AppError('NOT_FOUND');
  const bytes = await readDocument(ctx.documents, { key: doc.stored_name, sha256: doc.sha256 });
  if (!bytes) throw new AppError('NOT_FOUND');

  return { bytes, name: doc.display_name, mediaType: doc.media_type };
}

/** Use case: the applicant removes a document from a draft (the record stays, marked removed). */
export async function removeDocument(ctx: Context, actor: Actor, code: string, id: number) {
  await ctx.db.transaction().execute(async (tx) => {
    const req = await requestByCode(tx, code, { forUpdate: true });
    if (!isApplicant(actor, req)) throw new AppError('NOT_FOUND');
    if (!EDITABLE.has(req.status)) throw new AppError('INVALID_TRANSITION');
    const doc = await repo.findDocument(tx, req.id, id);
    if (!doc) throw new AppError('NOT_FOUND');
    await repo.removeDocument(tx, doc.id, ctx.clock.now().toISOString());
  });
}

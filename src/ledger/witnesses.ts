import { z } from 'zod';
import type { Context } from '../context/context.ts';
import { AppError } from '../errors/app-error.ts';
import { fieldError } from '../errors/field-messages.ts';
import { parseInput } from '../validation/parse.ts';
import * as repo from './ledger.repository.ts';
import { fromBase64 } from './merkle.ts';
import { noteKeyId, parseNote, signatureLine, verifySignature } from './note.ts';

/**
 * Witnesses: an inspector or a ministry officer registers an Ed25519 public key (made in their
 * browser or with any signed-note tool) and co-signs a checkpoint they have seen. A log that
 * showed one member a different history from another would need every witness to sign both.
 */

const base64Bytes = (length: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'invalid')
    .refine((s) => {
      try {
        return fromBase64(s).length === length;
      } catch {
        return false;
      }
    }, 'invalid');

export const witnessKeySchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,99}$/, 'invalid'),
    publicKey: base64Bytes(32),
  })
  .strict();

export const cosignatureSchema = z
  .object({ keyId: z.string().regex(/^[0-9a-f]{8}$/, 'invalid'), signature: base64Bytes(64) })
  .strict();

/** Registers a witness key for a person; returns its key id. */
export async function registerWitnessKey(ctx: Context, personId: number, input: unknown) {
  const v = parseInput(witnessKeySchema, input);
  const keyId = noteKeyId(v.name, fromBase64(v.publicKey));
  const existing = await repo.findWitnessKey(ctx.db, keyId);
  if (existing) {
    if (existing.person_id !== personId)
      throw new AppError('CONFLICT', { fields: [fieldError('publicKey', 'duplicate')] });

    return { keyId };
  }
  await repo.insertWitnessKey(ctx.db, {
    person_id: personId,
    name: v.name,
    key_id: keyId,
    public_key: v.publicKey,
    created_at: ctx.clock.now().toISOString(),
  });

  return { keyId };
}

/** Adds a witness's cosignature to a published checkpoint, after checking it. */
export async function cosignCheckpoint(
  ctx: Context,
  cooperativeId: number,
  size: number,
  personId: number,
  input: unknown,
) {
  const v = parseInput(cosignatureSchema, input);
  const key = await repo.findWitnessKey(ctx.db, v.keyId);
  if (!key || key.person_id !== personId || key.revoked_at !== null) {
    throw new AppError('INVALID_INPUT', { fields: [fieldError('keyId', 'invalid')] });
  }
  const checkpoint = await repo.findCheckpoint(ctx.db, cooperativeId, size);
  if (!checkpoint) throw new AppError('NOT_FOUND');
  const note = parseNote(checkpoint.note);
  const signature = fromBase64(v.signature);
  const verifier = { name: key.name, keyId: key.key_id, publicKey: fromBase64(key.public_key) };
  if (!note || !verifySignature(verifier, note.body, signature)) {
    throw new AppError('INVALID_INPUT', { fields: [fieldError('signature', 'invalid')] });
  }
  await repo.insertCosignature(ctx.db, {
    cooperative_id: cooperativeId,
    size,
    witness_key_id: key.id,
    signature_line: signatureLine(key.name, key.key_id, signature),
    signed_at: ctx.clock.now().toISOString(),
  });
}

import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import { AppError, type FieldError, notFound } from '../errors/app-error.ts';
import { foldDigits } from '../text/index.ts';
import { parseInput } from '../validation/parse.ts';
import { enqueueNotification } from './enqueue-notification.ts';

/** How long a verification code lives, how many wrong tries it survives, how many addresses a person keeps. */
export const EMAIL_VERIFICATION = { ttlMinutes: 30, maxFailedAttempts: 5, maxAddresses: 5 } as const;

/** One of a person's e-mail addresses. */
export type EmailAddress = { id: number; email: string; verifiedAt: string | null };

const emailSchema = z.strictObject({
  email: z
    .string()
    .trim()
    .max(254)
    .pipe(z.email())
    .transform((e) => e.toLowerCase()),
});

const INVALID_CODE: FieldError = {
  path: 'code',
  code: 'invalid_code',
  message: {
    fa: 'کد درست نیست یا منقضی شده است؛ کد تازه بخواهید',
    en: 'The code is wrong or has expired; ask for a new one',
  },
};

/**
 * Adds an e-mail address to the person (or renews the code of one not yet verified) and queues a
 * 6-digit verification code to it, in one transaction. Only the code's hash is stored in
 * `person_emails`; the code itself travels in the outbox message. CONFLICT when the person has
 * verified this address already; INVALID_INPUT for a malformed address or too many addresses.
 */
export async function addEmailAddress(
  ctx: Pick<Context, 'db' | 'clock'>,
  personId: number,
  email: string,
): Promise<EmailAddress & { expiresAt: string }> {
  const value = parseInput(emailSchema, { email });
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + EMAIL_VERIFICATION.ttlMinutes * 60_000).toISOString();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');

  return ctx.db.transaction().execute(async (tx) => {
    const person = await tx.selectFrom('persons').select('id').where('id', '=', personId).executeTakeFirst();
    if (!person) throw notFound({ fa: 'شخص پیدا نشد', en: 'Person not found' });
    const existing = await tx
      .selectFrom('person_emails')
      .select(['id', 'verified_at'])
      .where('person_id', '=', personId)
      .where('email', '=', value.email)
      .executeTakeFirst();
    if (existing?.verified_at) {
      throw new AppError('CONFLICT', {
        message: { fa: 'این نشانی ایمیل قبلاً تأیید شده است', en: 'This e-mail address is already verified' },
      });
    }
    const fields = {
      token_hash: codeHash(personId, value.email, code),
      token_expires_at: expiresAt,
      failed_attempts: 0,
    };
    let id: number;
    if (existing) {
      await tx.updateTable('person_emails').set(fields).where('id', '=', existing.id).execute();
      id = existing.id;
    } else {
      await ensureRoomForAnother(tx, personId);
      const row = await tx
        .insertInto('person_emails')
        .values({
          person_id: personId,
          email: value.email,
          verified_at: null,
          created_at: now.toISOString(),
          ...fields,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    }
    await enqueueNotification(tx, {
      personId,
      channel: 'email',
      to: value.email,
      kind: 'email.verify',
      subject: { fa: 'تأیید نشانی ایمیل در تعاون', en: 'Confirm your e-mail address for Taavon' },
      body: {
        fa: `کد تأیید نشانی ایمیل شما: ${code}\n\nاین کد تا ${EMAIL_VERIFICATION.ttlMinutes} دقیقه معتبر است. اگر شما این نشانی را وارد نکرده‌اید، این پیام را نادیده بگیرید.`,
        en: `Your e-mail verification code: ${code}\n\nIt is valid for ${EMAIL_VERIFICATION.ttlMinutes} minutes. If you did not add this address, ignore this message.`,
      },
    });

    return { id, email: value.email, verifiedAt: null, expiresAt };
  });
}

/**
 * Verifies the person's pending address whose code this is (Persian or Arabic digits accepted).
 * A wrong or expired code is INVALID_INPUT and verifies nothing; it counts as a failed try on the
 * person's pending codes, and a code dies after `maxFailedAttempts` wrong tries (6 digits are
 * guessable otherwise).
 */
export async function verifyEmailAddress(
  ctx: Pick<Context, 'db' | 'clock'>,
  personId: number,
  code: string,
): Promise<EmailAddress> {
  const digits = foldDigits(String(code)).replace(/[\s-]/g, '');
  if (!/^\d{6}$/.test(digits)) throw new AppError('INVALID_INPUT', { fields: [INVALID_CODE] });
  const now = ctx.clock.now().toISOString();

  const verified = await ctx.db.transaction().execute(async (tx) => {
    const pending = await livePendingCodes(tx, personId, now);
    const match = pending.find((row) =>
      row.token_hash ? sameHash(row.token_hash, codeHash(personId, row.email, digits)) : false,
    );
    if (!match) return null;
    await tx
      .updateTable('person_emails')
      .set({ verified_at: now, token_hash: null, token_expires_at: null, failed_attempts: 0 })
      .where('id', '=', match.id)
      .where('verified_at', 'is', null)
      .execute();

    return { id: match.id, email: match.email, verifiedAt: now };
  });
  if (verified) return verified;

  await ctx.db
    .updateTable('person_emails')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('person_id', '=', personId)
    .where('verified_at', 'is', null)
    .where('token_hash', 'is not', null)
    .execute();
  throw new AppError('INVALID_INPUT', { fields: [INVALID_CODE] });
}

/** The person's addresses, verified first, then by address. */
export async function listEmailAddresses(ctx: { db: Executor }, personId: number): Promise<EmailAddress[]> {
  const rows = await ctx.db
    .selectFrom('person_emails')
    .select(['id', 'email', 'verified_at'])
    .where('person_id', '=', personId)
    .orderBy('email')
    .execute();

  return rows
    .map((r) => ({ id: r.id, email: r.email, verifiedAt: r.verified_at }))
    .sort((a, b) => Number(b.verifiedAt !== null) - Number(a.verifiedAt !== null));
}

/** Removes one of the person's addresses; NOT_FOUND when it is not theirs. */
export async function removeEmailAddress(ctx: { db: Executor }, personId: number, id: number): Promise<void> {
  const result = await ctx.db
    .deleteFrom('person_emails')
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) throw notFound({ fa: 'نشانی پیدا نشد', en: 'Address not found' });
}

async function livePendingCodes(tx: Executor, personId: number, now: string) {
  return tx
    .selectFrom('person_emails')
    .select(['id', 'email', 'token_hash'])
    .where('person_id', '=', personId)
    .where('verified_at', 'is', null)
    .where('token_hash', 'is not', null)
    .where('token_expires_at', '>', now)
    .where('failed_attempts', '<', EMAIL_VERIFICATION.maxFailedAttempts)
    .execute();
}

async function ensureRoomForAnother(tx: Executor, personId: number): Promise<void> {
  const row = await tx
    .selectFrom('person_emails')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (Number(row?.n ?? 0) < EMAIL_VERIFICATION.maxAddresses) return;
  throw new AppError('INVALID_INPUT', {
    fields: [
      {
        path: 'email',
        code: 'too_many_addresses',
        message: {
          fa: `بیش از ${EMAIL_VERIFICATION.maxAddresses} نشانی ایمیل نمی‌توان داشت`,
          en: `You can keep at most ${EMAIL_VERIFICATION.maxAddresses} e-mail addresses`,
        },
      },
    ],
  });
}

/** The stored form of a code: bound to the person and address, so a code works only where it was sent. */
function codeHash(personId: number, email: string, code: string): string {
  return createHash('sha256').update(`taavon-email-verify\n${personId}\n${email}\n${code}`).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');

  return x.length === y.length && timingSafeEqual(x, y);
}

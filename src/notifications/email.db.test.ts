import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../../test/helpers/smtp-sink.ts';
import { createTestContext } from '../../test/helpers/test-context.ts';
import { fixedClock } from '../calendar/index.ts';
import type { OpenContext } from '../context/open-context.ts';
import { AppError } from '../errors/app-error.ts';
import {
  addEmailAddress,
  addressOf,
  type Channels,
  dispatchOutbox,
  EMAIL_VERIFICATION,
  enqueueNotification,
  listEmailAddresses,
  RecordingSmsChannel,
  SmtpEmailChannel,
  verifyEmailAddress,
} from './index.ts';

let ctx: OpenContext;
let smtp: SmtpSink;
let channels: Channels;
let personId: number;
const NOW = new Date('2026-11-28T10:00:00.000Z');

beforeAll(async () => {
  ctx = await createTestContext({ today: NOW.toISOString() });
  smtp = await startSmtpSink({ reject: /^nobody@/ });
  channels = {
    sms: new RecordingSmsChannel(),
    email: new SmtpEmailChannel({ url: smtp.url, from: 'Taavon <no-reply@taavon.test>', timeoutMs: 5000 }),
  };
  const row = await ctx.db
    .insertInto('persons')
    .values({
      national_code: '0499370899',
      first_name: 'مریم',
      last_name: 'احمدی',
      name_key: 'مریم احمدی',
      mobile: '09121234567',
      iban: null,
      address: null,
      postal_code: null,
      created_at: NOW.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  personId = row.id;
});
afterAll(async () => {
  channels.email.close?.();
  await smtp.close();
  await ctx.close();
});
beforeEach(() => {
  smtp.received.length = 0;
});

/** Dispatches through the real SMTP server and returns the code in the newest received e-mail. */
async function deliverAndReadCode(): Promise<string> {
  const before = smtp.received.length;
  await dispatchOutbox(ctx, channels);
  const mails = await smtp.waitFor(before + 1);
  const code = /(\d{6})/.exec(mails[before]?.text ?? '')?.[1];
  if (!code) throw new Error('no code in the e-mail');
  return code;
}

async function emailRow(email: string) {
  return ctx.db.selectFrom('person_emails').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
}

describe('e-mail through a real SMTP server', () => {
  it('delivers the message with its To, Subject and UTF-8 Persian body', async () => {
    const id = await enqueueNotification(ctx.db, {
      personId,
      channel: 'email',
      to: 'maryam@example.ir',
      kind: 'request.status_changed',
      subject: { fa: 'درخواست شما بررسی شد', en: 'Your request was reviewed' },
      body: {
        fa: 'درخواست وام شما در ادارهٔ تعاون شیراز تأیید شد.\nشمارهٔ پیگیری: ۱۴۰۵-۷۷',
        en: 'Your loan request was approved by the Shiraz cooperative office.',
      },
    });
    expect(await dispatchOutbox(ctx, channels)).toMatchObject({ sent: 1 });
    const [mail] = await smtp.waitFor(1);

    expect(mail?.rcptTo).toEqual(['maryam@example.ir']);
    expect(mail?.from).toBe('no-reply@taavon.test');
    expect(mail?.to).toBe('maryam@example.ir');
    expect(mail?.subject).toBe('درخواست شما بررسی شد');
    expect(mail?.text).toContain('درخواست وام شما در ادارهٔ تعاون شیراز تأیید شد.\nشمارهٔ پیگیری: ۱۴۰۵-۷۷');
    expect(mail?.text).toContain('Your loan request was approved');
    expect(mail?.html).toContain('dir="rtl"');
    expect(mail?.raw).toMatch(/charset=utf-8/i);

    const row = await ctx.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
    expect(row.provider_id).toMatch(/@/);
  });

  it('retries a message the server refuses, keeping the server’s reason', async () => {
    const id = await enqueueNotification(ctx.db, {
      personId: null,
      channel: 'email',
      to: 'nobody@example.ir',
      kind: 'news',
      body: { fa: 'سلام', en: 'Hello' },
    });
    expect(await dispatchOutbox(ctx, channels)).toMatchObject({ retried: 1 });
    const row = await ctx.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toMatch(/550|mailbox unavailable/);
    expect(smtp.received).toHaveLength(0);
    await ctx.db.deleteFrom('outbox').where('id', '=', id).execute();
  });
});

describe('adding and verifying an e-mail address', () => {
  it('sends a code by e-mail that verifies the address', async () => {
    const added = await addEmailAddress(ctx, personId, '  Maryam.Ahmadi@Example.IR ');
    expect(added).toMatchObject({ email: 'maryam.ahmadi@example.ir', verifiedAt: null });
    const stored = await emailRow('maryam.ahmadi@example.ir');
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const code = await deliverAndReadCode();
    const mail = smtp.received.at(-1);
    expect(mail?.rcptTo).toEqual(['maryam.ahmadi@example.ir']);
    expect(mail?.subject).toBe('تأیید نشانی ایمیل در تعاون');
    // Only the hash is kept beside the address.
    expect(JSON.stringify(await emailRow('maryam.ahmadi@example.ir'))).not.toContain(code);

    // Persian digits are accepted.
    const persianCode = code.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
    const verified = await verifyEmailAddress(ctx, personId, persianCode);
    expect(verified).toMatchObject({ email: 'maryam.ahmadi@example.ir', verifiedAt: NOW.toISOString() });
    expect(await emailRow('maryam.ahmadi@example.ir')).toMatchObject({
      token_hash: null,
      token_expires_at: null,
    });
    expect(await addressOf(ctx.db, personId, 'email')).toBe('maryam.ahmadi@example.ir');

    // Used once: the same code no longer works; adding the verified address again is a conflict.
    await expect(verifyEmailAddress(ctx, personId, code)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(addEmailAddress(ctx, personId, 'maryam.ahmadi@example.ir')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('rejects a wrong code and an expired code with INVALID_INPUT, verifying nothing', async () => {
    await addEmailAddress(ctx, personId, 'second@example.ir');
    const code = await deliverAndReadCode();
    const wrong = code === '000000' ? '111111' : '000000';

    const error = await verifyEmailAddress(ctx, personId, wrong).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [expect.objectContaining({ path: 'code' })],
    });
    await expect(verifyEmailAddress(ctx, personId, 'abc')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await emailRow('second@example.ir')).verified_at).toBeNull();

    const later = {
      ...ctx,
      clock: fixedClock(new Date(NOW.getTime() + (EMAIL_VERIFICATION.ttlMinutes + 1) * 60_000)),
    };
    await expect(verifyEmailAddress(later, personId, code)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await emailRow('second@example.ir')).verified_at).toBeNull();

    // Within its lifetime the right code still works after a wrong try.
    expect(await verifyEmailAddress(ctx, personId, code)).toMatchObject({ email: 'second@example.ir' });
  });

  it('kills a code after too many wrong tries, and a new code works', async () => {
    await addEmailAddress(ctx, personId, 'third@example.ir');
    const code = await deliverAndReadCode();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < EMAIL_VERIFICATION.maxFailedAttempts; i++) {
      await expect(verifyEmailAddress(ctx, personId, wrong)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    await expect(verifyEmailAddress(ctx, personId, code)).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    await addEmailAddress(ctx, personId, 'third@example.ir');
    const fresh = await deliverAndReadCode();
    expect(await verifyEmailAddress(ctx, personId, fresh)).toMatchObject({ email: 'third@example.ir' });
  });

  it('rejects a malformed address, an unknown person and a sixth address', async () => {
    await expect(addEmailAddress(ctx, personId, 'not an address')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      fields: [expect.objectContaining({ path: 'email' })],
    });
    await expect(addEmailAddress(ctx, 999_999, 'x@example.ir')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await addEmailAddress(ctx, personId, 'fourth@example.ir');
    await addEmailAddress(ctx, personId, 'fifth@example.ir');
    const before = await ctx.db.selectFrom('outbox').select('id').execute();
    await expect(addEmailAddress(ctx, personId, 'sixth@example.ir')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      fields: [expect.objectContaining({ code: 'too_many_addresses' })],
    });
    // Nothing was queued for the refused address.
    expect(await ctx.db.selectFrom('outbox').select('id').execute()).toEqual(before);
    expect((await listEmailAddresses(ctx, personId)).map((a) => a.email)).toEqual([
      'maryam.ahmadi@example.ir',
      'second@example.ir',
      'third@example.ir',
      'fifth@example.ir',
      'fourth@example.ir',
    ]);
  });
});

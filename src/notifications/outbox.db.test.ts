import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/helpers/test-context.ts';
import type { OpenContext } from '../context/open-context.ts';
import { AppError } from '../errors/app-error.ts';
import {
  addressOf,
  backoffMs,
  type Channels,
  dispatchOutbox,
  enqueueNotification,
  listInbox,
  markInboxMessagesRead,
  notifyPerson,
  RecordingEmailChannel,
  RecordingSmsChannel,
  type SmsChannel,
  setNotificationPreference,
  shouldNotify,
  startOutboxDispatcher,
} from './index.ts';

let ctx: OpenContext;
let personId: number;
const T0 = new Date('2026-11-28T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const CODE_SMS = {
  personId: null,
  channel: 'sms',
  to: '09121234567',
  kind: 'auth.sign_in_code',
  body: { fa: 'کد ورود شما به تعاون: ۴۸۲۹۱۷', en: 'Your Taavon sign-in code: 482917' },
} as const;

beforeAll(async () => {
  ctx = await createTestContext();
  personId = await insertPerson(ctx, '0499370899', '09121234567');
});
afterAll(async () => ctx.close());
beforeEach(async () => {
  await ctx.db.deleteFrom('outbox').execute();
  await ctx.db.deleteFrom('notification_preferences').execute();
});

async function insertPerson(c: OpenContext, nationalCode: string, mobile: string | null): Promise<number> {
  const row = await c.db
    .insertInto('persons')
    .values({
      national_code: nationalCode,
      first_name: 'مریم',
      last_name: 'احمدی',
      name_key: 'مریم احمدی',
      mobile,
      iban: null,
      address: null,
      postal_code: null,
      created_at: T0.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function recordingChannels(): Channels & { sms: RecordingSmsChannel; email: RecordingEmailChannel } {
  return { sms: new RecordingSmsChannel(), email: new RecordingEmailChannel() };
}

async function outboxRow(id: number) {
  return ctx.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** An SMS channel that fails its first `failures` sends, then records. */
class FlakySms implements SmsChannel {
  readonly records = false;
  readonly delivered: string[] = [];
  calls = 0;
  constructor(private failures: number) {}
  async send(to: string, text: string) {
    this.calls += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('gateway timeout');
    }
    this.delivered.push(`${to}:${text}`);
    return { providerId: `gw-${this.calls}` };
  }
}

describe('enqueueNotification', () => {
  it('queues nothing when the caller’s transaction rolls back', async () => {
    await expect(
      ctx.db.transaction().execute(async (tx) => {
        const id = await enqueueNotification(tx, CODE_SMS);
        expect(id).toBeGreaterThan(0);
        throw new Error('the surrounding write failed');
      }),
    ).rejects.toThrow('the surrounding write failed');
    expect(await ctx.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
  });

  it('queues a pending row with both languages when the transaction commits', async () => {
    const id = await ctx.db.transaction().execute((tx) => enqueueNotification(tx, CODE_SMS, { now: T0 }));
    const row = await outboxRow(id);
    expect(row).toMatchObject({
      channel: 'sms',
      to_address: '09121234567',
      kind: 'auth.sign_in_code',
      status: 'pending',
      attempts: 0,
      body_fa: CODE_SMS.body.fa,
      body_en: CODE_SMS.body.en,
      subject_fa: null,
      next_attempt_at: T0.toISOString(),
      created_at: T0.toISOString(),
      sent_at: null,
    });
  });

  it('refuses an in-app message without a person and an empty address', async () => {
    await expect(enqueueNotification(ctx.db, { ...CODE_SMS, channel: 'inapp' })).rejects.toThrow(TypeError);
    await expect(enqueueNotification(ctx.db, { ...CODE_SMS, to: ' ' })).rejects.toThrow(TypeError);
  });
});

describe('dispatchOutbox', () => {
  it('delivers a due SMS to the recording channel and marks it recorded', async () => {
    const id = await enqueueNotification(ctx.db, CODE_SMS, { now: T0 });
    const channels = recordingChannels();
    const summary = await dispatchOutbox(ctx, channels, { now: at(1000) });

    expect(summary).toEqual({ sent: 0, recorded: 1, retried: 0, failed: 0 });
    expect(channels.sms.messages).toEqual([
      expect.objectContaining({ to: '09121234567', text: CODE_SMS.body.fa }),
    ]);
    const row = await outboxRow(id);
    expect(row).toMatchObject({
      status: 'recorded',
      attempts: 1,
      provider_id: 'sms-recorded-1',
      claimed_at: null,
    });
    expect(row.sent_at).not.toBeNull();
    // Nothing left to do: a second pass sends nothing again.
    expect(await dispatchOutbox(ctx, channels, { now: at(2000) })).toEqual({
      sent: 0,
      recorded: 0,
      retried: 0,
      failed: 0,
    });
    expect(channels.sms.messages).toHaveLength(1);
  });

  it('does not send a message before it is due', async () => {
    await enqueueNotification(ctx.db, CODE_SMS, { now: T0 });
    const channels = recordingChannels();
    expect((await dispatchOutbox(ctx, channels, { now: at(-1) })).recorded).toBe(0);
    expect(channels.sms.messages).toHaveLength(0);
  });

  it('retries with exponential backoff after failures, then delivers', async () => {
    const id = await enqueueNotification(ctx.db, CODE_SMS, { now: T0 });
    const sms = new FlakySms(2);
    const channels: Channels = { sms, email: new RecordingEmailChannel() };
    const policy = { maxAttempts: 5, retryBaseMs: 10_000, retryMaxMs: 3_600_000 };

    expect(await dispatchOutbox(ctx, channels, { ...policy, now: at(0) })).toMatchObject({ retried: 1 });
    let row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'gateway timeout' });
    expect(row.next_attempt_at).toBe(at(10_000).toISOString());

    // Not due yet: no call.
    await dispatchOutbox(ctx, channels, { ...policy, now: at(9_999) });
    expect(sms.calls).toBe(1);

    await dispatchOutbox(ctx, channels, { ...policy, now: at(10_000) });
    row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row.next_attempt_at).toBe(at(10_000 + 20_000).toISOString());

    expect(await dispatchOutbox(ctx, channels, { ...policy, now: at(30_000) })).toMatchObject({ sent: 1 });
    row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, provider_id: 'gw-3', last_error: null });
    expect(sms.delivered).toEqual([`09121234567:${CODE_SMS.body.fa}`]);
  });

  it('marks a message failed after the maximum attempts and stops trying', async () => {
    const id = await enqueueNotification(ctx.db, CODE_SMS, { now: T0 });
    const sms = new FlakySms(100);
    const channels: Channels = { sms, email: new RecordingEmailChannel() };
    const policy = { maxAttempts: 3, retryBaseMs: 1000, retryMaxMs: 60_000 };
    for (const t of [0, 1000, 3000]) await dispatchOutbox(ctx, channels, { ...policy, now: at(t) });

    expect(await outboxRow(id)).toMatchObject({
      status: 'failed',
      attempts: 3,
      last_error: 'gateway timeout',
    });
    await dispatchOutbox(ctx, channels, { ...policy, now: at(3_600_000) });
    expect(sms.calls).toBe(3);
  });

  it('caps the backoff', () => {
    const policy = { retryBaseMs: 30_000, retryMaxMs: 3_600_000 };
    expect([1, 2, 3, 4].map((n) => backoffMs(n, policy))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(20, policy)).toBe(3_600_000);
  });

  it('never delivers a message twice when dispatchers run at once', async () => {
    for (let i = 0; i < 30; i++) {
      await enqueueNotification(
        ctx.db,
        { ...CODE_SMS, to: `0912000${String(i).padStart(4, '0')}` },
        { now: T0 },
      );
    }
    const sent: string[] = [];
    const slowSms: SmsChannel = {
      records: false,
      async send(to) {
        await new Promise((r) => setTimeout(r, 2));
        sent.push(to);
        return { providerId: null };
      },
    };
    const channels: Channels = { sms: slowSms, email: new RecordingEmailChannel() };
    const summaries = await Promise.all(
      [1, 2, 3, 4].map(() => dispatchOutbox(ctx, channels, { now: at(1000), limit: 100 })),
    );

    expect(summaries.reduce((n, s) => n + s.sent, 0)).toBe(30);
    expect(sent).toHaveLength(30);
    expect(new Set(sent).size).toBe(30);
    const statuses = await ctx.db.selectFrom('outbox').select('status').distinct().execute();
    expect(statuses).toEqual([{ status: 'sent' }]);
  });

  it('releases the claim of a dispatcher that died mid-send, counting the attempt', async () => {
    const id = await enqueueNotification(ctx.db, CODE_SMS, { now: T0 });
    await ctx.db
      .updateTable('outbox')
      .set({ status: 'sending', claimed_at: T0.toISOString() })
      .where('id', '=', id)
      .execute();
    const channels = recordingChannels();
    await dispatchOutbox(ctx, channels, { now: at(60_000), staleClaimMs: 600_000 });
    expect(channels.sms.messages).toHaveLength(0);

    await dispatchOutbox(ctx, channels, { now: at(600_001), staleClaimMs: 600_000 });
    expect(channels.sms.messages).toHaveLength(1);
    expect(await outboxRow(id)).toMatchObject({ status: 'recorded', attempts: 2 });
  });

  it('runs as a loop that can be kicked and stopped', async () => {
    const channels = recordingChannels();
    const dispatcher = startOutboxDispatcher(ctx, channels, 60_000);
    await enqueueNotification(ctx.db, CODE_SMS);
    dispatcher.kick();
    for (let i = 0; i < 200 && channels.sms.messages.length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    await dispatcher.stop();
    expect(channels.sms.messages).toHaveLength(1);
  });
});

describe('preferences', () => {
  const news = { kind: 'cooperative.alert', subject: null, body: { fa: 'هشدار تازه', en: 'New alert' } };

  it('are on by default, the kind’s own choice beats “all”, and sign-in codes ignore them', async () => {
    expect(await shouldNotify(ctx.db, personId, 'cooperative.alert', 'sms')).toBe(true);
    await setNotificationPreference(ctx, personId, { kind: 'all', channel: 'sms', enabled: false });
    expect(await shouldNotify(ctx.db, personId, 'cooperative.alert', 'sms')).toBe(false);
    expect(await shouldNotify(ctx.db, personId, 'cooperative.alert', 'inapp')).toBe(true);
    await setNotificationPreference(ctx, personId, {
      kind: 'cooperative.alert',
      channel: 'sms',
      enabled: true,
    });
    expect(await shouldNotify(ctx.db, personId, 'cooperative.alert', 'sms')).toBe(true);
    expect(await shouldNotify(ctx.db, personId, 'request.status_changed', 'sms')).toBe(false);
    expect(await shouldNotify(ctx.db, personId, 'auth.sign_in_code', 'sms')).toBe(true);
  });

  it('cannot switch off sign-in codes, and reject malformed input', async () => {
    const err = await setNotificationPreference(ctx, personId, {
      kind: 'auth.sign_in_code',
      channel: 'sms',
      enabled: false,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      setNotificationPreference(ctx, personId, { kind: 'all', channel: 'fax', enabled: false }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('are respected by notifyPerson, which uses the person’s addresses', async () => {
    await setNotificationPreference(ctx, personId, {
      kind: 'cooperative.alert',
      channel: 'sms',
      enabled: false,
    });
    const ids = await ctx.db.transaction().execute((tx) => notifyPerson(tx, { personId, ...news }));
    const rows = await ctx.db.selectFrom('outbox').selectAll().where('id', 'in', ids).orderBy('id').execute();
    // In-app only: SMS is switched off for this kind and the person has no verified e-mail.
    expect(rows.map((r) => [r.channel, r.to_address, r.status])).toEqual([
      ['inapp', `person:${personId}`, 'sent'],
    ]);

    await setNotificationPreference(ctx, personId, {
      kind: 'cooperative.alert',
      channel: 'sms',
      enabled: true,
    });
    const more = await notifyPerson(ctx.db, { personId, ...news, channels: ['sms'] });
    expect((await outboxRow(more[0] ?? 0)).to_address).toBe('09121234567');
  });
});

describe('addressOf', () => {
  it('prefers the mobile verified for the account over the register’s', async () => {
    const someone = await insertPerson(ctx, '0084575948', '09120000001');
    expect(await addressOf(ctx.db, someone, 'sms')).toBe('09120000001');
    await ctx.db
      .insertInto('accounts')
      .values({
        person_id: someone,
        password_hash: 'x',
        mobile: '09350000002',
        status: 'active',
        password_changed_at: T0.toISOString(),
        created_at: T0.toISOString(),
        updated_at: T0.toISOString(),
      })
      .execute();
    expect(await addressOf(ctx.db, someone, 'sms')).toBe('09350000002');
    expect(await addressOf(ctx.db, someone, 'email')).toBeNull();
    expect(await addressOf(ctx.db, someone, 'inapp')).toBe(`person:${someone}`);
  });
});

describe('in-app inbox', () => {
  it('lists the person’s messages newest first and tracks read/unread', async () => {
    const other = await insertPerson(ctx, '0790419904', null);
    for (const n of [1, 2, 3]) {
      await notifyPerson(ctx.db, {
        personId,
        kind: 'news',
        body: { fa: `خبر ${n}`, en: `News ${n}` },
        channels: ['inapp'],
      });
    }
    await notifyPerson(ctx.db, {
      personId: other,
      kind: 'news',
      body: { fa: 'دیگری', en: 'Other' },
      channels: ['inapp'],
    });

    const inbox = await listInbox(ctx, personId);
    expect(inbox.unread).toBe(3);
    expect(inbox.items.map((i) => i.body.en)).toEqual(['News 3', 'News 2', 'News 1']);
    const first = inbox.items[2]?.id ?? 0;

    expect(await markInboxMessagesRead(ctx, personId, [first])).toBe(1);
    // Another person cannot mark them.
    expect(await markInboxMessagesRead(ctx, other, [inbox.items[0]?.id ?? 0])).toBe(0);
    expect((await listInbox(ctx, personId, { unreadOnly: true })).items.map((i) => i.body.en)).toEqual([
      'News 3',
      'News 2',
    ]);
    expect(await markInboxMessagesRead(ctx, personId)).toBe(2);
    expect((await listInbox(ctx, personId)).unread).toBe(0);
    // The dispatcher has nothing to do for in-app rows.
    expect(await dispatchOutbox(ctx, recordingChannels(), { now: at(86_400_000) })).toEqual({
      sent: 0,
      recorded: 0,
      retried: 0,
      failed: 0,
    });
  });
});

import type { Executor } from '../db/database.ts';
import type { Bilingual } from '../errors/app-error.ts';
import { enqueueNotification } from './enqueue-notification.ts';
import type { NotificationChannel } from './notification-types.ts';
import { shouldNotify } from './preferences.ts';

/**
 * Sends news to a person on each channel they have not switched off and have an address for:
 * in-app always, SMS to their account's verified mobile (else the register's), e-mail to their most recently verified address. Queued in
 * the caller's transaction; returns the outbox ids (empty when every channel is off).
 */
export async function notifyPerson(
  tx: Executor,
  n: {
    personId: number;
    kind: string;
    subject?: Bilingual | null;
    body: Bilingual;
    channels?: readonly NotificationChannel[];
  },
  options: { now?: Date } = {},
): Promise<number[]> {
  const ids: number[] = [];
  for (const channel of n.channels ?? (['inapp', 'sms', 'email'] as const)) {
    if (!(await shouldNotify(tx, n.personId, n.kind, channel))) continue;
    const to = await addressOf(tx, n.personId, channel);
    if (to === null) continue;
    ids.push(
      await enqueueNotification(
        tx,
        { personId: n.personId, channel, to, kind: n.kind, subject: n.subject ?? null, body: n.body },
        options,
      ),
    );
  }

  return ids;
}

/** The person's address on a channel, or null when they have none. */
export async function addressOf(
  db: Executor,
  personId: number,
  channel: NotificationChannel,
): Promise<string | null> {
  switch (channel) {
    case 'inapp':
      return `person:${personId}`;
    case 'sms': {
      // The mobile the person verified for their account, else the one in the register.
      const row = await db
        .selectFrom('persons as p')
        .leftJoin('accounts as a', 'a.person_id', 'p.id')
        .select(['a.mobile as accountMobile', 'p.mobile as registerMobile'])
        .where('p.id', '=', personId)
        .executeTakeFirst();
      return row?.accountMobile ?? row?.registerMobile ?? null;
    }
    case 'email': {
      const row = await db
        .selectFrom('person_emails')
        .select('email')
        .where('person_id', '=', personId)
        .where('verified_at', 'is not', null)
        .orderBy('verified_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.email ?? null;
    }
  }
}

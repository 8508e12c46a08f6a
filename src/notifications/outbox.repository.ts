import type { Selectable } from 'kysely';
import type { Executor, OutboxTable } from '../db/database.ts';
import type { NewNotification, OutboxStatus } from './notification-types.ts';

export type OutboxRow = Selectable<OutboxTable>;

/** Inserts one outbox row and returns its id. */
export async function insertOutboxRow(
  db: Executor,
  n: NewNotification,
  status: OutboxStatus,
  now: string,
): Promise<number> {
  const row = await db
    .insertInto('outbox')
    .values({
      person_id: n.personId,
      channel: n.channel,
      to_address: n.to,
      kind: n.kind,
      subject_fa: n.subject?.fa ?? null,
      subject_en: n.subject?.en ?? null,
      body_fa: n.body.fa,
      body_en: n.body.en,
      status,
      attempts: 0,
      next_attempt_at: now,
      claimed_at: null,
      last_error: null,
      provider_id: null,
      sent_at: status === 'sent' ? now : null,
      read_at: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  return row.id;
}

/** Ids of pending rows due at `now`, oldest due first. */
export async function listDueIds(db: Executor, now: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();

  return rows.map((r) => r.id);
}

/**
 * Claims one pending row for this dispatcher: true only for the one caller whose update changed
 * the row. PostgreSQL re-checks `status` after waiting on a concurrent claim's row lock; SQLite
 * serialises writers. Either way at most one claimer sees a changed row.
 */
export async function claimRow(db: Executor, id: number, now: string): Promise<OutboxRow | null> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'sending', claimed_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return null;

  return (await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** Records a successful delivery of a claimed row. */
export async function markDelivered(
  db: Executor,
  id: number,
  status: 'sent' | 'recorded',
  providerId: string | null,
  now: string,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      status,
      provider_id: providerId,
      sent_at: now,
      claimed_at: null,
      last_error: null,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/** Records a failed attempt: back to pending at `nextAttemptAt`, or `failed` when given up. */
export async function markAttemptFailed(
  db: Executor,
  id: number,
  outcome: { giveUp: boolean; nextAttemptAt: string; error: string },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      status: outcome.giveUp ? 'failed' : 'pending',
      next_attempt_at: outcome.nextAttemptAt,
      last_error: outcome.error,
      claimed_at: null,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/**
 * Releases rows claimed before `claimedBefore`: their dispatcher died mid-send. The attempt
 * counts, so a message that crashes its sender ends `failed` after `maxAttempts`.
 */
export async function releaseStaleClaims(
  db: Executor,
  claimedBefore: string,
  maxAttempts: number,
): Promise<number> {
  let released = 0;
  for (const giveUp of [true, false]) {
    const result = await db
      .updateTable('outbox')
      .set((eb) => ({
        status: giveUp ? 'failed' : 'pending',
        claimed_at: null,
        last_error: 'the dispatcher stopped while sending',
        attempts: eb('attempts', '+', 1),
      }))
      .where('status', '=', 'sending')
      .where('claimed_at', '<', claimedBefore)
      .where('attempts', giveUp ? '>=' : '<', maxAttempts - 1)
      .executeTakeFirst();
    released += Number(result.numUpdatedRows);
  }

  return released;
}

/** Recent messages, newest first, optionally to one address (the demo outbox). */
export async function listRecentOutbox(
  db: Executor,
  filter: { to?: string | undefined; limit: number },
): Promise<OutboxRow[]> {
  let q = db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.to !== undefined) q = q.where('to_address', '=', filter.to);

  return q.execute();
}

/** A person's in-app messages, newest first, before an id (paging), optionally unread only. */
export async function listInboxRows(
  db: Executor,
  personId: number,
  options: { before?: number | undefined; unreadOnly: boolean; limit: number },
): Promise<OutboxRow[]> {
  let q = db
    .selectFrom('outbox')
    .selectAll()
    .where('person_id', '=', personId)
    .where('channel', '=', 'inapp')
    .orderBy('id', 'desc')
    .limit(options.limit);
  if (options.before !== undefined) q = q.where('id', '<', options.before);
  if (options.unreadOnly) q = q.where('read_at', 'is', null);

  return q.execute();
}

/** How many in-app messages the person has not read. */
export async function countUnreadInbox(db: Executor, personId: number): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person_id', '=', personId)
    .where('channel', '=', 'inapp')
    .where('read_at', 'is', null)
    .executeTakeFirst();

  return Number(row?.n ?? 0);
}

/** Marks the person's in-app messages read (all of them when `ids` is null); returns how many. */
export async function markInboxRead(
  db: Executor,
  personId: number,
  ids: readonly number[] | null,
  now: string,
): Promise<number> {
  if (ids !== null && ids.length === 0) return 0;
  let q = db
    .updateTable('outbox')
    .set({ read_at: now })
    .where('person_id', '=', personId)
    .where('channel', '=', 'inapp')
    .where('read_at', 'is', null);
  if (ids !== null) q = q.where('id', 'in', ids);

  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

/** Puts failed messages (created since `since`, or all) back to pending with a fresh attempt count. */
export async function retryFailed(db: Executor, since: string | null, now: string): Promise<number> {
  let q = db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, claimed_at: null })
    .where('status', '=', 'failed');
  if (since !== null) q = q.where('created_at', '>=', since);

  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

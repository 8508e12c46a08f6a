import type { Executor } from '../db/database.ts';
import type { NewNotification } from './notification-types.ts';
import { insertOutboxRow } from './outbox.repository.ts';

/**
 * Queues a message in the caller's transaction; the dispatcher delivers it. Returns the outbox
 * id. If the transaction rolls back, nothing is queued. In-app messages need a person and are
 * delivered at once (status `sent`, unread). Preferences are the caller's business here: use
 * `notifyPerson` for news that the person may have switched off.
 *
 * The body is stored (the demo outbox shows it) but never logged: a sign-in code may be in it.
 * Outbox instants are wall-clock time (`now`, default the machine's clock), not the context's
 * business clock, so that a demo with a fixed "today" still delivers.
 */
export async function enqueueNotification(
  tx: Executor,
  n: NewNotification,
  options: { now?: Date } = {},
): Promise<number> {
  if (n.to.trim() === '') throw new TypeError('enqueueNotification: empty recipient address');
  if (n.channel === 'inapp' && n.personId === null) {
    throw new TypeError('enqueueNotification: in-app messages need a person');
  }
  const now = (options.now ?? new Date()).toISOString();

  return insertOutboxRow(tx, n, n.channel === 'inapp' ? 'sent' : 'pending', now);
}

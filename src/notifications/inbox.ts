import type { Executor } from '../db/database.ts';
import type { Bilingual } from '../errors/app-error.ts';
import { countUnreadInbox, listInboxRows, markInboxRead } from './outbox.repository.ts';

/** One in-app message as the person sees it. */
export type InboxItem = {
  id: number;
  kind: string;
  subject: Bilingual | null;
  body: Bilingual;
  createdAt: string;
  readAt: string | null;
};

/** The person's in-app messages, newest first; page with `before` (the last id seen). */
export async function listInbox(
  ctx: { db: Executor },
  personId: number,
  options: { before?: number; unreadOnly?: boolean; limit?: number } = {},
): Promise<{ items: InboxItem[]; unread: number }> {
  const rows = await listInboxRows(ctx.db, personId, {
    before: options.before,
    unreadOnly: options.unreadOnly ?? false,
    limit: Math.min(Math.max(options.limit ?? 20, 1), 100),
  });

  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      subject:
        r.subject_fa !== null || r.subject_en !== null
          ? { fa: r.subject_fa ?? '', en: r.subject_en ?? '' }
          : null,
      body: { fa: r.body_fa, en: r.body_en },
      createdAt: r.created_at,
      readAt: r.read_at,
    })),
    unread: await countUnreadInbox(ctx.db, personId),
  };
}

/** Marks the given in-app messages of the person read (all when `ids` is omitted); returns how many. */
export async function markInboxMessagesRead(
  ctx: { db: Executor },
  personId: number,
  ids?: readonly number[],
): Promise<number> {
  return markInboxRead(ctx.db, personId, ids ?? null, new Date().toISOString());
}

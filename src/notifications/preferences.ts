import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { parseInput } from '../validation/parse.ts';
import { MANDATORY_KINDS, NOTIFICATION_CHANNELS, type NotificationChannel } from './notification-types.ts';

/** One stored choice: a kind (or `all`) on a channel, on or off. */
export type NotificationPreference = { kind: string; channel: NotificationChannel; enabled: boolean };

/**
 * Whether the person wants `kind` messages on `channel`. The most specific stored choice wins
 * (the kind's own, then `all`); with none the answer is yes. Mandatory kinds (sign-in codes,
 * address verification) are always sent.
 */
export async function shouldNotify(
  db: Executor,
  personId: number,
  kind: string,
  channel: NotificationChannel,
): Promise<boolean> {
  if (MANDATORY_KINDS.has(kind)) return true;
  const rows = await db
    .selectFrom('notification_preferences')
    .select(['kind', 'enabled'])
    .where('person_id', '=', personId)
    .where('channel', '=', channel)
    .where('kind', 'in', [kind, 'all'])
    .execute();
  const own = rows.find((r) => r.kind === kind) ?? rows.find((r) => r.kind === 'all');

  return own ? own.enabled === 1 : true;
}

/** The person's stored choices, by kind then channel. */
export async function listNotificationPreferences(
  db: Executor,
  personId: number,
): Promise<NotificationPreference[]> {
  const rows = await db
    .selectFrom('notification_preferences')
    .select(['kind', 'channel', 'enabled'])
    .where('person_id', '=', personId)
    .orderBy('kind')
    .orderBy('channel')
    .execute();

  return rows.map((r) => ({
    kind: r.kind,
    channel: r.channel as NotificationChannel,
    enabled: r.enabled === 1,
  }));
}

const preferenceSchema = z.strictObject({
  kind: z
    .string()
    .max(64)
    .regex(/^(all|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*)$/),
  channel: z.enum(NOTIFICATION_CHANNELS as [NotificationChannel, ...NotificationChannel[]]),
  enabled: z.boolean(),
});

/**
 * Stores one choice (insert or replace). Mandatory kinds cannot be switched off: INVALID_INPUT.
 * `input` is untrusted (a request body).
 */
export async function setNotificationPreference(
  ctx: { db: Executor },
  personId: number,
  input: unknown,
): Promise<NotificationPreference> {
  const value = parseInput(preferenceSchema, input);
  if (MANDATORY_KINDS.has(value.kind)) {
    throw new AppError('INVALID_INPUT', {
      fields: [
        {
          path: 'kind',
          code: 'mandatory_kind',
          message: {
            fa: 'این پیام همیشه فرستاده می‌شود و خاموش‌شدنی نیست',
            en: 'This message is always sent and cannot be switched off',
          },
        },
      ],
    });
  }
  const now = new Date().toISOString();
  await ctx.db
    .insertInto('notification_preferences')
    .values({
      person_id: personId,
      kind: value.kind,
      channel: value.channel,
      enabled: value.enabled ? 1 : 0,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(['person_id', 'kind', 'channel'])
        .doUpdateSet({ enabled: value.enabled ? 1 : 0, updated_at: now }),
    )
    .execute();

  return value;
}

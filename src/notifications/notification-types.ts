import type { Bilingual } from '../errors/app-error.ts';

/** Where a message goes: a mobile phone, an e-mail address, or the person's in-app inbox. */
export type NotificationChannel = 'sms' | 'email' | 'inapp';

export const NOTIFICATION_CHANNELS: readonly NotificationChannel[] = ['sms', 'email', 'inapp'];

/**
 * Delivery status of an outbox row: `pending` (waiting for its next attempt), `sending` (claimed
 * by one dispatcher), `sent` (handed to a real gateway or SMTP server, or stored in-app),
 * `recorded` (taken by a recording channel: demo mode and tests), `failed` (gave up).
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'recorded';

/** A message to queue. `to` is a mobile number, an e-mail address, or `person:<id>` for in-app. */
export type NewNotification = {
  personId: number | null;
  channel: NotificationChannel;
  to: string;
  kind: string;
  subject?: Bilingual | null;
  body: Bilingual;
};

/**
 * Kinds that are sent whatever the person's preferences say: sign-in codes and address
 * verification are the person's own request, not news.
 */
export const MANDATORY_KINDS: ReadonlySet<string> = new Set([
  'auth.sign_in_code',
  'auth.password_reset',
  'email.verify',
]);

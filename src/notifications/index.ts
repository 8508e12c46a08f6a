/**
 * Notifications: one outbox for every message the system sends (SMS, e-mail, in-app), its
 * dispatcher with retries, per-person preferences, and e-mail addresses a person adds and
 * verifies. See docs/adr/0005-notification-outbox.md.
 */
export {
  type Channels,
  channelsFromConfig,
  type EmailChannel,
  type EmailMessage,
  type RecordedMessage,
  RecordingEmailChannel,
  RecordingSmsChannel,
  type SendResult,
  type SmsChannel,
  SmtpEmailChannel,
} from './channels.ts';
export {
  backoffMs,
  DEFAULT_RETRY_POLICY,
  type DispatchOptions,
  type DispatchSummary,
  dispatchOutbox,
  type OutboxDispatcher,
  type RetryPolicy,
  startOutboxDispatcher,
} from './dispatch-outbox.ts';
export {
  addEmailAddress,
  EMAIL_VERIFICATION,
  type EmailAddress,
  listEmailAddresses,
  removeEmailAddress,
  verifyEmailAddress,
} from './email-addresses.ts';
export { enqueueNotification } from './enqueue-notification.ts';
export { type InboxItem, listInbox, markInboxMessagesRead } from './inbox.ts';
export {
  MANDATORY_KINDS,
  type NewNotification,
  NOTIFICATION_CHANNELS,
  type NotificationChannel,
  type OutboxStatus,
} from './notification-types.ts';
export { addressOf, notifyPerson } from './notify-person.ts';
export {
  listNotificationPreferences,
  type NotificationPreference,
  setNotificationPreference,
  shouldNotify,
} from './preferences.ts';
export type { NotificationSettings } from './settings.ts';
export { startConfiguredDispatcher } from './start-notifications.ts';

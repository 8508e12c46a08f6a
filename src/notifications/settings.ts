/** Notification settings (environment variables in README.md). */
export type NotificationSettings = {
  /** `smtp://…` or `smtps://…` of the mail server; null records e-mails like SMS. */
  smtpUrl: string | null;
  /** The From header of every e-mail. */
  mailFrom: string;
  /** Attempts per message before it is marked failed. */
  maxAttempts: number;
  /** Wait before the second attempt, in seconds; each later wait doubles (capped at one hour). */
  retryBaseSeconds: number;
  /** How often each server process looks for due messages, in milliseconds. */
  dispatchIntervalMs: number;
};

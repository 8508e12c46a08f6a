import type { Db } from '../db/database.ts';
import { channelsFromConfig } from './channels.ts';
import { type OutboxDispatcher, startOutboxDispatcher } from './dispatch-outbox.ts';
import type { NotificationSettings } from './settings.ts';

/**
 * The dispatcher `taavon start` runs: channels and retry policy from the settings. Stopping it
 * also closes the SMTP connections. Without an SMS gateway adapter, SMS are recorded (the
 * outbox rows say `recorded`), which is what demo mode wants; production needs an adapter.
 */
export function startConfiguredDispatcher(
  ctx: { db: Db },
  settings: NotificationSettings,
  onError?: (error: unknown) => void,
): OutboxDispatcher {
  const channels = channelsFromConfig(settings);
  const dispatcher = startOutboxDispatcher(ctx, channels, settings.dispatchIntervalMs, {
    maxAttempts: settings.maxAttempts,
    retryBaseMs: settings.retryBaseSeconds * 1000,
    ...(onError ? { onError } : {}),
  });

  return {
    kick: dispatcher.kick,
    stop: async () => {
      await dispatcher.stop();
      channels.email.close?.();
    },
  };
}

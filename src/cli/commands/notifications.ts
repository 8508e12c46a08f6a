import type { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { channelsFromConfig, dispatchOutbox } from '../../notifications/index.ts';
import { listRecentOutbox, retryFailed } from '../../notifications/outbox.repository.ts';
import { withContext } from '../cli-context.ts';

/**
 * `taavon outbox …`: read the outbox, deliver due messages once (e.g. from cron when no server
 * runs), and give failed messages another round. Bodies may hold sign-in codes: `list` prints
 * them only in demo mode or with `--bodies`.
 */
export function registerNotificationsCommands(program: Command): void {
  const outbox = program.command('outbox').description('the notification outbox (SMS, e-mail, in-app)');

  outbox
    .command('list')
    .description('recent messages, newest first')
    .option('--to <address>', 'only messages to this mobile number or e-mail address')
    .option('--limit <n>', 'how many', '20')
    .option('--bodies', 'print message bodies (always on in demo mode)')
    .action((options: { to?: string; limit: string; bodies?: boolean }) =>
      withContext(async (ctx) => {
        const showBodies = options.bodies === true || loadConfig().mode === 'demo';
        const limit = Math.min(Math.max(Number.parseInt(options.limit, 10) || 20, 1), 1000);
        for (const r of await listRecentOutbox(ctx.db, { to: options.to, limit })) {
          const line = [
            r.id,
            r.created_at,
            r.channel,
            r.to_address,
            r.kind,
            r.status,
            `attempts=${r.attempts}`,
          ];
          if (r.last_error) line.push(`error=${r.last_error}`);
          process.stdout.write(`${line.join('\t')}\n`);
          if (showBodies) process.stdout.write(`\t${r.body_fa.replaceAll('\n', '\n\t')}\n`);
        }
      }),
    );

  outbox
    .command('dispatch')
    .description('deliver the messages that are due, once, through the configured channels')
    .option('--limit <n>', 'most messages to handle', '500')
    .action((options: { limit: string }) =>
      withContext(async (ctx) => {
        const settings = loadConfig().notifications;
        const channels = channelsFromConfig(settings);
        try {
          const summary = await dispatchOutbox(ctx, channels, {
            limit: Math.max(Number.parseInt(options.limit, 10) || 500, 1),
            maxAttempts: settings.maxAttempts,
            retryBaseMs: settings.retryBaseSeconds * 1000,
          });
          process.stdout.write(
            `sent ${summary.sent}, recorded ${summary.recorded}, to retry ${summary.retried}, failed ${summary.failed}\n`,
          );
        } finally {
          channels.email.close?.();
        }
      }),
    );

  outbox
    .command('retry-failed')
    .description('put failed messages back in the queue (after fixing the SMTP server or gateway)')
    .option('--since <iso>', 'only messages created at or after this instant')
    .action((options: { since?: string }) =>
      withContext(async (ctx) => {
        const n = await retryFailed(ctx.db, options.since ?? null, new Date().toISOString());
        process.stdout.write(`${n} messages queued again\n`);
      }),
    );
}

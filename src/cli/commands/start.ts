import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { openContext } from '../../context/open-context.ts';
import { buildApp } from '../../http/app.ts';
import { ensureWebBuilt } from '../../http/web-build.ts';
import { startMonitor } from '../../monitoring/queue.ts';
import { startConfiguredDispatcher } from '../../notifications/index.ts';
import { startDeadlines } from '../../services/deadlines.ts';

/** `taavon start`: migrate, seed demo data into an empty database (demo mode), and serve. */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('serve the web app and API (migrates, and seeds demo data in demo mode)')
    .action(async () => {
      const config = loadConfig();
      const ctx = await openContext(config);
      let demoAccounts = '';
      if (config.mode === 'demo') {
        const { seedDemoIfEmpty } = await import('../../demo/generate-demo.ts');
        const seeded = await seedDemoIfEmpty(ctx, config.demoCooperatives);
        if (seeded) process.stdout.write(`demo data: ${config.demoCooperatives} cooperatives generated\n`);
        const { accountsContext, seedDemoAccounts, formatDemoAccounts } = await import(
          '../../accounts/index.ts'
        );
        const accounts = await seedDemoAccounts(accountsContext(ctx, config.accounts));
        if (accounts) {
          demoAccounts = formatDemoAccounts(accounts);
          // A year of books for the demo accounts' cooperative, so its ledger has something to show.
          const legalId = accounts.find((a) => a.cooperative)?.cooperative?.key;
          const { seedDemoBooks } = await import('../../demo/demo-books.ts');
          if (legalId) await seedDemoBooks(ctx, legalId);
          // Requests in the single window: one decided with maker-checker, one waiting, one answered.
          const { seedDemoRequests } = await import('../../demo/demo-requests.ts');
          await seedDemoRequests(ctx, accounts);
          // News: the article the system was announced in, announcements of 1405, comments.
          const { seedDemoNews } = await import('../../news/demo-news.ts');
          await seedDemoNews(ctx, accounts);
        }
        if (seeded) {
          // Red flags on the demo register from the first page view.
          const { runScan } = await import('../../monitoring/scan.ts');
          const scan = await runScan(ctx);
          process.stdout.write(`demo monitoring: ${scan.findings} findings, ${scan.opened} alerts\n`);
        }
      }
      await ensureWebBuilt({ log: (line) => process.stdout.write(line) });
      const app = await buildApp(ctx, {
        logLevel: config.logLevel,
        mode: config.mode,
        accounts: config.accounts,
        rateLimits: config.rateLimits,
        allowedOrigins: config.allowedOrigins,
        trustProxy: config.trustProxy,
        maxUploadBytes: config.services.maxUploadBytes,
      });
      const outbox = startConfiguredDispatcher(ctx, config.notifications);
      // Red flags: evaluate the cooperatives that writes queued (src/monitoring/queue.ts).
      const monitor = startMonitor(ctx, config.notifications.dispatchIntervalMs, (error) =>
        app.log.error({ err: error }, 'monitoring pass failed'),
      );
      // The single window's deadlines: reminders before, escalation to the province after.
      const deadlines = startDeadlines(
        ctx,
        { reminderDays: config.services.reminderDays, intervalMs: config.services.deadlineIntervalMs },
        (error) => app.log.error({ err: error }, 'deadline pass failed'),
      );
      const close = async () => {
        await app.close();
        await deadlines.stop();
        await monitor.stop();
        await outbox.stop();
        await ctx.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      await app.listen({ host: config.host, port: config.port });
      const where = config.databaseUrl
        ? 'PostgreSQL'
        : `SQLite ${existsSync(config.sqliteFile) ? config.sqliteFile : ''}`;
      process.stdout.write(
        `Taavon is serving at http://${config.host}:${config.port} (${config.mode} mode, ${where})\n`,
      );
      if (demoAccounts) process.stdout.write(demoAccounts);
      if (config.mode === 'demo') {
        const outboxUrl = `http://${config.host}:${config.port}/api/v1/demo/outbox?limit=5`;
        process.stdout.write(
          `صندوق پیامک‌های نمایشی (کد ورود) / demo SMS outbox (sign-in codes): ${outboxUrl}\n`,
        );
      }
    });
}

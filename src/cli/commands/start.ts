import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { openContext } from '../../context/open-context.ts';
import { buildApp } from '../../http/app.ts';

/** `taavon start`: migrate, seed demo data into an empty database (demo mode), and serve. */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('serve the web app and API (migrates, and seeds demo data in demo mode)')
    .action(async () => {
      const config = loadConfig();
      const ctx = await openContext(config);
      if (config.mode === 'demo') {
        const { seedDemoIfEmpty } = await import('../../demo/generate-demo.ts');
        const seeded = await seedDemoIfEmpty(ctx, config.demoCooperatives);
        if (seeded) process.stdout.write(`demo data: ${config.demoCooperatives} cooperatives generated\n`);
      }
      const app = await buildApp(ctx, { logLevel: config.logLevel });
      const close = async () => {
        await app.close();
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
    });
}

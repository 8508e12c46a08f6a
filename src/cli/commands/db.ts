import type { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { connect, connectOptionsFor } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { seedReferenceData } from '../../reference/index.ts';

/** `taavon db migrate`: brings the schema up to date and loads the reference tables. */
export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database tasks');
  db.command('migrate')
    .description('apply every pending migration and seed the reference tables (provinces, counties, fields)')
    .action(async () => {
      const handle = connect(connectOptionsFor(loadConfig()));
      try {
        const { results } = await migrateToLatest(handle.db);
        await seedReferenceData(handle.db);
        for (const r of results ?? []) process.stdout.write(`${r.status}: ${r.migrationName}\n`);
        process.stdout.write(`database is up to date (${handle.dialect})\n`);
      } finally {
        await handle.close();
      }
    });
}

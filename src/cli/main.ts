import { Command } from 'commander';
import { registerAccountCommands } from './commands/accounts.ts';
import { registerBooksCommands } from './commands/books.ts';
import { registerDbCommands } from './commands/db.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerLedgerCommands } from './commands/ledger.ts';
import { registerMonitorCommands } from './commands/monitor.ts';
import { registerNotificationsCommands } from './commands/notifications.ts';
import { registerRegistryCommands } from './commands/registry.ts';
import { registerServicesCommands } from './commands/services.ts';
import { registerStartCommand } from './commands/start.ts';

/** `taavon`: every operator task, calling the same use cases as the HTTP routes. */
const program = new Command('taavon')
  .description('Taavon (تعاون): the single window of the cooperative sector')
  .showHelpAfterError();

registerStartCommand(program);
registerDbCommands(program);
registerDemoCommand(program);
registerImportCommand(program);
registerBooksCommands(program);
registerRegistryCommands(program);
registerAccountCommands(program);
registerNotificationsCommands(program);
registerLedgerCommands(program);
registerMonitorCommands(program);
registerServicesCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { ledgerFromConfig } from '../../context/open-context.ts';
import type { Executor } from '../../db/database.ts';
import { publishCheckpoint } from '../../ledger/checkpoints.ts';
import { exportLog } from '../../ledger/export.ts';
import { type LogKey, rotateSigner } from '../../ledger/signing-keys.ts';
import { listLoggedCooperatives } from '../../ledger/verify.repository.ts';
import { type Problem, type VerifyResult, verifyExport, verifyLog } from '../../ledger/verify.ts';
import { findCooperativeById, findCooperativeByLegalId } from '../../registry/registry.repository.ts';
import { foldDigits } from '../../text/normalize.ts';
import { withContext } from '../cli-context.ts';

/** A cooperative named by its legal national ID (11 digits) or its numeric id. */
async function cooperativeOf(db: Executor, key: string) {
  const k = foldDigits(key.trim());
  const coop = /^\d{11}$/.test(k)
    ? await findCooperativeByLegalId(db, k)
    : /^\d{1,10}$/.test(k)
      ? await findCooperativeById(db, Number(k))
      : undefined;
  if (!coop) throw new Error(`no cooperative ${key} (give its legal national ID or id)`);

  return coop;
}

function problemLine(p: Problem, log: string | null): string {
  const where = p.index === null ? 'log' : `entry ${p.index}`;
  return `${where}${log ? ` (${log})` : ''} [${p.code}]: ${p.message.en} — ${p.message.fa}\n`;
}

const thousands = (n: number) => n.toLocaleString('en-US');

/** Prints the problems and the summary; sets exit code 1 when there is any problem. */
function report(results: Array<{ name: string; result: VerifyResult }>): void {
  let problems = 0;
  let entries = 0;
  for (const { name, result } of results) {
    for (const p of result.problems) process.stdout.write(problemLine(p, results.length > 1 ? name : null));
    problems += result.problems.length;
    entries += result.size;
  }
  const only = results.length === 1 ? results[0] : undefined;
  if (problems > 0) {
    process.stdout.write(
      `${thousands(problems)} problem${problems === 1 ? '' : 's'} in ${results.length} log(s)\n`,
    );
    process.exitCode = 1;
  } else {
    process.stdout.write(
      `verified ${thousands(entries)} entries of ${results.length} log${results.length === 1 ? '' : 's'}` +
        `${only ? `, root ${only.result.rootHash}` : ''}\n`,
    );
  }
}

/** The log's published keys: the configured key directory's history, when there is one. */
function configuredKeys(): LogKey[] | undefined {
  const dir = loadConfig().ledger.keyDir;
  const file = dir ? join(dir, 'history.json') : null;
  return file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LogKey[]) : undefined;
}

/** `taavon ledger …`: export, verify, checkpoint, rotate-key, keys. */
export function registerLedgerCommands(program: Command): void {
  const ledger = program.command('ledger').description("the cooperatives' transparency logs");

  ledger
    .command('export')
    .requiredOption('--cooperative <key>', 'legal national ID or id')
    .option('--out <file>', 'write to a file instead of stdout')
    .description('write a log as a JSON file any member can verify offline (no private identifiers)')
    .action((options: { cooperative: string; out?: string }) =>
      withContext(async (ctx) => {
        const coop = await cooperativeOf(ctx.db, options.cooperative);
        const text = `${JSON.stringify(await exportLog(ctx, coop.id), null, 1)}\n`;
        if (options.out) writeFileSync(options.out, text);
        else process.stdout.write(text);
      }),
    );

  ledger
    .command('verify')
    .option('--cooperative <key>', 'legal national ID or id')
    .option('--all', 'every cooperative that has a log')
    .option('--file <export>', 'an export file (ledger export), verified without the database')
    .option('--checkpoint <note>', 'a signed checkpoint you kept: the log must still extend it')
    .option('--keys <history>', "the log's published keys (JSON), for --file; default: the key directory's")
    .description('re-check logs: every entry, receipt, node, checkpoint and business row; names each problem')
    .action(
      async (options: {
        cooperative?: string;
        all?: boolean;
        file?: string;
        checkpoint?: string;
        keys?: string;
      }) => {
        const savedCheckpoint = options.checkpoint ? readFileSync(options.checkpoint, 'utf8') : undefined;
        const withSaved = savedCheckpoint === undefined ? {} : { savedCheckpoint };
        if (options.file) {
          const keys = options.keys
            ? (JSON.parse(readFileSync(options.keys, 'utf8')) as LogKey[])
            : configuredKeys();
          const result = verifyExport(JSON.parse(readFileSync(options.file, 'utf8')), {
            ...withSaved,
            ...(keys ? { keys } : {}),
          });
          report([{ name: options.file, result }]);
          return;
        }
        if (!options.cooperative && !options.all) throw new Error('give --cooperative, --all or --file');
        await withContext(async (ctx) => {
          const ids = options.cooperative
            ? [(await cooperativeOf(ctx.db, options.cooperative)).id]
            : await listLoggedCooperatives(ctx.db);
          const results: Array<{ name: string; result: VerifyResult }> = [];
          for (const id of ids) {
            const coop = await findCooperativeById(ctx.db, id);
            results.push({ name: coop?.legal_id ?? `#${id}`, result: await verifyLog(ctx, id, withSaved) });
          }
          report(results);
        });
      },
    );

  ledger
    .command('checkpoint')
    .requiredOption('--cooperative <key>', 'legal national ID or id')
    .description(
      'sign a checkpoint of the log as it is now and print the note (keep it: verify --checkpoint)',
    )
    .action((options: { cooperative: string }) =>
      withContext(async (ctx) => {
        const coop = await cooperativeOf(ctx.db, options.cooperative);
        const checkpoint = await publishCheckpoint(ctx, coop.id);
        if (!checkpoint) throw new Error(`cooperative ${options.cooperative} has no log`);
        process.stdout.write(checkpoint.note);
      }),
    );

  ledger
    .command('rotate-key')
    .description("replace the log's signing key; the old public key stays in the history")
    .action(() => {
      const config = loadConfig();
      if (!config.ledger.keyDir) throw new Error('no key directory is configured (TAAVON_LEDGER_KEY_DIR)');
      const signer = rotateSigner(config.ledger.keyDir, config.ledger.name);
      process.stdout.write(
        `new key ${signer.current.keyId} (${signer.current.name}), ${signer.history.length} in history\n`,
      );
    });

  ledger
    .command('keys')
    .description("print the log's public key history as JSON")
    .action(() => {
      process.stdout.write(`${JSON.stringify(ledgerFromConfig(loadConfig()).signer.history, null, 2)}\n`);
    });
}

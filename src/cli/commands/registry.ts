import { createWriteStream, readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import type { Write } from '../../context/write.ts';
import { runWrite } from '../../context/write.ts';
import { AppError } from '../../errors/app-error.ts';
import { openRegisterCsv, openRegisterJson } from '../../feed/open-data.ts';
import {
  appointOfficer,
  declareInterest,
  recordAssembly,
  recordFiling,
  recordMembership,
} from '../../governance/record-governance.ts';
import { changeCooperativeStatus } from '../../registry/change-cooperative-status.ts';
import { findCooperatives } from '../../registry/find-cooperatives.ts';
import { getCooperativeProfile } from '../../registry/get-cooperative-profile.ts';
import { registerCooperative } from '../../registry/register-cooperative.ts';
import { withContext } from '../cli-context.ts';

/** Reads a JSON argument given inline or as `@file`. */
function jsonArgument(arg: string): unknown {
  return JSON.parse(arg.startsWith('@') ? readFileSync(arg.slice(1), 'utf8') : arg);
}

/** Prints an AppError as the problem body would read, Persian first; rethrows anything else. */
function report(error: unknown): void {
  if (!(error instanceof AppError)) throw error;
  process.stderr.write(`${error.code}: ${error.messages.fa} (${error.messages.en})\n`);
  for (const f of error.fields) process.stderr.write(`  ${f.path}: ${f.message.fa} (${f.message.en})\n`);
  process.exitCode = 1;
}

const RECORDS: Record<string, Write<never, unknown>> = {
  member: recordMembership as Write<never, unknown>,
  officer: appointOfficer as Write<never, unknown>,
  declaration: declareInterest as Write<never, unknown>,
  assembly: recordAssembly as Write<never, unknown>,
  filing: recordFiling as Write<never, unknown>,
};

/** Registry commands: search, show, register, change status, record governance, export. */
export function registerRegistryCommands(program: Command): void {
  program
    .command('search')
    .description('search the register (same rules as GET /api/v1/cooperatives)')
    .argument('[q]', 'words of the name, a legal national ID, a registration number or an officer name')
    .option('--province <province>')
    .option('--county <county>')
    .option('--field <field>')
    .option('--status <status>')
    .option('--page <n>')
    .action((q: string | undefined, options: Record<string, string>) =>
      withContext(async (ctx) => {
        try {
          const result = await findCooperatives(ctx, { ...options, ...(q ? { q } : {}) });
          process.stdout.write(`${result.total} cooperatives\n`);
          for (const c of result.items) {
            process.stdout.write(
              `${c.legalId ?? `#${c.id}`}\t${c.name}\t${c.province.name.fa}\t${c.status.name.fa}\n`,
            );
          }
        } catch (error) {
          report(error);
        }
      }),
    );

  const coop = program.command('cooperative').description('one cooperative on the register');
  coop
    .command('show')
    .argument('<key>', 'legal national ID (or id before registration)')
    .description('print the public profile as JSON')
    .action((key: string) =>
      withContext(async (ctx) => {
        try {
          process.stdout.write(`${JSON.stringify(await getCooperativeProfile(ctx, key), null, 2)}\n`);
        } catch (error) {
          report(error);
        }
      }),
    );
  coop
    .command('register')
    .argument('<json>', 'the cooperative as JSON, inline or @file (fields as in docs/import.md, camelCase)')
    .description('put a cooperative on the register')
    .action((json: string) =>
      withContext(async (ctx) => {
        try {
          const id = await runWrite(registerCooperative, ctx, jsonArgument(json));
          process.stdout.write(`registered: id ${id}\n`);
        } catch (error) {
          report(error);
        }
      }),
    );
  coop
    .command('status')
    .argument('<key>', 'legal national ID (or id before registration)')
    .argument('<status>', 'formation_requested | approved | active | inactive | dissolving | dissolved')
    .option('--on <date>', 'date of the change (Jalali or Gregorian)')
    .option('--legal-id <id>', 'legal national ID, on registration')
    .option('--registration-no <no>', 'registration number, on registration')
    .option('--registered-on <date>', 'registration date, on registration')
    .description('change the status of a cooperative')
    .action((key: string, status: string, options: Record<string, string>) =>
      withContext(async (ctx) => {
        try {
          await runWrite(changeCooperativeStatus, ctx, { key, status, ...options });
          process.stdout.write(`status: ${status}\n`);
        } catch (error) {
          report(error);
        }
      }),
    );

  program
    .command('record')
    .argument('<kind>', Object.keys(RECORDS).join(' | '))
    .argument('<json>', 'the record as JSON, inline or @file')
    .description('record a member, officer, declaration of interests, assembly or filing')
    .action((kind: string, json: string) =>
      withContext(async (ctx) => {
        const write = RECORDS[kind];
        if (!write) {
          process.stderr.write(`unknown kind ${kind}; one of ${Object.keys(RECORDS).join(', ')}\n`);
          process.exitCode = 1;
          return;
        }
        try {
          await runWrite(write, ctx, jsonArgument(json));
          process.stdout.write(`recorded: ${kind}\n`);
        } catch (error) {
          report(error);
        }
      }),
    );

  program
    .command('export')
    .argument('<what>', 'cooperatives')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--out <file>', 'output file (default: standard output)')
    .description('export the public register as in the open-data downloads')
    .action((what: string, options: { format: string; out?: string }) =>
      withContext(async (ctx) => {
        if (what !== 'cooperatives' || !['csv', 'json'].includes(options.format)) {
          process.stderr.write('usage: taavon export cooperatives [--format csv|json] [--out file]\n');
          process.exitCode = 1;
          return;
        }
        const source = options.format === 'csv' ? openRegisterCsv(ctx) : openRegisterJson(ctx);
        await pipeline(source, options.out ? createWriteStream(options.out) : process.stdout);
      }),
    );
}

import type { Command } from 'commander';
import { z } from 'zod';
import { accountsContext, maskMobile } from '../../accounts/index.ts';
import {
  createAdministrator,
  createOfficer,
  type StaffResult,
  setAccountEnabled,
} from '../../accounts/staff.ts';
import { loadConfig } from '../../config/config.ts';
import { AppError } from '../../errors/app-error.ts';
import { blankToUndefined, zMobile, zNationalCode, zText } from '../../validation/fields.ts';
import { parseInput } from '../../validation/parse.ts';
import { withContext } from '../cli-context.ts';

/** Prints an AppError as the problem body would read, Persian first; rethrows anything else. */
function report(error: unknown): void {
  if (!(error instanceof AppError)) throw error;
  process.stderr.write(`${error.code}: ${error.messages.fa} (${error.messages.en})\n`);
  for (const f of error.fields) process.stderr.write(`  ${f.path}: ${f.message.fa} (${f.message.en})\n`);
  process.exitCode = 1;
}

const personOptions = z.object({
  nationalCode: zNationalCode,
  firstName: blankToUndefined(zText(80)),
  lastName: blankToUndefined(zText(80)),
  mobile: blankToUndefined(zMobile),
});

type PersonOptions = {
  nationalCode?: string;
  firstName?: string;
  lastName?: string;
  mobile?: string;
  passwordStdin?: boolean;
};

/** Reads a password from standard input (one line; the final newline is not part of it). */
async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);

  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function staffInput(options: PersonOptions) {
  const person = parseInput(personOptions, {
    nationalCode: options.nationalCode ?? '',
    firstName: options.firstName,
    lastName: options.lastName,
    mobile: options.mobile,
  });

  return { ...person, ...(options.passwordStdin ? { password: await readPasswordFromStdin() } : {}) };
}

function printResult(what: string, nationalCode: string, result: StaffResult): void {
  process.stdout.write(
    `${what}: person ${result.personId}${result.granted ? '' : ' (already held this role)'}\n`,
  );
  if (result.accountCreated) {
    process.stdout.write(
      `account created: sign in with national code ${nationalCode} and the password given\n`,
    );
  } else if (result.mobile) {
    process.stdout.write(
      `to set a password, the person activates the account (national code ${nationalCode}); ` +
        `the one-time code goes to ${maskMobile(result.mobile)}\n` +
        `برای تعیین گذرواژه، حساب را با کد ملی فعال کنید؛ کد یک‌بارمصرف به ${maskMobile(result.mobile)} فرستاده می‌شود\n`,
    );
  } else {
    process.stdout.write(
      'the person has no mobile on the register: run again with --mobile to allow activation\n',
    );
  }
}

function withPersonOptions(command: Command): Command {
  return command
    .requiredOption('--national-code <code>', 'national code (کد ملی)')
    .option('--first-name <name>', 'first name (needed if the person is not on the register yet)')
    .option('--last-name <name>', 'last name (needed if the person is not on the register yet)')
    .option('--mobile <mobile>', 'mobile for sign-in codes (used if the register has none)')
    .option('--password-stdin', 'read a password from standard input and create the account now');
}

/** `taavon admin create`, `taavon officer create`, `taavon account disable|enable`. */
export function registerAccountCommands(program: Command): void {
  const admin = program.command('admin').description('administrators of the service');
  withPersonOptions(admin.command('create'))
    .description('make a person an administrator (the first one in production mode comes from here)')
    .action((options: PersonOptions) =>
      withContext(async (ctx) => {
        try {
          const actx = accountsContext(ctx, loadConfig().accounts);
          const input = await staffInput(options);
          printResult('administrator', input.nationalCode, await createAdministrator(actx, input));
        } catch (error) {
          report(error);
        }
      }),
    );

  const officer = program.command('officer').description("the ministry's officers");
  withPersonOptions(officer.command('create'))
    .description('make a person a ministry officer of a county, a province, or (--nation) the whole country')
    .option('--province <province>', 'province name or code')
    .option('--county <county>', 'county name (with --province)')
    .option('--nation', 'an officer for the whole country')
    .action((options: PersonOptions & { province?: string; county?: string; nation?: boolean }) =>
      withContext(async (ctx) => {
        try {
          if (options.nation ? options.province || options.county : !options.province) {
            throw new AppError('INVALID_INPUT', {
              message: {
                fa: 'یا --province (و در صورت نیاز --county) را بدهید یا --nation را',
                en: 'Give either --province (and optionally --county) or --nation',
              },
            });
          }
          const actx = accountsContext(ctx, loadConfig().accounts);
          const input = await staffInput(options);
          const scope = options.nation ? 'nation' : options.county ? 'county' : 'province';
          const result = await createOfficer(actx, input, {
            scope,
            province: options.province,
            county: options.county,
          });
          printResult(`ministry officer (${scope})`, input.nationalCode, result);
        } catch (error) {
          report(error);
        }
      }),
    );

  const account = program.command('account').description('accounts');
  for (const [name, enabled] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    account
      .command(name)
      .requiredOption('--national-code <code>', 'national code (کد ملی)')
      .description(enabled ? 're-enable an account' : 'disable an account and end all its sessions')
      .action((options: { nationalCode: string }) =>
        withContext(async (ctx) => {
          try {
            const { nationalCode } = parseInput(z.object({ nationalCode: zNationalCode }), options);
            const result = await setAccountEnabled(ctx, nationalCode, enabled);
            process.stdout.write(
              enabled ? 'account enabled\n' : `account disabled; ${result.sessionsEnded} sessions ended\n`,
            );
          } catch (error) {
            report(error);
          }
        }),
      );
  }
}

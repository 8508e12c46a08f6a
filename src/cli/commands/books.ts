import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { Argument, type Command } from 'commander';
import { stringify } from 'csv-stringify';
import {
  BOOKS_IMPORT_COLUMNS,
  BOOKS_IMPORT_KINDS,
  type BooksImportKind,
  type BooksImportReport,
  importBooks,
} from '../../books/import-books.ts';
import type { Context } from '../../context/context.ts';
import { AppError } from '../../errors/app-error.ts';
import { withContext } from '../cli-context.ts';

/** Where the command writes: the process's streams, or test doubles. */
export type BooksIo = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

export type BooksImportCommandOptions = {
  kind: BooksImportKind;
  file: string;
  cooperative: string;
  partial?: boolean;
  /** Path of a CSV file to receive every rejected cell instead of the terminal. */
  report?: string;
};

/**
 * `taavon books import <payments|contracts> <file> --cooperative <legalId> [--partial]
 * [--report <file.csv>]`: onboards a cooperative's existing books (docs/import-books.md);
 * exit code 1 when nothing was committed.
 */
export function registerBooksCommands(program: Command): void {
  const books = program.command('books').description("a cooperative's books: payments, receipts, contracts");
  books
    .command('import')
    .description(
      "import a cooperative's existing payments and receipts, or contracts, from CSV (docs/import-books.md); entries appended in date order; all or nothing unless --partial",
    )
    .addArgument(new Argument('<kind>', 'what the file holds').choices(BOOKS_IMPORT_KINDS))
    .argument('<file>', 'the CSV file: UTF-8, comma-separated, first line the column names')
    .requiredOption('--cooperative <legalId>', "the cooperative's legal national ID")
    .option('--partial', 'commit the valid rows even when some rows are rejected')
    .option('--report <file.csv>', 'write every rejected row to this CSV file instead of the terminal')
    .action(
      async (
        kind: BooksImportKind,
        file: string,
        opts: { cooperative: string; partial?: boolean; report?: string },
      ) => {
        const io: BooksIo = { stdout: process.stdout, stderr: process.stderr };
        process.exitCode = await withContext((ctx) =>
          runBooksImportCommand(ctx, { kind, file, ...opts }, io),
        );
      },
    );
}

const faNumber = new Intl.NumberFormat('fa-IR');
const enNumber = new Intl.NumberFormat('en-US');
const rows = (n: number) => `${enNumber.format(n)} ${n === 1 ? 'row' : 'rows'}`;

async function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Runs one import and prints what happened; returns the exit code (1 when nothing was committed). */
export async function runBooksImportCommand(
  ctx: Context,
  options: BooksImportCommandOptions,
  io: BooksIo,
): Promise<number> {
  try {
    await stat(options.file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await write(io.stderr, `پرونده خوانده نشد / cannot read ${options.file}: ${reason}\n`);
    return 1;
  }
  const started = performance.now();
  let report: BooksImportReport;
  try {
    report = await importBooks(ctx, {
      cooperativeLegalId: options.cooperative,
      kind: options.kind,
      csv: createReadStream(options.file),
      partial: options.partial === true,
      actorPersonId: null,
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await write(io.stderr, `${error.code}: ${error.messages.fa} (${error.messages.en})\n`);
    for (const f of error.fields) {
      await write(io.stderr, `  ${f.path}: ${f.message.fa} (${f.message.en})\n`);
    }
    return 1;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  await write(io.stderr, `read ${rows(report.rows)} in ${seconds} s\n`);

  if (options.report) await writeReport(options.report, report);
  else {
    for (const r of report.rejected) {
      for (const f of r.fields) {
        await write(
          io.stdout,
          `${where(r.row, r.externalId, f.column)}: ${f.message.fa} (${f.message.en})\n`,
        );
      }
    }
  }
  await write(io.stdout, summary(report, options));

  return report.committed ? 0 : 1;
}

function where(row: number, externalId: string | null, column: string): string {
  const place = row === 0 ? 'header' : `row ${row}${externalId ? ` (${externalId})` : ''}`;

  return column ? `${place}, ${column}` : place;
}

/** The closing lines: what was committed, in Persian then English. */
function summary(report: BooksImportReport, options: BooksImportCommandOptions): string {
  const n = report.rejected.length;
  const lines: string[] = [];
  if (report.rows === 0 && report.rejected.some((r) => r.row === 0)) {
    const columns = BOOKS_IMPORT_COLUMNS[report.kind]
      .map((c) => (c.required ? `${c.name}*` : c.name))
      .join(', ');
    lines.push(
      'سطر عنوان پرونده درست نیست؛ هیچ ردیفی خوانده نشد.',
      `The header row is not valid; no row was read. Columns of ${report.kind} (* required): ${columns}`,
    );
  } else if (report.committed) {
    const range =
      report.firstIndex === null
        ? null
        : {
            fa: `${faNumber.format(report.firstIndex)} تا ${faNumber.format(report.lastIndex ?? report.firstIndex)}`,
            en: `${report.firstIndex}–${report.lastIndex}`,
          };
    lines.push(
      `${faNumber.format(report.accepted)} ردیف به دفتر افزوده شد${n > 0 ? ` و ${faNumber.format(n)} ردیف رد شد` : ''}${range ? ` (ردیف‌های ${range.fa} دفتر شفافیت)` : ''}.`,
      `${rows(report.accepted)} imported${n > 0 ? `, ${enNumber.format(n)} rejected` : ''}${range ? ` (ledger entries ${range.en})` : ''}.`,
    );
  } else {
    lines.push(
      `هیچ ردیفی وارد نشد: ${faNumber.format(n)} ردیف رد شد (همه یا هیچ؛ برای واردکردن ردیف‌های درست از --partial استفاده کنید).`,
      `Nothing was imported: ${rows(n)} rejected (all or nothing; use --partial to import the valid rows).`,
    );
  }
  if (options.report && n > 0) {
    lines.push(`فهرست ردیف‌های ردشده: ${options.report}`, `Rejected rows written to ${options.report}`);
  }

  return `${lines.join('\n')}\n`;
}

/** A CSV file of rejections, one line per bad cell, with a BOM so spreadsheets read it as UTF-8. */
async function writeReport(path: string, report: BooksImportReport): Promise<void> {
  const file = createWriteStream(path);
  const csv = stringify({
    header: true,
    bom: true,
    columns: ['row', 'external_id', 'column', 'code', 'message_fa', 'message_en'],
  });
  csv.pipe(file);
  for (const r of report.rejected) {
    for (const f of r.fields) {
      if (!csv.write([r.row, r.externalId ?? '', f.column, f.code, f.message.fa, f.message.en])) {
        await once(csv, 'drain');
      }
    }
  }
  csv.end();
  await finished(file);
}

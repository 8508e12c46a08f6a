import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import { Argument, type Command } from 'commander';
import { stringify } from 'csv-stringify';
import type { Context } from '../../context/context.ts';
import {
  IMPORT_KINDS,
  IMPORT_SPECS,
  type ImportKind,
  type ImportReport,
  importCsv,
  type Rejection,
} from '../../importer/index.ts';
import { withContext } from '../cli-context.ts';

/** Where the command writes: the process's streams, or test doubles. */
export type ImportIo = {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
};

export type ImportCommandOptions = {
  kind: ImportKind;
  file: string;
  partial?: boolean;
  /** Path of a CSV file to receive every rejection instead of the terminal. */
  report?: string;
};

/**
 * `taavon import <kind> <file> [--partial] [--report <file.csv>]`: imports a CSV file
 * (columns in docs/import.md); exit code 0 when everything was committed, 1 otherwise.
 */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'import a CSV file of cooperatives, members, officers, declarations, assemblies or filings (docs/import.md); all or nothing unless --partial',
    )
    .addArgument(new Argument('<kind>', 'what the file holds').choices(IMPORT_KINDS))
    .argument('<file>', 'the CSV file: UTF-8, comma-separated, first line the column names')
    .option('--partial', 'commit the valid rows even when some rows are rejected')
    .option('--report <file.csv>', 'write every rejected row to this CSV file instead of the terminal')
    .action(async (kind: ImportKind, file: string, opts: { partial?: boolean; report?: string }) => {
      const io: ImportIo = { stdout: process.stdout, stderr: process.stderr };
      process.exitCode = await withContext((ctx) =>
        runImportCommand(ctx, { kind, file, partial: opts.partial, report: opts.report }, io),
      );
    });
}

const faNumber = new Intl.NumberFormat('fa-IR');
const enNumber = new Intl.NumberFormat('en-US');
const rows = (n: number) => `${enNumber.format(n)} ${n === 1 ? 'row' : 'rows'}`;

/** Writes to a stream and waits when it asks us to (a slow pipe or file). */
async function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Runs one import with progress and reporting; returns the exit code. */
export async function runImportCommand(
  ctx: Context,
  options: ImportCommandOptions,
  io: ImportIo,
): Promise<number> {
  const size = await fileSize(options.file);
  const input = createReadStream(options.file);
  const started = performance.now();
  const rate = (rows: number) => Math.round(rows / Math.max((performance.now() - started) / 1000, 0.001));

  const bars = io.stderr.isTTY
    ? new cliProgress.MultiBar(
        {
          stream: io.stderr,
          format: '{bar} {percentage}% | {rows} rows | {rate} rows/s | {duration_formatted}',
          hideCursor: true,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  const bar = bars?.create(Math.max(size, 1), 0, { rows: 0, rate: 0 });

  const sink = options.report ? openReport(options.report) : undefined;
  const onRejected = async (r: Rejection) => {
    if (sink) {
      for (const f of r.fields) await sink.write([r.line, f.path, f.code, f.message.fa, f.message.en]);
      return;
    }
    const lines = r.fields
      .map((f) => `${describe(r.line, f.path)}: ${f.message.fa} (${f.message.en})\n`)
      .join('');
    // With a bar on the terminal, log above it so the two do not garble each other.
    if (bars && io.stdout.isTTY) bars.log(lines);
    else await write(io.stdout, lines);
  };

  let report: ImportReport;
  try {
    report = await importCsv(ctx, {
      kind: options.kind,
      input,
      partial: options.partial,
      onRejected,
      onProgress: (rows) => bar?.update(input.bytesRead, { rows, rate: rate(rows) }),
    });
  } finally {
    bar?.update(Math.max(size, 1));
    bars?.stop();
    await sink?.close();
  }
  if (!bars) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    await write(
      io.stderr,
      `read ${rows(report.rowsRead)} in ${seconds} s (${enNumber.format(rate(report.rowsRead))} rows/s)\n`,
    );
  }
  await write(io.stdout, summary(report, options));

  return report.committed && report.rejectedCount === 0 ? 0 : 1;
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`پرونده خوانده نشد / cannot read ${file}: ${reason}`);
  }
}

function describe(line: number, column: string): string {
  return column ? `line ${line}, ${column}` : `line ${line}`;
}

/** The closing lines: what was committed, in Persian then English. */
function summary(report: ImportReport, options: ImportCommandOptions): string {
  const n = report.rejectedCount;
  const lines: string[] = [];
  const headerRejected = report.rowsRead === 0 && report.rejected.some((r) => r.line === 1);
  if (headerRejected) {
    const columns = IMPORT_SPECS[report.kind].columns
      .map((c) => (c.required ? `${c.name}*` : c.name))
      .join(', ');
    lines.push(
      'سطر عنوان پرونده درست نیست؛ هیچ ردیفی خوانده نشد.',
      `The header row is not valid; no row was read. Columns of ${report.kind} (* required): ${columns}`,
    );
  } else if (report.committed && n === 0) {
    lines.push(
      `${faNumber.format(report.rowsImported)} ردیف وارد شد.`,
      `${rows(report.rowsImported)} imported.`,
    );
  } else if (report.committed) {
    lines.push(
      `${faNumber.format(report.rowsImported)} ردیف وارد شد و ${faNumber.format(n)} ردیف رد شد.`,
      `${rows(report.rowsImported)} imported, ${enNumber.format(n)} rejected.`,
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
function openReport(path: string) {
  const file = createWriteStream(path);
  const csv = stringify({
    header: true,
    bom: true,
    columns: ['line', 'column', 'code', 'message_fa', 'message_en'],
  });
  csv.pipe(file);

  return {
    async write(record: Array<string | number>): Promise<void> {
      if (!csv.write(record)) await once(csv, 'drain');
    },
    async close(): Promise<void> {
      csv.end();
      await finished(file);
    },
  };
}

import { pipeline, type Readable } from 'node:stream';
import { CsvError, type Info, parse } from 'csv-parse';
import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import { AppError, type FieldError } from '../errors/app-error.ts';
import { fieldError } from '../errors/field-messages.ts';
import { foldDigits, searchKey } from '../text/index.ts';
import { IMPORT_SPECS, type ImportColumn, type ImportKind, type ImportSpec } from './columns.ts';
import { importError } from './import-messages.ts';
import { LineEndings } from './line-endings.ts';

/** One rejected row: its line in the file (the header is line 1) and every bad cell. */
export type Rejection = {
  line: number;
  /** `path` is the CSV column name; '' when the problem is the whole row (cell count, CSV syntax). */
  fields: FieldError[];
};

/** What an import did. */
export type ImportReport = {
  kind: ImportKind;
  /** Data rows read (the header and empty lines not counted). */
  rowsRead: number;
  /** Rows written and committed: 0 when nothing was committed. */
  rowsImported: number;
  rejectedCount: number;
  /** The first rejections (at most `keepRejections`); every one goes through `onRejected`. */
  rejected: Rejection[];
  /** Whether the transaction was committed. */
  committed: boolean;
};

export type ImportOptions = {
  kind: ImportKind;
  /** The CSV file, UTF-8 (with or without a byte-order mark), comma-separated, first line the header. */
  input: NodeJS.ReadableStream | Readable;
  /** Commit the valid rows even when some are rejected (default: all or nothing). */
  partial?: boolean;
  /** Called after each data row with the number of rows read so far. */
  onProgress?: (rowsRead: number) => void;
  /** Called for every rejection, in file order; awaited, so it may write to a stream. */
  onRejected?: (rejection: Rejection) => void | Promise<void>;
  /** How many rejections the report keeps in memory (default 1000). */
  keepRejections?: number;
};

/** A cell (csv-parse buffer) longer than this stops the import: no documented column comes close. */
const MAX_CELL_CHARS = 64 * 1024;
const DEFAULT_KEEP = 1000;

/** Thrown out of the transaction callback to roll it back; never escapes `importCsv`. */
class Rollback extends Error {}

type ParsedRecord = { record: string[]; info: Info };
type Next =
  | { kind: 'record'; cells: string[]; line: number }
  | { kind: 'end' }
  | { kind: 'error'; rejection: Rejection };

/**
 * Imports one CSV file of `kind` through the kind's write use case, row by row, in ONE
 * transaction. Each row is validated (every bad cell named by its column) and applied; a row
 * whose `apply` throws an AppError (unknown cooperative, duplicate legal ID…) is rejected too.
 * Unknown, duplicate or missing required columns reject the whole file before any row is read.
 * By default any rejection rolls everything back (`committed: false`); with `partial` the valid
 * rows are committed. Streams with backpressure: memory does not grow with the file. Errors
 * other than AppError (database, I/O) abort the import and are rethrown after the rollback.
 */
export async function importCsv(ctx: Context, options: ImportOptions): Promise<ImportReport> {
  const spec = IMPORT_SPECS[options.kind];
  const keep = options.keepRejections ?? DEFAULT_KEEP;
  const report: ImportReport = {
    kind: options.kind,
    rowsRead: 0,
    rowsImported: 0,
    rejectedCount: 0,
    rejected: [],
    committed: false,
  };
  const reject = async (rejection: Rejection): Promise<void> => {
    report.rejectedCount += 1;
    if (report.rejected.length < keep) report.rejected.push(rejection);
    await options.onRejected?.(rejection);
  };

  const parser = parse({
    trim: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    relax_column_count: true,
    info: true,
    max_record_size: MAX_CELL_CHARS,
  });
  // Errors of any stage destroy the parser with that error, so they surface from `read()`.
  pipeline(options.input, new LineEndings(), parser, () => {});
  const records: AsyncIterator<ParsedRecord> = parser[Symbol.asyncIterator]();
  const read = async (): Promise<Next> => {
    try {
      const next = await records.next();
      if (next.done) return { kind: 'end' };
      const { record, info } = next.value;

      return { kind: 'record', cells: record, line: startLine(record, info) };
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const line = typeof error.lines === 'number' ? error.lines : 0;

      return { kind: 'error', rejection: { line, fields: [importError('', 'csv_syntax')] } };
    }
  };

  try {
    const first = await read();
    if (first.kind === 'error') {
      await reject(first.rejection);
      return report;
    }
    if (first.kind === 'end') {
      await reject({ line: 1, fields: [importError('', 'empty_file')] });
      return report;
    }
    const header = readHeader(spec, first.cells);
    if (!header.ok) {
      await reject({ line: first.line, fields: header.fields });
      return report;
    }

    let imported = 0;
    try {
      await ctx.db.transaction().execute(async (tx) => {
        let broken = false;
        for (let next = await read(); next.kind !== 'end'; next = await read()) {
          if (next.kind === 'error') {
            await reject(next.rejection);
            broken = true;
            break;
          }
          report.rowsRead += 1;
          const fields = await importRow(ctx, tx, spec, header.columns, next.cells);
          if (fields.length > 0) await reject({ line: next.line, fields });
          else imported += 1;
          options.onProgress?.(report.rowsRead);
        }
        if (broken || (report.rejectedCount > 0 && !options.partial)) throw new Rollback();
      });
      report.committed = true;
      report.rowsImported = imported;
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
    }

    return report;
  } finally {
    // Stops reading when we returned early or failed; a no-op once the parser has ended.
    parser.destroy();
  }
}

/** The line a record starts on: csv-parse reports where it ends; quoted cells may hold newlines. */
function startLine(record: string[], info: Info): number {
  let newlines = 0;
  for (const cell of record) {
    for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) newlines += 1;
  }

  return info.lines - newlines;
}

/** The header's columns in file order, or every unknown, repeated or missing column. */
function readHeader(
  spec: ImportSpec,
  cells: string[],
): { ok: true; columns: ImportColumn[] } | { ok: false; fields: FieldError[] } {
  const byName = new Map(spec.columns.map((c) => [c.name, c]));
  const seen = new Set<string>();
  const columns: ImportColumn[] = [];
  const fields: FieldError[] = [];
  for (const cell of cells) {
    const name = cell.trim().toLowerCase();
    const column = byName.get(name);
    if (!column) fields.push(importError(cell, 'unknown_column'));
    else if (seen.has(name)) fields.push(importError(name, 'duplicate_column'));
    else {
      seen.add(name);
      columns.push(column);
    }
  }
  for (const c of spec.columns) {
    if (c.required && !seen.has(c.name)) fields.push(importError(c.name, 'missing_column'));
  }

  return fields.length > 0 ? { ok: false, fields } : { ok: true, columns };
}

/** Validates and applies one row; returns its bad cells (none when it was written). */
async function importRow(
  ctx: Context,
  tx: Executor,
  spec: ImportSpec,
  columns: ImportColumn[],
  cells: string[],
): Promise<FieldError[]> {
  if (cells.length !== columns.length) return [importError('', 'cell_count')];
  const given = new Map<string, string>();
  columns.forEach((c, i) => {
    const cell = cells[i] ?? '';
    if (cell !== '') given.set(c.name, cell);
  });
  const { input, fields: cellFields } = buildInput(columns, given);
  const checked = spec.write.validate(ctx, input);
  if (!checked.ok) return toColumns(spec, given, [...cellFields, ...checked.fields]);
  if (cellFields.length > 0) return cellFields;
  try {
    await checked.apply(tx);

    return [];
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const fields =
      error.fields.length > 0 ? error.fields : [{ path: '', code: error.code, message: error.messages }];

    return toColumns(spec, given, fields);
  }
}

/** The use case's input: each non-empty cell, converted, at its column's (dotted) path. */
function buildInput(
  columns: ImportColumn[],
  given: Map<string, string>,
): { input: Record<string, unknown>; fields: FieldError[] } {
  const input: Record<string, unknown> = {};
  const fields: FieldError[] = [];
  for (const column of columns) {
    const cell = given.get(column.name);
    if (cell === undefined) continue;
    let value: string | boolean = cell;
    if (column.cell === 'boolean') {
      const b = parseBoolean(cell);
      if (b === undefined) {
        fields.push(importError(column.name, 'boolean'));
        continue;
      }
      value = b;
    } else if (column.cell === 'choice') {
      value = matchChoice(column, cell) ?? cell;
    }
    setPath(input, column.path, value);
  }

  return { input, fields };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const child = node[part];
    if (typeof child === 'object' && child !== null) node = child as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[part] = created;
      node = created;
    }
  }
  node[parts[parts.length - 1] ?? path] = value;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 'بله', 'بلی', 'آری', 'اری', 'اره', 'درست']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', 'خیر', 'نه', 'نادرست']);

/** 1/0, true/false, yes/no, بله/خیر (any digit script, any case); undefined otherwise. */
export function parseBoolean(cell: string): boolean | undefined {
  const word = foldDigits(cell).trim().toLowerCase();
  if (TRUE_WORDS.has(word) || TRUE_WORDS.has(searchKey(word))) return true;
  if (FALSE_WORDS.has(word) || FALSE_WORDS.has(searchKey(word))) return false;

  return undefined;
}

const choiceKey = (s: string) => searchKey(s).replace(/[\s_\-\u200C]+/g, '');
const choiceIndex = new WeakMap<ImportColumn, Map<string, string>>();

/** The code a cell names: the code itself or one of its labels, in any spelling the normaliser folds. */
function matchChoice(column: ImportColumn, cell: string): string | undefined {
  let index = choiceIndex.get(column);
  if (!index) {
    index = new Map();
    for (const [code, label] of Object.entries(column.choices ?? {})) {
      for (const k of [label.fa, label.en, code]) index.set(choiceKey(k), code);
    }
    choiceIndex.set(column, index);
  }

  return index.get(choiceKey(cell));
}

/** Codes a schema gives an absent value of a non-text type; for an empty cell they mean "required". */
const ABSENT_CODES = new Set(['integer', 'money', 'unknown_value']);

/**
 * Renames the use case's field paths (`person.nationalCode`, `legalId`) to CSV column names
 * (`national_code`, `legal_id`), and drops repeats. A path naming a group (`person`) goes to the
 * group's first column.
 */
function toColumns(spec: ImportSpec, given: Map<string, string>, fields: FieldError[]): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const f of fields) {
    const name = columnOf(spec, f.path);
    const renamed =
      given.has(name) || !ABSENT_CODES.has(f.code) ? { ...f, path: name } : fieldError(name, 'required');
    const key = `${renamed.path}\u0000${renamed.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(renamed);
  }

  return out;
}

function columnOf(spec: ImportSpec, path: string): string {
  const columns = spec.columns;
  const exact = columns.find((c) => c.path === path);
  if (exact) return exact.name;
  const inGroup = columns.find((c) => c.path.startsWith(`${path}.`));
  if (inGroup) return inGroup.name;

  return path;
}

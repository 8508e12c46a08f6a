import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { parseDateInput } from '../calendar/index.ts';
import type { Context } from '../context/context.ts';
import type { Write } from '../context/write.ts';
import { AppError, type Bilingual, type FieldError } from '../errors/app-error.ts';
import { fieldError } from '../errors/field-messages.ts';
import { IMPORT_MESSAGES, type ImportMessageCode } from '../importer/index.ts';
import { LineEndings } from '../importer/line-endings.ts';
import * as registry from '../registry/registry.repository.ts';
import { normalizeText, searchKey } from '../text/index.ts';
import { zLegalId } from '../validation/fields.ts';
import * as repo from './books.repository.ts';
import type { ContractInput, PaymentInput } from './books.schemas.ts';
import { type Recorded, recordContract, recordPayment } from './record-books.ts';
import { PAYMENT_CATEGORIES, PAYMENT_CATEGORY_LABELS } from './vocabulary.ts';

/**
 * Onboarding existing books (issue #4 item 6): a cooperative's payments and receipts, or its
 * contracts, from a CSV file (docs/import-books.md). Every row becomes the input of the same use
 * case a manager's form calls (`recordPayment` / `recordContract`), with `recordedOn` set — which
 * marks imported books, so they may cite an external resolution reference. Rows are validated
 * first (every bad row, every bad column), then the good ones are applied in date order in ONE
 * transaction, so their ledger entries are appended in the order the money moved.
 */

export const BOOKS_IMPORT_KINDS = ['payments', 'contracts'] as const;
export type BooksImportKind = (typeof BOOKS_IMPORT_KINDS)[number];

export function isBooksImportKind(kind: string): kind is BooksImportKind {
  return (BOOKS_IMPORT_KINDS as readonly string[]).includes(kind);
}

/** One bad cell of a row: its CSV column ('' for the whole row), a code and the message in both languages. */
export type BooksImportField = { column: string; code: string; message: Bilingual };

/** A rejected row: its 1-based data row number (0 is the header row) and every bad cell. */
export type BooksImportRejection = { row: number; externalId: string | null; fields: BooksImportField[] };

export type BooksImportReport = {
  kind: BooksImportKind;
  /** Data rows read (the header and empty lines not counted). */
  rows: number;
  /** Rows recorded and committed; 0 when nothing was committed. */
  accepted: number;
  /** Every rejected row, in file order. */
  rejected: BooksImportRejection[];
  /** Whether anything was committed. */
  committed: boolean;
  /**
   * The ledger indices of the entries the imported rows appended (contiguous, in date order);
   * null when nothing was committed. When the import starts a cooperative's log, its genesis
   * entry comes just before `firstIndex`.
   */
  firstIndex: number | null;
  lastIndex: number | null;
};

export type BooksImportInput = {
  cooperativeLegalId: string;
  kind: BooksImportKind;
  /** UTF-8 (with or without a byte-order mark), comma-separated, first line the header. */
  csv: string | Readable | NodeJS.ReadableStream;
  /** Commit the good rows even when some are rejected (default: all or nothing). */
  partial: boolean;
  /** Who imports (the signed-in person); null from the command line. */
  actorPersonId: number | null;
};

/** Problems of this import beside the field codes every input shares and the CSV importer's own. */
export const BOOKS_IMPORT_MESSAGES = {
  duplicate_in_file: {
    fa: 'این شناسه در ردیف دیگری از همین پرونده هم آمده است',
    en: 'This external ID appears in an earlier row of this file',
  },
  too_many_rows: {
    fa: 'پرونده بیش از حد مجاز ردیف دارد؛ آن را به چند پرونده تقسیم کنید',
    en: 'The file has too many rows; split it into several files',
  },
} as const satisfies Record<string, Bilingual>;

/** A file longer than this is refused (nothing committed); a cooperative's books are far smaller. */
export const MAX_BOOKS_ROWS = 200_000;
/** A cell (csv-parse buffer) longer than this stops the import: no documented column comes close. */
const MAX_CELL_CHARS = 64 * 1024;

/** One documented column: its header name, the use case input path it fills, whether it is required. */
export type BooksColumn = {
  name: string;
  path: string;
  required: boolean;
  /** For choice cells: each code with the words (code, Persian and English labels) that name it. */
  choices?: Readonly<Record<string, readonly string[]>>;
};

/**
 * The Persian header of each column (any of these, in any spelling the normaliser folds, with
 * or without spaces, ZWNJ or punctuation). The English snake_case name is always accepted.
 */
export const PERSIAN_HEADERS: Readonly<Record<string, readonly string[]>> = {
  external_id: ['شناسه سند', 'شماره سند'],
  direction: ['نوع تراکنش', 'پرداخت یا دریافت'],
  title: ['عنوان', 'عنوان قرارداد'],
  party_kind: ['نوع طرف حساب', 'نوع شخص'],
  party_name: ['نام طرف حساب', 'طرف حساب', 'طرف قرارداد'],
  party_national_code: ['کد ملی', 'کد ملی طرف حساب'],
  party_legal_id: ['شناسه ملی', 'شناسه ملی طرف حساب'],
  iban: ['شبا', 'شماره شبا'],
  amount_rials: ['مبلغ', 'مبلغ (ریال)', 'مبلغ ریال'],
  paid_on: ['تاریخ پرداخت', 'تاریخ'],
  starts_on: ['تاریخ شروع'],
  ends_on: ['تاریخ پایان'],
  category: ['سرفصل', 'دسته'],
  invoice_ref: ['شماره فاکتور'],
  budget_line: ['ردیف بودجه'],
  resolution_number: ['شماره مصوبه'],
  resolution_ref: ['مرجع مصوبه'],
  recorded_on: ['تاریخ ثبت'],
};

const DIRECTION_WORDS = {
  payment: ['payment', 'پرداخت', 'پرداختی'],
  receipt: ['receipt', 'دریافت', 'دریافتی'],
} as const;
const PARTY_KIND_WORDS = {
  person: ['person', 'حقیقی', 'شخص حقیقی'],
  company: ['company', 'حقوقی', 'شخص حقوقی'],
} as const;
const CATEGORY_WORDS: Record<string, readonly string[]> = Object.fromEntries(
  PAYMENT_CATEGORIES.map((c) => [c, [c, PAYMENT_CATEGORY_LABELS[c].fa, PAYMENT_CATEGORY_LABELS[c].en]]),
);

const col = (name: string, path: string, required = false, choices?: BooksColumn['choices']) => ({
  name,
  path,
  required,
  ...(choices ? { choices } : {}),
});
const party = [
  col('party_kind', 'party.kind', true, PARTY_KIND_WORDS),
  col('party_name', 'party.name', true),
  col('party_national_code', 'party.nationalCode'),
  col('party_legal_id', 'party.legalId'),
];
/** `resolution_number` fills `resolutionId` once resolved to this cooperative's resolution of that number. */
const authority = [col('resolution_number', 'resolutionId'), col('resolution_ref', 'resolutionRef')];

/** The documented columns of each kind, in their documented order. */
export const BOOKS_IMPORT_COLUMNS: Readonly<Record<BooksImportKind, readonly BooksColumn[]>> = {
  payments: [
    col('external_id', 'externalId', true),
    col('direction', 'direction', true, DIRECTION_WORDS),
    ...party,
    col('iban', 'iban'),
    col('amount_rials', 'amountRials', true),
    col('paid_on', 'paidOn', true),
    col('category', 'category', true, CATEGORY_WORDS),
    col('invoice_ref', 'invoiceRef'),
    col('budget_line', 'budgetLine'),
    ...authority,
    col('recorded_on', 'recordedOn'),
  ],
  contracts: [
    col('external_id', 'externalId', true),
    col('title', 'title', true),
    ...party,
    col('amount_rials', 'amountRials', true),
    col('starts_on', 'startsOn', true),
    col('ends_on', 'endsOn'),
    ...authority,
    col('recorded_on', 'recordedOn'),
  ],
};

/** What differs between the kinds: the use case, its table, and the date that orders the entries. */
type Spec<V> = {
  kind: BooksImportKind;
  table: 'payments' | 'contracts';
  write: Write<V, Recorded>;
  /** The column of the date the entries are ordered by; `recorded_on` defaults to it. */
  dateColumn: string;
  dateOf(value: V): string;
};

const PAYMENTS: Spec<PaymentInput> = {
  kind: 'payments',
  table: 'payments',
  write: recordPayment,
  dateColumn: 'paid_on',
  dateOf: (v) => v.paidOn,
};
const CONTRACTS: Spec<ContractInput> = {
  kind: 'contracts',
  table: 'contracts',
  write: recordContract,
  dateColumn: 'starts_on',
  dateOf: (v) => v.startsOn,
};

/** Thrown out of the transaction callback to roll it back; never escapes `importBooks`. */
class Rollback extends Error {}

/**
 * Imports a cooperative's existing payments and receipts, or contracts. Reads the whole file
 * (at most MAX_BOOKS_ROWS rows), validating each row with the use case's `validate` and this
 * import's own checks (required external ID, `resolution_number` of a resolution recorded in
 * this cooperative, external IDs repeated in the file or already imported). Then applies the
 * good rows sorted by date (paid_on / starts_on, then file order) in ONE transaction; a row
 * that `apply` refuses (a payment above the bylaws' threshold without authority, a rejected
 * resolution…) is reported too. Unless `partial`, any rejected row rolls everything back, so
 * the report names every bad row and column and nothing is written. A CSV syntax error, a bad
 * header or too many rows commits nothing even with `partial`. Errors other than AppError
 * (database, I/O) roll back and are rethrown.
 */
export async function importBooks(ctx: Context, input: BooksImportInput): Promise<BooksImportReport> {
  return input.kind === 'payments' ? run(ctx, PAYMENTS, input) : run(ctx, CONTRACTS, input);
}

type Good<V> = { row: number; externalId: string; value: V; date: string };

async function run<V>(ctx: Context, spec: Spec<V>, input: BooksImportInput): Promise<BooksImportReport> {
  const legalId = zLegalId.safeParse(input.cooperativeLegalId);
  const coop = legalId.success ? await registry.findCooperativeByLegalId(ctx.db, legalId.data) : undefined;
  if (!legalId.success || !coop) {
    throw new AppError('INVALID_INPUT', {
      fields: [fieldError('cooperativeLegalId', 'unknown_cooperative')],
    });
  }
  const report: BooksImportReport = {
    kind: spec.kind,
    rows: 0,
    accepted: 0,
    rejected: [],
    committed: false,
    firstIndex: null,
    lastIndex: null,
  };
  const reject = (row: number, externalId: string | null, fields: BooksImportField[]) => {
    report.rejected.push({ row, externalId, fields });
  };

  const parser = parse({
    trim: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    relax_column_count: true,
    max_record_size: MAX_CELL_CHARS,
  });
  const source = typeof input.csv === 'string' ? Readable.from([input.csv]) : input.csv;
  // Errors of any stage destroy the parser with that error, so they surface from the iterator.
  pipeline(source, new LineEndings(), parser, () => {});
  const records: AsyncIterator<string[]> = parser[Symbol.asyncIterator]();
  let header: BooksColumn[] | undefined;
  /** The next record, the end, or the data row (0: the header) where the CSV turned malformed. */
  const read = async (): Promise<string[] | 'end' | { syntaxErrorRow: number }> => {
    try {
      const next = await records.next();
      return next.done ? 'end' : next.value;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      // csv-parse counts the records it emitted, the header included: the next one is that data row.
      // Records parsed in the same chunk before the error may never reach us, hence the max.
      const parsed = (error as CsvError & { records?: unknown }).records;
      return {
        syntaxErrorRow: Math.max(typeof parsed === 'number' ? parsed : 0, report.rows + (header ? 1 : 0)),
      };
    }
  };

  const good: Array<Good<V>> = [];
  let broken = false;
  try {
    const first = await read();
    if (first === 'end') {
      reject(0, null, [importField('', 'empty_file')]);
      return report;
    }
    if (!Array.isArray(first)) {
      reject(first.syntaxErrorRow, null, [importField('', 'csv_syntax')]);
      return report;
    }
    const checked = readHeader(BOOKS_IMPORT_COLUMNS[spec.kind], first);
    if (!checked.ok) {
      reject(0, null, checked.fields);
      return report;
    }
    header = checked.columns;
    const readRow = rowReader(ctx, spec, header, {
      cooperativeId: coop.id,
      cooperativeLegalId: legalId.data,
      actorPersonId: input.actorPersonId,
      resolutions: await resolutionsByNumber(ctx, coop.id),
    });
    for (let cells = await read(); cells !== 'end'; cells = await read()) {
      if (!Array.isArray(cells)) {
        reject(cells.syntaxErrorRow, null, [importField('', 'csv_syntax')]);
        broken = true;
        break;
      }
      if (report.rows === MAX_BOOKS_ROWS) {
        reject(report.rows + 1, null, [ownField('', 'too_many_rows')]);
        broken = true;
        break;
      }
      report.rows += 1;
      const result = await readRow(report.rows, cells);
      if (result.ok) good.push(result.good);
      else reject(report.rows, result.externalId, result.fields);
    }
  } finally {
    // Stops reading when we returned early; a no-op once the parser has ended.
    parser.destroy();
  }
  if (broken) return report;

  // Date order, then file order, so the entries follow the money.
  good.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.row - b.row));
  let accepted = 0;
  let firstIndex: number | null = null;
  let lastIndex: number | null = null;
  try {
    await ctx.db.transaction().execute(async (tx) => {
      for (const g of good) {
        try {
          const recorded = await spec.write.apply(tx, ctx, g.value);
          firstIndex ??= recorded.entry.index;
          lastIndex = recorded.entry.index;
          accepted += 1;
        } catch (error) {
          // `apply` checks before it writes, so a refused row leaves nothing behind.
          if (!(error instanceof AppError)) throw error;
          const fields =
            error.fields.length > 0
              ? error.fields.map((f) => toField(spec.kind, f))
              : [{ column: '', code: error.code, message: error.messages }];
          reject(g.row, g.externalId, dedupe(fields));
        }
      }
      if (accepted === 0 || (report.rejected.length > 0 && !input.partial)) throw new Rollback();
    });
    report.committed = true;
    report.accepted = accepted;
    report.firstIndex = firstIndex;
    report.lastIndex = lastIndex;
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  // Rows refused by `apply` were found in date order; the report lists rows in file order.
  report.rejected.sort((a, b) => a.row - b.row);
  // A file of only a header commits nothing and rejects nothing: there was nothing to do.
  if (report.rows === 0 && report.rejected.length === 0) report.committed = true;

  return report;
}

type RowScope = {
  cooperativeId: number;
  cooperativeLegalId: string;
  actorPersonId: number | null;
  /** This cooperative's resolutions by (normalised) number. */
  resolutions: ReadonlyMap<string, number>;
};

type RowResult<V> =
  | { ok: true; good: Good<V> }
  | { ok: false; externalId: string | null; fields: BooksImportField[] };

/**
 * Turns each data row into the use case's input and checks it; remembers the file's external
 * IDs to find repeats.
 */
function rowReader<V>(ctx: Context, spec: Spec<V>, columns: readonly BooksColumn[], scope: RowScope) {
  const seen = new Set<string>();

  /**
   * `recorded_on` when the file leaves it out: the row's own date, but never after today (a
   * contract may start in the future), and today when that date is itself missing or bad (its
   * column reports the problem once).
   */
  const defaultRecordedOn = (dateCell: string | undefined): string => {
    const today = ctx.clock.today();
    const parsed = dateCell === undefined ? undefined : parseDateInput(dateCell);

    return parsed?.ok && parsed.value <= today ? parsed.value : today;
  };

  return async (row: number, cells: string[]): Promise<RowResult<V>> => {
    const given = new Map<string, string>();
    columns.forEach((c, i) => {
      const cell = cells[i] ?? '';
      if (cell !== '') given.set(c.name, cell);
    });
    const externalCell = given.get('external_id');
    const externalId = externalCell === undefined ? null : normalizeText(externalCell);
    if (cells.length !== columns.length) {
      return { ok: false, externalId, fields: [importField('', 'cell_count')] };
    }

    const own: BooksImportField[] = [];
    const input: Record<string, unknown> = {
      cooperativeLegalId: scope.cooperativeLegalId,
      actorPersonId: scope.actorPersonId,
    };
    for (const column of columns) {
      const cell = given.get(column.name);
      if (cell === undefined || column.name === 'resolution_number') continue;
      setPath(input, column.path, column.choices ? (matchChoice(column, cell) ?? cell) : cell);
    }
    const number = given.get('resolution_number');
    if (number !== undefined) {
      const id = scope.resolutions.get(normalizeText(number));
      if (id === undefined) own.push(field('resolution_number', 'unknown_resolution'));
      else input.resolutionId = id;
    }
    input.recordedOn = given.get('recorded_on') ?? defaultRecordedOn(given.get(spec.dateColumn));

    if (externalId === null) own.push(field('external_id', 'required'));
    else if (seen.has(externalId)) own.push(ownField('external_id', 'duplicate_in_file'));
    else {
      seen.add(externalId);
      if (await repo.externalIdTaken(ctx.db, spec.table, scope.cooperativeId, externalId)) {
        own.push(field('external_id', 'duplicate'));
      }
    }

    const checked = spec.write.validate(ctx, input);
    const fromUseCase = checked.ok ? [] : checked.fields.map((f) => toField(spec.kind, f, given));
    const fields = dedupe([...fromUseCase, ...own]);
    if (!checked.ok || fields.length > 0) return { ok: false, externalId, fields };

    return {
      ok: true,
      good: { row, externalId: externalId ?? '', value: checked.value, date: spec.dateOf(checked.value) },
    };
  };
}

/** This cooperative's resolutions by number, to resolve `resolution_number` (a few hundred at most). */
async function resolutionsByNumber(ctx: Context, cooperativeId: number): Promise<Map<string, number>> {
  const all = await repo.listResolutions(ctx.db, cooperativeId, 1_000_000);

  return new Map(all.map((r) => [normalizeText(r.number), r.id]));
}

/** Header and choice words compared loosely: the search key, letters and digits only. */
const looseKey = (s: string) => searchKey(s).replace(/[^\p{L}\p{N}]+/gu, '');

const headerIndex = new WeakMap<readonly BooksColumn[], Map<string, BooksColumn>>();

/** The column a header cell names: its English name or one of its Persian headers. */
export function columnOfHeader(columns: readonly BooksColumn[], cell: string): BooksColumn | undefined {
  let index = headerIndex.get(columns);
  if (!index) {
    index = new Map();
    for (const c of columns) {
      for (const name of [c.name, ...(PERSIAN_HEADERS[c.name] ?? [])]) index.set(looseKey(name), c);
    }
    headerIndex.set(columns, index);
  }

  return index.get(looseKey(cell));
}

/** The header's columns in file order, or every unknown, repeated or missing column. */
function readHeader(
  columns: readonly BooksColumn[],
  cells: string[],
): { ok: true; columns: BooksColumn[] } | { ok: false; fields: BooksImportField[] } {
  const seen = new Set<string>();
  const found: BooksColumn[] = [];
  const fields: BooksImportField[] = [];
  for (const cell of cells) {
    const column = columnOfHeader(columns, cell);
    if (!column) fields.push(importField(cell, 'unknown_column'));
    else if (seen.has(column.name)) fields.push(importField(column.name, 'duplicate_column'));
    else {
      seen.add(column.name);
      found.push(column);
    }
  }
  for (const c of columns) {
    if (c.required && !seen.has(c.name)) fields.push(importField(c.name, 'missing_column'));
  }

  return fields.length > 0 ? { ok: false, fields } : { ok: true, columns: found };
}

const choiceIndex = new WeakMap<BooksColumn, Map<string, string>>();

/** The code a choice cell names (the code itself or one of its labels), or undefined. */
function matchChoice(column: BooksColumn, cell: string): string | undefined {
  let index = choiceIndex.get(column);
  if (!index) {
    index = new Map();
    for (const [code, words] of Object.entries(column.choices ?? {})) {
      for (const w of words) index.set(looseKey(w), code);
    }
    choiceIndex.set(column, index);
  }

  return index.get(looseKey(cell));
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

/** Codes a schema gives an absent value of a non-text type; for an empty cell they mean "required". */
const ABSENT_CODES = new Set(['integer', 'money', 'unknown_value']);

/**
 * A use case's field error under the CSV column it came from (`party.nationalCode` →
 * `party_national_code`, `resolutionId` → `resolution_number`); a path naming a group (`party`)
 * goes to the group's first column, one naming no column (`cooperativeLegalId`) to the whole row.
 */
function toField(kind: BooksImportKind, f: FieldError, given?: Map<string, string>): BooksImportField {
  const columns = BOOKS_IMPORT_COLUMNS[kind];
  const column =
    columns.find((c) => c.path === f.path) ?? columns.find((c) => c.path.startsWith(`${f.path}.`));
  const name = column?.name ?? '';
  if (given && name !== '' && !given.has(name) && ABSENT_CODES.has(f.code)) return field(name, 'required');

  return { column: name, code: f.code, message: f.message };
}

function dedupe(fields: BooksImportField[]): BooksImportField[] {
  const seen = new Set<string>();

  return fields.filter((f) => {
    const key = `${f.column}\u0000${f.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function field(column: string, code: Parameters<typeof fieldError>[1]): BooksImportField {
  const f = fieldError(column, code);

  return { column, code: f.code, message: f.message };
}

function importField(column: string, code: ImportMessageCode): BooksImportField {
  return { column, code, message: IMPORT_MESSAGES[code] };
}

function ownField(column: string, code: keyof typeof BOOKS_IMPORT_MESSAGES): BooksImportField {
  return { column, code, message: BOOKS_IMPORT_MESSAGES[code] };
}

import { createReadStream, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import SqliteDatabase from 'better-sqlite3';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { type OpenContext, openContext } from '../src/context/open-context.ts';
import { IMPORT_SPECS, importCsv } from '../src/importer/index.ts';
import { LineEndings } from '../src/importer/line-endings.ts';
import { registerCooperative } from '../src/registry/register-cooperative.ts';
import { DATA_DIR } from './dataset.ts';

/** One measured way of writing the rows: seconds and rows per second. */
export type ImportMeasure = {
  name: string;
  title: string;
  rows: number;
  /** Seconds of each repetition; the figure reported is their median. */
  runs: number[];
  seconds: number;
  rowsPerSec: number;
};

export type ImportResult = {
  rows: number;
  csvBytes: number;
  /** The rows importCsv wrote per cooperative: the cooperative, its search tokens, one event. */
  writesPerRow: { searchTokens: number; events: number };
  measures: ImportMeasure[];
  /** importCsv rows/s over the raw single-row prepared INSERT into `cooperatives`. */
  ratio: number;
};

const CSV_COLUMNS = IMPORT_SPECS.cooperatives.columns.map((c) => c.name);
const MULTI_ROW_CHUNK = 100;
const RAW_REPETITIONS = 3;

type Row = unknown[];

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

/** A fresh, migrated, reference-seeded SQLite database (the same schema and pragmas as the app). */
async function freshContext(name: string, today: string): Promise<OpenContext> {
  const file = join(DATA_DIR, `import-${name}.sqlite`);
  removeDatabase(file);

  return openContext({ databaseUrl: null, sqliteFile: file, today, statuteFile: null });
}

async function dispose(ctx: OpenContext): Promise<void> {
  const file = ctx.handle.sqlite?.name;
  await ctx.close();
  if (file) removeDatabase(file);
}

function rawConnection(ctx: OpenContext): SqliteDatabase.Database {
  const sqlite = ctx.handle.sqlite;
  if (!sqlite) throw new Error('the import benchmark needs SQLite');

  return sqlite;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  const lower = sorted[mid - 1] ?? upper;

  return sorted.length % 2 === 1 ? upper : (lower + upper) / 2;
};

function measure(name: string, title: string, rows: number, runs: number[]): ImportMeasure {
  const seconds = median(runs);

  return { name, title, rows, runs, seconds, rowsPerSec: rows / seconds };
}

/** Writes the first `rows` cooperatives of the dataset as an import CSV (the documented columns). */
function writeCsv(datasetFile: string, rows: number, csvFile: string): number {
  const sqlite = new SqliteDatabase(datasetFile, { fileMustExist: true });
  try {
    const records = sqlite
      .prepare(
        `SELECT c.legal_id, c.registration_no, c.registered_on, c.name, c.legal_form, c.field_code,
                c.subfield_code, p.code, k.name_fa, c.address, c.postal_code, c.fiscal_year_end_month,
                c.status, c.capital_rials, c.paid_capital_rials
           FROM cooperatives c
           JOIN provinces p ON p.id = c.province_id
           JOIN counties k ON k.id = c.county_id
          ORDER BY c.id LIMIT ?`,
      )
      .raw()
      .all(rows) as Row[];
    const text = stringify([CSV_COLUMNS, ...records.map((r) => r.map((v) => (v === null ? '' : String(v))))]);
    writeFileSync(csvFile, text);

    return records.length;
  } finally {
    sqlite.close();
  }
}

/** Parses the CSV the way importCsv does (same stream stages and options); returns its data rows. */
async function parseCsv(csvFile: string, onRecord: (cells: string[]) => void): Promise<void> {
  let header = true;
  await pipeline(
    createReadStream(csvFile),
    new LineEndings(),
    parse({ trim: true, skip_empty_lines: true, relax_column_count: true, max_record_size: 64 * 1024 }),
    async (records: AsyncIterable<string[]>) => {
      for await (const cells of records) {
        if (header) header = false;
        else onRecord(cells);
      }
    },
  );
}

/** What importCsv wrote, read back: the cooperatives' columns, their tokens and their events. */
type Written = {
  columns: string[];
  cooperatives: Array<{ id: number; values: Row }>;
  tokens: Map<number, Row[]>;
  events: Map<number, Row>;
};

function readBack(sqlite: SqliteDatabase.Database): Written {
  const columns = (sqlite.prepare('PRAGMA table_info(cooperatives)').all() as Array<{ name: string }>)
    .map((c) => c.name)
    .filter((name) => name !== 'id');
  const cooperatives = (
    sqlite
      .prepare(`SELECT id, ${columns.join(', ')} FROM cooperatives ORDER BY id`)
      .raw()
      .all() as Row[]
  ).map(([id, ...values]) => ({ id: Number(id), values }));
  const tokens = new Map<number, Row[]>();
  for (const row of sqlite
    .prepare('SELECT cooperative_id, token, weight FROM search_tokens ORDER BY rowid')
    .raw()
    .iterate() as IterableIterator<Row>) {
    const id = Number(row[0]);
    const list = tokens.get(id) ?? [];
    list.push(row.slice(1));
    tokens.set(id, list);
  }
  const events = new Map<number, Row>();
  for (const row of sqlite
    .prepare('SELECT cooperative_id, kind, occurred_at, payload FROM registry_events ORDER BY id')
    .raw()
    .iterate() as IterableIterator<Row>) {
    events.set(Number(row[0]), row.slice(1));
  }

  return { columns, cooperatives, tokens, events };
}

function insertSql(columns: string[], rowCount: number): string {
  const one = `(${columns.map(() => '?').join(', ')})`;

  return `INSERT INTO cooperatives (${columns.join(', ')}) VALUES ${Array.from({ length: rowCount }, () => one).join(', ')}`;
}

/** Raw single-row prepared INSERTs of the cooperatives, one transaction. */
function rawSingle(sqlite: SqliteDatabase.Database, written: Written): number {
  const insert = sqlite.prepare(insertSql(written.columns, 1));
  const started = performance.now();
  sqlite.transaction(() => {
    for (const c of written.cooperatives) insert.run(c.values);
  })();

  return (performance.now() - started) / 1000;
}

/** Raw multi-row prepared INSERTs (MULTI_ROW_CHUNK rows per statement), one transaction. */
function rawMulti(sqlite: SqliteDatabase.Database, written: Written): number {
  const full = sqlite.prepare(insertSql(written.columns, MULTI_ROW_CHUNK));
  const started = performance.now();
  sqlite.transaction(() => {
    const all = written.cooperatives;
    for (let i = 0; i < all.length; i += MULTI_ROW_CHUNK) {
      const chunk = all.slice(i, i + MULTI_ROW_CHUNK);
      const statement =
        chunk.length === MULTI_ROW_CHUNK ? full : sqlite.prepare(insertSql(written.columns, chunk.length));
      statement.run(chunk.flatMap((c) => c.values));
    }
  })();

  return (performance.now() - started) / 1000;
}

/** Raw prepared INSERTs of everything importCsv writes: the cooperative, its tokens, its event. */
function rawSameWrites(sqlite: SqliteDatabase.Database, written: Written): number {
  const insert = sqlite.prepare(insertSql(written.columns, 1));
  const token = sqlite.prepare('INSERT INTO search_tokens (cooperative_id, token, weight) VALUES (?, ?, ?)');
  const event = sqlite.prepare(
    'INSERT INTO registry_events (cooperative_id, kind, occurred_at, payload) VALUES (?, ?, ?, ?)',
  );
  const started = performance.now();
  sqlite.transaction(() => {
    for (const c of written.cooperatives) {
      const id = insert.run(c.values).lastInsertRowid;
      for (const t of written.tokens.get(c.id) ?? []) token.run(id, ...t);
      const e = written.events.get(c.id);
      if (e) event.run(id, ...e);
    }
  })();

  return (performance.now() - started) / 1000;
}

/**
 * Bulk import: importCsv of `rows` cooperatives into a fresh database against raw better-sqlite3
 * prepared INSERTs of the very rows importCsv wrote (read back), into the same table of another
 * fresh database with the same schema and pragmas. Also times the stages of the import on their
 * own (CSV parsing; parsing + validation) to show where its time goes.
 */
export async function runImportBench(
  datasetFile: string,
  requestedRows: number,
  today: string,
  log: (line: string) => void,
): Promise<ImportResult> {
  const csvFile = join(DATA_DIR, 'import-cooperatives.csv');
  const rows = writeCsv(datasetFile, requestedRows, csvFile);
  const csvBytes = statSync(csvFile).size;
  log(`import: ${rows} cooperatives in ${csvFile} (${(csvBytes / 1e6).toFixed(1)} MB)`);
  const measures: ImportMeasure[] = [];

  // Stage timings (no writes).
  {
    let parsed = 0;
    const started = performance.now();
    await parseCsv(csvFile, () => {
      parsed += 1;
    });
    const seconds = (performance.now() - started) / 1000;
    if (parsed !== rows) throw new Error(`parsed ${parsed} rows, expected ${rows}`);
    measures.push(measure('parse', 'CSV parse only (csv-parse, same stream stages)', rows, [seconds]));
  }
  {
    const ctx = await freshContext('validate', today);
    try {
      const columns = IMPORT_SPECS.cooperatives.columns;
      let invalid = 0;
      const started = performance.now();
      await parseCsv(csvFile, (cells) => {
        const input: Record<string, string> = {};
        columns.forEach((c, i) => {
          const cell = cells[i];
          if (cell !== undefined && cell !== '') input[c.path] = cell;
        });
        if (!registerCooperative.validate(ctx, input).ok) invalid += 1;
      });
      const seconds = (performance.now() - started) / 1000;
      if (invalid > 0) log(`import: ${invalid} rows failed validation in the stage timing`);
      measures.push(measure('validate', 'CSV parse + validation (no writes)', rows, [seconds]));
    } finally {
      await dispose(ctx);
    }
  }

  // The real import.
  let written: Written;
  {
    const ctx = await freshContext('importcsv', today);
    try {
      const started = performance.now();
      const report = await importCsv(ctx, { kind: 'cooperatives', input: createReadStream(csvFile) });
      const seconds = (performance.now() - started) / 1000;
      if (!report.committed || report.rowsImported !== rows) {
        const first = JSON.stringify(report.rejected.slice(0, 3));
        throw new Error(
          `importCsv committed ${report.rowsImported}/${rows} rows; first rejections: ${first}`,
        );
      }
      measures.push(measure('importCsv', '`importCsv` (validate + write use case, Kysely)', rows, [seconds]));
      log(`import: importCsv ${rows} rows in ${seconds.toFixed(2)} s`);
      written = readBack(rawConnection(ctx));
    } finally {
      await dispose(ctx);
    }
  }

  const raw = async (
    name: string,
    title: string,
    run: (s: SqliteDatabase.Database, w: Written) => number,
  ) => {
    const runs: number[] = [];
    for (let i = 0; i < RAW_REPETITIONS; i++) {
      const ctx = await freshContext(name, today);
      try {
        runs.push(run(rawConnection(ctx), written));
        const count = rawConnection(ctx).prepare('SELECT count(*) FROM cooperatives').pluck().get();
        if (count !== rows) throw new Error(`${name}: ${String(count)} rows written, expected ${rows}`);
      } finally {
        await dispose(ctx);
      }
    }
    const m = measure(name, title, rows, runs);
    measures.push(m);
    log(`import: ${name} ${m.rowsPerSec.toFixed(0)} rows/s`);
  };
  await raw('rawSingle', 'raw prepared `INSERT` into `cooperatives`, one row per statement', rawSingle);
  await raw(
    'rawMulti',
    `raw prepared multi-row \`INSERT\` into \`cooperatives\`, ${MULTI_ROW_CHUNK} rows per statement`,
    rawMulti,
  );
  await raw(
    'rawSameWrites',
    'raw prepared `INSERT`s of everything importCsv writes (row + tokens + event)',
    rawSameWrites,
  );

  rmSync(csvFile, { force: true });
  const byName = (name: string) => measures.find((m) => m.name === name)?.rowsPerSec ?? Number.NaN;
  let tokenCount = 0;
  for (const list of written.tokens.values()) tokenCount += list.length;

  return {
    rows,
    csvBytes,
    writesPerRow: { searchTokens: tokenCount / rows, events: written.events.size / rows },
    measures,
    ratio: byName('importCsv') / byName('rawSingle'),
  };
}

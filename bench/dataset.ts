import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { openContext } from '../src/context/open-context.ts';
import { generateDemo } from '../src/demo/generate-demo.ts';

export const SIZES = {
  full: { cooperatives: 100_000, members: 3_000_000 },
  ci: { cooperatives: 20_000, members: 600_000 },
  small: { cooperatives: 2_000, members: 40_000 },
} as const;
export type Size = keyof typeof SIZES;

export function isSize(value: string): value is Size {
  return Object.hasOwn(SIZES, value);
}

/** Row counts of the tables the benchmarks read. */
export type TableCounts = Record<string, number>;

export type Dataset = {
  file: string;
  size: Size;
  seed: number;
  version: string;
  /** Whether this run built the file (false: reused from an earlier run). */
  builtNow: boolean;
  buildSeconds: number;
  builtAt: string;
  bytes: number;
  counts: TableCounts;
};

type Meta = Omit<Dataset, 'file' | 'builtNow' | 'bytes'>;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DATA_DIR = fileURLToPath(new URL('./.data/', import.meta.url));
const COUNTED_TABLES = [
  'cooperatives',
  'memberships',
  'persons',
  'legal_entities',
  'officers',
  'assemblies',
  'filings',
  'search_tokens',
  'registry_events',
];

/** Bump when the benchmark's use of the data changes in a way the source hash cannot see. */
const BENCH_DATA_VERSION = 1;

/**
 * The version a cached dataset is keyed by: a hash of the migrations and of the demo generator's
 * sources, so a schema or generator change builds a fresh file instead of reusing a stale one.
 */
export function datasetVersion(): string {
  const hash = createHash('sha256').update(`bench-data-${BENCH_DATA_VERSION}\n`);
  for (const dir of ['src/db/migrations', 'src/demo']) {
    const files = readdirSync(join(ROOT, dir))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .sort();
    for (const f of files) hash.update(`${dir}/${f}\n`).update(readFileSync(join(ROOT, dir, f)));
  }

  return hash.digest('hex').slice(0, 12);
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

export function countTables(file: string): TableCounts {
  const sqlite = new SqliteDatabase(file, { fileMustExist: true });
  try {
    const counts: TableCounts = {};
    for (const table of COUNTED_TABLES) {
      const row = sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
      counts[table] = row.n;
    }

    return counts;
  } finally {
    sqlite.close();
  }
}

/**
 * The benchmark database for `size` and `seed`: reused when a file with the same key exists,
 * else generated with the demo generator through `openContext` (written under a temporary name
 * and renamed when complete, so an interrupted build is never reused).
 */
export async function prepareDataset(
  size: Size,
  seed: number,
  today: string,
  log: (line: string) => void,
): Promise<Dataset> {
  mkdirSync(DATA_DIR, { recursive: true });
  const version = datasetVersion();
  const file = join(DATA_DIR, `demo-${size}-seed${seed}-v${version}.sqlite`);
  const metaFile = `${file}.json`;
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
    log(`dataset: reusing ${file} (built ${meta.builtAt} in ${meta.buildSeconds.toFixed(1)} s)`);

    return { ...meta, file, builtNow: false, bytes: statSync(file).size };
  }

  // A file of the same size and seed under another version is stale: remove it (they are large).
  const prefix = `demo-${size}-seed${seed}-v`;
  for (const name of readdirSync(DATA_DIR)) {
    if (name.startsWith(prefix) && !name.startsWith(`${prefix}${version}.`))
      rmSync(join(DATA_DIR, name), { force: true });
  }
  const { cooperatives, members } = SIZES[size];
  const temporary = `${file}.building`;
  removeDatabase(temporary);
  log(`dataset: generating ${cooperatives} cooperatives / ${members} memberships (seed ${seed}) …`);
  const started = performance.now();
  const ctx = await openContext({ databaseUrl: null, sqliteFile: temporary, today, statuteFile: null });
  try {
    await generateDemo(ctx, { cooperatives, members, seed });
    ctx.handle.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    await ctx.close();
  }
  const buildSeconds = (performance.now() - started) / 1000;
  removeDatabase(file);
  renameSync(temporary, file);
  removeDatabase(temporary);
  const counts = countTables(file);
  const meta: Meta = { size, seed, version, buildSeconds, builtAt: new Date().toISOString(), counts };
  writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  log(`dataset: built in ${buildSeconds.toFixed(1)} s → ${file}`);

  return { ...meta, file, builtNow: true, bytes: statSync(file).size };
}

/**
 * `npm run bench`: builds (or reuses) the benchmark dataset, measures the public profile and
 * search against a bare Fastify + better-sqlite3 primary-key read, measures the CSV import
 * against raw prepared INSERTs, measures the transparency ledger (appends, proofs, verification)
 * and the monitoring scan against DuckDB, and writes bench/RESULTS.md. See bench/README.md.
 *
 *   npm run bench                       full size (100,000 cooperatives / 3,000,000 memberships)
 *   npm run bench -- --size small       quick check (2,000 / 40,000)
 *   npm run bench -- --only profile --duration 5
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { DATA_DIR, isSize, prepareDataset, type Size } from './dataset.ts';
import {
  type ClientSettings,
  type HttpScenario,
  type RunningServer,
  runScenario,
  type ScenarioResult,
  startServer,
  type Target,
} from './http-bench.ts';
import { type ImportResult, runImportBench } from './import-bench.ts';
import { LEDGER_ENTRIES, type LedgerResult, runLedgerBench } from './ledger-bench.ts';
import { MONITORING_PAYMENTS, type MonitoringResult, runMonitoringBench } from './monitoring/scan-bench.ts';
import { type BenchReport, checkGoals, mergeWithPrevious, renderReport } from './report.ts';
import { drawSamples, type RequestSamples } from './samples.ts';

const TODAY = '2026-11-28';
const SCENARIOS = [
  'bare',
  'profile',
  'search-name',
  'search-legal-id',
  'list-province',
  'import',
  'ledger',
  'monitoring',
] as const;
type ScenarioName = (typeof SCENARIOS)[number];
const IMPORT_ROWS: Record<Size, number> = { full: 50_000, ci: 20_000, small: 2_000 };
/** Upper bounds that keep every loop short: a typo cannot start an hour-long run. */
const MAX_DURATION_SECONDS = 120;
const MAX_CONNECTIONS = 500;
const SAMPLE_PATHS = 5_000;

const isScenario = (s: string): s is ScenarioName => (SCENARIOS as readonly string[]).includes(s);

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

function intOption(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be an integer in ${min}..${max}`);

  return n;
}

function options() {
  const env = process.env;
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      size: { type: 'string', default: env.BENCH_SIZE ?? 'full' },
      duration: { type: 'string', default: env.BENCH_DURATION },
      warmup: { type: 'string', default: env.BENCH_WARMUP },
      connections: { type: 'string', default: env.BENCH_CONNECTIONS },
      only: { type: 'string', default: env.BENCH_ONLY },
      seed: { type: 'string', default: env.BENCH_SEED },
      'import-rows': { type: 'string', default: env.BENCH_IMPORT_ROWS },
      'ledger-entries': { type: 'string', default: env.BENCH_LEDGER_ENTRIES },
      'monitoring-payments': { type: 'string', default: env.BENCH_MONITORING_PAYMENTS },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      [
        'usage: npm run bench -- [options]   (each option may also be set as BENCH_<NAME>)',
        '  --size full|ci|small     dataset: 100,000/3,000,000 · 20,000/600,000 · 2,000/40,000 (default full)',
        '  --duration <s>           seconds of load per HTTP scenario (default 10)',
        '  --warmup <s>             warm-up seconds before each HTTP scenario (default 2)',
        '  --connections <n>        autocannon connections (default 50)',
        `  --only <scenario>        one of ${SCENARIOS.join(', ')}`,
        '  --seed <n>               dataset and request seed (default 1)',
        '  --import-rows <n>        cooperatives in the import CSV (default: 50,000 full, 20,000 ci, 2,000 small)',
        '  --ledger-entries <n>     ledger entries appended (default: 200,000 full, 20,000 ci, 5,000 small)',
        '  --monitoring-payments <n> payments the monitoring scan reads (default: 10,000,000 full, 1,000,000 ci, 100,000 small)',
        '',
      ].join('\n'),
    );
    process.exit(0);
  }
  const size = values.size;
  if (!isSize(size)) fail(`--size must be full, ci or small (got ${size})`);
  const only = values.only;
  if (only !== undefined && !isScenario(only)) fail(`--only must be one of ${SCENARIOS.join(', ')}`);

  return {
    size,
    only,
    seed: intOption('seed', values.seed, 1, 0, 2 ** 31),
    importRows: intOption('import-rows', values['import-rows'], IMPORT_ROWS[size], 1, 1_000_000),
    ledgerEntries: intOption(
      'ledger-entries',
      values['ledger-entries'],
      LEDGER_ENTRIES[size],
      100,
      2_000_000,
    ),
    monitoringPayments: intOption(
      'monitoring-payments',
      values['monitoring-payments'],
      MONITORING_PAYMENTS[size],
      10_000,
      20_000_000,
    ),
    client: {
      connections: intOption('connections', values.connections, 50, 1, MAX_CONNECTIONS),
      pipelining: 1,
      warmupSeconds: intOption('warmup', values.warmup, 2, 0, MAX_DURATION_SECONDS),
      durationSeconds: intOption('duration', values.duration, 10, 1, MAX_DURATION_SECONDS),
      timeoutSeconds: 10,
    } satisfies ClientSettings,
  };
}

const log = (line: string) => process.stdout.write(`${line}\n`);

function sqliteVersion(): string {
  const db = new SqliteDatabase(':memory:');
  try {
    return String(db.prepare('SELECT sqlite_version()').pluck().get());
  } finally {
    db.close();
  }
}

function appScenarios(samples: RequestSamples): Array<HttpScenario & { name: ScenarioName }> {
  return [
    { name: 'profile', title: 'Profile by legal ID', target: 'app', paths: samples.profile },
    {
      name: 'search-name',
      title: 'Search by name word / officer surname',
      target: 'app',
      paths: samples.searchName,
    },
    { name: 'search-legal-id', title: 'Search by legal ID', target: 'app', paths: samples.searchLegalId },
    { name: 'list-province', title: 'List by province (no q)', target: 'app', paths: samples.listProvince },
  ];
}

function summary(r: ScenarioResult): string {
  const l = r.latency;

  return `${r.scenario.title}: ${Math.round(r.reqPerSec)} req/s, p50 ${l.p50} ms, p97.5 ${l.p97_5} ms, p99 ${l.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}`;
}

async function withServer<T>(
  target: Target,
  file: string,
  use: (server: RunningServer) => Promise<T>,
  extraEnv: Record<string, string> = {},
): Promise<T> {
  const server = await startServer(target, file, TODAY, extraEnv);
  log(`server: ${target} on 127.0.0.1:${server.port} (ready in ${Math.round(server.startMs)} ms)`);
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const opts = options();
  const startedAt = new Date();
  const argv = process.argv.slice(2);
  const command = argv.length > 0 ? `npm run bench -- ${argv.join(' ')}` : 'npm run bench';
  const cpus = os.cpus();
  const machine = {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    sqlite: sqliteVersion(),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg(),
  };
  log(`bench: size ${opts.size}, seed ${opts.seed}, ${machine.cores} × ${machine.cpu}, Node ${machine.node}`);

  const wants = (name: ScenarioName) => opts.only === undefined || opts.only === name;
  // The ledger and monitoring scenarios write their own databases; every other one reads the dataset.
  const ownData = (s: ScenarioName) => s === 'ledger' || s === 'monitoring';
  const dataset = SCENARIOS.some((s) => !ownData(s) && wants(s))
    ? await prepareDataset(opts.size, opts.seed, TODAY, log)
    : null;

  const baseline: ScenarioResult[] = [];
  const scenarios: ScenarioResult[] = [];
  let samples: RequestSamples | null = null;
  const selected = SCENARIOS.filter((s) => s !== 'import' && !ownData(s)).filter(wants);
  if (dataset && selected.length > 0) {
    samples = drawSamples(dataset.file, opts.seed, SAMPLE_PATHS);
    const app = appScenarios(samples).filter((s) => wants(s.name));
    const bare: HttpScenario = {
      name: 'bare',
      title: 'Bare PK read (Fastify + better-sqlite3)',
      target: 'bare',
      paths: samples.bare,
    };
    const runBare = async (label: string) =>
      withServer('bare', dataset.file, async (server) => {
        const r = await runScenario(
          server,
          { ...bare, title: `${bare.title}, ${label}` },
          opts.client,
          opts.seed,
        );
        log(summary(r));
        baseline.push(r);
      });
    await runBare(app.length > 0 ? 'before' : 'only run');
    if (app.length > 0) {
      // Each scenario twice: every response computed afresh (response cache off), then with the
      // response cache on (steady state: the warm-up fills it from the same pre-drawn paths).
      for (const [mode, env] of [
        ['uncached', { BENCH_RESPONSE_CACHE_BYTES: '0' }],
        ['response cache on', {}],
      ] as const) {
        await withServer(
          'app',
          dataset.file,
          async (server) => {
            for (const [i, scenario] of app.entries()) {
              const titled = { ...scenario, title: `${scenario.title} (${mode})` };
              const r = await runScenario(server, titled, opts.client, opts.seed + i + 1);
              log(summary(r));
              scenarios.push(r);
            }
          },
          env,
        );
      }
      await runBare('after');
    }
  }

  let importResult: ImportResult | null = null;
  if (dataset && wants('import'))
    importResult = await runImportBench(dataset.file, opts.importRows, TODAY, log);

  let ledger: LedgerResult | null = null;
  if (wants('ledger')) ledger = await runLedgerBench(opts.ledgerEntries, opts.seed, TODAY, log);

  let monitoring: MonitoringResult | null = null;
  if (wants('monitoring'))
    monitoring = await runMonitoringBench(opts.size, opts.monitoringPayments, opts.seed, TODAY, log);

  const report: BenchReport = {
    startedAt,
    finishedAt: new Date(),
    command,
    machine,
    size: opts.size,
    dataset,
    client: opts.client,
    samples,
    baseline,
    scenarios,
    importResult,
    ledger,
    monitoring,
  };
  const resultsFile = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
  // A partial run keeps the sections of the previous file that it did not measure.
  const rendered = renderReport(report);
  const previous =
    opts.only !== undefined && existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : null;
  writeFileSync(resultsFile, `${previous ? mergeWithPrevious(rendered, previous) : rendered}\n`);
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(
    `${DATA_DIR}results-${opts.size}${opts.only ? `-${opts.only}` : ''}.json`,
    `${JSON.stringify(
      { ...report, samples: samples?.searchTerms ?? null },
      (key, value: unknown) => (key === 'paths' && Array.isArray(value) ? value.length : value),
      2,
    )}\n`,
  );
  log('');
  for (const g of checkGoals(report))
    log(`${g.met ? 'met    ' : 'NOT MET'}  ${g.what}: ${g.measured} (goal ${g.goal})`);
  log(`bench: wrote ${resultsFile}`);
}

await main();

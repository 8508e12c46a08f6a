import type { Dataset } from './dataset.ts';
import type { ClientSettings, ScenarioResult } from './http-bench.ts';
import type { ImportResult } from './import-bench.ts';
import type { RequestSamples } from './samples.ts';

export type Machine = {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  sqlite: string;
  platform: string;
  loadAverage: number[];
};

export type BenchReport = {
  startedAt: Date;
  finishedAt: Date;
  command: string;
  machine: Machine;
  dataset: Dataset;
  client: ClientSettings;
  samples: RequestSamples | null;
  /** Bare baseline runs (before and after the app scenarios) and the app scenarios. */
  baseline: ScenarioResult[];
  scenarios: ScenarioResult[];
  importResult: ImportResult | null;
};

/** DESIGN.md "Performance goals" for the registry. */
export const GOALS = {
  readRatio: 0.5,
  p99Ms: 20,
  importRatio: 0.5,
} as const;

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const fixed = (n: number, digits: number) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (ratio: number) => `${fixed(ratio * 100, 1)}%`;

/** The baseline the ratios are taken against: the mean req/s of the bare runs. */
export function baselineReqPerSec(baseline: ScenarioResult[]): number {
  if (baseline.length === 0) return Number.NaN;

  return baseline.reduce((sum, r) => sum + r.reqPerSec, 0) / baseline.length;
}

export type GoalCheck = { what: string; goal: string; measured: string; met: boolean };

export function checkGoals(report: BenchReport): GoalCheck[] {
  const checks: GoalCheck[] = [];
  const base = baselineReqPerSec(report.baseline);
  for (const r of report.scenarios) {
    const ratio = r.reqPerSec / base;
    const clean = r.non2xx === 0 && r.errors === 0 && r.timeouts === 0;
    checks.push({
      what: `${r.scenario.title}: throughput`,
      goal: `≥ ${pct(GOALS.readRatio)} of bare`,
      measured: `${pct(ratio)} (${int(r.reqPerSec)} / ${int(base)} req/s)${clean ? '' : ' — errors or non-2xx'}`,
      met: clean && ratio >= GOALS.readRatio,
    });
    checks.push({
      what: `${r.scenario.title}: p99 latency`,
      goal: `< ${GOALS.p99Ms} ms`,
      measured: `${r.latency.p99} ms`,
      met: clean && r.latency.p99 < GOALS.p99Ms,
    });
  }
  if (report.importResult) {
    const ratio = report.importResult.ratio;
    checks.push({
      what: 'Bulk import (`importCsv`, cooperatives)',
      goal: `≥ ${pct(GOALS.importRatio)} of raw prepared INSERT`,
      measured: pct(ratio),
      met: ratio >= GOALS.importRatio,
    });
  }

  return checks;
}

function scenarioTable(rows: ScenarioResult[], base: number): string[] {
  const lines = [
    '| scenario | server | req/s | ratio to bare | p50 ms | p97.5 ms | p99 ms | max ms | mean ms | requests | non-2xx | errors | timeouts |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.scenario.title} | ${r.scenario.target} | ${int(r.reqPerSec)} | ${pct(r.reqPerSec / base)} | ${r.latency.p50} | ${r.latency.p97_5} | ${r.latency.p99} | ${r.latency.max} | ${fixed(r.latency.mean, 2)} | ${int(r.requests)} | ${int(r.non2xx)} | ${int(r.errors)} | ${int(r.timeouts)} |`,
    );
  }

  return lines;
}

function preCheckTable(rows: ScenarioResult[]): string[] {
  const lines = [
    '| scenario | requests checked | statuses | mean response bytes | mean `total` matched | responses with no match |',
    '|---|--:|---|--:|--:|--:|',
  ];
  for (const r of rows) {
    const statuses = Object.entries(r.preCheck.statuses)
      .map(([code, n]) => `${code}×${n}`)
      .join(', ');
    const meanTotal = r.preCheck.meanTotal === null ? '—' : fixed(r.preCheck.meanTotal, 1);
    const empty = r.preCheck.meanTotal === null ? '—' : String(r.preCheck.emptyResults);
    lines.push(
      `| ${r.scenario.title} | ${r.preCheck.requests} | ${statuses} | ${int(r.preCheck.meanBytes)} | ${meanTotal} | ${empty} |`,
    );
  }

  return lines;
}

/** RESULTS.md: the whole run, figures straight from the measurements. */
export function renderReport(report: BenchReport): string {
  const { machine, dataset, client } = report;
  const base = baselineReqPerSec(report.baseline);
  const out: string[] = [];
  out.push('# Benchmark results');
  out.push('');
  out.push(
    'Written by `npm run bench` (bench/run.ts); every figure below was measured in the run described here. See bench/README.md for what each figure means.',
  );
  out.push('');
  out.push(`- Date (UTC): ${report.startedAt.toISOString()} → ${report.finishedAt.toISOString()}`);
  out.push(`- Command: \`${report.command}\``);
  out.push(
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${fixed(machine.memoryGiB, 1)} GiB RAM, ${machine.platform}; load average at start ${machine.loadAverage.map((l) => fixed(l, 2)).join(' / ')}`,
  );
  out.push(`- Node ${machine.node}, SQLite ${machine.sqlite} (better-sqlite3)`);
  out.push('');

  out.push('## Dataset');
  out.push('');
  const c = dataset.counts;
  out.push(
    `- Size \`${dataset.size}\`, seed ${dataset.seed}, dataset version \`${dataset.version}\` (hash of the migrations and the demo generator)`,
  );
  out.push(
    `- ${Object.entries(c)
      .map(([table, n]) => `${int(n)} ${table}`)
      .join(', ')}`,
  );
  out.push(`- File: ${fixed(dataset.bytes / 1024 ** 2, 1)} MiB (SQLite, WAL)`);
  out.push(
    `- Built by \`generateDemo\` through \`openContext\` in **${fixed(dataset.buildSeconds, 1)} s** at ${dataset.builtAt}${dataset.builtNow ? ' (this run)' : ' (cached under bench/.data/ and reused by this run)'}`,
  );
  out.push('');

  if (report.baseline.length > 0 || report.scenarios.length > 0) {
    out.push('## HTTP: profile and search against a bare Fastify + better-sqlite3 primary-key read');
    out.push('');
    out.push(
      `Client: autocannon ${client.connections} connections, pipelining ${client.pipelining}, ${client.warmupSeconds} s warm-up then ${client.durationSeconds} s per scenario, timeout ${client.timeoutSeconds} s; programmatic \`setupRequest\` picking a random path from a pre-drawn list per request. Client and server run in separate processes on 127.0.0.1 and **share the same ${machine.cores} cores** (one server process at a time).`,
    );
    out.push('');
    if (report.samples) {
      const s = report.samples;
      out.push(
        `Request paths: ${int(s.bare.length)} per scenario. Search words: ${int(s.searchTerms.fromNames)} from the names of random cooperatives and ${int(s.searchTerms.fromSurnames)} current officers' surnames (${int(s.searchTerms.distinct)} distinct). Profiles and legal-ID searches use random registered legal IDs; the province list uses the province of a random cooperative (no \`q\`, first page of 20).`,
      );
      out.push('');
    }
    out.push(
      `Ratios are to the mean of the bare runs (${int(base)} req/s). The bare server runs before and after the app scenarios.`,
    );
    out.push('');
    out.push(...scenarioTable([...report.baseline, ...report.scenarios], base));
    out.push('');
    out.push('Sequential pre-check of the first 50 paths of each scenario (before the load, same server):');
    out.push('');
    out.push(...preCheckTable([...report.baseline, ...report.scenarios]));
    out.push('');
  }

  const imp = report.importResult;
  if (imp) {
    const rawSingle = imp.measures.find((m) => m.name === 'rawSingle');
    out.push('## Bulk import: `importCsv` against raw prepared INSERTs');
    out.push('');
    out.push(
      `${int(imp.rows)} cooperatives exported from the dataset as an import CSV (${fixed(imp.csvBytes / 1e6, 1)} MB, the documented columns). \`importCsv\` writes them into a fresh SQLite file (migrated, reference tables seeded, WAL, synchronous=NORMAL); per cooperative it also writes ${fixed(imp.writesPerRow.searchTokens, 1)} search tokens and ${fixed(imp.writesPerRow.events, 1)} change-feed event. The raw variants insert the very rows \`importCsv\` wrote (read back) into the same table of another fresh file with the same schema, indexes and pragmas, in one transaction; each is the median of its runs. Ratios are to the raw single-row prepared INSERT.`,
    );
    out.push('');
    out.push('| method | rows | seconds (median) | runs (s) | rows/s | ratio to raw INSERT |');
    out.push('|---|--:|--:|---|--:|--:|');
    for (const m of imp.measures) {
      const ratio = rawSingle ? pct(m.rowsPerSec / rawSingle.rowsPerSec) : '—';
      out.push(
        `| ${m.title} | ${int(m.rows)} | ${fixed(m.seconds, 3)} | ${m.runs.map((r) => fixed(r, 3)).join(', ')} | ${int(m.rowsPerSec)} | ${ratio} |`,
      );
    }
    out.push('');
  }

  const checks = checkGoals(report);
  if (checks.length > 0) {
    out.push('## Goals (DESIGN.md, "Performance goals")');
    out.push('');
    out.push(
      '- Public profile / search on a national-size dataset: ≥ 50% of the throughput of a bare Fastify + better-sqlite3 primary-key read in the same run, p99 < 20 ms.',
    );
    out.push('- Bulk import: ≥ 50% of raw SQLite prepared-insert speed.');
    if (dataset.size !== 'full') {
      out.push(
        `- **This run used the \`${dataset.size}\` dataset, not the national-size (\`full\`) one: the read goals are only indicative here.**`,
      );
    }
    out.push('');
    out.push('| what | goal | measured | met? |');
    out.push('|---|---|---|---|');
    for (const g of checks)
      out.push(`| ${g.what} | ${g.goal} | ${g.measured} | ${g.met ? 'met' : '**not met**'} |`);
    out.push('');
  }

  return `${out.join('\n')}`;
}

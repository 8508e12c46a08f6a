import type { Dataset, Size } from './dataset.ts';
import type { ClientSettings, ScenarioResult } from './http-bench.ts';
import type { ImportResult } from './import-bench.ts';
import { LEDGER_ENTRIES, type LedgerEngineResult, type LedgerResult } from './ledger-bench.ts';
import type { MonitoringResult } from './monitoring/scan-bench.ts';
import { MONITORING_GOAL_RATIO, monitoringGoals, monitoringSection } from './monitoring/scan-report.ts';
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
  size: Size;
  /** Null when no scenario of the run reads it (the ledger writes its own databases). */
  dataset: Dataset | null;
  client: ClientSettings;
  samples: RequestSamples | null;
  /** Bare baseline runs (before and after the app scenarios) and the app scenarios. */
  baseline: ScenarioResult[];
  scenarios: ScenarioResult[];
  importResult: ImportResult | null;
  ledger: LedgerResult | null;
  monitoring: MonitoringResult | null;
};

/** DESIGN.md "Performance goals" for the registry. */
export const GOALS = {
  readRatio: 0.5,
  p99Ms: 20,
  importRatio: 0.5,
  ledgerAppendsPerSec: 20_000,
  inclusionProofMs: 1,
  /** "Full verify near SHA-256 speed", read as: at least half the throughput of SHA-256 alone. */
  verifyToSha256: 0.5,
} as const;

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const fixed = (n: number, digits: number) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (ratio: number) => `${fixed(ratio * 100, 1)}%`;
/** A latency given in microseconds, in µs below a millisecond and in ms above. */
const micros = (us: number) =>
  us < 1000 ? `${fixed(us, us < 100 ? 1 : 0)} µs` : `${fixed(us / 1000, 2)} ms`;
const engineName = (e: LedgerEngineResult) => (e.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL');
const byName = <T extends { name: string }>(list: readonly T[], name: string) =>
  list.find((x) => x.name === name);

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
  for (const e of report.ledger?.engines ?? []) {
    const batched = byName(e.appends, 'batched');
    if (batched) {
      checks.push({
        what: `Ledger appends with tree update, batches of ${report.ledger?.batch} (${engineName(e)})`,
        goal: `≥ ${int(GOALS.ledgerAppendsPerSec)} entries/s`,
        measured: `${int(batched.perSec)} entries/s (${pct(batched.perSec / GOALS.ledgerAppendsPerSec)} of the goal)`,
        met: batched.perSec >= GOALS.ledgerAppendsPerSec,
      });
    }
    const proof = byName(e.proofs, 'inclusionProof');
    if (proof) {
      checks.push({
        what: `Ledger inclusion proof from the database (${engineName(e)})`,
        goal: `p99 < ${GOALS.inclusionProofMs} ms`,
        measured: `p50 ${micros(proof.p50)}, p99 ${micros(proof.p99)} (tree of ${int(e.treeSize)})`,
        met: proof.p99 < GOALS.inclusionProofMs * 1000,
      });
    }
    const verify = byName(e.verify.rates, 'verifyLog');
    const sha = byName(e.verify.rates, 'sha256');
    if (verify && sha) {
      const ratio = verify.perSec / sha.perSec;
      checks.push({
        what: `Ledger full verification, \`verifyLog\` (${engineName(e)})`,
        goal: `≥ ${pct(GOALS.verifyToSha256)} of SHA-256 over the same bodies`,
        measured: `${pct(ratio)} (${int(verify.perSec)} / ${int(sha.perSec)} entries/s, ${int(e.verify.size)} entries)${e.verify.ok ? '' : ' — the log did not verify'}`,
        met: e.verify.ok && ratio >= GOALS.verifyToSha256,
      });
    }
  }

  if (report.monitoring) checks.push(...monitoringGoals(report.monitoring));

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

function ledgerSection(ledger: LedgerResult): string[] {
  const out: string[] = [];
  out.push('## Ledger: appends with tree maintenance, proofs, whole-log verification');
  out.push('');
  out.push(
    `${int(ledger.entries)} payment entries (shaped as \`derive.ts\` builds them from a \`payments\` row; canonical bodies of ${int(ledger.bodyBytes.mean)} bytes on average, ${int(ledger.bodyBytes.min)}–${int(ledger.bodyBytes.max)}; ${fixed(ledger.secretsPerEntry, 2)} salted commitments per entry — a person's national code and IBAN) appended through \`appendEntries\` to the log of a cooperative registered by \`registerCooperative\`, ${ledger.batch} entries per transaction (\`ctx.db.transaction().execute(tx => appendEntries(tx, ctx, coopId, drafts))\`); then ${int(ledger.singles)} entries one per transaction on a second cooperative. Receipts are signed with an in-memory Ed25519 key (one per transaction). Every engine starts from a fresh database and warms up on a third cooperative first. The raw floors write the very rows \`appendEntries\` wrote (read back) into another fresh database with the same schema, one transaction per ${ledger.batch} entries (median of 3 runs); SHA-256 is over the same bodies, in memory.`,
  );
  out.push('');
  for (const e of ledger.engines) {
    const batched = byName(e.appends, 'batched');
    out.push(`### ${engineName(e)}: ${e.where}`);
    out.push('');
    out.push(
      `One-minute load average when this engine's run started and ended: ${fixed(e.load.start, 2)} / ${fixed(e.load.end, 2)} (other processes share the cores: compare the entries per CPU-second of this process too).`,
    );
    out.push('');
    out.push(
      '| method | entries | transactions | seconds (median) | runs (s) | entries/s | vs goal (20,000/s) | vs `appendEntries` batched | entries per CPU-second |',
    );
    out.push('|---|--:|--:|--:|---|--:|--:|--:|--:|');
    for (const r of [...e.appends, ...e.floors]) {
      out.push(
        `| ${r.title} | ${int(r.items)} | ${r.transactions === null ? '—' : int(r.transactions)} | ${fixed(r.seconds, 3)} | ${r.runs.map((x) => fixed(x, 3)).join(', ')} | ${int(r.perSec)} | ${pct(r.perSec / GOALS.ledgerAppendsPerSec)} | ${batched ? pct(r.perSec / batched.perSec) : '—'} | ${int(r.perCpuSec)} |`,
      );
    }
    out.push('');
    if (batched) {
      const share = (name: string) => {
        const r = byName(e.floors, name);
        return r ? `${pct(r.seconds / batched.seconds)} / ${pct(batched.perCpuSec / r.perCpuSec)}` : '—';
      };
      out.push(
        `Where a batched append's time goes (share of its wall-clock time / of its CPU time in this process): the same writes as raw statements take ${share('rawSameWrites')} (the entry rows alone ${share('rawEntries')}), SHA-256 of the bodies ${share('sha256')}; the rest is building the bodies (salted commitments, canonical JSON), the tree's interior hashes, hex encoding, Kysely's query building and the receipt's signature.${e.engine === 'postgres' ? " On PostgreSQL the server's own CPU time is not in the second figure." : ''}`,
      );
      out.push('');
    }
    out.push(
      `Proofs against the whole tree (${int(e.treeSize)} entries), random arguments, after a warm-up: wall-clock time of each call, and the CPU time of this process over all the calls divided by their number (every thread, V8's garbage collector's too${e.engine === 'postgres' ? "; the server's work left out" : ''}):`,
    );
    out.push('');
    out.push('| operation | calls | p50 | p99 | mean | max | CPU per call (mean) |');
    out.push('|---|--:|--:|--:|--:|--:|--:|');
    for (const p of e.proofs) {
      out.push(
        `| ${p.title} | ${int(p.samples)} | ${micros(p.p50)} | ${micros(p.p99)} | ${micros(p.mean)} | ${micros(p.max)} | ${micros(p.cpuMean)} |`,
      );
    }
    out.push('');
    const sha = byName(e.verify.rates, 'sha256');
    out.push(
      `Whole-log verification of the batched log (${int(e.verify.size)} entries): ${e.verify.ok ? 'it verified with no problem' : `**it did not verify** (${e.verify.problems.join('; ')})`}.`,
    );
    out.push('');
    out.push(
      '| what | entries | seconds | entries/s | ratio to SHA-256 of the bodies | entries per CPU-second |',
    );
    out.push('|---|--:|--:|--:|--:|--:|');
    for (const r of e.verify.rates) {
      out.push(
        `| ${r.title} | ${int(r.items)} | ${fixed(r.seconds, 3)} | ${int(r.perSec)} | ${sha ? pct(r.perSec / sha.perSec) : '—'} | ${int(r.perCpuSec)} |`,
      );
    }
    out.push('');
  }
  if (!ledger.engines.some((e) => e.engine === 'postgres')) {
    out.push('PostgreSQL: not measured in this run (DATABASE_URL was not set).');
    out.push('');
  }

  return out;
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

  if (dataset) {
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
  }

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

  if (report.ledger) out.push(...ledgerSection(report.ledger));
  if (report.monitoring) out.push(...monitoringSection(report.monitoring));

  const checks = checkGoals(report);
  if (checks.length > 0) {
    out.push('## Goals (DESIGN.md, "Performance goals")');
    out.push('');
    out.push(
      '- Public profile / search on a national-size dataset: ≥ 50% of the throughput of a bare Fastify + better-sqlite3 primary-key read in the same run, p99 < 20 ms.',
    );
    out.push('- Bulk import: ≥ 50% of raw SQLite prepared-insert speed.');
    out.push(
      `- Ledger: ≥ ${int(GOALS.ledgerAppendsPerSec)} appends/s with tree update (entries committed in batches of 100), inclusion proof < ${GOALS.inclusionProofMs} ms (checked at p99), full verify near SHA-256 speed (checked as ≥ ${pct(GOALS.verifyToSha256)} of the throughput of SHA-256 alone over the same bodies, in the same run).`,
    );
    out.push(
      `- Monitoring full scan: the money rules over 10 million entries within ${MONITORING_GOAL_RATIO}× of DuckDB running the same rules as SQL (routine runs use 1 million; checked against DuckDB's query time, wall-clock, same run, same findings).`,
    );
    if (dataset && dataset.size !== 'full') {
      out.push(
        `- **This run used the \`${dataset.size}\` dataset, not the national-size (\`full\`) one: the read goals are only indicative here.**`,
      );
    }
    if (report.ledger && report.ledger.entries < LEDGER_ENTRIES.full) {
      out.push(
        `- **The ledger figures come from ${int(report.ledger.entries)} entries, not the ${int(LEDGER_ENTRIES.full)} of the \`full\` size: indicative only.**`,
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

// ——— partial runs ———

const GOALS_HEADING = '## Goals';
const KEPT = '_Kept from an earlier run';
/** Where each section goes in the file, by the start of its heading. */
const SECTION_ORDER = [
  '## Dataset',
  '## HTTP',
  '## Bulk import',
  '## Ledger',
  '## Monitoring',
  GOALS_HEADING,
];

type Section = { heading: string; lines: string[] };

function splitSections(md: string): { head: string[]; sections: Section[] } {
  const head: string[] = [];
  const sections: Section[] = [];
  for (const line of md.replace(/\n+$/, '').split('\n')) {
    if (line.startsWith('## ')) sections.push({ heading: line, lines: [] });
    else (sections[sections.length - 1]?.lines ?? head).push(line);
  }

  return { head, sections };
}

const rank = (s: Section) => {
  const i = SECTION_ORDER.findIndex((prefix) => s.heading.startsWith(prefix));
  return i < 0 ? SECTION_ORDER.length - 1.5 : i;
};
/** The `what` cell of a row of the goals table (null for any other line). */
const goalWhat = (line: string) =>
  line.startsWith('| ') && !line.startsWith('| what |') ? (line.split(' | ')[0]?.slice(2) ?? null) : null;

/**
 * RESULTS.md after a partial run (`--only`): the sections this run wrote, plus the sections of
 * the previous file it did not measure — each marked with the date, command and machine of the
 * run that measured it — and the goals table rows of those sections.
 */
export function mergeWithPrevious(current: string, previous: string): string {
  const cur = splitSections(current);
  const prev = splitSections(previous);
  const meta = (prefix: string) =>
    prev.head.find((l) => l.startsWith(prefix))?.slice(2) ?? `${prefix.slice(2)} ?`;
  const note = `${KEPT} (${[meta('- Date (UTC):'), meta('- Command:'), meta('- Machine:'), meta('- Node')].join('; ')}): not measured by this one._`;
  // Whole headings: sections written by other scripts share a prefix (`## Ledger: tamper and
  // locate`, `## Monitoring: precision and recall per rule`) and must survive a partial run.
  const headings = new Set(cur.sections.map((s) => s.heading));
  const kept = prev.sections.filter((s) => !s.heading.startsWith(GOALS_HEADING) && !headings.has(s.heading));
  if (kept.length === 0) return current;
  const sections = [
    ...cur.sections,
    ...kept.map((s) => ({
      heading: s.heading,
      lines: s.lines.some((l) => l.startsWith(KEPT)) ? s.lines : ['', note, ...s.lines],
    })),
  ];
  // Goal rows of the sections kept: those the previous file has and this run did not measure.
  const prevGoals = prev.sections.find((s) => s.heading.startsWith(GOALS_HEADING));
  const curGoals = sections.find((s) => s.heading.startsWith(GOALS_HEADING));
  if (prevGoals && !curGoals) sections.push(prevGoals);
  if (prevGoals && curGoals) {
    const measured = new Set(curGoals.lines.map(goalWhat).filter((w) => w !== null));
    const extra = prevGoals.lines
      .filter((l) => {
        const what = goalWhat(l);
        return what !== null && !measured.has(what.replace(' (earlier run)', ''));
      })
      .map((l) => (l.includes(' (earlier run) |') ? l : l.replace(' | ', ' (earlier run) | ')));
    const last = curGoals.lines.findLastIndex((l) => l.startsWith('| '));
    curGoals.lines.splice(last + 1, 0, ...extra);
  }
  sections.sort((a, b) => rank(a) - rank(b));
  const head = cur.head.map((l) =>
    l.replace(
      'every figure below was measured in the run described here.',
      'every figure below was measured in the run described here (a partial run, `--only`), except the sections marked "kept from an earlier run" and the goal rows marked "(earlier run)", which come from the previous RESULTS.md.',
    ),
  );

  return [...head, ...sections.flatMap((s) => [s.heading, ...s.lines])].join('\n');
}

import cliProgress from 'cli-progress';
import { type Command, InvalidArgumentError } from 'commander';
import {
  DEFAULT_DEMO_SEED,
  DEFAULT_MEMBERS_PER_COOPERATIVE,
  type DemoSummary,
  generateDemo,
  registerHasCooperatives,
} from '../../demo/generate-demo.ts';
import { withContext } from '../cli-context.ts';

/** Parses a whole number option (underscores and commas allowed: 3_000_000, 3,000,000). */
function wholeNumber(value: string): number {
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}

type DemoCommandOptions = { cooperatives: number; members?: number; seed: number };

/** The summary lines printed after a run. */
export function formatDemoSummary(summary: DemoSummary, seconds: number): string {
  const lines: Array<[string, number]> = [
    ['cooperatives', summary.cooperatives],
    ['persons', summary.persons],
    ['legal entities', summary.legalEntities],
    ['memberships', summary.memberships],
    ['officers', summary.officers],
    ['declarations', summary.declarations],
    ['assemblies', summary.assemblies],
    ['filings', summary.filings],
    ['registry events', summary.registryEvents],
    ['search tokens', summary.searchTokens],
  ];
  const width = Math.max(...lines.map(([label]) => label.length));
  return [
    ...lines.map(([label, n]) => `${label.padEnd(width)}  ${n.toLocaleString('en-US').padStart(12)}`),
    `${'seconds'.padEnd(width)}  ${seconds.toFixed(1).padStart(12)}`,
  ].join('\n');
}

/** `taavon demo`: fills an empty register with a deterministic, realistic national dataset. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'generate demo data (Persian names, real province shares, officers, assemblies…) into an empty database',
    )
    .option('--cooperatives <n>', 'cooperatives to generate', wholeNumber, 300)
    .option(
      '--members <n>',
      `total memberships (default: cooperatives × ${DEFAULT_MEMBERS_PER_COOPERATIVE})`,
      wholeNumber,
    )
    .option(
      '--seed <n>',
      'random seed: the same seed, sizes and TAAVON_TODAY give the same data',
      wholeNumber,
      DEFAULT_DEMO_SEED,
    )
    .action(async (options: DemoCommandOptions) => {
      await withContext(async (ctx) => {
        if (await registerHasCooperatives(ctx)) {
          process.stderr.write(
            'the database already has cooperatives; demo data goes only into an empty database ' +
              '(use another TAAVON_SQLITE_FILE or DATABASE_URL)\n',
          );
          process.exitCode = 1;
          return;
        }
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar(
              {
                stream: process.stderr,
                format:
                  '{bar} {percentage}% | {value}/{total} cooperatives | {duration_formatted} (eta {eta_formatted})',
                hideCursor: true,
              },
              cliProgress.Presets.shades_classic,
            )
          : null;
        bar?.start(options.cooperatives, 0);
        const started = performance.now();
        let summary: DemoSummary;
        try {
          summary = await generateDemo(ctx, {
            cooperatives: options.cooperatives,
            ...(options.members !== undefined ? { members: options.members } : {}),
            seed: options.seed,
            onProgress: (done) => bar?.update(done),
          });
        } finally {
          bar?.stop();
        }
        process.stdout.write(`${formatDemoSummary(summary, (performance.now() - started) / 1000)}\n`);
      });
    });
}

/**
 * The tamper-and-locate suite at scale: a cooperative log of a few hundred entries of every kind
 * (governance and books), then 1,000 random one-byte edits of entry rows, business rows and
 * private identifiers, and rounds of whole-row attacks (delete, swap, insert, a tail rewritten
 * without the key). Each must be pinned on exactly the entry it is about. Prints a Markdown
 * section for bench/RESULTS.md; exits 1 when any case was not located.
 *
 *   node --import tsx bench/tamper.ts [--cases 1000] [--entries 300] [--rounds 5] [--seed 20261128]
 *   TAAVON_TEST_DB=pg DATABASE_URL=postgres://… node --import tsx bench/tamper.ts   (on PostgreSQL)
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { verifyLog } from '../src/ledger/verify.ts';
import { buildCooperative, LEGAL_IDS } from '../test/factories/registry.ts';
import { buildLedgerCooperative } from '../test/helpers/ledger-fixture.ts';
import { runAttacks, runTamperSuite } from '../test/helpers/ledger-tamper.ts';
import { createTestContext, testEngine } from '../test/helpers/test-context.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000' },
    entries: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '5' },
    seed: { type: 'string', default: '20261128' },
  },
});
const int = (s: string, min: number, max: number) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`expected an integer in [${min}, ${max}], got ${s}`);
  return n;
};
const cases = int(values.cases, 1, 100_000);
const entries = int(values.entries, 20, 100_000);
const rounds = int(values.rounds, 0, 1_000);
const seed = int(values.seed, 0, 2 ** 31);

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const ms = (x: number) => x.toFixed(1);

const ctx = await createTestContext();
try {
  const t0 = performance.now();
  const coop = await buildLedgerCooperative(ctx, { legalId: LEGAL_IDS[0], entries, seed });
  await buildCooperative(ctx, { legalId: LEGAL_IDS[1], name: 'تعاونی دیگر' });
  const buildMs = performance.now() - t0;
  const clean = await verifyLog(ctx, coop.cooperativeId);
  if (!clean.ok)
    throw new Error(`the log does not verify before tampering: ${clean.problems[0]?.message.en}`);

  const t1 = performance.now();
  const edits = await runTamperSuite(ctx, coop.cooperativeId, { seed, cases });
  const editsMs = performance.now() - t1;
  const attacks = await runAttacks(ctx, coop.cooperativeId, { seed, rounds });
  const after = await verifyLog(ctx, coop.cooperativeId);
  if (!after.ok) throw new Error('the log does not verify after the suite: an edit was not undone');

  const byTable = new Map<string, { n: number; located: number }>();
  for (const o of edits.outcomes) {
    const t = byTable.get(o.case.table) ?? { n: 0, located: 0 };
    t.n++;
    if (o.located) t.located++;
    byTable.set(o.case.table, t);
  }
  const verifyTimes = edits.outcomes.map((o) => o.ms);
  const missed = [
    ...edits.outcomes
      .filter((o) => !o.located)
      .map(
        (o) =>
          `${o.case.table}.${o.case.column} of ${o.case.what} (entry ${o.case.index}): ${o.problems.map((p) => `${p.index}:${p.code}`).join(', ')}`,
      ),
    ...attacks
      .filter((a) => !a.located)
      .map((a) => `${a.name}: ${a.problems.map((p) => `${p.index}:${p.code}`).join(', ')}`),
  ];
  const located = edits.outcomes.filter((o) => o.located).length;
  const lines = [
    '## Ledger: tamper and locate',
    '',
    `\`node --import tsx bench/tamper.ts --cases ${cases} --entries ${entries} --rounds ${rounds} --seed ${seed}\` on ${testEngine}` +
      ` (${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}).`,
    '',
    `A log of ${clean.size} entries of every kind, built through the use cases in ${(buildMs / 1000).toFixed(1)} s. ` +
      'Each case edits one byte of one row (one decimal digit of an integer), runs the whole-log verification on the ' +
      'live database, checks that the problems name the entry the row is about and no other, and puts the byte back.',
    '',
    '| cases | located | verify ms (median / p95 / max) | ms per case with edit and undo | refused by a constraint |',
    '| ---: | ---: | --- | ---: | ---: |',
    `| ${cases} one-byte edits | ${located} | ${ms(percentile(verifyTimes, 50))} / ${ms(percentile(verifyTimes, 95))} / ${ms(Math.max(...verifyTimes))} | ${ms(editsMs / cases)} | ${edits.refused} |`,
    `| ${attacks.length} whole-row attacks | ${attacks.filter((a) => a.located).length} | ${ms(
      percentile(
        attacks.map((a) => a.ms),
        50,
      ),
    )} / ${ms(
      percentile(
        attacks.map((a) => a.ms),
        95,
      ),
    )} / ${ms(Math.max(0, ...attacks.map((a) => a.ms)))} | | |`,
    '',
    '| table edited | cases | located |',
    '| --- | ---: | ---: |',
    ...[...byTable].sort((a, b) => b[1].n - a[1].n).map(([t, v]) => `| ${t} | ${v.n} | ${v.located} |`),
    '',
    `Attacks: ${[...new Set(attacks.map((a) => a.name.replace(/\d+/g, 'N')))].join('; ')}.`,
    ...(missed.length > 0 ? ['', '**Not located:**', ...missed.map((m) => `- ${m}`)] : []),
    '',
  ];
  process.stdout.write(lines.join('\n'));
  if (missed.length > 0) process.exitCode = 1;
} finally {
  await ctx.close();
}

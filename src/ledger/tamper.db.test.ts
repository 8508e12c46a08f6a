import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCooperative, LEGAL_IDS } from '../../test/factories/registry.ts';
import { buildLedgerCooperative, type LedgerFixture } from '../../test/helpers/ledger-fixture.ts';
import { runAttacks, runTamperSuite, type TamperOutcome } from '../../test/helpers/ledger-tamper.ts';
import { createTestContext, testEngine } from '../../test/helpers/test-context.ts';
import type { OpenContext } from '../context/open-context.ts';
import { verifyLog } from './verify.ts';

/**
 * Tamper and locate: random one-byte edits of entry rows, the business rows behind entries and
 * the private identifiers, each of which the verifier must pin on exactly the entry it is about.
 * Fixed seeds, so a failure replays. TAAVON_TAMPER_CASES sets the number of edits (200 by
 * default); bench/tamper.ts runs 1,000 and reports the time per case.
 */
const CASES = Number(process.env.TAAVON_TAMPER_CASES ?? 200);
const SEED = 20261128;

let ctx: OpenContext;
let coop: LedgerFixture;

beforeAll(async () => {
  ctx = await createTestContext();
  coop = await buildLedgerCooperative(ctx, { legalId: LEGAL_IDS[0], entries: 300, seed: SEED });
  // A second cooperative, so that an edited cooperative_id can point at another existing log.
  await buildCooperative(ctx, { legalId: LEGAL_IDS[1], name: 'تعاونی دیگر' });
}, 120_000);
afterAll(() => ctx.close());

const describeCase = (o: TamperOutcome) =>
  `${o.case.table}.${o.case.column} of ${o.case.what} (entry ${o.case.index}): ${JSON.stringify(o.case.before)} → ${JSON.stringify(o.case.after)}; problems: ${o.problems.map((p) => `${p.index}:${p.code}`).join(', ') || 'none'}`;

describe('tamper and locate', () => {
  it(`names the entry behind each of ${CASES} random one-byte edits`, async () => {
    expect((await verifyLog(ctx, coop.cooperativeId)).problems).toEqual([]);
    const report = await runTamperSuite(ctx, coop.cooperativeId, { seed: SEED, cases: CASES });
    expect(report.outcomes).toHaveLength(CASES);
    expect(report.outcomes.filter((o) => !o.located).map(describeCase)).toEqual([]);
    // the edits reached the log's rows, the business rows behind them and the private identifiers
    const tables = new Set(report.outcomes.map((o) => o.case.table));
    for (const t of ['ledger_entries', 'ledger_secrets']) expect(tables).toContain(t);
    expect([...tables].filter((t) => !t.startsWith('ledger_')).length).toBeGreaterThanOrEqual(3);
    if (CASES >= 200) expect(tables.size).toBeGreaterThanOrEqual(10);
    // and every edit was undone
    expect((await verifyLog(ctx, coop.cooperativeId)).problems).toEqual([]);
    process.stdout.write(
      `tamper: ${CASES} edits on ${testEngine}, ${report.msPerCase.toFixed(1)} ms per case, ${report.refused} refused by constraints\n`,
    );
  }, 300_000);

  it('names deleted, swapped and inserted entries, and a tail rewritten without the key', async () => {
    const outcomes = await runAttacks(ctx, coop.cooperativeId, { seed: SEED, rounds: 1 });
    expect(outcomes.map((o) => o.name)).toHaveLength(7);
    expect(
      outcomes
        .filter((o) => !o.located)
        .map((o) => `${o.name}: ${o.problems.map((p) => `${p.index}:${p.code}`).join(', ')}`),
    ).toEqual([]);
    expect((await verifyLog(ctx, coop.cooperativeId)).problems).toEqual([]);
  }, 120_000);
});

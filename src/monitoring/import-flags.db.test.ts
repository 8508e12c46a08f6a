import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBoard,
  buildCooperative,
  LEGAL_IDS,
  NATIONAL_CODES,
  recordMembership,
  runWrite,
} from '../../test/factories/registry.ts';
import { createTestContext } from '../../test/helpers/test-context.ts';
import { importBooks } from '../books/import-books.ts';
import { addDays } from '../calendar/index.ts';
import type { OpenContext } from '../context/open-context.ts';
import { listAlerts } from './alerts.ts';
import { holidaysBetween, isFriday } from './holidays.ts';
import { drainQueue } from './queue.ts';

/**
 * Issue #5, "done when": importing a year of ordinary books that hide one split payment and one
 * related-party payment raises exactly those two money flags, each naming the imported rows.
 */
const A = LEGAL_IDS[0];
let ctx: OpenContext;

beforeAll(async () => {
  ctx = await createTestContext();
  await buildCooperative(ctx);
  await buildBoard(ctx, A, { termStart: '1404/01/15' });
  for (let i = 5; i < 8; i++) {
    await runWrite(recordMembership, ctx, {
      cooperativeLegalId: A,
      memberNo: String(i),
      person: { nationalCode: NATIONAL_CODES[i], firstName: 'عضو', lastName: `شمارهٔ ${i}` },
      joinedOn: '1400/02/01',
      shares: 10,
    });
  }
}, 60_000);
afterAll(() => ctx.close());

/** A working day (not a Friday nor a holiday) on or before `iso`. */
const holidays = holidaysBetween('2025-01-01', '2026-12-31');
function workday(iso: string): string {
  let d = iso;
  while (isFriday(d) || holidays.has(d)) d = addDays(d, -1);
  return d;
}

function booksCsv(): string {
  const rows = [
    'external_id,direction,party_kind,party_name,party_national_code,party_legal_id,iban,amount_rials,paid_on,category,invoice_ref,budget_line,resolution_number,resolution_ref,recorded_on',
  ];
  let n = 0;
  const add = (party: string, amount: number, on: string, category: string, budget: string) => {
    n += 1;
    rows.push(
      `P-${1000 + n},payment,${party},${amount},${workday(on)},${category},F-${5000 + n},${budget},,,`,
    );
  };
  const feed = `company,شرکت خوراک دام پارس,,${LEGAL_IDS[2]},`;
  const haulier = `company,شرکت حمل‌ونقل کوثر,,${LEGAL_IDS[3]},`;
  const builder = `company,شرکت ساختمانی نوین,,${LEGAL_IDS[1]},`;
  // A year of ordinary activity: three feed purchases and two hauls a month, amounts varied.
  for (let m = 0; m < 12; m++) {
    const base = addDays('2025-12-01', m * 30);
    for (let k = 0; k < 3; k++)
      add(
        feed,
        330_000_000 + m * 7_123_457 + k * 3_211_117,
        addDays(base, 3 + k * 8),
        'raw_materials',
        'خرید نهاده',
      );
    for (let k = 0; k < 2; k++)
      add(haulier, 41_000_000 + m * 1_234_561 + k * 2_345_673, addDays(base, 6 + k * 12), 'transport', 'حمل');
  }
  // The builder works for the cooperative from early on, with small jobs…
  add(builder, 23_456_780, '2026-03-10', 'services', 'تعمیرات');
  add(builder, 31_234_560, '2026-05-12', 'services', 'تعمیرات');
  // …then one 570-million job cut into three payments over three days, each under the 500 million
  // that would need a resolution.
  add(builder, 191_234_560, '2026-10-11', 'services', 'تعمیرات');
  add(builder, 189_876_540, '2026-10-12', 'services', 'تعمیرات');
  add(builder, 188_765_430, '2026-10-13', 'services', 'تعمیرات');
  // A payment to the managing director himself, with no declaration of the conflict.
  add(`person,رضا موسوی,${NATIONAL_CODES[3]},,`, 45_678_900, '2026-09-20', 'services', 'مشاوره');

  return `${rows.join('\n')}\n`;
}

describe('imported books with hidden anomalies', () => {
  it('raise exactly the split-payment and related-party flags, naming the imported rows', async () => {
    const report = await importBooks(ctx, {
      cooperativeLegalId: A,
      kind: 'payments',
      csv: booksCsv(),
      partial: false,
      actorPersonId: null,
    });
    expect(report.rejected).toEqual([]);
    expect(report.committed).toBe(true);
    await drainQueue(ctx);
    const coop = await ctx.db
      .selectFrom('cooperatives')
      .select('id')
      .where('legal_id', '=', A)
      .executeTakeFirstOrThrow();
    const money = (await listAlerts(ctx.db, coop.id, { publicOnly: false })).filter(
      (a) => a.category === 'money',
    );
    expect(money.map((a) => a.ruleId).sort()).toEqual([
      'money.related_party_payment',
      'money.split_payments',
    ]);
    const split = money.find((a) => a.ruleId === 'money.split_payments');
    expect(split?.evidence.externalIds?.sort()).toEqual(['P-1063', 'P-1064', 'P-1065']);
    expect(split?.evidence.entries).toHaveLength(3);
    expect(split?.explanation.fa).toContain('شرکت ساختمانی نوین');
    const related = money.find((a) => a.ruleId === 'money.related_party_payment');
    expect(related?.evidence.externalIds).toEqual(['P-1066']);
    // The explanation names people, never their national code.
    expect(JSON.stringify(related)).not.toContain(NATIONAL_CODES[3]);
  });
});

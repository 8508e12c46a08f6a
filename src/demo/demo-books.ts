import { listCurrentDirectors } from '../books/books.repository.ts';
import {
  approvePayment,
  recordContract,
  recordInspectorReport,
  recordPayment,
  recordResolution,
  recordShareMovement,
  recordStatement,
} from '../books/record-books.ts';
import { addDays, fiscalYearOf } from '../calendar/index.ts';
import type { Context } from '../context/context.ts';
import { runWrite } from '../context/write.ts';
import { listOfficers } from '../governance/governance.repository.ts';
import { holidaysBetween, isFriday } from '../monitoring/holidays.ts';
import * as repo from './demo.repository.ts';
import { createIdentifierSource } from './demo-identifiers.ts';

/**
 * A year of books for one demo cooperative, recorded through the real use cases so every record
 * has its ledger entry: board resolutions with votes (one with a declared conflict), contracts,
 * payments and receipts in several categories (one large payment waiting for a second
 * sign-off), last year's statements, the inspector's report and share movements. Deterministic.
 */
export async function seedDemoBooks(ctx: Context, legalId: string): Promise<number> {
  const coop = await repo.findCooperativeForBooks(ctx.db, legalId);
  if (!coop) return 0;
  const today = ctx.clock.today();
  const holidays = holidaysBetween(addDays(today, -400), today);
  /** `n` days ago, moved back to a working day (not a Friday or an official holiday). */
  const day = (n: number) => {
    let d = addDays(today, -n);
    while (isFriday(d) || holidays.has(d)) d = addDays(d, -1);
    return d;
  };
  const directors = await listCurrentDirectors(ctx.db, coop.id, today);
  const officers = await listOfficers(ctx.db, coop.id);
  const managerId = await repo.currentOfficerPersonId(ctx.db, coop.id, 'managing_director', today);
  const inspectorId = await repo.currentOfficerPersonId(ctx.db, coop.id, 'inspector_principal', today);
  if (directors.length === 0 || officers.length === 0) return 0;
  // Not the register's seed: the payees must not share identifiers with the demo's members.
  const ids = createIdentifierSource(94_051_129);
  const scope = { cooperativeLegalId: legalId, actorPersonId: managerId };
  const company = (name: string) => ({ kind: 'company', name, legalId: ids.legalId() });
  const person = (name: string) => ({ kind: 'person', name, nationalCode: ids.nationalCode() });
  let recorded = 0;
  const write = async <R>(w: Parameters<typeof runWrite<never, R>>[0], input: object): Promise<R> => {
    recorded += 1;
    return runWrite(w, ctx, input);
  };

  const votes = (conflictAt = -1) =>
    directors.map((d, i) => ({
      officerId: d.id,
      vote:
        i === conflictAt ? 'abstain' : i === directors.length - 1 && directors.length > 2 ? 'against' : 'for',
      conflict: i === conflictAt,
      ...(i === conflictAt ? { conflictNote: 'نسبت خویشاوندی با مدیر شرکت فروشنده' } : {}),
    }));
  const budget = await write<{ id: number }>(recordResolution as never, {
    ...scope,
    body: 'board',
    number: `${fiscalYearOf(day(200))}/1`,
    meetingOn: day(200),
    motion: 'تصویب بودجهٔ سالانه و سقف خرید نهاده‌ها',
    votes: votes(),
  });
  const machine = await write<{ id: number }>(recordResolution as never, {
    ...scope,
    body: 'board',
    number: `${fiscalYearOf(day(60))}/7`,
    meetingOn: day(60),
    motion: 'خرید یک دستگاه سردخانهٔ صنعتی از شرکت تجهیزات برودتی البرز',
    votes: votes(0),
  });
  await write(recordResolution as never, {
    ...scope,
    body: 'board',
    number: `${fiscalYearOf(day(20))}/9`,
    meetingOn: day(20),
    motion: 'پرداخت مساعده به کارکنان پیش از پایان سال',
    votes: votes(),
  });
  const supplier = company('شرکت خوراک دام پارس');
  const contract = await write<{ id: number }>(recordContract as never, {
    ...scope,
    title: 'قرارداد سالانهٔ خرید خوراک',
    party: supplier,
    amountRials: 4_800_000_000,
    startsOn: day(190),
    endsOn: addDays(today, 175),
    resolutionId: budget.id,
    recordedOn: day(190),
  });
  const cooler = company('شرکت تجهیزات برودتی البرز');
  await write(recordContract as never, {
    ...scope,
    title: 'خرید و نصب سردخانه',
    party: cooler,
    amountRials: 2_600_000_000,
    startsOn: day(55),
    resolutionId: machine.id,
    recordedOn: day(55),
  });
  const payments: Array<[number, string, object, number, string?]> = [
    [180, 'raw_materials', supplier, 390_000_000],
    [150, 'raw_materials', supplier, 410_000_000],
    [120, 'wages', person('حسین نادری'), 85_000_000],
    [110, 'rent', person('فاطمه صالحی'), 60_000_000],
    [90, 'transport', company('شرکت حمل‌ونقل کوثر'), 24_500_000],
    [75, 'services', company('شرکت خدمات دامپزشکی آوا'), 18_000_000],
    [40, 'taxes_dues', company('سازمان امور مالیاتی'), 120_000_000],
    [15, 'loans_advances', person('مهدی قاسمی'), 30_000_000],
  ];
  for (const [ago, category, party, amountRials] of payments) {
    await write(recordPayment as never, {
      ...scope,
      direction: 'payment',
      party,
      amountRials,
      paidOn: day(ago),
      // The year's books, booked on the day each was paid (as onboarded books are).
      externalId: `D-${1000 + ago}`,
      recordedOn: day(ago),
      category,
      invoiceRef: `ف-${1000 + ago}`,
      budgetLine: category === 'raw_materials' ? 'خرید نهاده' : 'هزینه‌های جاری',
      ...(category === 'raw_materials' ? { contractId: contract.id, resolutionId: budget.id } : {}),
    });
  }
  await write(recordPayment as never, {
    ...scope,
    direction: 'receipt',
    party: company('فروشگاه‌های زنجیره‌ای رفاه'),
    amountRials: 1_250_000_000,
    paidOn: day(30),
    externalId: 'D-1030-R',
    recordedOn: day(30),
    category: 'other',
    invoiceRef: 'ف-فروش-۴۲',
  });
  // The demo's planted red flag: one 570-million repair job paid in three parts over three days,
  // each under the 500 million that needs a resolution (rule money.split_payments).
  const builder = company('شرکت ساختمانی نوین');
  for (const [ago, amountRials] of [
    [64, 191_234_560],
    [63, 189_876_540],
    [62, 188_765_430],
  ] as const) {
    await write(recordPayment as never, {
      ...scope,
      direction: 'payment',
      party: builder,
      amountRials,
      paidOn: day(ago),
      externalId: `D-${1000 + ago}-S`,
      recordedOn: day(ago),
      category: 'services',
      invoiceRef: `ن-${ago}`,
      budgetLine: 'تعمیرات',
    });
  }
  // A large payment: two board sign-offs needed; one given, one waiting (for the demo board member).
  const big = await write<{ id: number }>(recordPayment as never, {
    ...scope,
    direction: 'payment',
    party: cooler,
    amountRials: 1_900_000_000,
    paidOn: day(10),
    category: 'equipment',
    resolutionId: machine.id,
    budgetLine: 'سرمایه‌ای',
  });
  const approver = directors.find((d) => d.person_id !== null && d.person_id !== managerId);
  const demoBoardMember = directors.find((d) => d.role === 'board_principal');
  if (approver?.person_id && approver.id !== demoBoardMember?.id) {
    await write(approvePayment as never, { ...scope, actorPersonId: approver.person_id, paymentId: big.id });
  }
  const lastYear = fiscalYearOf(today) - 1;
  await write(recordStatement as never, {
    ...scope,
    fiscalYear: lastYear,
    figures: {
      totalAssets: 18_400_000_000,
      totalLiabilities: 6_100_000_000,
      equity: 12_300_000_000,
      revenue: 9_800_000_000,
      expenses: 8_900_000_000,
      netIncome: 900_000_000,
    },
    approvedOn: day(100),
  });
  if (inspectorId) {
    // The report on the year before last; last year's has not come in — a public governance flag
    // the demo shows on the profile.
    await write(recordInspectorReport as never, {
      ...scope,
      actorPersonId: inspectorId,
      fiscalYear: lastYear - 1,
      opinion: 'qualified',
      summary: 'صورت‌های مالی به‌جز موجودی انبار که شمارش نشد، وضع مالی تعاونی را درست نشان می‌دهد.',
      reportedOn: day(380),
    });
  }
  const member = await repo.firstMemberNo(ctx.db, coop.id);
  if (member) {
    await write(recordShareMovement as never, {
      ...scope,
      memberNo: member,
      kind: 'subscribe',
      shares: 5,
      amountRials: 5_000_000,
      movedOn: day(45),
    });
  }

  return recorded;
}

import { listCurrentDirectors } from '../../src/books/books.repository.ts';
import {
  approvePayment,
  recordContract,
  recordCorrection,
  recordInspectorReport,
  recordPayment,
  recordResolution,
  recordShareMovement,
  recordStatement,
} from '../../src/books/record-books.ts';
import { addDays } from '../../src/calendar/index.ts';
import type { Context } from '../../src/context/context.ts';
import { runWrite, type Write } from '../../src/context/write.ts';
import { createIdentifierSource, randomIban } from '../../src/demo/demo-identifiers.ts';
import { createRandom } from '../../src/demo/random.ts';
import {
  appointOfficer,
  declareInterest,
  recordAssembly,
  recordFiling,
  recordMembership,
} from '../../src/governance/record-governance.ts';
import { findCooperativeByLegalId } from '../../src/registry/registry.repository.ts';
import { buildCooperative } from '../factories/registry.ts';

/**
 * A cooperative whose log has entries of every kind managers write, through the use cases (so
 * each row and its entry commit together, as in production): officers (persons and a legal
 * entity), members (persons and legal entities), declarations, assemblies, filings, and the
 * books — resolutions with votes (some with a declared conflict), contracts, payments (to
 * persons with IBANs and to companies; large ones with board sign-offs), statements,
 * inspector's reports, share movements and corrections.
 */
export type LedgerFixture = { cooperativeId: number; legalId: string; officerCodes: string[] };

const FIRST = ['مریم', 'علی', 'زهرا', 'رضا', 'سارا', 'حسین', 'فاطمه', 'مهدی', 'نرگس', 'امیر'];
const LAST = ['احمدی', 'کریمی', 'حسینی', 'موسوی', 'رضایی', 'محمدی', 'جعفری', 'صادقی', 'نوری', 'قاسمی'];

function jalali(rng: ReturnType<typeof createRandom>, fromYear = 1398, toYear = 1404): string {
  const y = rng.int(fromYear, toYear);
  const m = rng.int(1, 12);
  const d = rng.int(1, m <= 6 ? 31 : 29);
  return `${y}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`;
}

/**
 * Registers a cooperative with `legalId` and writes about `entries` log entries after its
 * genesis, drawn with `seed` (same seed → same rows).
 */
export async function buildLedgerCooperative(
  ctx: Context,
  options: { legalId: string; entries: number; seed: number; name?: string },
): Promise<LedgerFixture> {
  const rng = createRandom(options.seed);
  const ids = createIdentifierSource(options.seed);
  const { legalId } = options;
  await buildCooperative(ctx, { legalId, ...(options.name ? { name: options.name } : {}) });
  const coop = await findCooperativeByLegalId(ctx.db, legalId);
  if (!coop) throw new Error('the cooperative was not registered');
  const person = () => ({
    nationalCode: ids.nationalCode(),
    firstName: rng.pick(FIRST),
    lastName: rng.pick(LAST),
  });
  const officerCodes: string[] = [];
  let written = 0;
  let memberNo = 0;
  // A board to declare interests: three principals, a director, an inspector, a legal-entity alternate.
  for (const [role, position] of [
    ['board_principal', 'chair'],
    ['board_principal', 'vice_chair'],
    ['board_principal', 'secretary'],
    ['managing_director', undefined],
    ['inspector_principal', undefined],
  ] as const) {
    const p = person();
    officerCodes.push(p.nationalCode);
    await runWrite(appointOfficer, ctx, {
      cooperativeLegalId: legalId,
      person: p,
      role,
      ...(position ? { position } : {}),
      termStart: '1403/02/01',
      acceptedOn: '1403/02/05',
    });
    written++;
  }
  await runWrite(appointOfficer, ctx, {
    cooperativeLegalId: legalId,
    entity: { legalId: ids.legalId(), name: 'شرکت بازرگانی نمونه' },
    role: 'board_alternate',
    termStart: '1403/02/01',
  });
  written++;
  const today = ctx.clock.today();
  const board = await listCurrentDirectors(ctx.db, coop.id, today);
  const signers = board.flatMap((d) =>
    d.role === 'board_principal' && d.person_id !== null ? [d.person_id] : [],
  );
  const manager = await managerOf(ctx, coop.id);
  const books = { cooperativeLegalId: legalId, actorPersonId: manager };
  const record = (w: unknown, input: object) => runWrite(w as Write<never, { id: number }>, ctx, input);
  const resolutions: number[] = [];
  const awaitingSignOff: number[] = [];
  const contracts: number[] = [];
  let resolutionNo = 0;
  while (written < options.entries) {
    const kind = rng.weighted([
      ['member', 6],
      ['entityMember', 1],
      ['assembly', 1],
      ['filing', 2],
      ['declaration', 1],
      ['officer', 1],
      ['resolution', 1],
      ['contract', resolutions.length > 0 ? 1 : 0],
      ['payment', 2],
      ['approval', awaitingSignOff.length > 0 ? 2 : 0],
      ['statement', 0.3],
      ['report', 0.3],
      ['shares', memberNo > 0 ? 1 : 0],
      ['correction', 0.3],
    ] as const);
    if (kind === 'resolution') {
      const meetingOn = addDays(today, -rng.int(7, 600));
      const directors = await listCurrentDirectors(ctx.db, coop.id, meetingOn);
      const conflicted = rng.chance(0.2) ? rng.int(0, directors.length - 1) : -1;
      const r = await record(recordResolution, {
        ...books,
        body: 'board',
        number: `1405/${++resolutionNo}`,
        meetingOn,
        motion: `مصوبهٔ شمارهٔ ${resolutionNo} دربارهٔ خرید نهاده`,
        votes: directors.map((d, i) => ({
          officerId: d.id,
          vote: i === conflicted ? 'abstain' : 'for',
          conflict: i === conflicted,
          ...(i === conflicted ? { conflictNote: 'نسبت خویشاوندی با فروشنده' } : {}),
        })),
        ...(rng.chance(0.3)
          ? { attachments: [{ name: 'صورتجلسه.pdf', sha256: 'ab'.repeat(32), bytes: rng.int(1000, 90_000) }] }
          : {}),
      });
      resolutions.push(r.id);
    } else if (kind === 'contract') {
      const r = await record(recordContract, {
        ...books,
        title: `قرارداد خرید ${written}`,
        party: { kind: 'company', name: 'شرکت تأمین‌کننده', legalId: ids.legalId() },
        amountRials: rng.int(1, 900) * 10_000_000,
        startsOn: addDays(today, -rng.int(1, 300)),
        ...(rng.chance(0.5) ? { endsOn: addDays(today, rng.int(1, 300)) } : {}),
        resolutionId: rng.pick(resolutions),
      });
      contracts.push(r.id);
    } else if (kind === 'payment') {
      const big = resolutions.length > 0 && rng.chance(0.2);
      const toPerson = rng.chance(0.4);
      const r = await record(recordPayment, {
        ...books,
        direction: big || rng.chance(0.8) ? 'payment' : 'receipt',
        party: toPerson
          ? { kind: 'person', name: `${rng.pick(FIRST)} ${rng.pick(LAST)}`, nationalCode: ids.nationalCode() }
          : { kind: 'company', name: 'شرکت خدماتی', legalId: ids.legalId() },
        ...(toPerson ? { iban: randomIban(rng) } : {}),
        amountRials: big ? 1_200_000_000 + rng.int(0, 99) * 1_000_000 : rng.int(1, 400) * 1_000_000,
        paidOn: addDays(today, -rng.int(1, 300)),
        category: rng.pick(['raw_materials', 'wages', 'rent', 'transport', 'services'] as const),
        ...(rng.chance(0.5) ? { invoiceRef: `ف-${written}` } : {}),
        ...(big ? { resolutionId: rng.pick(resolutions) } : {}),
        ...(contracts.length > 0 && rng.chance(0.3) ? { contractId: rng.pick(contracts) } : {}),
      });
      if (big) awaitingSignOff.push(r.id, r.id);
    } else if (kind === 'approval') {
      const paymentId = awaitingSignOff.shift() as number;
      const second = awaitingSignOff[0] !== paymentId;
      await record(approvePayment, { ...books, actorPersonId: signers[second ? 1 : 0], paymentId });
    } else if (kind === 'statement') {
      const revenue = rng.int(100, 900) * 10_000_000;
      const expenses = rng.int(100, 900) * 10_000_000;
      const liabilities = rng.int(100, 900) * 10_000_000;
      const equity = rng.int(100, 900) * 10_000_000;
      await record(recordStatement, {
        ...books,
        fiscalYear: rng.int(1398, 1404),
        figures: {
          totalAssets: liabilities + equity,
          totalLiabilities: liabilities,
          equity,
          revenue,
          expenses,
          netIncome: revenue - expenses,
        },
        ...(rng.chance(0.7) ? { approvedOn: addDays(today, -rng.int(1, 300)) } : {}),
      });
    } else if (kind === 'report') {
      await record(recordInspectorReport, {
        ...books,
        fiscalYear: rng.int(1398, 1404),
        opinion: rng.pick(['unqualified', 'qualified', 'adverse', 'disclaimer'] as const),
        summary: 'گزارش بازرس دربارهٔ صورت‌های مالی',
        reportedOn: addDays(today, -rng.int(1, 300)),
      });
    } else if (kind === 'shares') {
      await record(recordShareMovement, {
        ...books,
        memberNo: String(rng.int(1, memberNo)),
        kind: 'subscribe',
        shares: rng.int(1, 50),
        amountRials: rng.int(1, 50) * 1_000_000,
        movedOn: addDays(today, -rng.int(1, 300)),
      });
    } else if (kind === 'correction') {
      const amend = rng.chance(0.5);
      await record(recordCorrection, {
        ...books,
        targetIndex: rng.int(1, written),
        action: amend ? 'amend' : 'reverse',
        reason: 'ثبت اشتباه',
        ...(amend ? { amendment: { amountRials: rng.int(1, 99) * 1_000_000, note: 'اصلاح مبلغ' } } : {}),
      });
    } else if (kind === 'member' || kind === 'entityMember') {
      memberNo++;
      const left = rng.chance(0.1);
      await runWrite(recordMembership, ctx, {
        cooperativeLegalId: legalId,
        memberNo: String(memberNo),
        ...(kind === 'member'
          ? { person: person() }
          : { entity: { legalId: ids.legalId(), name: `شرکت عضو ${memberNo}` } }),
        joinedOn: jalali(rng, 1398, 1401),
        ...(left ? { leftOn: jalali(rng, 1402, 1404) } : {}),
        shares: rng.int(1, 5000),
      });
    } else if (kind === 'assembly') {
      const held = jalali(rng);
      await runWrite(recordAssembly, ctx, {
        cooperativeLegalId: legalId,
        kind: rng.pick(['ordinary', 'ordinary_extraordinary', 'extraordinary'] as const),
        fiscalYear: rng.int(1398, 1403),
        invitationPublishedOn: held,
        heldOn: held,
        electionsHeld: rng.chance(0.5),
      });
    } else if (kind === 'filing') {
      await runWrite(recordFiling, ctx, {
        cooperativeLegalId: legalId,
        kind: rng.pick(['annual_statements', 'inspector_report', 'assembly_minutes', 'other'] as const),
        fiscalYear: rng.int(1398, 1403),
        filedOn: jalali(rng),
        ...(rng.chance(0.5) ? { description: `گزارش شمارهٔ ${written}` } : {}),
      });
    } else if (kind === 'declaration') {
      const relative = rng.chance(0.5);
      await runWrite(declareInterest, ctx, {
        cooperativeLegalId: legalId,
        officerNationalCode: rng.pick(officerCodes),
        kind: relative ? 'relative' : 'company',
        relation: relative ? rng.pick(['spouse', 'parent', 'child', 'sibling'] as const) : 'owner',
        ...(relative
          ? { personNationalCode: ids.nationalCode(), personName: `${rng.pick(FIRST)} ${rng.pick(LAST)}` }
          : { companyLegalId: ids.legalId(), companyName: 'شرکت خانوادگی' }),
        declaredOn: jalali(rng, 1403, 1404),
      });
    } else {
      await runWrite(appointOfficer, ctx, {
        cooperativeLegalId: legalId,
        person: person(),
        role: 'board_alternate',
        termStart: jalali(rng, 1399, 1403),
        ...(rng.chance(0.5) ? { endedOn: jalali(rng, 1404, 1404) } : {}),
      });
    }
    written++;
  }

  return { cooperativeId: coop.id, legalId, officerCodes };
}

/** The managing director's person id (the fixture's recorder of the books). */
async function managerOf(ctx: Context, cooperativeId: number): Promise<number | null> {
  const officers = await ctx.db
    .selectFrom('officers')
    .select('person_id')
    .where('cooperative_id', '=', cooperativeId)
    .where('role', '=', 'managing_director')
    .orderBy('id')
    .execute();
  return officers[0]?.person_id ?? null;
}

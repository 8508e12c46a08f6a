import type SqliteDatabase from 'better-sqlite3';
import type { PaymentCategory } from '../../src/books/vocabulary.ts';
import {
  createIdentifierSource,
  randomIban,
  randomMobile,
  randomPostalCode,
} from '../../src/demo/demo-identifiers.ts';
import { FEMALE_NAMES, LAST_NAMES, MALE_NAMES, NAME_WORDS, STREETS } from '../../src/demo/demo-vocabulary.ts';
import { createRandom, type Random } from '../../src/demo/random.ts';
import { holidaysBetween } from '../../src/monitoring/holidays.ts';
import { persianSortKey, searchKey } from '../../src/text/index.ts';

/**
 * Books for the monitoring scan benchmark: cooperatives with their officers, declarations of
 * interest, board resolutions and about 2,000 payments each over three years, written straight
 * into a migrated database with prepared statements in large transactions (no ledger entries:
 * the money rules read the `payments` rows; their evidence's entry indices are then null).
 *
 * Realistic rather than uniform: payees repeat (a Zipf-like pool of suppliers per cooperative,
 * monthly wages to the same staff), amounts are log-normal and mostly not round, dates avoid
 * Fridays and holidays, big payments cite a resolution and the rest a budget line, imported books
 * carry external ids, and large live payments carry their board sign-offs. Some anomalies are
 * planted (split payments, duplicates, round-amount runs, spikes, new payees paid a lot, loans to
 * officers, payments to an officer's IBAN, work on holidays, backdated imported rows) — the
 * precision of the rules is measured elsewhere (bench/monitoring/quality.ts); here they only make
 * the rules do real work. Rows are inserted in date order within groups of cooperatives, so one
 * cooperative's payments are spread over the table as in a live register, not stored together.
 */

export const PAYMENTS_PER_COOPERATIVE = 2_000;
/** Cooperatives whose rows are interleaved (sorted by date together) before insertion. */
const INTERLEAVE = 64;
const YEARS = 3;

export type BooksSpec = {
  payments: number;
  seed: number;
  /** The last day payments may fall on is the day before. */
  today: string;
};

export type BooksCounts = {
  cooperatives: number;
  payments: number;
  approvals: number;
  officers: number;
  declarations: number;
  resolutions: number;
  /** Payments in imported books (with an external id). */
  imported: number;
};

type Payee = {
  kind: 'person' | 'company';
  name: string;
  nationalCode: string | null;
  legalId: string | null;
  iban: string | null;
  /** First day (index) the payee may be paid: new suppliers appear over time. */
  from: number;
};

type Officer = { personId: number; name: string; nationalCode: string; iban: string; role: string };

type PaymentRow = {
  coopId: number;
  externalId: string | null;
  direction: 'payment' | 'receipt';
  payee: Payee;
  iban: string | null;
  amount: number;
  day: number;
  category: PaymentCategory;
  invoiceRef: string | null;
  budgetLine: string | null;
  resolutionId: number | null;
  resolutionRef: string | null;
  requiredApprovals: number;
  recordedDay: number;
  recordedBy: number;
  approvers: number[];
};

const BUDGET_LINES = [
  'هزینه‌های جاری',
  'خرید مواد اولیه',
  'حقوق و دستمزد',
  'تعمیر و نگهداری',
  'سرمایه‌ای',
  'حمل و توزیع',
];
const COMPANY_HEADS = [
  'شرکت بازرگانی',
  'شرکت حمل و نقل',
  'شرکت خدمات فنی',
  'فروشگاه',
  'شرکت تولیدی',
  'شرکت پخش',
  'کارگاه',
];
const COMPANY_TAILS = ['تجارت', 'بار', 'سازه', 'گستر', 'پویا', 'صنعت', 'پارس', 'آریا'];
const CATEGORY_WEIGHTS: ReadonlyArray<readonly [PaymentCategory, number]> = [
  ['raw_materials', 30],
  ['services', 14],
  ['transport', 12],
  ['equipment', 6],
  ['rent', 5],
  ['taxes_dues', 5],
  ['other', 9],
  ['dividends', 1],
];
const RESOLUTION_ABOVE = 500_000_000;
const SIGN_OFF_ABOVE = 1_000_000_000;
const MAX_AMOUNT = 90_000_000_000;

const DAY_MS = 86_400_000;
const NONE: Officer[] = [];
const NO_IDS: number[] = [];
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A standard normal draw (Box–Muller). */
function gaussian(rng: Random): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** Log-normal amount around `median` rials, rounded to thousands (as bank transfers usually are not round). */
function amountAround(rng: Random, median: number, sigma: number): number {
  const a = Math.round((median * Math.exp(sigma * gaussian(rng))) / 1000) * 1000;
  return Math.min(MAX_AMOUNT, Math.max(10_000, a));
}

/** How many payments each cooperative keeps: log-normal sizes around the mean, summing to `total`. */
function cooperativeSizes(rng: Random, total: number): number[] {
  const count = Math.max(1, Math.round(total / PAYMENTS_PER_COOPERATIVE));
  const weights = Array.from({ length: count }, () => Math.exp(0.5 * gaussian(rng)));
  const sum = weights.reduce((s, w) => s + w, 0);
  const sizes = weights.map((w) => Math.max(50, Math.floor((total * w) / sum)));
  let rest = total - sizes.reduce((s, n) => s + n, 0);
  for (let i = 0; rest !== 0; i = (i + 1) % count) {
    const step = rest > 0 ? 1 : -1;
    if (step < 0 && (sizes[i] ?? 0) <= 50) continue;
    sizes[i] = (sizes[i] ?? 0) + step;
    rest -= step;
  }
  return sizes;
}

/**
 * Writes the books into `sqlite` (migrated, reference data seeded). Returns the row counts.
 * Deterministic for a spec.
 */
export function writeScanBooks(sqlite: SqliteDatabase.Database, spec: BooksSpec): BooksCounts {
  const rng = createRandom(spec.seed * 7_777 + 13);
  const ids = createIdentifierSource(spec.seed + 4_000);
  const endMs = Date.parse(`${spec.today}T00:00:00Z`) - DAY_MS;
  const days = YEARS * 365;
  const startMs = endMs - (days - 1) * DAY_MS;
  const dayIso = Array.from({ length: days }, (_, d) => isoOf(startMs + d * DAY_MS));
  const holidays = holidaysBetween(dayIso[0] as string, dayIso[days - 1] as string);
  // Days offices are closed: Fridays (getUTCDay 5) and official holidays.
  const closed = dayIso.map(
    (iso, d) => new Date(startMs + d * DAY_MS).getUTCDay() === 5 || holidays.has(iso),
  );
  const nowIso = `${spec.today}T09:00:00.000Z`;

  const counties = sqlite.prepare('SELECT id, province_id FROM counties ORDER BY id').all() as Array<{
    id: number;
    province_id: number;
  }>;
  const fields = (
    sqlite.prepare('SELECT code FROM fields WHERE parent_code IS NULL ORDER BY code').all() as Array<{
      code: string;
    }>
  ).map((f) => f.code);
  if (counties.length === 0 || fields.length === 0) throw new Error('the reference tables are empty');

  const insertCoop = sqlite.prepare(
    `INSERT INTO cooperatives (legal_id, registration_no, registered_on, name, name_key, sort_key, legal_form, field_code,
       province_id, county_id, fiscal_year_end_month, status, status_changed_on, capital_rials, member_count, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'conventional', ?, ?, ?, 12, 'active', ?, ?, ?, ?, ?)`,
  );
  const insertPerson = sqlite.prepare(
    `INSERT INTO persons (national_code, first_name, last_name, name_key, mobile, iban, address, postal_code, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOfficer = sqlite.prepare(
    `INSERT INTO officers (cooperative_id, person_id, role, term_start, term_end, accepted_on, ended_on, consecutive_terms, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDeclaration = sqlite.prepare(
    `INSERT INTO interest_declarations (cooperative_id, officer_id, kind, relation, person_national_code, person_name,
       company_legal_id, company_name, declared_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertResolution = sqlite.prepare(
    `INSERT INTO resolutions (cooperative_id, body, number, meeting_on, motion, outcome, attachments, created_at)
     VALUES (?, 'board', ?, ?, ?, 'approved', '[]', ?)`,
  );
  const insertPayment = sqlite.prepare(
    `INSERT INTO payments (cooperative_id, external_id, direction, party_kind, party_name, party_national_code, party_legal_id,
       iban, amount_rials, paid_on, category, invoice_ref, budget_line, contract_id, resolution_id, resolution_ref,
       required_approvals, recorded_on, recorded_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)`,
  );
  const insertApproval = sqlite.prepare(
    'INSERT INTO payment_approvals (payment_id, person_id, approved_at) VALUES (?, ?, ?)',
  );

  const counts: BooksCounts = {
    cooperatives: 0,
    payments: 0,
    approvals: 0,
    officers: 0,
    declarations: 0,
    resolutions: 0,
    imported: 0,
  };
  const personName = () => {
    const first = rng.chance(0.5) ? rng.pick(MALE_NAMES) : rng.pick(FEMALE_NAMES);
    return { first, last: rng.pick(LAST_NAMES) };
  };
  const address = () => `خیابان ${rng.pick(STREETS)}، کوچهٔ ${rng.int(1, 40)}، پلاک ${rng.int(1, 300)}`;

  /** One cooperative: its registry rows now, its payments returned (inserted with its group's). */
  const cooperative = (index: number, size: number): PaymentRow[] => {
    const county = rng.pick(counties);
    const name = `تعاونی ${rng.pick(NAME_WORDS)} ${rng.pick(NAME_WORDS)} ${index + 1}`;
    const coopId = Number(
      insertCoop.run(
        ids.legalId(),
        String(10_000 + index),
        '2015-05-01',
        name,
        searchKey(name),
        persianSortKey(name),
        rng.pick(fields),
        county.province_id,
        county.id,
        '2015-05-01',
        rng.int(1, 200) * 100_000_000,
        rng.int(7, 400),
        nowIso,
        nowIso,
      ).lastInsertRowid,
    );
    counts.cooperatives += 1;

    // Officers: five board members, a managing director, an inspector — the current term, and the
    // previous one (some re-elected; the register does not always record when the others left).
    const roles = [
      'board_principal',
      'board_principal',
      'board_principal',
      'board_principal',
      'board_principal',
      'managing_director',
      'inspector_principal',
    ];
    type Person = { personId: number; name: string; nationalCode: string; iban: string };
    const newPerson = (): Person => {
      const n = personName();
      const nationalCode = ids.nationalCode();
      const iban = randomIban(rng);
      const personId = Number(
        insertPerson.run(
          nationalCode,
          n.first,
          n.last,
          searchKey(`${n.first} ${n.last}`),
          randomMobile(rng),
          iban,
          address(),
          randomPostalCode(rng),
          nowIso,
        ).lastInsertRowid,
      );
      return { personId, name: `${n.first} ${n.last}`, nationalCode, iban };
    };
    const previous = roles.map(() => newPerson());
    const leftRecorded = rng.chance(0.7);
    for (const [k, role] of roles.entries()) {
      const who = previous[k] as Person;
      insertOfficer.run(
        coopId,
        who.personId,
        role,
        '2021-06-01',
        '2024-05-31',
        '2021-06-01',
        leftRecorded ? '2024-05-31' : null,
        1,
        nowIso,
      );
      counts.officers += 1;
    }
    const officers: Officer[] = [];
    const officerIds: number[] = [];
    for (const [k, role] of roles.entries()) {
      const again = rng.chance(0.5);
      const who = again ? (previous[k] as Person) : newPerson();
      officerIds.push(
        Number(
          insertOfficer.run(
            coopId,
            who.personId,
            role,
            '2024-06-01',
            '2027-05-31',
            '2024-06-01',
            null,
            again ? 2 : 1,
            nowIso,
          ).lastInsertRowid,
        ),
      );
      officers.push({ ...who, role });
      counts.officers += 1;
    }
    const board = officers.slice(0, 5);
    const manager = officers[5] as Officer;

    // Payees: suppliers (companies, some sole traders), staff paid monthly, customers and members paying in.
    const company = (from: number): Payee => {
      const word = rng.pick(NAME_WORDS);
      return {
        kind: 'company',
        name: `${rng.pick(COMPANY_HEADS)} ${word} ${rng.pick(COMPANY_TAILS)}`,
        nationalCode: null,
        legalId: ids.legalId(),
        iban: rng.chance(0.85) ? randomIban(rng) : null,
        from,
      };
    };
    const person = (from: number): Payee => {
      const n = personName();
      return {
        kind: 'person',
        name: `${n.first} ${n.last}`,
        nationalCode: ids.nationalCode(),
        legalId: null,
        iban: randomIban(rng),
        from,
      };
    };
    const newcomer = () => rng.int(0, Math.floor(days * 0.8));
    const suppliers = [
      ...Array.from({ length: rng.int(20, 45) }, (_, i) => company(i < 12 ? 0 : newcomer())),
      ...Array.from({ length: rng.int(5, 15) }, (_, i) => person(i < 4 ? 0 : newcomer())),
    ];
    const staff = Array.from({ length: rng.int(4, 14) }, () => ({
      payee: person(0),
      salary: rng.int(12, 45) * 10_000_000,
    }));
    const payers = Array.from({ length: rng.int(10, 30) }, () => (rng.chance(0.6) ? person(0) : company(0)));
    // Zipf-like: the k-th supplier is chosen with weight 1 / (k + 1).
    const supplierWeights = suppliers.map((s, k) => [s, 1 / (k + 1)] as const);

    // Declarations: a relative of a board member, sometimes a company one of them owns — both also paid.
    if (rng.chance(0.5)) {
      const relative = person(0);
      suppliers.push(relative);
      const at = rng.int(0, 4);
      insertDeclaration.run(
        coopId,
        officerIds[at],
        'relative',
        'sibling',
        relative.nationalCode,
        relative.name,
        null,
        null,
        '2024-06-01',
        nowIso,
      );
      counts.declarations += 1;
    }
    if (rng.chance(0.3)) {
      const owned = company(0);
      suppliers.push(owned);
      const at = rng.int(0, 5);
      insertDeclaration.run(
        coopId,
        officerIds[at],
        'company',
        'owner',
        null,
        null,
        owned.legalId,
        owned.name,
        '2024-06-01',
        nowIso,
      );
      counts.declarations += 1;
    }

    // Board resolutions, about one a month and a half.
    const resolutions: Array<{ id: number; day: number }> = [];
    for (let d = rng.int(0, 30); d < days; d += rng.int(30, 60)) {
      const id = Number(
        insertResolution.run(
          coopId,
          `${dayIso[d]?.slice(0, 4)}/${resolutions.length + 1}`,
          dayIso[d],
          'تصویب خرید و هزینه‌ها',
          nowIso,
        ).lastInsertRowid,
      );
      resolutions.push({ id, day: d });
      counts.resolutions += 1;
    }
    const resolutionBefore = (day: number) => {
      let found: number | null = null;
      for (const r of resolutions) if (r.day <= day) found = r.id;
      return found ?? (resolutions[0]?.id as number);
    };

    // Imported books: 40% of cooperatives kept books elsewhere until a go-live day.
    const goLive = rng.chance(0.4) ? rng.int(Math.floor(days * 0.2), Math.floor(days * 0.8)) : 0;
    const openDay = (d: number) => {
      let day = Math.min(days - 1, Math.max(0, d));
      // Offices are closed on Fridays and holidays: most such payments move to the next open day.
      for (let guard = 0; closed[day] && guard < 5 && rng.chance(0.97); guard++)
        day = Math.min(days - 1, day + 1);
      return day;
    };
    const rows: PaymentRow[] = [];
    let invoices = 0;
    let externals = 0;
    const push = (
      p: Omit<
        PaymentRow,
        | 'coopId'
        | 'externalId'
        | 'requiredApprovals'
        | 'recordedDay'
        | 'recordedBy'
        | 'approvers'
        | 'resolutionId'
        | 'resolutionRef'
      > & { resolutionId?: number | null; resolutionRef?: string | null; recordedDay?: number },
    ) => {
      const imported = p.day < goLive;
      const live = !imported;
      let resolutionId = p.resolutionId ?? null;
      let resolutionRef = p.resolutionRef ?? null;
      let budgetLine = p.budgetLine;
      if (
        p.direction === 'payment' &&
        p.amount > RESOLUTION_ABOVE &&
        resolutionId === null &&
        resolutionRef === null
      ) {
        if (live) resolutionId = resolutionBefore(p.day);
        else resolutionRef = `م-${rng.int(1, 60)}/${dayIso[p.day]?.slice(0, 4)}`;
      }
      if (p.direction === 'receipt') budgetLine = null;
      const required = live && p.direction === 'payment' && p.amount > SIGN_OFF_ABOVE ? 2 : 0;
      const approvers: Officer[] =
        required === 0
          ? NONE
          : rng.chance(0.99)
            ? rng.sample(board, 2)
            : rng.chance(0.7)
              ? rng.sample(board, 1)
              : [];
      const recordedDay =
        p.recordedDay ??
        Math.min(days, p.day + (imported ? rng.int(0, 4) : rng.chance(0.8) ? 0 : rng.int(1, 3)));
      rows.push({
        direction: p.direction,
        payee: p.payee,
        iban: p.iban,
        amount: p.amount,
        day: p.day,
        category: p.category,
        invoiceRef: p.invoiceRef,
        coopId,
        externalId: imported ? `EXT-${++externals}` : null,
        budgetLine,
        resolutionId,
        resolutionRef,
        requiredApprovals: required,
        recordedDay,
        recordedBy: manager.personId,
        approvers: approvers.length === 0 ? NO_IDS : approvers.map((o) => o.personId),
      });
    };
    const supplierPayment = (day: number, payee: Payee, amount: number, category?: PaymentCategory) => {
      const invoiced = payee.kind === 'company' ? rng.chance(0.8) : rng.chance(0.1);
      push({
        direction: 'payment',
        payee,
        iban: payee.iban,
        amount,
        day,
        category: category ?? rng.weighted(CATEGORY_WEIGHTS),
        invoiceRef: invoiced ? `F-${coopId}-${++invoices}` : null,
        // Nearly every payment cites a budget line; a few do not (the rule looks for those above its floor).
        budgetLine: rng.chance(0.99) ? rng.pick(BUDGET_LINES) : null,
      });
    };

    // Wages: every staff member each month on the 25th-ish (Persian payroll).
    for (let d = 25; d < days && rows.length < size * 0.22; d += 30) {
      for (const s of staff) {
        const day = openDay(d + rng.int(-2, 2));
        push({
          direction: 'payment',
          payee: s.payee,
          iban: s.payee.iban,
          amount: Math.round((s.salary * (1 + 0.03 * gaussian(rng))) / 1000) * 1000,
          day,
          category: 'wages',
          invoiceRef: null,
          budgetLine: 'حقوق و دستمزد',
        });
      }
    }
    // Planted anomalies (each in some cooperatives only). Some keep invented books: estimates in
    // round tens of millions, or amounts drawn evenly (first digits far from Benford's law).
    const books = rng.weighted([
      ['usual', 96],
      ['round', 2],
      ['even', 2],
    ] as const);
    const ordinaryAmount = () => {
      if (books === 'round')
        return Math.max(1, Math.round(amountAround(rng, 45_000_000, 1.3) / 10_000_000)) * 10_000_000;
      if (books === 'even') return rng.int(10, 499) * 1_000_000 + rng.int(0, 999) * 1_000;
      return amountAround(rng, 45_000_000, 1.3);
    };
    if (rng.chance(0.1)) {
      // A month of many ordinary-sized payments to new suppliers (none citing a resolution).
      const month = rng.int(200, days - 31);
      for (let k = rng.int(20, 40); k > 0; k--) {
        const payee = company(month);
        suppliers.push(payee);
        supplierPayment(openDay(month + rng.int(0, 29)), payee, rng.int(150, 490) * 1_000_000);
      }
    }
    if (rng.chance(0.3)) {
      // Split: three to five payments to one supplier within ten days, each under the resolution
      // threshold, together well above it.
      const payee = rng.pick(suppliers);
      const day0 = rng.int(payee.from, days - 12);
      for (let k = rng.int(3, 5); k > 0; k--)
        supplierPayment(openDay(day0 + rng.int(0, 10)), payee, rng.int(380, 495) * 1_000_000);
    }
    if (rng.chance(0.3)) {
      // Duplicate: the same invoice paid twice, days apart.
      const payee = suppliers[rng.int(0, 5)] as Payee;
      const day = rng.int(Math.max(payee.from, 0), days - 20);
      const amount = amountAround(rng, 80_000_000, 1);
      const invoiceRef = `F-${coopId}-${++invoices}`;
      for (const d of [day, day + rng.int(3, 15)]) {
        push({
          direction: 'payment',
          payee,
          iban: payee.iban,
          amount,
          day: openDay(d),
          category: 'raw_materials',
          invoiceRef,
          budgetLine: rng.pick(BUDGET_LINES),
        });
      }
    }
    if (rng.chance(0.1)) {
      // Round amounts: a run of payments in whole hundreds of millions.
      for (let k = 0; k < 25; k++)
        supplierPayment(
          openDay(rng.int(0, days - 1)),
          rng.weighted(supplierWeights),
          rng.int(1, 9) * 100_000_000,
        );
    }
    if (rng.chance(0.1)) {
      // Spike: one payment many times the cooperative's usual.
      supplierPayment(
        openDay(rng.int(days - 200, days - 1)),
        rng.weighted(supplierWeights),
        rng.int(30, 60) * 1_000_000_000,
        'equipment',
      );
    }
    if (rng.chance(0.15)) {
      // A new supplier paid a large sum in its first fortnight.
      const payee = company(rng.int(100, days - 30));
      suppliers.push(payee);
      supplierPayment(openDay(payee.from + rng.int(0, 14)), payee, rng.int(2, 8) * 1_000_000_000);
    }
    if (rng.chance(0.2)) {
      // A loan to an officer.
      const o = rng.pick(officers);
      const payee: Payee = {
        kind: 'person',
        name: o.name,
        nationalCode: o.nationalCode,
        legalId: null,
        iban: o.iban,
        from: 0,
      };
      supplierPayment(openDay(rng.int(0, days - 1)), payee, rng.int(5, 30) * 10_000_000, 'loans_advances');
    }
    if (rng.chance(0.15)) {
      // A "supplier" paid into an officer's IBAN.
      const o = rng.pick(officers);
      const payee: Payee = { ...company(0), iban: o.iban };
      supplierPayment(openDay(rng.int(0, days - 1)), payee, amountAround(rng, 150_000_000, 0.8));
    }
    if (rng.chance(0.1)) {
      // Work on Fridays and holidays.
      const shut = closed.flatMap((c, d) => (c ? [d] : []));
      for (let k = 0; k < 4; k++)
        supplierPayment(rng.pick(shut), rng.weighted(supplierWeights), amountAround(rng, 120_000_000, 1));
    }
    if (goLive > 0 && rng.chance(0.5)) {
      // Backdated: imported rows booked months after they were paid.
      for (let k = 0; k < 3; k++) {
        const day = rng.int(0, goLive - 1);
        const before = rows.length;
        supplierPayment(day, rng.weighted(supplierWeights), amountAround(rng, 60_000_000, 1));
        const row = rows[before];
        if (row) row.recordedDay = Math.min(days, day + rng.int(120, 400));
      }
    }
    // Ordinary activity up to the cooperative's size: supplier payments and receipts.
    while (rows.length < size) {
      if (rng.chance(0.15)) {
        const payer = rng.pick(payers);
        push({
          direction: 'receipt',
          payee: payer,
          iban: payer.iban,
          amount: amountAround(rng, 60_000_000, 1.2),
          day: openDay(rng.int(0, days - 1)),
          category: rng.chance(0.7) ? 'other' : 'raw_materials',
          invoiceRef: null,
          budgetLine: null,
        });
        continue;
      }
      let payee = rng.weighted(supplierWeights);
      for (let guard = 0; payee.from > days - 2 && guard < 5; guard++) payee = rng.weighted(supplierWeights);
      supplierPayment(openDay(rng.int(payee.from, days - 1)), payee, ordinaryAmount());
    }
    rows.length = size;
    return rows;
  };

  // The payments' secondary indexes are built once after the load (the same definitions, read
  // from the schema): inserting 10 million random IBANs into a live index is most of a bulk load.
  const indexes = sqlite
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'payments' AND sql IS NOT NULL",
    )
    .all() as Array<{ name: string; sql: string }>;
  for (const ix of indexes) sqlite.exec(`DROP INDEX "${ix.name}"`);
  const sizes = cooperativeSizes(rng, spec.payments);
  const writeGroup = sqlite.transaction((rows: PaymentRow[]) => {
    for (const p of rows) {
      const id = Number(
        insertPayment.run(
          p.coopId,
          p.externalId,
          p.direction,
          p.payee.kind,
          p.payee.name,
          p.payee.nationalCode,
          p.payee.legalId,
          p.iban,
          p.amount,
          dayIso[p.day],
          p.category,
          p.invoiceRef,
          p.budgetLine,
          p.resolutionId,
          p.resolutionRef,
          p.requiredApprovals,
          p.recordedDay >= days ? spec.today : dayIso[p.recordedDay],
          p.recordedBy,
          nowIso,
        ).lastInsertRowid,
      );
      for (const personId of p.approvers) insertApproval.run(id, personId, nowIso);
      counts.approvals += p.approvers.length;
      if (p.externalId !== null) counts.imported += 1;
    }
    counts.payments += rows.length;
  });
  for (let first = 0; first < sizes.length; first += INTERLEAVE) {
    const group: PaymentRow[] = [];
    sqlite.transaction(() => {
      for (let i = first; i < Math.min(first + INTERLEAVE, sizes.length); i++) {
        for (const row of cooperative(i, sizes[i] as number)) group.push(row);
      }
    })();
    // Date order within the group, as a live register receives them.
    group.sort((a, b) => a.day - b.day || a.coopId - b.coopId);
    writeGroup(group);
  }
  for (const ix of indexes) sqlite.exec(ix.sql);

  return counts;
}

/**
 * Labelled synthetic books for measuring the money rules (issue #5, item 5): seeded, built in
 * memory as `CooperativeBooks` (no database), one cooperative at a time so thousands evaluate in
 * seconds with bounded memory.
 *
 * What "clean" means here — ordinary cooperative activity, as far as the books show it:
 * - officers (3–5 board members, alternates, a managing director, an inspector) in office over
 *   the whole period, a few with declarations of a relative or a company;
 * - staff paid monthly wages (the managing director among them; in some cooperatives working
 *   board members too), social-security contributions every month, rent, quarterly VAT;
 * - one to four main suppliers under a contract, paid every two to five weeks, most payments
 *   citing the year's budget resolution; smaller vendors (services, transport, sundries) that
 *   come and go, each with its own typical invoice; equipment bought now and then;
 * - the settings' controls respected: every payment above the resolution limit cites one, every
 *   payment above the sign-off limit carries its sign-offs (except in the last few days), and
 *   every other payment names a budget line; capital purchases, a new main supplier and a new
 *   vendor of some size are decided by the board (a resolution); vendors that invoice large
 *   sums work under a contract; a vendor invoices at most every ten days;
 * - board attendance fees and dividends (some to officers who are members) cite the assembly's
 *   resolution; a declared company of an officer may be a vendor, each payment citing a board
 *   resolution; advances go to staff who are not officers;
 * - amounts log-normal (a typical amount per vendor, varying per invoice), rounded to 10,000
 *   rials; vendors quote a round figure now and then; rent and advances are round;
 * - dates on working days (large payments never on a Friday or an official holiday; a few small
 *   ones are); live rows booked the same day or within five days; in four cooperatives out of
 *   ten the earlier history was imported (external ids, booking dates from the file).
 *
 * A labelled subset (`plantedShare`) each carries ONE planted anomaly of one money rule, recorded
 * as `{ cooperative, ruleId, paymentIds }` (rules take turns, so each is planted about equally).
 */
import { addDays, daysBetween, fromJalali, jalaliMonthLength, toJalali } from '../../src/calendar/index.ts';
import { createIdentifierSource, randomIban, randomMobile } from '../../src/demo/demo-identifiers.ts';
import { FEMALE_NAMES, LAST_NAMES, MALE_NAMES, NAME_WORDS } from '../../src/demo/demo-vocabulary.ts';
import { createRandom, type Random } from '../../src/demo/random.ts';
import { holidaysBetween, isFriday } from '../../src/monitoring/holidays.ts';
import type {
  BooksDeclaration,
  BooksOfficer,
  BooksPayment,
  CooperativeBooks,
} from '../../src/monitoring/rule.ts';
import { DEFAULT_STATUTORY_SETTINGS } from '../../src/statute/index.ts';

export const SYNTHETIC_TODAY = '2026-11-28';

/** The money rules a cooperative can carry a planted anomaly of, in turn order. */
export const PLANTED_RULES = [
  'money.payment_without_authority',
  'money.above_limit_without_signoffs',
  'money.split_payments',
  'money.related_party_payment',
  'money.duplicate_payment',
  'money.round_amounts',
  'money.benford_first_digit',
  'money.outflow_spike',
  'money.holiday_payment',
  'money.new_payee_large_sum',
  'money.backdated_entry',
  'money.loan_to_officer',
] as const;
export type PlantedRule = (typeof PLANTED_RULES)[number];

export type Plant = { cooperative: number; ruleId: PlantedRule; paymentIds: number[]; variant: string };

export type SyntheticCooperative = { books: CooperativeBooks; plant: Plant | null };

export type SyntheticOptions = {
  cooperatives: number;
  seed: number;
  /** Share of cooperatives that carry a planted anomaly (0–1); default 0.3. */
  plantedShare?: number;
};

const SETTINGS = DEFAULT_STATUTORY_SETTINGS;
/** A vendor whose typical invoice is this large works under a contract and the budget resolution. */
const CONTRACT_VENDOR_RIALS = 100_000_000;
/** A vendor taken on mid-way whose typical invoice is this large starts with a board resolution. */
const ONBOARDING_VENDOR_RIALS = 40_000_000;
const M = 1_000_000;
/** The longest history a cooperative has, in months: the holiday set covers it once for all. */
const MAX_MONTHS = 36;
const HOLIDAYS = holidaysBetween(addDays(SYNTHETIC_TODAY, -31 * (MAX_MONTHS + 2)), SYNTHETIC_TODAY);

/** Which cooperatives carry a plant, and of which rule: three in ten, the rules in turn. */
export function plantOf(index: number, plantedShare = 0.3): PlantedRule | null {
  const tenths = Math.round(plantedShare * 10);
  if (index % 10 >= tenths) return null;
  const ordinal = Math.floor(index / 10) * tenths + (index % 10);
  return PLANTED_RULES[ordinal % PLANTED_RULES.length] ?? null;
}

/** Every cooperative of a run, one at a time. */
export function* syntheticCooperatives(options: SyntheticOptions): Generator<SyntheticCooperative> {
  for (let i = 0; i < options.cooperatives; i++) {
    yield buildCooperative(i, options.seed, plantOf(i, options.plantedShare ?? 0.3));
  }
}

// ——— building blocks ———

type Party = {
  kind: 'person' | 'company';
  name: string;
  nationalCode: string | null;
  legalId: string | null;
  iban: string | null;
};

/** A log-normal factor: exp(N(0, sigma)). */
function lognormal(rng: Random, sigma: number): number {
  // Box–Muller from two uniforms (1 − u keeps the log finite).
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
}

/** A Poisson count (Knuth; means here are small). */
function poisson(rng: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k += 1;
    p *= rng.next();
  }
  return k;
}

const roundTo = (x: number, unit: number) => Math.max(unit, Math.round(x / unit) * unit);
/** Two significant digits: how vendors quote a round price. */
const quoted = (x: number) => {
  const unit = 10 ** Math.max(4, Math.floor(Math.log10(x)) - 1);
  return roundTo(x, unit);
};

/** The earlier of two ISO dates. */
const earlier = (a: string, b: string) => (a.localeCompare(b) <= 0 ? a : b);

const isWorkingDay = (iso: string) => !isFriday(iso) && !HOLIDAYS.has(iso);
/** The working day on or before a date. */
function workingDayOnOrBefore(iso: string): string {
  let d = iso;
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

function personName(rng: Random): string {
  return `${rng.pick(rng.chance(0.5) ? MALE_NAMES : FEMALE_NAMES)} ${rng.pick(LAST_NAMES)}`;
}

const VENDOR_KINDS: Record<string, readonly string[]> = {
  raw_materials: ['بازرگانی', 'تولیدی', 'کشت و صنعت', 'خوراک دام', 'مصالح'],
  services: ['خدمات فنی', 'خدمات مهندسی', 'مشاوره', 'خدمات رایانه‌ای', 'نظافتی'],
  transport: ['حمل‌ونقل', 'باربری', 'ترابری'],
  equipment: ['تجهیزات', 'ماشین‌آلات', 'صنایع'],
  other: ['فروشگاه', 'لوازم', 'چاپ'],
};

// ——— one cooperative ———

type Draft = Omit<BooksPayment, 'entryIndex' | 'imported'>;
type PayOptions = {
  /** Which resolution the payment cites (a payment above the resolution limit always cites the budget). */
  resolution?: 'budget' | 'assembly' | 'own' | null;
  /** Whether it carries an invoice reference (default yes). */
  invoice?: boolean;
  budgetLine?: string;
  contractId?: number;
};

export function buildCooperative(
  index: number,
  seed: number,
  plant: PlantedRule | null,
): SyntheticCooperative {
  const rng = createRandom((seed * 1_000_003 + index * 7_919 + 17) >>> 0);
  const ids = createIdentifierSource(((seed % 1000) * 1009 + index) % 100_000);
  const today = SYNTHETIC_TODAY;
  // Statistical plants need a cooperative with enough payments for the test to apply.
  const big = plant === 'money.benford_first_digit' || plant === 'money.round_amounts';
  const scale = big ? 1 + 2 * rng.next() : lognormal(rng, 0.6);
  const months = plant === null || !big ? rng.int(12, MAX_MONTHS) : rng.int(24, MAX_MONTHS);
  const nowJ = toJalali(today);
  const startIndex = nowJ.jy * 12 + nowJ.jm - 1 - (months - 1);
  const monthStart = (m: number) => fromJalali(Math.floor(m / 12), (m % 12) + 1, 1);
  const dayOf = (m: number, day: number) => {
    const jy = Math.floor(m / 12);
    const jm = (m % 12) + 1;
    const iso = fromJalali(jy, jm, Math.min(day, jalaliMonthLength(jy, jm)));
    return iso;
  };
  const start = monthStart(startIndex);
  const imported = rng.chance(0.4);
  const onboardedOn = imported
    ? addDays(start, Math.floor(daysBetween(start, today) * (0.3 + 0.5 * rng.next())))
    : start;

  const party = (kind: 'person' | 'company', name: string, withIban = 0.85): Party => ({
    kind,
    name,
    nationalCode: kind === 'person' ? ids.nationalCode() : null,
    legalId: kind === 'company' ? ids.legalId() : null,
    iban: rng.chance(withIban) ? randomIban(rng) : null,
  });
  const company = (category: string) =>
    party(
      'company',
      `شرکت ${rng.pick(VENDOR_KINDS[category] ?? ['بازرگانی'])} ${rng.pick(NAME_WORDS)} ${rng.pick(LAST_NAMES)}`,
    );

  // Officers, in office from before the books start.
  const officers: BooksOfficer[] = [];
  const officerParty = new Map<number, Party>();
  const addOfficer = (role: string, position: string | null, termYears: number) => {
    const p = party('person', personName(rng), 0.8);
    const termStart = addDays(start, -rng.int(0, 500));
    const id = officers.length + 1;
    officers.push({
      id,
      entryIndex: null,
      personId: 10_000 + id,
      role,
      position,
      termStart,
      termEnd: addDays(termStart, 365 * termYears),
      endedOn: null,
      consecutiveTerms: 1,
      name: p.name,
      nationalCode: p.nationalCode,
      mobile: randomMobile(rng),
      iban: p.iban,
      address: `${rng.pick(NAME_WORDS)}، پلاک ${rng.int(1, 200)}`,
    });
    officerParty.set(id, p);
    return id;
  };
  const boardSize = rng.int(3, 5);
  const board = Array.from({ length: boardSize }, (_, i) =>
    addOfficer('board_principal', i === 0 ? 'chair' : i === 1 ? 'vice_chair' : 'member', 3),
  );
  addOfficer('board_alternate', null, 3);
  addOfficer('board_alternate', null, 3);
  const director = addOfficer('managing_director', null, 3);
  addOfficer('inspector_principal', null, 1);
  const declarations: BooksDeclaration[] = [];
  const declaredParties: Array<{ officerId: number; party: Party }> = [];
  for (const o of officers) {
    if (!rng.chance(0.25)) continue;
    if (rng.chance(0.6)) {
      const relative = party('person', `${personName(rng).split(' ')[0]} ${o.name.split(' ').at(-1)}`);
      const named = rng.chance(0.8);
      declarations.push({
        officerId: o.id,
        kind: 'relative',
        relation: rng.pick(['spouse', 'child', 'sibling', 'parent']),
        personNationalCode: named ? relative.nationalCode : null,
        personName: relative.name,
        companyLegalId: null,
        companyName: null,
      });
      if (named) declaredParties.push({ officerId: o.id, party: relative });
    } else {
      const firm = party(
        'company',
        `شرکت ${rng.pick(VENDOR_KINDS.services ?? [])} ${o.name.split(' ').at(-1)}`,
      );
      declarations.push({
        officerId: o.id,
        kind: 'company',
        relation: rng.pick(['owner', 'director', 'shareholder']),
        personNationalCode: null,
        personName: null,
        companyLegalId: firm.legalId,
        companyName: firm.name,
      });
      declaredParties.push({ officerId: o.id, party: firm });
    }
  }

  // Resolutions: the board's budget of each fiscal year, the assembly's of each year, one-offs.
  let nextResolution = 1;
  const budgetOf = new Map<number, number>();
  const assemblyOf = new Map<number, number>();
  const resolutionFor = (map: Map<number, number>, iso: string) => {
    const fy = toJalali(iso).jy;
    let id = map.get(fy);
    if (id === undefined) {
      id = nextResolution++;
      map.set(fy, id);
    }
    return id;
  };

  const drafts: Draft[] = [];
  let nextId = 1;
  let invoiceNo = 1000 + rng.int(0, 8000);
  const pay = (p: Party, category: string, amount: number, paidOn: string, extra: PayOptions = {}): Draft => {
    const amountRials = Math.max(10_000, Math.round(amount));
    let resolution = extra.resolution ?? null;
    // The settings' control: a payment above the limit cites a resolution.
    if (resolution === null && amountRials > SETTINGS.paymentResolutionAboveRials) resolution = 'budget';
    const resolutionId =
      resolution === 'budget'
        ? resolutionFor(budgetOf, paidOn)
        : resolution === 'assembly'
          ? resolutionFor(assemblyOf, paidOn)
          : resolution === 'own'
            ? nextResolution++
            : null;
    const isImported = paidOn < onboardedOn;
    const draft: Draft = {
      id: nextId++,
      externalId: null,
      direction: 'payment',
      partyKind: p.kind,
      partyName: p.name,
      partyNationalCode: p.nationalCode,
      partyLegalId: p.legalId,
      iban: p.iban,
      amountRials,
      paidOn,
      category,
      invoiceRef: extra.invoice === false ? null : `ف-${invoiceNo++}`,
      budgetLine: resolutionId === null ? (extra.budgetLine ?? 'هزینه‌های جاری') : (extra.budgetLine ?? null),
      contractId: extra.contractId ?? null,
      resolutionId,
      resolutionRef: null,
      requiredApprovals: 0,
      approvals: 0,
      recordedOn: paidOn,
    };
    if (isImported) {
      draft.externalId = `P-${String(draft.id).padStart(5, '0')}`;
      const lag = rng.chance(0.6) ? 0 : rng.int(1, 10);
      draft.recordedOn = earlier(addDays(paidOn, lag), onboardedOn);
      if (draft.resolutionId !== null && rng.chance(0.5)) {
        draft.resolutionRef = `صورتجلسهٔ هیئت‌مدیره ${toJalali(paidOn).jy}/${draft.resolutionId}`;
        draft.resolutionId = null;
      }
    } else {
      const lag = rng.chance(0.7) ? 0 : rng.int(1, 5);
      draft.recordedOn = earlier(addDays(paidOn, lag), today);
      if (amountRials > SETTINGS.paymentSignOffAboveRials) {
        draft.requiredApprovals = SETTINGS.paymentSignOffs;
        draft.approvals =
          daysBetween(draft.recordedOn, today) <= 5 ? rng.int(0, 2) : SETTINGS.paymentSignOffs;
      }
    }
    drafts.push(draft);
    return draft;
  };

  // Staff and wages (the managing director among them; working board members in some).
  const staff: Array<{ party: Party; salary: number; officer: boolean }> = [];
  const directorParty = officerParty.get(director) as Party;
  staff.push({
    party: directorParty,
    salary: 180 * M * Math.sqrt(scale) * lognormal(rng, 0.25),
    officer: true,
  });
  if (rng.chance(0.3)) {
    for (const id of rng.sample(board, rng.int(1, 2))) {
      staff.push({
        party: officerParty.get(id) as Party,
        salary: 120 * M * lognormal(rng, 0.25),
        officer: true,
      });
    }
  }
  const employees = Math.max(1, Math.round(rng.int(1, 8) * Math.sqrt(scale)));
  for (let i = 0; i < employees; i++) {
    staff.push({
      party: party('person', personName(rng), 0.95),
      salary: 110 * M * lognormal(rng, 0.3),
      officer: false,
    });
  }

  const suppliers = Array.from({ length: rng.int(1, 4) }, () => ({
    party: company('raw_materials'),
    typical: 220 * M * scale * lognormal(rng, 0.5),
    since: startIndex + (rng.chance(0.25) ? rng.int(3, Math.max(3, months - 3)) : 0),
    contractId: 0,
  }));
  suppliers.forEach((s, i) => {
    s.contractId = i + 1;
  });
  type Vendor = {
    party: Party;
    category: string;
    typical: number;
    from: number;
    to: number;
    roundish: number;
    /** Vendors that invoice large sums work under a contract the board approved. */
    contractId: number | null;
    lastPaid: string;
  };
  const vendorMedian: Record<string, number> = { services: 22 * M, transport: 14 * M, other: 4 * M };
  const vendorRound: Record<string, number> = { services: 0.3, transport: 0.35, other: 0.25 };
  const vendors: Vendor[] = [];
  const vendorCount = Math.max(3, Math.round(rng.int(4, 14) * Math.sqrt(scale) * (big ? 2 : 1)));
  for (let i = 0; i < vendorCount; i++) {
    const category = rng.weighted([
      ['services', 4],
      ['transport', 3],
      ['other', 3],
    ] as const);
    const from = startIndex + (rng.chance(0.5) ? 0 : rng.int(0, months - 1));
    vendors.push({
      party: rng.chance(0.8) ? company(category) : party('person', personName(rng)),
      category,
      typical: (vendorMedian[category] ?? 10 * M) * scale * lognormal(rng, 0.7),
      from,
      to: rng.chance(0.7) ? startIndex + months : from + rng.int(2, 12),
      roundish: vendorRound[category] ?? 0.3,
      contractId: null,
      lastPaid: '0000-00-00',
    });
  }
  for (const v of vendors) {
    if (v.typical >= CONTRACT_VENDOR_RIALS) v.contractId = suppliers.length + vendors.indexOf(v) + 1;
  }
  const declaredVendor = declaredParties.find((d) => d.party.kind === 'company' && rng.chance(0.4));
  const landlord = rng.chance(0.55) ? party('person', personName(rng), 0.9) : null;
  const rent = roundTo(40 * M * Math.sqrt(scale) * lognormal(rng, 0.4), 5 * M);
  const taxOffice: Party = {
    kind: 'company',
    name: 'سازمان امور مالیاتی',
    nationalCode: null,
    legalId: '14000000000',
    iban: 'IR510100004001000000000001',
  };
  const insurance: Party = {
    kind: 'company',
    name: 'سازمان تأمین اجتماعی',
    nationalCode: null,
    legalId: '14000000001',
    iban: 'IR780100004001111111111111',
  };
  const members = Array.from({ length: rng.int(8, 25) }, () => party('person', personName(rng), 0.7));
  for (const id of board.slice(0, 2)) members.push(officerParty.get(id) as Party);

  const working = (iso: string, amount: number) =>
    amount < 100 * M && rng.chance(0.03) ? iso : workingDayOnOrBefore(iso);
  const randomDay = (m: number) => dayOf(m, rng.int(1, 29));

  const supplierNext = suppliers.map((s) => dayOf(s.since, rng.int(1, 20)));
  for (let m = startIndex; m < startIndex + months; m++) {
    const monthEnd = dayOf(m, 31);
    // Wages near the end of the month, contributions around the middle of the next.
    let wageBill = 0;
    for (const s of staff) {
      const years = Math.floor((m - startIndex) / 12);
      const amount = roundTo(s.salary * 1.3 ** years * (0.95 + 0.13 * rng.next()), 10_000);
      wageBill += amount;
      pay(s.party, 'wages', amount, working(dayOf(m, rng.int(25, 29)), amount), {
        invoice: false,
        budgetLine: 'حقوق و دستمزد',
      });
    }
    const contribution = roundTo(wageBill * 0.3, 10_000);
    pay(insurance, 'taxes_dues', contribution, working(dayOf(m, rng.int(10, 15)), contribution), {
      invoice: false,
      budgetLine: 'بیمه',
    });
    if (landlord)
      pay(landlord, 'rent', rent, working(dayOf(m, rng.int(1, 5)), rent), {
        invoice: false,
        budgetLine: 'اجاره',
      });
    // Main suppliers, every two to five weeks, under their contract and the budget resolution.
    suppliers.forEach((s, i) => {
      let next = supplierNext[i] as string;
      while (next <= monthEnd && next <= today) {
        if (next >= monthStart(m)) {
          const amount = roundTo(s.typical * lognormal(rng, 0.45), 10_000);
          const newcomer =
            toJalali(next).jy * 12 + toJalali(next).jm - 1 < s.since + 2 && s.since > startIndex;
          pay(
            s.party,
            'raw_materials',
            rng.chance(0.05) ? quoted(amount) : amount,
            workingDayOnOrBefore(next),
            {
              contractId: s.contractId,
              resolution: newcomer || rng.chance(0.85) ? 'budget' : null,
              budgetLine: 'خرید نهاده',
            },
          );
        }
        next = addDays(next, rng.int(14, 35));
      }
      supplierNext[i] = next;
    });
    // Smaller vendors.
    const active = vendors.filter((v) => v.from <= m && m < v.to);
    if (active.length > 0) {
      for (let k = poisson(rng, Math.min(30, (4 * scale ** 0.7 + 2) * (big ? 3 : 1))); k > 0; k--) {
        const v = rng.pick(active);
        const raw = roundTo(v.typical * lognormal(rng, 0.5), 10_000);
        const amount = rng.chance(v.roundish) ? quoted(raw) : raw;
        // A vendor invoices at most every ten days or so.
        const day = working(randomDay(m), amount);
        if (daysBetween(v.lastPaid === '0000-00-00' ? addDays(day, -100) : v.lastPaid, day) < 10) continue;
        v.lastPaid = day;
        // Taking on a vendor of some size mid-year is a board decision: its first invoices cite it.
        const onboarding = v.from > startIndex && m < v.from + 2 && v.typical >= ONBOARDING_VENDOR_RIALS;
        pay(v.party, v.category, amount, day, {
          ...(v.contractId === null ? {} : { contractId: v.contractId, resolution: 'budget' as const }),
          ...(onboarding ? { resolution: 'own' as const } : {}),
        });
      }
    }
    if (declaredVendor && rng.chance(0.3)) {
      const amount = roundTo(60 * M * lognormal(rng, 0.5), 10_000);
      pay(declaredVendor.party, 'services', amount, workingDayOnOrBefore(randomDay(m)), {
        resolution: 'own',
      });
    }
    // Equipment now and then: a new vendor, a board decision.
    if (rng.chance(0.12)) {
      const amount = roundTo(150 * M * scale * lognormal(rng, 0.8), 10_000);
      pay(
        company('equipment'),
        'equipment',
        rng.chance(0.15) ? quoted(amount) : amount,
        workingDayOnOrBefore(randomDay(m)),
        {
          resolution: amount >= 100 * M ? 'own' : null,
          budgetLine: 'سرمایه‌ای',
        },
      );
    }
    const jm = (m % 12) + 1;
    // Quarterly VAT, board attendance fees (assembly resolution).
    if (jm % 3 === 1 && m > startIndex) {
      const vat = roundTo(220 * M * scale * lognormal(rng, 0.3) * 0.09 * 3, 10_000);
      pay(taxOffice, 'taxes_dues', vat, workingDayOnOrBefore(dayOf(m, rng.int(10, 20))), {
        budgetLine: 'مالیات',
      });
      for (const id of board) {
        const fee = roundTo(12 * M * lognormal(rng, 0.3), M);
        pay(officerParty.get(id) as Party, 'services', fee, workingDayOnOrBefore(dayOf(m, rng.int(5, 25))), {
          resolution: 'assembly',
          invoice: false,
          budgetLine: 'حق جلسه',
        });
      }
    }
    // Dividends after the assembly (Mordad), to members, some of them officers.
    if (jm === 5 && rng.chance(0.5)) {
      const day = workingDayOnOrBefore(dayOf(m, rng.int(10, 25)));
      for (const member of members) {
        const amount = roundTo(8 * M * scale * lognormal(rng, 0.6), 1000);
        pay(member, 'dividends', amount, day, {
          resolution: 'assembly',
          invoice: false,
          budgetLine: 'سود سهام',
        });
      }
    }
    // Advances to staff who are not officers.
    const plainStaff = staff.filter((s) => !s.officer);
    if (plainStaff.length > 0 && rng.chance(0.15)) {
      const amount = roundTo(40 * M * lognormal(rng, 0.5), 5 * M);
      pay(rng.pick(plainStaff).party, 'loans_advances', amount, working(randomDay(m), amount), {
        resolution: rng.chance(0.5) ? 'own' : null,
        invoice: false,
        budgetLine: 'مساعدهٔ کارکنان',
      });
    }
  }

  const books = (): CooperativeBooks => {
    const payments: BooksPayment[] = drafts
      .filter((d) => d.paidOn <= today)
      .sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : a.id - b.id))
      // One object shape, fields in the loader's order (as `loadCooperativeBooks` builds them).
      .map(
        (d): BooksPayment => ({
          id: d.id,
          entryIndex: d.id,
          externalId: d.externalId,
          direction: d.direction,
          partyKind: d.partyKind,
          partyName: d.partyName,
          partyNationalCode: d.partyNationalCode,
          partyLegalId: d.partyLegalId,
          iban: d.iban,
          amountRials: d.amountRials,
          paidOn: d.paidOn,
          category: d.category,
          invoiceRef: d.invoiceRef,
          budgetLine: d.budgetLine,
          contractId: d.contractId,
          resolutionId: d.resolutionId,
          resolutionRef: d.resolutionRef,
          requiredApprovals: d.requiredApprovals,
          approvals: d.approvals,
          recordedOn: d.recordedOn,
          imported: d.externalId !== null,
        }),
      );
    return {
      coop: {
        id: index + 1,
        legalId: null,
        name: `تعاونی ${rng.pick(NAME_WORDS)} ${index + 1}`,
        status: 'active',
        provinceId: 1,
        countyId: 1,
        fieldCode: 'agriculture',
        memberCount: members.length,
        capitalRials: 1_000 * M,
        fiscalYearEndMonth: 12,
      },
      today,
      settings: SETTINGS,
      obligations: [],
      officers,
      members: [],
      declarations,
      payments,
      sharesByMember: new Map(),
      holidays: HOLIDAYS,
      network: {
        officerCooperatives: new Map(),
        payeeCooperatives: new Map(),
        payeeUnrelatedCooperatives: new Map(),
        sharedContacts: new Map(),
      },
    };
  };

  if (plant === null) return { books: books(), plant: null };

  // ——— the planted anomaly ———
  const ctx: PlantContext = {
    rng,
    today,
    startIndex,
    months,
    drafts,
    pay,
    company,
    party,
    vendors: vendors.map((v) => v.party),
    suppliers: suppliers.map((s) => s.party),
    officers,
    officerParty,
    declarations,
    declaredParties,
    board,
    dayOf,
  };
  const { paymentIds, variant } = PLANTERS[plant](ctx);
  return { books: books(), plant: { cooperative: index + 1, ruleId: plant, paymentIds, variant } };
}

type PlantContext = {
  rng: Random;
  today: string;
  startIndex: number;
  months: number;
  drafts: Draft[];
  pay: (p: Party, category: string, amount: number, paidOn: string, extra?: PayOptions) => Draft;
  company: (category: string) => Party;
  party: (kind: 'person' | 'company', name: string, withIban?: number) => Party;
  vendors: Party[];
  suppliers: Party[];
  officers: BooksOfficer[];
  officerParty: Map<number, Party>;
  declarations: BooksDeclaration[];
  declaredParties: Array<{ officerId: number; party: Party }>;
  board: number[];
  dayOf: (m: number, day: number) => string;
};

type Planted = { paymentIds: number[]; variant: string };

/** A working day in the history, at least `minAgo` and at most `maxAgo` days before today. */
function pastWorkingDay(c: PlantContext, minAgo: number, maxAgo: number): string {
  const earliest = c.dayOf(c.startIndex, 1);
  const span = Math.min(maxAgo, daysBetween(earliest, c.today));
  return workingDayOnOrBefore(addDays(c.today, -c.rng.int(Math.min(minAgo, span), span)));
}

/** When each payee was first paid, and the days each was paid on. */
function payeeHistory(c: PlantContext) {
  const first = new Map<string, string>();
  const days = new Map<string, string[]>();
  for (const d of c.drafts) {
    const seen = first.get(d.partyName);
    if (seen === undefined || d.paidOn < seen) first.set(d.partyName, d.paidOn);
    const list = days.get(d.partyName);
    if (list) list.push(d.paidOn);
    else days.set(d.partyName, [d.paidOn]);
  }
  return { first, days };
}

/**
 * A payee the cooperative has paid for at least four months before `date` and not within four
 * days of it — so a planted payment to it is neither a new payee's nor part of a split. Null when
 * there is none (the caller tries another day).
 */
function establishedPayee(
  c: PlantContext,
  date: string,
  used: ReadonlySet<string> = new Set(),
  history = payeeHistory(c),
): Party | null {
  const { first, days } = history;
  const pool = [...c.vendors, ...c.suppliers].filter((p) => {
    const since = first.get(p.name);
    return (
      since !== undefined &&
      daysBetween(since, date) >= 120 &&
      !used.has(p.name) &&
      !(days.get(p.name) ?? []).some((d) => Math.abs(daysBetween(d, date)) <= 4)
    );
  });
  return pool.length > 0 ? c.rng.pick(pool) : null;
}

/** A day from `pick()` with an established payee free around it (null after many tries). */
function quietDayOrNull(
  c: PlantContext,
  pick: () => string,
  used?: ReadonlySet<string>,
): [string, Party] | null {
  const history = payeeHistory(c);
  for (let attempt = 0; attempt < 80; attempt++) {
    const date = pick();
    const payee = establishedPayee(c, date, used, history);
    if (payee) return [date, payee];
  }
  return null;
}

/** Like `quietDayOrNull`, falling back on any vendor. */
function quietDay(c: PlantContext, pick: () => string): [string, Party] {
  return quietDayOrNull(c, pick) ?? [pick(), c.rng.pick(c.vendors.length > 0 ? c.vendors : c.suppliers)];
}

/** Non-resolution outflow per month index, for sizing a spike. */
function monthlyOutflow(c: PlantContext): Map<number, number> {
  const out = new Map<number, number>();
  for (const d of c.drafts) {
    if (d.resolutionId !== null || d.resolutionRef !== null) continue;
    const j = toJalali(d.paidOn);
    const m = j.jy * 12 + j.jm - 1;
    out.set(m, (out.get(m) ?? 0) + d.amountRials);
  }
  return out;
}

const VENDOR_CATEGORIES = ['raw_materials', 'services', 'transport', 'equipment', 'other'];

const PLANTERS: Record<PlantedRule, (c: PlantContext) => Planted> = {
  'money.payment_without_authority': (c) => {
    const amount = roundTo(60 * M + c.rng.next() * 30 * M, 10_000);
    const [date, payee] = quietDay(c, () => pastWorkingDay(c, 20, 300));
    const d = c.pay(payee, 'other', amount, date);
    d.budgetLine = null;
    return { paymentIds: [d.id], variant: 'no resolution, no budget line' };
  },
  'money.above_limit_without_signoffs': (c) => {
    const amount = roundTo(1_100 * M + c.rng.next() * 1_500 * M, 10_000);
    const paidOn = pastWorkingDay(c, 15, 200);
    const d = c.pay(c.rng.pick(c.suppliers), 'raw_materials', amount, paidOn, { resolution: 'budget' });
    // Booked live on the day (imported rows carry no sign-offs).
    d.externalId = null;
    d.resolutionId ??= 1;
    d.resolutionRef = null;
    d.recordedOn = paidOn;
    d.requiredApprovals = SETTINGS.paymentSignOffs;
    d.approvals = c.rng.int(0, SETTINGS.paymentSignOffs - 1);
    return { paymentIds: [d.id], variant: `${d.approvals} of ${d.requiredApprovals} sign-offs` };
  },
  'money.split_payments': (c) => {
    const [start, payee] = quietDay(c, () => pastWorkingDay(c, 20, 300));
    const signOff = c.rng.chance(1 / 3);
    const limit = signOff ? SETTINGS.paymentSignOffAboveRials : SETTINGS.paymentResolutionAboveRials;
    const parts = c.rng.int(2, 4);
    const share = (1.1 + 0.6 * c.rng.next()) / parts;
    const ids: number[] = [];
    for (let i = 0; i < parts; i++) {
      const amount = Math.min(limit, roundTo(limit * share * (0.9 + 0.2 * c.rng.next()), 10_000));
      const d = c.pay(payee, 'services', amount, workingDayOnOrBefore(addDays(start, c.rng.int(0, 2))), {
        resolution: signOff ? 'budget' : null,
      });
      ids.push(d.id);
    }
    return { paymentIds: ids, variant: signOff ? 'under the sign-off limit' : 'under the resolution limit' };
  },
  'money.related_party_payment': (c) => {
    const variant = c.rng.pick(['self', 'shared_iban', 'declared'] as const);
    const amount = roundTo(30 * M + c.rng.next() * 200 * M, 10_000);
    const paidOn = pastWorkingDay(c, 20, 300);
    const boardMember = c.officerParty.get(c.rng.pick(c.board)) as Party;
    if (variant === 'self') {
      const d = c.pay(boardMember, 'services', amount, paidOn);
      return { paymentIds: [d.id], variant };
    }
    if (variant === 'shared_iban') {
      // A front company paid into an officer's own account.
      let officer = c.officers.find((o) => o.iban !== null && c.board.includes(o.id));
      if (officer === undefined) {
        officer = c.officers.find((o) => o.id === c.board[0]) as BooksOfficer;
        officer.iban = randomIban(c.rng);
      }
      const d = c.pay({ ...c.company('services'), iban: officer.iban }, 'services', amount, paidOn);
      return { paymentIds: [d.id], variant };
    }
    let declared = c.declaredParties[0];
    if (declared === undefined) {
      const officerId = c.rng.pick(c.board);
      const o = c.officers.find((x) => x.id === officerId) as BooksOfficer;
      const relative = c.party('person', `${personName(c.rng).split(' ')[0]} ${o.name.split(' ').at(-1)}`);
      c.declarations.push({
        officerId,
        kind: 'relative',
        relation: 'sibling',
        personNationalCode: relative.nationalCode,
        personName: relative.name,
        companyLegalId: null,
        companyName: null,
      });
      declared = { officerId, party: relative };
    }
    const d = c.pay(declared.party, 'services', amount, paidOn);
    return { paymentIds: [d.id], variant };
  },
  'money.duplicate_payment': (c) => {
    const live = c.drafts.filter(
      (d) =>
        d.invoiceRef !== null &&
        d.resolutionId === null &&
        d.amountRials < 150 * M &&
        daysBetween(d.paidOn, c.today) > 40 &&
        c.vendors.some((v) => v.name === d.partyName),
    );
    const source = c.rng.pick(live.length > 0 ? live : c.drafts.filter((d) => d.invoiceRef !== null));
    const again = workingDayOnOrBefore(addDays(source.paidOn, c.rng.int(9, 25)));
    const d = c.pay(
      {
        kind: source.partyKind as 'person' | 'company',
        name: source.partyName,
        nationalCode: source.partyNationalCode,
        legalId: source.partyLegalId,
        iban: source.iban,
      },
      source.category,
      source.amountRials,
      earlier(again, c.today),
    );
    d.invoiceRef = source.invoiceRef;
    return { paymentIds: [source.id, d.id], variant: 'same invoice paid again' };
  },
  'money.round_amounts': (c) => {
    const ids: number[] = [];
    for (const d of c.drafts) {
      if (['wages', 'rent', 'loans_advances', 'dividends'].includes(d.category) || d.amountRials < 10 * M)
        continue;
      if (!c.rng.chance(0.8)) continue;
      d.amountRials = roundTo(d.amountRials, 10 * M);
      ids.push(d.id);
    }
    return { paymentIds: ids, variant: 'invented invoices in round millions of tomans' };
  },
  'money.benford_first_digit': (c) => {
    const ids: number[] = [];
    const fraction = 0.2 + 0.15 * c.rng.next();
    for (const d of c.drafts) {
      if (!VENDOR_CATEGORIES.includes(d.category) || !c.rng.chance(fraction)) continue;
      // Invented amounts: a person picking "plausible" figures favours middle digits.
      const decade = 10 ** Math.floor(Math.log10(d.amountRials));
      const invented = roundTo(decade * (4 + 5.99 * c.rng.next()), 10_000);
      const authorised = d.resolutionId !== null || d.resolutionRef !== null;
      d.amountRials = authorised ? invented : Math.min(invented, 490 * M);
      ids.push(d.id);
    }
    // Too few invoices for the test to apply: a stream of invented ones tops the books up.
    const population = () =>
      c.drafts.filter((d) => d.invoiceRef !== null && VENDOR_CATEGORIES.includes(d.category)).length;
    while (population() < 330) {
      const amount = roundTo(10 ** 7 * (4 + 5.99 * c.rng.next()), 10_000);
      const [date, payee] = quietDay(c, () => pastWorkingDay(c, 5, 700));
      const d = c.pay(payee, 'services', Math.min(amount, 490 * M), date);
      ids.push(d.id);
    }
    return { paymentIds: ids, variant: 'invented amounts with first digits 4–9' };
  },
  'money.outflow_spike': (c) => {
    const outflow = monthlyOutflow(c);
    // A whole month before the current one (payments are never dated after today).
    const m = c.startIndex + c.rng.int(8, c.months - 2);
    const prior: number[] = [];
    for (let k = Math.max(c.startIndex, m - 12); k < m; k++) prior.push(outflow.get(k) ?? 0);
    prior.sort((a, b) => a - b);
    const median = prior[Math.floor(prior.length / 2)] ?? 0;
    const target = median * (3.5 + 2.5 * c.rng.next());
    const ids: number[] = [];
    const used = new Set<string>();
    let planted = 0;
    let newcomers = 0;
    const day = () => workingDayOnOrBefore(c.dayOf(m, c.rng.int(1, 29)));
    while (planted < target || ids.length < 4) {
      const quiet = quietDayOrNull(c, day, used);
      // Once every established payee has had its share, small sums to new names (under what
      // would make them "a new payee receiving a large sum").
      const amount = roundTo((quiet ? 250 * M : 120 * M) * (0.6 + 0.8 * c.rng.next()), 10_000);
      const [date, payee] = quiet ?? [day(), c.company('other')];
      if (quiet) used.add(payee.name);
      else newcomers += 1;
      const d = c.pay(payee, 'other', Math.min(amount, Math.max(target / 4, 20 * M)), date);
      planted += d.amountRials;
      ids.push(d.id);
    }
    return {
      paymentIds: ids,
      variant: `${ids.length} extra payments in one month (${newcomers} to new names)`,
    };
  },
  'money.holiday_payment': (c) => {
    const holiday = c.rng.chance(0.3);
    const earliest = c.dayOf(c.startIndex, 1);
    const days: string[] = [];
    for (let d = addDays(c.today, -20); d >= earliest; d = addDays(d, -1)) {
      if (holiday ? HOLIDAYS.has(d) && !isFriday(d) : isFriday(d)) days.push(d);
    }
    const [date, payee] = quietDay(c, () => c.rng.pick(days));
    const amount = roundTo(120 * M + c.rng.next() * 150 * M, 10_000);
    const d = c.pay(payee, 'services', amount, date);
    return { paymentIds: [d.id], variant: isFriday(date) ? 'a Friday' : 'an official holiday' };
  },
  'money.new_payee_large_sum': (c) => {
    const payee = c.company('services');
    const first = pastWorkingDay(c, 40, Math.max(40, daysBetween(c.dayOf(c.startIndex + 5, 1), c.today)));
    const amounts = c.drafts.map((d) => d.amountRials).sort((a, b) => a - b);
    const typical = amounts[Math.floor(amounts.length / 2)] ?? 0;
    const total = Math.max(350 * M + c.rng.next() * 750 * M, 6 * typical);
    const parts = Math.max(c.rng.int(1, 3), Math.ceil(total / (490 * M)));
    const ids: number[] = [];
    for (let i = 0; i < parts; i++) {
      const amount = Math.min(490 * M, roundTo(total / parts, 10_000));
      const d = c.pay(payee, 'services', amount, workingDayOnOrBefore(addDays(first, i * 8)));
      ids.push(d.id);
    }
    return { paymentIds: ids, variant: `${parts} payment(s)` };
  },
  'money.backdated_entry': (c) => {
    const candidates = c.drafts.filter(
      (d) => daysBetween(d.paidOn, c.today) > 60 && d.recordedOn === d.paidOn,
    );
    const d = c.rng.pick(candidates.length > 0 ? candidates : c.drafts);
    const lag = c.rng.int(35, Math.min(200, daysBetween(d.paidOn, c.today)));
    d.recordedOn = addDays(d.paidOn, lag);
    return { paymentIds: [d.id], variant: d.externalId === null ? 'live row' : 'imported row' };
  },
  'money.loan_to_officer': (c) => {
    const officerId = c.rng.pick(c.board);
    const amount = roundTo(20 * M + c.rng.next() * 180 * M, 5 * M);
    const d = c.pay(
      c.officerParty.get(officerId) as Party,
      'loans_advances',
      amount,
      pastWorkingDay(c, 20, 300),
      {
        invoice: false,
        budgetLine: 'مساعده',
      },
    );
    return { paymentIds: [d.id], variant: 'advance to a board member' };
  },
};

import { z } from 'zod';
import { daysBetween, toJalali } from '../../calendar/index.ts';
import { searchKey } from '../../text/index.ts';
import { isFriday } from '../holidays.ts';
import type { BooksOfficer, BooksPayment, CooperativeBooks, Finding, Rule } from '../rule.ts';

/**
 * Money rules over the ledger's payments: members-only flags (never on the public profile).
 * Each names the entries behind it and, for imported rows, their external ids.
 */

/** The evidence of some payments: their entries, amounts, dates, payees and external ids. */
export function paymentEvidence(payments: readonly BooksPayment[]) {
  return {
    entries: payments.flatMap((p) => (p.entryIndex === null ? [] : [p.entryIndex])),
    amountsRials: payments.map((p) => p.amountRials),
    dates: payments.map((p) => p.paidOn),
    people: [...new Set(payments.map((p) => p.partyName))],
    ...(payments.some((p) => p.externalId !== null)
      ? { externalIds: payments.flatMap((p) => (p.externalId === null ? [] : [p.externalId])) }
      : {}),
  };
}

export const paymentWithoutAuthority: Rule<{ minAmountRials: number }> = {
  id: 'money.payment_without_authority',
  category: 'money',
  severity: 'medium',
  public: false,
  title: {
    fa: 'پرداخت بدون مصوبه یا ردیف بودجه',
    en: 'Payment without an authorising resolution or budget line',
  },
  explanation: {
    fa: 'پرداخت {amount} ریال به {payee} در {date} نه به مصوبه‌ای استناد می‌کند و نه به ردیف بودجه‌ای.',
    en: 'The payment of {amount} rials to {payee} on {date} cites neither a resolution nor a budget line.',
  },
  basis: {
    fa: 'هر هزینه باید مجوز هیئت‌مدیره یا مجمع یا ردیف بودجهٔ مصوب داشته باشد (اساسنامهٔ نمونه)',
    en: 'Every expense needs the authority of the board or the assembly, or an approved budget line (model bylaws)',
  },
  thresholds: z.object({ minAmountRials: z.number().int().min(0).default(50_000_000) }).strict(),
  evaluate(books, t) {
    return books.payments
      .filter(
        (p) =>
          p.direction === 'payment' &&
          p.amountRials >= t.minAmountRials &&
          p.resolutionId === null &&
          p.resolutionRef === null &&
          p.budgetLine === null,
      )
      .map(
        (p): Finding => ({
          ruleId: 'money.payment_without_authority',
          key: `payment:${p.id}`,
          params: { amount: p.amountRials, payee: p.partyName, date: p.paidOn },
          evidence: paymentEvidence([p]),
        }),
      );
  },
};

// ——— shared helpers ———

/** Outgoing payments (receipts never raise a money flag), in the books' order: by date, then id. */
const outgoing = (books: CooperativeBooks) => books.payments.filter((p) => p.direction === 'payment');

/** The payment cites a resolution: a recorded one, or (imported books) an external reference. */
const citesResolution = (p: BooksPayment) => p.resolutionId !== null || p.resolutionRef !== null;

/** The later of two ISO dates. */
const later = (a: string, b: string) => (a > b ? a : b);

/**
 * Day numbers and Jalali months of ISO dates, memoised: books repeat a few thousand dates and
 * the national scan evaluates millions of payments (the calendar validates every conversion).
 */
const DAY_NUMBER = new Map<string, number>();
const MONTH_INDEX = new Map<string, number>();
const MEMO_LIMIT = 200_000;
function dayNumber(iso: string): number {
  let n = DAY_NUMBER.get(iso);
  if (n === undefined) {
    if (DAY_NUMBER.size >= MEMO_LIMIT) DAY_NUMBER.clear();
    n = daysBetween('2000-01-01', iso);
    DAY_NUMBER.set(iso, n);
  }
  return n;
}
/** b − a in whole days. */
const gap = (a: string, b: string) => dayNumber(b) - dayNumber(a);

/**
 * Who was paid, for grouping: the IBAN, else the national code or legal ID, else the name through
 * the search key (ی/ي, ک/ك, ZWNJ and diacritics folded). Never shown: keys of findings use ids.
 */
export function payeeKey(p: BooksPayment): string {
  if (p.iban) return `iban:${p.iban}`;
  if (p.partyNationalCode) return `nc:${p.partyNationalCode}`;
  if (p.partyLegalId) return `legal:${p.partyLegalId}`;
  return `name:${searchKey(p.partyName)}`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }

  return out;
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/**
 * Invoice amounts — prices times quantities, arising from many independent factors — are the
 * population of the digit tests: payments that carry an invoice reference, less the agreed or
 * computed sums that repeat (wages, rent, loans and advances, dividends, taxes and contributions
 * computed from payroll or sales). Those say nothing about invention and would swamp the tests
 * with the same few figures (Nigrini, "Benford's Law", 2012: the digit tests suit transactional
 * data, not assigned or fixed amounts).
 */
const FIXED_SUM_CATEGORIES: ReadonlySet<string> = new Set([
  'wages',
  'rent',
  'loans_advances',
  'dividends',
  'taxes_dues',
]);
export const invoiceAmounts = (books: CooperativeBooks) =>
  outgoing(books).filter((p) => p.invoiceRef !== null && !FIXED_SUM_CATEGORIES.has(p.category));

/** Payments listed as evidence of a statistical finding: at most this many, largest first. */
const MAX_EVIDENCE = 50;
const largestFirst = (payments: readonly BooksPayment[]) =>
  [...payments].sort((a, b) => b.amountRials - a.amountRials || a.id - b.id).slice(0, MAX_EVIDENCE);

/**
 * Whether an officer held office on a date: from the start of the term to its end (or the day
 * they left); an officer whose term ran out without a successor in the same role still serves.
 */
function inOffice(books: CooperativeBooks, o: BooksOfficer, date: string): boolean {
  if (o.termStart > date) return false;
  if (o.endedOn !== null) return date <= o.endedOn;
  if (date <= o.termEnd) return true;

  return !books.officers.some((s) => s.role === o.role && s.termStart > o.termEnd && s.termStart <= date);
}

type Relation = {
  officer: BooksOfficer;
  kind: 'self' | 'shared_iban' | 'declared_relative' | 'declared_company';
  /** The officer declared the payee (as a relative or a company of theirs). */
  declared: boolean;
};

/** The officers a payee could be tied to, looked up by the identifiers a payment carries. */
type RelationIndex = {
  byNationalCode: Map<string, BooksOfficer[]>;
  byIban: Map<string, BooksOfficer[]>;
  /** Declared relatives (national code) and companies (legal ID) → the officers who declared them. */
  declaredPerson: Map<string, BooksOfficer[]>;
  declaredCompany: Map<string, BooksOfficer[]>;
};

function relationIndex(books: CooperativeBooks): RelationIndex {
  const add = (map: Map<string, BooksOfficer[]>, key: string | null, o: BooksOfficer) => {
    if (key === null || key === '') return;
    const list = map.get(key);
    if (list) list.push(o);
    else map.set(key, [o]);
  };
  const index: RelationIndex = {
    byNationalCode: new Map(),
    byIban: new Map(),
    declaredPerson: new Map(),
    declaredCompany: new Map(),
  };
  const officers = new Map(books.officers.map((o) => [o.id, o]));
  for (const o of books.officers) {
    add(index.byNationalCode, o.nationalCode, o);
    add(index.byIban, o.iban, o);
  }
  for (const d of books.declarations) {
    const o = officers.get(d.officerId);
    if (!o) continue;
    add(index.declaredPerson, d.personNationalCode, o);
    add(index.declaredCompany, d.companyLegalId, o);
  }

  return index;
}

/**
 * How a payee is tied to the cooperative's officers on the day of the payment: it is an officer
 * (same national code), it is paid into an officer's account (same IBAN, another person or a
 * company), or it is a relative or company an officer declared. Books hold no phone or address of
 * payees, so only identifiers in the payment itself are compared.
 */
function relationsOf(books: CooperativeBooks, index: RelationIndex, p: BooksPayment): Relation[] {
  const lookup = (map: Map<string, BooksOfficer[]>, key: string | null) =>
    key === null ? [] : (map.get(key) ?? []);
  const self = lookup(index.byNationalCode, p.partyNationalCode);
  const account = lookup(index.byIban, p.iban);
  const relative = lookup(index.declaredPerson, p.partyNationalCode);
  const company = lookup(index.declaredCompany, p.partyLegalId);
  if (self.length + account.length + relative.length + company.length === 0) return [];
  const out: Relation[] = [];
  for (const o of new Set([...self, ...account, ...relative, ...company])) {
    if (!inOffice(books, o, p.paidOn)) continue;
    const declaresPayee = relative.includes(o) || company.includes(o);
    if (self.includes(o)) out.push({ officer: o, kind: 'self', declared: false });
    else if (account.includes(o)) out.push({ officer: o, kind: 'shared_iban', declared: declaresPayee });
    else
      out.push({
        officer: o,
        kind: relative.includes(o) ? 'declared_relative' : 'declared_company',
        declared: true,
      });
  }

  return out;
}

// ——— the rules ———

export const aboveLimitWithoutSignOffs: Rule<{ graceDays: number }> = {
  id: 'money.above_limit_without_signoffs',
  category: 'money',
  severity: 'high',
  public: false,
  title: {
    fa: 'پرداخت بیش از سقف اختیار مدیرعامل بدون امضای هیئت‌مدیره',
    en: "Payment above the managing director's limit without the board's sign-offs",
  },
  explanation: {
    fa: 'پرداخت {amount} ریال به {payee} در {date} از سقف {limit} ریال بیشتر است و {days} روز پس از ثبت، {approvals} امضا از {required} امضای لازم اعضای هیئت‌مدیره را دارد.',
    en: 'The payment of {amount} rials to {payee} on {date} is above the limit of {limit} rials and, {days} days after it was booked, has {approvals} of the {required} board sign-offs it needs.',
  },
  basis: {
    fa: 'پرداخت بیش از سقف اساسنامه یا تنظیمات به امضای اعضای هیئت‌مدیره (جز ثبت‌کنندهٔ آن) نیاز دارد: تفکیک وظایف',
    en: 'A payment above the limit of the bylaws or settings needs the sign-offs of board members other than its author: separation of duties',
  },
  thresholds: z.object({ graceDays: z.number().int().min(0).max(365).default(7) }).strict(),
  evaluate(books, t) {
    return outgoing(books).flatMap((p): Finding[] => {
      if (p.requiredApprovals <= p.approvals) return [];
      const days = gap(later(p.paidOn, p.recordedOn), books.today);
      if (days <= t.graceDays) return [];
      return [
        {
          ruleId: 'money.above_limit_without_signoffs',
          key: `payment:${p.id}`,
          params: {
            amount: p.amountRials,
            payee: p.partyName,
            date: p.paidOn,
            limit: books.settings.paymentSignOffAboveRials,
            days,
            approvals: p.approvals,
            required: p.requiredApprovals,
          },
          evidence: paymentEvidence([p]),
        },
      ];
    });
  },
};

export const splitPayments: Rule<{ windowDays: number; minParts: number }> = {
  id: 'money.split_payments',
  category: 'money',
  severity: 'medium',
  public: false,
  title: {
    fa: 'پرداخت خردشده به یک گیرنده',
    en: 'Split payments to one payee',
  },
  explanation: {
    fa: '{count} پرداخت به {payee} از {from} تا {to} (در {windowDays} روز) هر یک زیر {limit} ریال است و روی‌هم {total} ریال می‌شود؛ پرداختی به این مبلغ {controlFa} لازم داشت.',
    en: '{count} payments to {payee} from {from} to {to} (within {windowDays} days) are each under {limit} rials and together {total} rials; one payment of that sum would have needed {controlEn}.',
  },
  basis: {
    fa: 'خردکردن پرداخت برای گذر از سقف مصوبه یا امضای هیئت‌مدیره از نشانه‌های شناخته‌شدهٔ دور زدن کنترل‌های پرداخت است',
    en: 'Splitting a payment to stay under the resolution or sign-off limit is a known way around payment controls (procurement red flags)',
  },
  thresholds: z
    .object({
      windowDays: z.number().int().min(1).max(90).default(3),
      minParts: z.number().int().min(2).max(50).default(2),
    })
    .strict(),
  evaluate(books, t) {
    const s = books.settings;
    const controls = [
      {
        limit: s.paymentSignOffAboveRials,
        fa: 'امضای اعضای هیئت‌مدیره',
        en: "the board's sign-offs",
        eligible: (p: BooksPayment) => p.approvals < s.paymentSignOffs,
      },
      {
        limit: s.paymentResolutionAboveRials,
        fa: 'مصوبه',
        en: 'a resolution',
        eligible: (p: BooksPayment) => !citesResolution(p),
      },
    ];
    // One purchase split in parts: the same payee and the same kind of spending. Wages are not
    // approved payment by payment (a wage and an advance on one day are not a split).
    const byPayee = groupBy(
      outgoing(books).filter((p) => p.category !== 'wages'),
      (p) => `${payeeKey(p)}|${p.category}`,
    );
    const used = new Set<number>();
    const findings: Finding[] = [];
    for (const c of controls) {
      if (c.limit <= 0) continue;
      for (const list of byPayee.values()) {
        const parts = list.filter((p) => p.amountRials <= c.limit && c.eligible(p) && !used.has(p.id));
        let i = 0;
        while (i < parts.length) {
          const first = parts[i] as BooksPayment;
          let j = i;
          let total = 0;
          for (; j < parts.length; j++) {
            const part = parts[j] as BooksPayment;
            if (gap(first.paidOn, part.paidOn) > t.windowDays) break;
            total += part.amountRials;
          }
          if (j - i < t.minParts || total <= c.limit) {
            i += 1;
            continue;
          }
          const group = parts.slice(i, j);
          for (const p of group) used.add(p.id);
          findings.push({
            ruleId: 'money.split_payments',
            key: `payments:${first.id}`,
            params: {
              count: group.length,
              payee: first.partyName,
              from: first.paidOn,
              to: (group[group.length - 1] as BooksPayment).paidOn,
              windowDays: t.windowDays,
              limit: c.limit,
              total,
              controlFa: c.fa,
              controlEn: c.en,
            },
            evidence: paymentEvidence(group),
          });
          i = j;
        }
      }
    }

    return findings;
  },
};

const RELATION_WORDS: Record<Relation['kind'], (officer: string) => { fa: string; en: string }> = {
  self: (officer) => ({
    fa: `گیرنده خودِ ${officer}، از مدیران تعاونی، است و مصوبه‌ای این پرداخت را تأیید نکرده است`,
    en: `the payee is ${officer}, an officer of the cooperative, and no resolution approved the payment`,
  }),
  shared_iban: (officer) => ({
    fa: `پول به حساب ${officer}، از مدیران تعاونی، رفته و ${officer} چنین نسبتی با گیرنده اعلام نکرده است`,
    en: `the money went to the account of ${officer}, an officer of the cooperative, who declared no such tie to the payee`,
  }),
  declared_relative: (officer) => ({
    fa: `${officer}، از مدیران تعاونی، گیرنده را خویشاوند خود اعلام کرده و مصوبه‌ای به این پرداخت استناد نمی‌کند`,
    en: `${officer}, an officer of the cooperative, declared the payee a relative, and no resolution cites the payment`,
  }),
  declared_company: (officer) => ({
    fa: `${officer}، از مدیران تعاونی، گیرنده را شرکت وابسته به خود اعلام کرده و مصوبه‌ای به این پرداخت استناد نمی‌کند`,
    en: `${officer}, an officer of the cooperative, declared the payee a company of theirs, and no resolution cites the payment`,
  }),
};

export const relatedPartyPayment: Rule<{ minAmountRials: number }> = {
  id: 'money.related_party_payment',
  category: 'money',
  severity: 'high',
  public: false,
  title: {
    fa: 'پرداخت به اشخاص وابسته بدون اعلام تعارض منافع',
    en: 'Related-party payment without a declared conflict of interest',
  },
  explanation: {
    fa: 'پرداخت {amount} ریال در {date} به {payee}: {reasonFa}.',
    en: 'The payment of {amount} rials on {date} to {payee}: {reasonEn}.',
  },
  basis: {
    fa: 'معامله با مدیر یا وابستگان او به اجازهٔ هیئت‌مدیره بی‌رأی مدیر ذی‌نفع و گزارش به مجمع نیاز دارد (به قیاس قانون تجارت اصلاحی ۱۳۴۷، مادهٔ ۱۲۹)',
    en: 'A transaction with an officer or their relatives needs the board’s leave without the interested officer’s vote, reported to the assembly (by analogy with the Commercial Code as amended in 1347, Art. 129)',
  },
  thresholds: z.object({ minAmountRials: z.number().int().min(0).default(20_000_000) }).strict(),
  evaluate(books, t) {
    const index = relationIndex(books);
    return outgoing(books).flatMap((p): Finding[] => {
      // Loans and advances to officers are their own rule (money.loan_to_officer).
      if (p.amountRials < t.minAmountRials || p.category === 'loans_advances') return [];
      const flagged = relationsOf(books, index, p).filter((r) => {
        // A working officer's wages are pay for work, not a transaction with the cooperative.
        if (r.kind === 'self') return p.category !== 'wages' && !citesResolution(p);
        if (r.kind === 'shared_iban' && !r.declared) return true;
        return !citesResolution(p);
      });
      const first = flagged[0];
      if (!first) return [];
      const reason = RELATION_WORDS[first.kind](first.officer.name);
      return [
        {
          ruleId: 'money.related_party_payment',
          key: `payment:${p.id}`,
          params: {
            amount: p.amountRials,
            date: p.paidOn,
            payee: p.partyName,
            officer: first.officer.name,
            reasonFa: reason.fa,
            reasonEn: reason.en,
          },
          evidence: {
            ...paymentEvidence([p]),
            people: [...new Set([p.partyName, ...flagged.map((r) => r.officer.name)])],
          },
        },
      ];
    });
  },
};

/** An invoice reference as written, with digits folded and spacing and separators removed. */
const invoiceKey = (ref: string) => searchKey(ref).replace(/[\s\-_/.\\#:]/g, '');

export const duplicatePayment: Rule<{ windowDays: number }> = {
  id: 'money.duplicate_payment',
  category: 'money',
  severity: 'medium',
  public: false,
  title: { fa: 'پرداخت تکراری', en: 'Duplicate payment' },
  explanation: {
    fa: 'فاکتور {invoice} از {payee} به مبلغ {amount} ریال {count} بار پرداخت شده است: {dates}.',
    en: 'Invoice {invoice} from {payee} for {amount} rials was paid {count} times: {dates}.',
  },
  basis: {
    fa: 'یک فاکتور یک بار پرداخت می‌شود؛ پرداخت دوباره با همان گیرنده، مبلغ و شمارهٔ فاکتور از خطاها یا سوءاستفاده‌های رایج است',
    en: 'An invoice is paid once; paying the same payee the same amount for the same invoice again is a common error or abuse (audit analytics)',
  },
  thresholds: z.object({ windowDays: z.number().int().min(1).max(3650).default(30) }).strict(),
  evaluate(books, t) {
    // Same payee and amount first (cheap); the invoice key only within those groups.
    const candidates = groupBy(
      outgoing(books).filter((p) => p.invoiceRef !== null),
      (p) => `${payeeKey(p)}|${p.amountRials}`,
    );
    const groups = new Map<string, BooksPayment[]>();
    for (const [k, list] of candidates) {
      if (list.length < 2) continue;
      for (const [ref, same] of groupBy(list, (p) => invoiceKey(p.invoiceRef as string))) {
        if (ref !== '' && same.length >= 2) groups.set(`${k}|${ref}`, same);
      }
    }
    const findings: Finding[] = [];
    for (const list of groups.values()) {
      let i = 0;
      while (i < list.length) {
        const first = list[i] as BooksPayment;
        let j = i + 1;
        while (j < list.length && gap(first.paidOn, (list[j] as BooksPayment).paidOn) <= t.windowDays) j++;
        if (j - i >= 2) {
          const group = list.slice(i, j);
          findings.push({
            ruleId: 'money.duplicate_payment',
            key: `payments:${first.id}`,
            params: {
              invoice: first.invoiceRef as string,
              payee: first.partyName,
              amount: first.amountRials,
              count: group.length,
              dates: group.map((p) => p.paidOn).join('، '),
            },
            evidence: paymentEvidence(group),
          });
        }
        i = j;
      }
    }

    return findings;
  },
};

export const roundAmounts: Rule<{ power: number; maxSharePercent: number; minPayments: number }> = {
  id: 'money.round_amounts',
  category: 'money',
  severity: 'low',
  public: false,
  title: { fa: 'فراوانی غیرعادی مبالغ رُند', en: 'Excess of round amounts' },
  explanation: {
    fa: '{share} درصد از {total} پرداخت فاکتوری این تعاونی ({count} پرداخت) مضرب {unit} ریال است؛ بیش از {maxShare} درصد.',
    en: '{share}% of the {total} invoice payments of this cooperative ({count}) are multiples of {unit} rials, above {maxShare}%.',
  },
  basis: {
    fa: 'مبالغ فاکتورها از عوامل گوناگون به دست می‌آیند و کمتر رُندند؛ فراوانی مبالغ رُند نشانهٔ برآورد یا ساختگی‌بودن است (نیگرینی، آزمون اعداد رُند)',
    en: "Invoice amounts come from many factors and are seldom round; an excess of round amounts suggests estimates or invention (Nigrini's round-numbers test)",
  },
  thresholds: z
    .object({
      power: z.number().int().min(3).max(12).default(7),
      maxSharePercent: z.number().min(0).max(100).default(50),
      minPayments: z.number().int().min(5).max(10_000_000).default(30),
    })
    .strict(),
  evaluate(books, t) {
    const unit = 10 ** t.power;
    const population = invoiceAmounts(books).filter((p) => p.amountRials >= unit);
    if (population.length < t.minPayments) return [];
    const round = population.filter((p) => p.amountRials % unit === 0);
    const share = (100 * round.length) / population.length;
    if (share <= t.maxSharePercent) return [];

    return [
      {
        ruleId: 'money.round_amounts',
        key: `round:${t.power}`,
        params: {
          share: Math.round(share * 10) / 10,
          total: population.length,
          count: round.length,
          unit,
          maxShare: t.maxSharePercent,
        },
        evidence: paymentEvidence(largestFirst(round)),
      },
    ];
  },
};

/** Benford's first-digit proportions, log10(1 + 1/d) for d = 1…9. */
export const BENFORD_FIRST_DIGIT: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) =>
  Math.log10(1 + 1 / d),
);

/**
 * The MAD a set of n amounts that DO follow Benford's law shows by chance, plus z standard
 * deviations (each |observed − expected| is half-normal with σ = √(p(1−p)/n); the nine are
 * treated as independent). Nigrini's cut-offs assume large sets: at n = 300 a conforming set
 * already averages a MAD of about 0.0136, next to the 0.015 nonconformity line.
 */
export function benfordNoiseBound(n: number, z: number): number {
  let mean = 0;
  let variance = 0;
  for (const p of BENFORD_FIRST_DIGIT) {
    const sigma2 = (p * (1 - p)) / n;
    mean += Math.sqrt((2 / Math.PI) * sigma2);
    variance += (1 - 2 / Math.PI) * sigma2;
  }

  return mean / 9 + (z * Math.sqrt(variance)) / 9;
}

const firstDigit = (amount: number) => Number(String(amount)[0]);

/**
 * The effective number of independent amounts among payments that come in clusters: a vendor's
 * invoices resemble one another, so 300 payments to 15 vendors carry less evidence than 300
 * unrelated amounts. Kish's design effect 1 + (n₀ − 1)ρ, with ρ the intraclass correlation of the
 * first digits within payees (one-way ANOVA estimator, averaged over the nine digits weighted by
 * their Benford variance). With every payee paid once, ρ = 0 and n stays n.
 */
export function effectiveSampleSize(payments: readonly BooksPayment[]): number {
  const n = payments.length;
  const groups = [...groupBy(payments, payeeKey).values()];
  const g = groups.length;
  if (g < 2) return 1;
  if (g === n) return n;
  const n0 = (n - groups.reduce((s, list) => s + list.length ** 2, 0) / n) / (g - 1);
  let rho = 0;
  let weights = 0;
  for (let d = 1; d <= 9; d++) {
    const shares = groups.map(
      (list) => list.filter((p) => firstDigit(p.amountRials) === d).length / list.length,
    );
    const overall = groups.reduce((s, list, i) => s + list.length * (shares[i] ?? 0), 0) / n;
    let between = 0;
    let within = 0;
    groups.forEach((list, i) => {
      const share = shares[i] ?? 0;
      between += list.length * (share - overall) ** 2;
      within += list.length * share * (1 - share);
    });
    const msb = between / (g - 1);
    const msw = within / (n - g);
    const denominator = msb + (n0 - 1) * msw;
    const r = denominator > 0 ? Math.min(1, Math.max(0, (msb - msw) / denominator)) : 0;
    const p = BENFORD_FIRST_DIGIT[d - 1] ?? 0;
    rho += r * p * (1 - p);
    weights += p * (1 - p);
  }
  rho /= weights;

  return n / (1 + (n0 - 1) * rho);
}

/** Nigrini's conformity ranges for the first-digit MAD (Benford's Law, 2012). */
function conformity(mad: number): { fa: string; en: string } {
  if (mad <= 0.006) return { fa: 'همخوانی نزدیک', en: 'close conformity' };
  if (mad <= 0.012) return { fa: 'همخوانی پذیرفتنی', en: 'acceptable conformity' };
  if (mad <= 0.015) return { fa: 'همخوانی مرزی', en: 'marginally acceptable conformity' };
  return { fa: 'ناهمخوانی', en: 'nonconformity' };
}

export const benfordFirstDigit: Rule<{ minPayments: number; madThreshold: number; noiseZ: number }> = {
  id: 'money.benford_first_digit',
  category: 'money',
  severity: 'low',
  public: false,
  title: {
    fa: 'انحراف رقم نخست مبالغ از قانون بنفورد',
    en: "First digits of amounts deviate from Benford's law",
  },
  explanation: {
    fa: 'میانگین انحراف مطلق رقم نخست {count} پرداخت از قانون بنفورد {mad} است ({conformityFa}؛ مرز {threshold}). رقم {digit} در {observed} درصد مبالغ آمده و انتظار {expected} درصد است.',
    en: "The mean absolute deviation of the first digits of {count} payments from Benford's law is {mad} ({conformityEn}; limit {threshold}). The digit {digit} starts {observed}% of the amounts, against {expected}% expected.",
  },
  basis: {
    fa: 'رقم نخست مبالغ فاکتورها از قانون بنفورد پیروی می‌کند؛ مرزهای میانگین انحراف مطلق از نیگرینی (۰٫۰۰۶، ۰٫۰۱۲، ۰٫۰۱۵)، تنها با شمار کافی پرداخت و فراتر از آنچه تصادف با این شمار پرداخت به این شمار گیرنده پدید می‌آورد',
    en: "First digits of invoice amounts follow Benford's law; Nigrini's MAD ranges (0.006, 0.012, 0.015), only with enough payments and beyond what chance gives with this many payments to this many payees",
  },
  thresholds: z
    .object({
      minPayments: z.number().int().min(50).max(10_000_000).default(300),
      madThreshold: z.number().min(0).max(1).default(0.015),
      noiseZ: z.number().min(0).max(10).default(3.5),
    })
    .strict(),
  evaluate(books, t) {
    const population = invoiceAmounts(books).filter((p) => p.amountRials >= 1);
    const n = population.length;
    if (n < t.minPayments) return [];
    const counts = new Array<number>(9).fill(0);
    for (const p of population) {
      const d = firstDigit(p.amountRials);
      counts[d - 1] = (counts[d - 1] ?? 0) + 1;
    }
    let mad = 0;
    let worst = 0;
    for (let d = 0; d < 9; d++) {
      const diff = (counts[d] ?? 0) / n - (BENFORD_FIRST_DIGIT[d] ?? 0);
      mad += Math.abs(diff) / 9;
      const worstDiff = (counts[worst] ?? 0) / n - (BENFORD_FIRST_DIGIT[worst] ?? 0);
      if (diff > worstDiff) worst = d;
    }
    const effective = effectiveSampleSize(population);
    const threshold = Math.max(t.madThreshold, benfordNoiseBound(effective, t.noiseZ));
    if (mad <= threshold) return [];
    const digit = worst + 1;
    const words = conformity(mad);

    return [
      {
        ruleId: 'money.benford_first_digit',
        key: 'benford',
        params: {
          count: n,
          mad: Math.round(mad * 10_000) / 10_000,
          threshold: Math.round(threshold * 10_000) / 10_000,
          conformityFa: words.fa,
          conformityEn: words.en,
          digit,
          observed: Math.round((1000 * (counts[worst] ?? 0)) / n) / 10,
          expected: Math.round(1000 * (BENFORD_FIRST_DIGIT[worst] ?? 0)) / 10,
        },
        evidence: paymentEvidence(
          largestFirst(population.filter((p) => String(p.amountRials)[0] === String(digit))),
        ),
      },
    ];
  },
};

/** A Jalali month as a running number (jy·12 + jm − 1) and its label YYYY/MM. */
function monthIndex(iso: string): number {
  let m = MONTH_INDEX.get(iso);
  if (m === undefined) {
    if (MONTH_INDEX.size >= MEMO_LIMIT) MONTH_INDEX.clear();
    const j = toJalali(iso);
    m = j.jy * 12 + j.jm - 1;
    MONTH_INDEX.set(iso, m);
  }
  return m;
}
const monthLabel = (index: number) =>
  `${Math.floor(index / 12)}/${String((index % 12) + 1).padStart(2, '0')}`;

export const outflowSpike: Rule<{
  zThreshold: number;
  minPriorMonths: number;
  lookbackMonths: number;
  minRatio: number;
}> = {
  id: 'money.outflow_spike',
  category: 'money',
  severity: 'medium',
  public: false,
  title: {
    fa: 'جهش پرداخت‌ها نسبت به سابقهٔ خود تعاونی',
    en: "Outflow spike against the cooperative's own history",
  },
  explanation: {
    fa: 'پرداخت‌های ماه {month} (بی آنچه به مصوبه استناد می‌کند) {total} ریال است: {ratio} برابر میانهٔ {months} ماه پیش از آن ({median} ریال)، با امتیاز z مقاوم {z}.',
    en: 'Payments in month {month} (those citing a resolution aside) total {total} rials: {ratio} times the median of the {months} months before ({median} rials), a robust z-score of {z}.',
  },
  basis: {
    fa: 'امتیاز z اصلاح‌شده ۰٫۶۷۴۵(x − میانه)/MAD با مرز ۳٫۵ (ایگلویچ و هوگلین) و چند برابر میانهٔ ماه‌ها؛ پرداخت‌های مصوب هیئت‌مدیره یا مجمع (خرید تجهیزات، قراردادها) ذاتاً یکباره‌اند و کنار گذاشته می‌شوند',
    en: 'Modified z-score 0.6745(x − median)/MAD with the 3.5 cut-off (Iglewicz and Hoaglin), and a multiple of the median month; payments the board or assembly decided (equipment, contracts) are lumpy by nature and left out',
  },
  thresholds: z
    .object({
      zThreshold: z.number().min(0).max(100).default(3.5),
      minPriorMonths: z.number().int().min(3).max(60).default(6),
      lookbackMonths: z.number().int().min(3).max(120).default(12),
      minRatio: z.number().min(1).max(1000).default(3),
    })
    .strict(),
  evaluate(books, t) {
    const payments = outgoing(books).filter((p) => !citesResolution(p));
    if (payments.length === 0) return [];
    const byMonth = groupBy(payments, (p) => String(monthIndex(p.paidOn)));
    const first = monthIndex(books.payments[0]?.paidOn ?? books.today);
    const last = Math.max(...[...byMonth.keys()].map(Number));
    const totals: number[] = [];
    for (let m = first; m <= last; m++)
      totals.push((byMonth.get(String(m)) ?? []).reduce((s, p) => s + p.amountRials, 0));
    const lookback = Math.max(t.lookbackMonths, t.minPriorMonths);
    const findings: Finding[] = [];
    for (let i = t.minPriorMonths; i < totals.length; i++) {
      const x = totals[i] ?? 0;
      const prior = totals.slice(Math.max(0, i - lookback), i);
      const med = median(prior);
      if (med <= 0 || x < t.minRatio * med) continue;
      const mad = median(prior.map((v) => Math.abs(v - med)));
      const meanAd = prior.reduce((s, v) => s + Math.abs(v - med), 0) / prior.length;
      // MAD is 0 when most months are equal: the usual fallback is the mean absolute deviation × √(π/2).
      const score = mad > 0 ? (0.6745 * (x - med)) / mad : meanAd > 0 ? (x - med) / (1.253314 * meanAd) : 0;
      if (score <= t.zThreshold) continue;
      const month = first + i;
      findings.push({
        ruleId: 'money.outflow_spike',
        key: `month:${monthLabel(month)}`,
        params: {
          month: monthLabel(month),
          total: x,
          median: Math.round(med),
          months: prior.length,
          ratio: Math.round((10 * x) / med) / 10,
          z: Math.round(score * 10) / 10,
        },
        evidence: paymentEvidence(largestFirst(byMonth.get(String(month)) ?? [])),
      });
    }

    return findings;
  },
};

export const holidayPayment: Rule<{ minAmountRials: number }> = {
  id: 'money.holiday_payment',
  category: 'money',
  severity: 'low',
  public: false,
  title: { fa: 'پرداخت در روز جمعه یا تعطیل رسمی', en: 'Payment on a Friday or an official holiday' },
  explanation: {
    fa: 'پرداخت {amount} ریال به {payee} تاریخ {date} دارد که {dayFa} است.',
    en: 'The payment of {amount} rials to {payee} is dated {date}, {dayEn}.',
  },
  basis: {
    fa: 'تعاونی و بانک‌ها در جمعه و تعطیلات رسمی کار نمی‌کنند؛ پرداخت کلان با این تاریخ نشانهٔ تاریخ‌گذاری نادرست یا پرداخت بیرون از روال است',
    en: 'The cooperative and the banks do not work on Fridays and official holidays; a large payment dated then suggests a wrong date or a payment outside the routine',
  },
  thresholds: z.object({ minAmountRials: z.number().int().min(0).default(100_000_000) }).strict(),
  evaluate(books, t) {
    return outgoing(books).flatMap((p): Finding[] => {
      if (p.amountRials < t.minAmountRials) return [];
      const friday = isFriday(p.paidOn);
      if (!friday && !books.holidays.has(p.paidOn)) return [];
      return [
        {
          ruleId: 'money.holiday_payment',
          key: `payment:${p.id}`,
          params: {
            amount: p.amountRials,
            payee: p.partyName,
            date: p.paidOn,
            dayFa: friday ? 'جمعه' : 'تعطیل رسمی',
            dayEn: friday ? 'a Friday' : 'an official holiday',
          },
          evidence: paymentEvidence([p]),
        },
      ];
    });
  },
};

export const newPayeeLargeSum: Rule<{
  days: number;
  minAmountRials: number;
  minHistoryDays: number;
  medianMultiple: number;
}> = {
  id: 'money.new_payee_large_sum',
  category: 'money',
  severity: 'medium',
  public: false,
  title: { fa: 'مبلغ کلان به گیرندهٔ تازه', en: 'A new payee receiving a large sum' },
  explanation: {
    fa: '{payee} نخستین بار در {first} پول گرفته و تا {days} روز پس از آن {total} ریال در {count} پرداخت بی‌استناد به مصوبه دریافت کرده است ({multiple} برابر میانهٔ پرداخت‌های تعاونی).',
    en: '{payee} was first paid on {first} and within {days} days received {total} rials in {count} payments citing no resolution ({multiple} times the median payment of the cooperative).',
  },
  basis: {
    fa: 'گیرندهٔ تازه‌ای که بی‌سابقه و بی‌تصمیم هیئت‌مدیره مبلغ کلان می‌گیرد از نشانه‌های شرکت‌های صوری است (هشدارهای تدارکات و هزینه)',
    en: 'A payee with no history receiving a large sum without a board decision is a mark of shell companies (procurement and expense red flags)',
  },
  thresholds: z
    .object({
      days: z.number().int().min(1).max(365).default(30),
      minAmountRials: z.number().int().min(0).default(300_000_000),
      minHistoryDays: z.number().int().min(0).max(3650).default(90),
      medianMultiple: z.number().min(1).max(1000).default(5),
    })
    .strict(),
  evaluate(books, t) {
    const payments = outgoing(books);
    const start = payments[0]?.paidOn;
    if (start === undefined) return [];
    const typical = median(payments.map((p) => p.amountRials));
    const findings: Finding[] = [];
    for (const list of groupBy(payments, payeeKey).values()) {
      const first = list[0] as BooksPayment;
      if (gap(start, first.paidOn) < t.minHistoryDays) continue;
      const early = list.filter((p) => gap(first.paidOn, p.paidOn) <= t.days && !citesResolution(p));
      const total = early.reduce((s, p) => s + p.amountRials, 0);
      if (early.length === 0 || total < t.minAmountRials || total < t.medianMultiple * typical) continue;
      findings.push({
        ruleId: 'money.new_payee_large_sum',
        key: `payments:${first.id}`,
        params: {
          payee: first.partyName,
          first: first.paidOn,
          days: t.days,
          total,
          count: early.length,
          multiple: typical > 0 ? Math.round((10 * total) / typical) / 10 : 0,
        },
        evidence: paymentEvidence(early),
      });
    }

    return findings;
  },
};

export const backdatedEntry: Rule<{ days: number }> = {
  id: 'money.backdated_entry',
  category: 'money',
  severity: 'low',
  public: false,
  title: { fa: 'ثبت دیرهنگام (پس‌تاریخ)', en: 'Backdated entry' },
  explanation: {
    fa: 'پرداخت {amount} ریال به {payee} با تاریخ {date} در {recordedOn} ثبت شده است: {lag} روز بعد.',
    en: 'The payment of {amount} rials to {payee} dated {date} was booked on {recordedOn}, {lag} days later.',
  },
  basis: {
    fa: 'دفاتر باید هم‌زمان با رویداد نوشته شوند؛ ثبت دیرهنگام راه دست‌بردن در تاریخ‌ها و پنهان‌کردن پرداخت‌ها را باز می‌کند (تاریخ ثبت در ردیف‌های واردشده)',
    en: 'Books are kept as events happen; entries booked long after their date leave room to rewrite dates and hide payments (the booking date of imported rows)',
  },
  thresholds: z.object({ days: z.number().int().min(0).max(3650).default(30) }).strict(),
  evaluate(books, t) {
    return outgoing(books).flatMap((p): Finding[] => {
      const lag = gap(p.paidOn, p.recordedOn);
      if (lag <= t.days) return [];
      return [
        {
          ruleId: 'money.backdated_entry',
          key: `payment:${p.id}`,
          params: {
            amount: p.amountRials,
            payee: p.partyName,
            date: p.paidOn,
            recordedOn: p.recordedOn,
            lag,
          },
          evidence: { ...paymentEvidence([p]), dates: [p.paidOn, p.recordedOn] },
        },
      ];
    });
  },
};

const LOAN_RELATION_WORDS: Record<Relation['kind'], (officer: string) => { fa: string; en: string }> = {
  self: (officer) => ({
    fa: `خودِ ${officer}، از مدیران تعاونی، است`,
    en: `who is ${officer}, an officer of the cooperative`,
  }),
  shared_iban: (officer) => ({
    fa: `به حساب ${officer}، از مدیران تعاونی، رفته است`,
    en: `into the account of ${officer}, an officer of the cooperative`,
  }),
  declared_relative: (officer) => ({
    fa: `${officer}، از مدیران تعاونی، او را خویشاوند خود اعلام کرده است`,
    en: `whom ${officer}, an officer of the cooperative, declared a relative`,
  }),
  declared_company: (officer) => ({
    fa: `${officer}، از مدیران تعاونی، آن را شرکت وابسته به خود اعلام کرده است`,
    en: `which ${officer}, an officer of the cooperative, declared a company of theirs`,
  }),
};

export const loanToOfficer: Rule<{ minAmountRials: number }> = {
  id: 'money.loan_to_officer',
  category: 'money',
  severity: 'high',
  public: false,
  title: { fa: 'وام یا مساعده به مدیران', en: 'Loan or advance to an officer' },
  explanation: {
    fa: 'وام یا مساعدهٔ {amount} ریال در {date} به {payee} پرداخت شده که {relationFa}.',
    en: 'A loan or advance of {amount} rials was paid on {date} to {payee}, {relationEn}.',
  },
  basis: {
    fa: 'مدیران و مدیرعامل و بستگان نزدیک ایشان نمی‌توانند از شرکت وام یا اعتبار بگیرند (به قیاس قانون تجارت اصلاحی ۱۳۴۷، مادهٔ ۱۳۲)',
    en: 'Directors, the managing director and their close relatives may not borrow from the company (by analogy with the Commercial Code as amended in 1347, Art. 132)',
  },
  thresholds: z.object({ minAmountRials: z.number().int().min(0).default(0) }).strict(),
  evaluate(books, t) {
    const index = relationIndex(books);
    return outgoing(books).flatMap((p): Finding[] => {
      if (p.category !== 'loans_advances' || p.amountRials < t.minAmountRials) return [];
      const relations = relationsOf(books, index, p);
      const first = relations[0];
      if (!first) return [];
      const relation = LOAN_RELATION_WORDS[first.kind](first.officer.name);
      return [
        {
          ruleId: 'money.loan_to_officer',
          key: `payment:${p.id}`,
          params: {
            amount: p.amountRials,
            date: p.paidOn,
            payee: p.partyName,
            officer: first.officer.name,
            relationFa: relation.fa,
            relationEn: relation.en,
          },
          evidence: {
            ...paymentEvidence([p]),
            people: [...new Set([p.partyName, ...relations.map((r) => r.officer.name)])],
          },
        },
      ];
    });
  },
};

export const MONEY_RULES: Rule[] = [
  paymentWithoutAuthority,
  aboveLimitWithoutSignOffs,
  splitPayments,
  relatedPartyPayment,
  duplicatePayment,
  roundAmounts,
  benfordFirstDigit,
  outflowSpike,
  holidayPayment,
  newPayeeLargeSum,
  backdatedEntry,
  loanToOfficer,
] as unknown as Rule[];

import { z } from 'zod';
import type { BooksPayment, Finding, Rule } from '../rule.ts';
import { paymentEvidence } from './money.ts';

/** Rules across cooperatives, from the counts `load-books.ts` reads for this cooperative's people and payees. */

export const officerInManyCooperatives: Rule<{ maxCooperatives: number }> = {
  id: 'network.officer_in_many_cooperatives',
  category: 'network',
  severity: 'low',
  public: false,
  title: { fa: 'یک نفر مدیر تعاونی‌های بسیار', en: 'One person an officer in many cooperatives' },
  explanation: {
    fa: '{name} اکنون در {count} تعاونی سمت دارد.',
    en: '{name} currently holds office in {count} cooperatives.',
  },
  basis: {
    fa: 'تمرکز سمت‌ها در دست یک نفر نظارت اعضا را دشوار می‌کند و نشانهٔ تعاونی‌های صوری است',
    en: 'Offices concentrated in one person weaken members’ control and mark shell cooperatives',
  },
  thresholds: z.object({ maxCooperatives: z.number().int().min(1).max(1000).default(3) }).strict(),
  evaluate(books, t) {
    const seen = new Set<number>();
    return books.officers.flatMap((o) => {
      if (o.personId === null || seen.has(o.personId) || o.endedOn !== null || o.termEnd < books.today)
        return [];
      seen.add(o.personId);
      const count = books.network.officerCooperatives.get(o.personId) ?? 1;
      if (count <= t.maxCooperatives) return [];
      return [
        {
          ruleId: 'network.officer_in_many_cooperatives',
          key: `person:${o.personId}`,
          params: { name: o.name, count },
          evidence: { entries: o.entryIndex === null ? [] : [o.entryIndex], people: [o.name] },
        },
      ];
    });
  },
};

/** Payees every cooperative pays (the tax office, members' dividends): not a sign of a network. */
const ORDINARY_PAYEE_CATEGORIES = new Set(['taxes_dues', 'dividends']);

/** The payee keys of a payment, as `load-books.ts` counts them. */
const payeeKeys = (p: BooksPayment) => [
  ...(p.partyLegalId !== null ? [`legal:${p.partyLegalId}`] : []),
  ...(p.partyNationalCode !== null ? [`nc:${p.partyNationalCode}`] : []),
  ...(p.iban !== null ? [`iban:${p.iban}`] : []),
];

/** Groups payments by payee: two payments share a payee when they share a legal ID, national code or IBAN. */
function groupByPayee(payments: readonly BooksPayment[]): BooksPayment[][] {
  const owner = new Map<string, number>();
  const groups: BooksPayment[][] = [];
  for (const p of payments) {
    const keys = payeeKeys(p);
    const found = [...new Set(keys.map((k) => owner.get(k)).filter((g): g is number => g !== undefined))];
    const target = found[0] ?? groups.push([]) - 1;
    const group = groups[target] as BooksPayment[];
    group.push(p);
    for (const other of found.slice(1)) {
      group.push(...(groups[other] as BooksPayment[]));
      groups[other] = [];
    }
    for (const [k, g] of owner) if (found.includes(g)) owner.set(k, target);
    for (const k of keys) owner.set(k, target);
  }

  return groups.filter((g) => g.length > 0);
}

export const payeePaidByMany: Rule<{ maxCooperatives: number }> = {
  id: 'network.payee_paid_by_many',
  category: 'network',
  severity: 'medium',
  public: false,
  title: {
    fa: 'یک دریافت‌کننده با پرداخت از تعاونی‌های نامرتبط بسیار',
    en: 'One payee paid by many unrelated cooperatives',
  },
  explanation: {
    fa: '{payee} از {count} تعاونی نامرتبط (این تعاونی هم) پرداخت گرفته است.',
    en: '{payee} has been paid by {count} unrelated cooperatives (this one included).',
  },
  basis: {
    fa: 'یک حساب یا شخص که از تعاونی‌های بی‌ارتباط بسیار پول می‌گیرد می‌تواند نشانهٔ شرکت صوری یا تبانی در خرید باشد؛ اتحادیه و اعضایش یک گروه شمرده می‌شوند و مالیات و سود سهام کنار گذاشته می‌شود',
    en: 'An account or person paid by many unrelated cooperatives can mark a shell supplier or collusive purchasing; a union and its members count as one group, and taxes and dividends are left out',
  },
  thresholds: z.object({ maxCooperatives: z.number().int().min(1).max(1000).default(3) }).strict(),
  evaluate(books, t) {
    const outgoing = books.payments.filter(
      (p) => p.direction === 'payment' && !ORDINARY_PAYEE_CATEGORIES.has(p.category),
    );
    const { payeeUnrelatedCooperatives: unrelated, payeeCooperatives: payers } = books.network;

    return groupByPayee(outgoing).flatMap((payments): Finding[] => {
      const count = Math.max(
        1,
        ...payments.flatMap(payeeKeys).map((k) => unrelated.get(k) ?? payers.get(k) ?? 1),
      );
      if (count <= t.maxCooperatives) return [];
      const sorted = [...payments].sort((a, b) => a.id - b.id);
      const latest = [...payments].sort((a, b) => b.paidOn.localeCompare(a.paidOn) || b.id - a.id);
      return [
        {
          ruleId: 'network.payee_paid_by_many',
          // The payee's first payment here: stable, and no identifier of the payee in the key.
          key: `payee:${(sorted[0] as BooksPayment).id}`,
          params: { payee: (latest[0] as BooksPayment).partyName, count },
          evidence: paymentEvidence(latest.slice(0, 20)),
        },
      ];
    });
  },
};

export const sharedContacts: Rule<{ minCooperatives: number }> = {
  id: 'network.shared_contacts',
  category: 'network',
  severity: 'low',
  public: false,
  title: {
    fa: 'مدیری با تلفن، حساب یا نشانی مشترک در تعاونی‌های دیگر',
    en: 'An officer sharing a phone, account or address with other cooperatives',
  },
  explanation: {
    fa: 'تلفن همراه، شبا یا نشانی {name} با مدیر یا دریافت‌کننده‌ای در {count} تعاونی دیگر یکی است.',
    en: 'The mobile, IBAN or address of {name} is also that of an officer or payee in {count} other cooperatives.',
  },
  basis: {
    fa: 'تلفن، حساب یا نشانی مشترک میان اشخاص به ظاهر جدا، پیوندی پنهان (خویشاوندی، نام‌آوری، شرکت صوری) را نشان می‌دهد؛ خانواده‌ها هم تلفن و نشانی مشترک دارند',
    en: 'A phone, account or address shared by apparently separate people reveals a hidden link (family, nominees, shell companies); families share phones and addresses too',
  },
  thresholds: z.object({ minCooperatives: z.number().int().min(1).max(1000).default(1) }).strict(),
  evaluate(books, t) {
    const seen = new Set<number>();
    return books.officers.flatMap((o) => {
      if (o.personId === null || seen.has(o.personId) || o.endedOn !== null || o.termEnd < books.today)
        return [];
      seen.add(o.personId);
      const count = books.network.sharedContacts.get(o.personId) ?? 0;
      if (count < t.minCooperatives) return [];
      return [
        {
          ruleId: 'network.shared_contacts',
          key: `person:${o.personId}`,
          params: { name: o.name, count },
          evidence: { entries: o.entryIndex === null ? [] : [o.entryIndex], people: [o.name] },
        },
      ];
    });
  },
};

export const NETWORK_RULES: Rule[] = [
  officerInManyCooperatives,
  payeePaidByMany,
  sharedContacts,
] as unknown as Rule[];

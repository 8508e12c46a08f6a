import { z } from 'zod';
import type { BooksPayment, Finding, Rule } from '../rule.ts';

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

export const MONEY_RULES: Rule[] = [paymentWithoutAuthority] as unknown as Rule[];

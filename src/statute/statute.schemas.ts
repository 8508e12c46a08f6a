import { z } from 'zod';
import type { Fraction, StatutorySettings } from './settings.ts';

const count = z.number().int().positive().max(1_000_000);
const months = z.number().int().positive().max(24);
const days = z.number().int().positive().max(366);
const years = z.number().int().positive().max(10);

const fraction: z.ZodType<Fraction> = z
  .strictObject({ numerator: z.number().int().positive(), denominator: z.number().int().positive() })
  .refine((f) => f.numerator <= f.denominator, 'a fraction must be in (0, 1]');

const shape = {
  minMembers: count,
  boardPrincipalsMin: count,
  boardPrincipalsMax: count,
  boardAlternatesFraction: fraction,
  boardAlternatesRounding: z.enum(['floor', 'ceil']),
  boardExtraPerMembers: count,
  boardTotalMax: count,
  boardTermYears: years,
  maxConsecutiveBoardTerms: count.max(10),
  consecutiveTermSupermajority: fraction,
  inspectorTermFiscalYears: years,
  annualAssemblyMonthsAfterFyEnd: months,
  annualInvitationMonthsAfterFyEnd: months,
  electoralInvitationMonthsBeforeTermEnd: months,
  requestedAssemblyInvitationMonths: months,
  ordinaryAssemblyRequestFraction: fraction,
  extraordinaryAssemblyRequestFraction: fraction,
  decisionNoticeDays: days,
  inspectorReportDaysBeforeAssembly: days,
  financialStatementsDaysBeforeAssembly: days,
  inspectorVacancyCallDays: days,
  minPaidCapitalFraction: fraction,
  newspaperMembersThreshold: count,
  twoStageAssemblyMembersThreshold: count,
  memberShareCapFraction: fraction,
  proxyVotesPerMember: z.number().int().nonnegative().max(100),
  legalReserveMinFraction: fraction,
  legalReserveCapFraction: fraction,
  fiscalYearEndMonth: z.number().int().min(1).max(12),
  paymentResolutionAboveRials: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  paymentSignOffAboveRials: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  paymentSignOffs: z.number().int().min(1).max(15),
} satisfies { [K in keyof StatutorySettings]: z.ZodType<StatutorySettings[K]> };

/** Pairs [smaller, larger] that must stay ordered after all layers are merged. */
const ORDERED: ReadonlyArray<readonly [keyof StatutorySettings, keyof StatutorySettings]> = [
  ['boardPrincipalsMin', 'boardPrincipalsMax'],
  ['boardPrincipalsMax', 'boardTotalMax'],
  ['boardPrincipalsMin', 'minMembers'], // directors are members
  ['annualInvitationMonthsAfterFyEnd', 'annualAssemblyMonthsAfterFyEnd'],
  ['inspectorReportDaysBeforeAssembly', 'financialStatementsDaysBeforeAssembly'],
];

/** A complete, consistent set of statutory settings (the result of merging every layer). */
export const statutorySettingsSchema: z.ZodType<StatutorySettings> = z
  .strictObject(shape)
  .superRefine((s, ctx) => {
    for (const [low, high] of ORDERED) {
      if (s[low] <= s[high]) continue;
      const message = `${low} (${String(s[low])}) must not exceed ${high} (${String(s[high])})`;
      ctx.addIssue({ code: 'custom', path: [low], message });
      ctx.addIssue({ code: 'custom', path: [high], message });
    }
  });

/** One override layer (national or a cooperative's bylaws): any subset of the settings, no unknown keys. */
export const statutoryOverridesSchema: z.ZodType<Partial<StatutorySettings>> = z
  .strictObject(shape)
  .partial();

import type { z } from 'zod';
import type { Bilingual } from '../errors/app-error.ts';
import type { Obligation } from '../governance/obligations.ts';
import type { StatutorySettings } from '../statute/index.ts';

/**
 * The shape of a monitoring rule. A rule reads one cooperative's books (everything the registry,
 * the governance record and the ledger hold about it, loaded once) and returns findings that
 * name their evidence. Rules are pure: the same books give the same findings, whether evaluated
 * after a write or in the national scan. "A reason to open the file, never a verdict."
 */

export type Severity = 'low' | 'medium' | 'high';
export type RuleCategory = 'governance' | 'money' | 'network';

/** What a finding points at: ledger entries, amounts, dates, people (names only), imported rows. */
export type Evidence = {
  /** Ledger entry indices of the records behind the finding. */
  entries: number[];
  amountsRials?: number[];
  dates?: string[];
  /** Names of the people or companies involved (never identifiers). */
  people?: string[];
  /** External ids of imported rows. */
  externalIds?: string[];
};

export type Finding = {
  ruleId: string;
  /** Deduplicates: the same rule, cooperative and key is the same alert. */
  key: string;
  /** Values the explanation template names, e.g. `{ amount: 120000000, payee: 'شرکت …' }`. */
  params: Record<string, string | number>;
  evidence: Evidence;
};

export type BooksPayment = {
  id: number;
  entryIndex: number | null;
  externalId: string | null;
  direction: string;
  partyKind: string;
  partyName: string;
  partyNationalCode: string | null;
  partyLegalId: string | null;
  iban: string | null;
  amountRials: number;
  paidOn: string;
  category: string;
  invoiceRef: string | null;
  budgetLine: string | null;
  contractId: number | null;
  resolutionId: number | null;
  resolutionRef: string | null;
  requiredApprovals: number;
  approvals: number;
  recordedOn: string;
  /** The payment was imported from existing books (imported rows carry an external id). */
  imported: boolean;
};

export type BooksOfficer = {
  id: number;
  entryIndex: number | null;
  personId: number | null;
  role: string;
  position: string | null;
  termStart: string;
  termEnd: string;
  endedOn: string | null;
  consecutiveTerms: number;
  name: string;
  nationalCode: string | null;
  mobile: string | null;
  iban: string | null;
  address: string | null;
};

export type BooksMember = {
  memberNo: string;
  entryIndex: number | null;
  personId: number | null;
  name: string;
  shares: number;
  leftOn: string | null;
};

export type BooksDeclaration = {
  officerId: number;
  kind: string;
  relation: string;
  personNationalCode: string | null;
  personName: string | null;
  companyLegalId: string | null;
  companyName: string | null;
};

/** Everything the rules read about one cooperative, loaded in a few queries. */
export type CooperativeBooks = {
  coop: {
    id: number;
    legalId: string | null;
    name: string;
    status: string;
    provinceId: number;
    countyId: number;
    fieldCode: string;
    memberCount: number;
    capitalRials: number;
    fiscalYearEndMonth: number;
  };
  today: string;
  settings: StatutorySettings;
  obligations: Obligation[];
  officers: BooksOfficer[];
  members: BooksMember[];
  declarations: BooksDeclaration[];
  payments: BooksPayment[];
  /** Shares held per member number after every share movement. */
  sharesByMember: Map<string, number>;
  /** Official holidays (YYYY-MM-DD) in the period the payments cover. */
  holidays: ReadonlySet<string>;
  /** Across cooperatives, for this cooperative's people and payees only. */
  network: {
    /** person id of a current officer here → cooperatives where they hold a current office (this one included). */
    officerCooperatives: Map<number, number>;
    /** payee key (`iban:…`, `nc:…`, `legal:…`) → cooperatives that paid it (this one included). */
    payeeCooperatives: Map<string, number>;
    /**
     * payee key → unrelated groups among the cooperatives that paid it (this one included): a
     * union, its member cooperatives and cooperatives that are members of one another count once.
     */
    payeeUnrelatedCooperatives: Map<string, number>;
    /**
     * person id of a current officer here → how many OTHER cooperatives have a current officer or
     * a payee who shares one of this officer's mobile, IBAN or address (another person, or a
     * payment into this officer's IBAN).
     */
    sharedContacts: Map<number, number>;
  };
};

/** A rule of the catalogue. `thresholds` is a zod object with defaults: its parse of `{}` is the default. */
export type Rule<T extends Record<string, unknown> = Record<string, unknown>> = {
  id: string;
  category: RuleCategory;
  severity: Severity;
  /** Shown on the public profile (governance facts of the public register), or members-only. */
  public: boolean;
  title: Bilingual;
  /** The explanation, with `{name}` placeholders filled from the finding's params. */
  explanation: Bilingual;
  /** The legal basis or the rationale. */
  basis: Bilingual;
  thresholds: z.ZodType<T>;
  evaluate(books: CooperativeBooks, thresholds: T): Finding[];
};

/** Fills `{name}` placeholders; numbers are left as digits for the caller to format. */
export function fillTemplate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

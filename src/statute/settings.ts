/**
 * Statutory numbers of the cooperative law, as configuration with defaults: the law has been
 * amended several times and a cooperative's bylaws may differ. Each field names its source in
 * /work/shared/research/domain.md and its certainty: [V] read verbatim, [S] secondary source,
 * [U] uncertain or conflicting, [I] our own inference.
 */

/** A fraction in (0, 1], kept as integers so thresholds like 1/3 and 2/3 stay exact. */
export type Fraction = { readonly numerator: number; readonly denominator: number };

/** How a fractional seat count is rounded to whole seats. */
export type SeatRounding = 'floor' | 'ceil';

/** The statutory parameters the software enforces or flags. */
export type StatutorySettings = {
  /** Minimum members to form and keep a cooperative. [V] §1.2 (qazvin.mcls.gov.ir FAQ). */
  readonly minMembers: number;
  /** Fewest principal board members. [V] §1.4 Board, Art. 36 (insabt.ir). */
  readonly boardPrincipalsMin: number;
  /** Most principal board members before the large-cooperative extra seats. [V] §1.4 Board, Art. 36. */
  readonly boardPrincipalsMax: number;
  /** Alternates allowed, as a fraction of the principals ("up to 1/3"). [V] §1.4 Board, Art. 36. */
  readonly boardAlternatesFraction: Fraction;
  /**
   * Rounding of principals × boardAlternatesFraction. [I] The text says "up to 1/3" without a
   * rounding rule; 'ceil' (5 principals → 2 alternates) is the lenient reading, so a red flag for
   * too many alternates is never raised on a board the other reading allows.
   */
  readonly boardAlternatesRounding: SeatRounding;
  /**
   * Members per extra seat: 1 principal and 1 alternate for every this many members beyond the
   * base. [V] §1.4 Board (insabt.ir); that the base is the first this-many members is [I].
   */
  readonly boardExtraPerMembers: number;
  /** Most board seats, principals plus alternates, extra seats included. [V] §1.4 Board (insabt.ir). */
  readonly boardTotalMax: number;
  /** Board term in years. [V] §1.4 Board (mlm.niloblog); [U] one summary says 2 years. */
  readonly boardTermYears: number;
  /** Most consecutive board terms without the supermajority below. [V] mlm.niloblog; [U] on the article. */
  readonly maxConsecutiveBoardTerms: number;
  /** Share of the votes of ALL members that lifts the consecutive-term limit (2/3). [V]/[U] as above. */
  readonly consecutiveTermSupermajority: Fraction;
  /** Inspector term in fiscal years. [V] §1.4 Inspectors (model statute); [U] one summary says 2 years. */
  readonly inspectorTermFiscalYears: number;
  /** The annual ordinary assembly is held within this many months after fiscal-year end. [V] Art. 33. */
  readonly annualAssemblyMonthsAfterFyEnd: number;
  /** The annual assembly's invitation is published within this many months after FY end. [V] 1387 reg. Art. 1. */
  readonly annualInvitationMonthsAfterFyEnd: number;
  /** An electoral assembly's invitation is published at least this many months before the term ends. [V] 1387 reg. Art. 1. */
  readonly electoralInvitationMonthsBeforeTermEnd: number;
  /** The board invites within this many months of a valid request for an assembly. [V] 1387 reg. Art. 1. */
  readonly requestedAssemblyInvitationMonths: number;
  /** Share of members who may require an ordinary assembly (1/5). [V] 1387 reg. Art. 1. */
  readonly ordinaryAssemblyRequestFraction: Fraction;
  /** Share of members who may require an extraordinary assembly (1/3). [V] 1387 reg. Art. 1. */
  readonly extraordinaryAssemblyRequestFraction: Fraction;
  /** Members are notified of assembly decisions within this many days. [V] §1.4 GA (ccpr.biz). */
  readonly decisionNoticeDays: number;
  /** The inspectors' report is at the cooperative at least this many days before the annual assembly. [V] ccpr.biz. */
  readonly inspectorReportDaysBeforeAssembly: number;
  /**
   * The board gives the financial statements to the inspector at least this many days before the
   * annual assembly. [I] No source in domain.md; 20 days by analogy with Commercial Code Art. 232.
   */
  readonly financialStatementsDaysBeforeAssembly: number;
  /** The board calls in alternate inspectors within this many days of a vacancy. [V] §1.4 Inspectors (takbook). */
  readonly inspectorVacancyCallDays: number;
  /** Share of the capital paid before registration (1/3). [V] §1.2 Art. 21 (ilawyou.ir; ministry page). */
  readonly minPaidCapitalFraction: Fraction;
  /** With MORE than this many members, invitations and decisions go in a newspaper. [V] ccpr.biz item 7. */
  readonly newspaperMembersThreshold: number;
  /** With MORE than this many members, a two-stage assembly is allowed. [V] vindad p5345. */
  readonly twoStageAssemblyMembersThreshold: number;
  /** Largest share of the capital one member may hold (30%). [U] one secondary source (companyhelp.ir). */
  readonly memberShareCapFraction: Fraction;
  /** Proxy votes a member may carry besides their own. [U]/[I] unverified recollection of the 1387 regulation. */
  readonly proxyVotesPerMember: number;
  /** Least share of net profit put to the legal reserve each year (5%). [S]/[U] §1.5 (roshd encyclopedia). */
  readonly legalReserveMinFraction: Fraction;
  /** The legal reserve stays compulsory until it reaches this share of the 3-year average capital (1/4). [S]/[U] §1.5. */
  readonly legalReserveCapFraction: Fraction;
  /** Jalali month with which the fiscal year ends (12 = Esfand). DESIGN.md "Data" → Time; bylaws may differ. */
  readonly fiscalYearEndMonth: number;
  /**
   * A live payment above this many rials must cite a recorded resolution of the board or the
   * assembly. [I] Separation of duties as a bylaw setting (issue #4); no statutory figure.
   */
  readonly paymentResolutionAboveRials: number;
  /** Payments above this many rials need board sign-offs before they count as approved. [I] As above. */
  readonly paymentSignOffAboveRials: number;
  /** Board sign-offs (never the payment's author) a payment above the threshold needs. [I] As above. */
  readonly paymentSignOffs: number;
};

const fraction = (numerator: number, denominator: number): Fraction =>
  Object.freeze({ numerator, denominator });

/** The national defaults, before any override by the ministry or a cooperative's bylaws. */
export const DEFAULT_STATUTORY_SETTINGS: StatutorySettings = Object.freeze({
  minMembers: 7,
  boardPrincipalsMin: 3,
  boardPrincipalsMax: 7,
  boardAlternatesFraction: fraction(1, 3),
  boardAlternatesRounding: 'ceil',
  boardExtraPerMembers: 400,
  boardTotalMax: 15,
  boardTermYears: 3,
  maxConsecutiveBoardTerms: 2,
  consecutiveTermSupermajority: fraction(2, 3),
  inspectorTermFiscalYears: 1,
  annualAssemblyMonthsAfterFyEnd: 4,
  annualInvitationMonthsAfterFyEnd: 2,
  electoralInvitationMonthsBeforeTermEnd: 2,
  requestedAssemblyInvitationMonths: 1,
  ordinaryAssemblyRequestFraction: fraction(1, 5),
  extraordinaryAssemblyRequestFraction: fraction(1, 3),
  decisionNoticeDays: 15,
  inspectorReportDaysBeforeAssembly: 10,
  financialStatementsDaysBeforeAssembly: 20,
  inspectorVacancyCallDays: 10,
  minPaidCapitalFraction: fraction(1, 3),
  newspaperMembersThreshold: 100,
  twoStageAssemblyMembersThreshold: 500,
  memberShareCapFraction: fraction(3, 10),
  proxyVotesPerMember: 3,
  legalReserveMinFraction: fraction(5, 100),
  legalReserveCapFraction: fraction(1, 4),
  fiscalYearEndMonth: 12,
  paymentResolutionAboveRials: 500_000_000,
  paymentSignOffAboveRials: 1_000_000_000,
  paymentSignOffs: 2,
});

import {
  addDays,
  addJalaliMonths,
  daysBetween,
  fiscalYearEndOn,
  fiscalYearOf,
  type IsoDate,
} from '../calendar/index.ts';
import type { StatutorySettings } from '../statute/index.ts';

/** The statutory duties the registry tracks, each with a due date and an explicit overdue flag. */
export type ObligationKind =
  | 'annual_assembly_invitation'
  | 'annual_assembly'
  | 'financial_statements'
  | 'inspector_report'
  | 'electoral_assembly_invitation';

export type Obligation = {
  kind: ObligationKind;
  /** The Jalali fiscal year the duty belongs to (null for the electoral invitation). */
  fiscalYear: number | null;
  dueOn: IsoDate;
  doneOn: IsoDate | null;
  /** Not done and the due date has passed (Companies House's `overdue`). */
  overdue: boolean;
  /** Done after the due date. */
  late: boolean;
  /** Days from today to the due date (negative once past). */
  daysLeft: number;
};

export type ObligationsInput = {
  status: string;
  registeredOn: IsoDate | null;
  fiscalYearEndMonth: number;
  assemblies: Array<{
    kind: string;
    fiscalYear: number | null;
    invitationPublishedOn: IsoDate | null;
    heldOn: IsoDate | null;
    electionsHeld: boolean;
  }>;
  filings: Array<{ kind: string; fiscalYear: number | null; filedOn: IsoDate }>;
  officers: Array<{ role: string; termStart: IsoDate; termEnd: IsoDate; endedOn: IsoDate | null }>;
};

/** Statuses in which a cooperative owes annual assemblies and filings. */
const FUNCTIONING = new Set(['active', 'inactive', 'dissolving']);

/** How many ended fiscal years the registry looks back over. */
export const OBLIGATION_HISTORY_YEARS = 3;

/**
 * Computes a cooperative's obligations for its last ended fiscal years and its board's term, from
 * the statutory settings (research/domain.md §1.4):
 * - the annual ordinary assembly within `annualAssemblyMonthsAfterFyEnd` of the fiscal-year end;
 * - its invitation within `annualInvitationMonthsAfterFyEnd`;
 * - the financial statements and the inspector's report, `…DaysBeforeAssembly` before the
 *   assembly as held (or, until it is held, before its due date);
 * - the electoral assembly's invitation `electoralInvitationMonthsBeforeTermEnd` before the
 *   current board's term ends.
 * Month arithmetic is Jalali with the end-of-month rule; "today" is the Asia/Tehran date.
 */
export function computeObligations(
  input: ObligationsInput,
  settings: StatutorySettings,
  today: IsoDate,
): Obligation[] {
  if (!FUNCTIONING.has(input.status) || input.registeredOn === null) return [];
  const endMonth = input.fiscalYearEndMonth;
  const firstYear = fiscalYearOf(input.registeredOn, endMonth);
  const currentYear = fiscalYearOf(today, endMonth);
  const obligations: Obligation[] = [];
  const make = (kind: ObligationKind, fiscalYear: number | null, dueOn: IsoDate, doneOn: IsoDate | null) =>
    obligations.push({
      kind,
      fiscalYear,
      dueOn,
      doneOn,
      overdue: doneOn === null && today > dueOn,
      late: doneOn !== null && doneOn > dueOn,
      daysLeft: daysBetween(today, dueOn),
    });

  for (let fy = Math.max(firstYear, currentYear - OBLIGATION_HISTORY_YEARS); fy < currentYear; fy++) {
    const fyEnd = fiscalYearEndOn(fy, endMonth);
    const annual = input.assemblies
      .filter((a) => a.kind === 'ordinary' && a.fiscalYear === fy)
      .sort((a, b) => (a.heldOn ?? '9999').localeCompare(b.heldOn ?? '9999'));
    const held = annual.find((a) => a.heldOn !== null)?.heldOn ?? null;
    const invited =
      annual
        .map((a) => a.invitationPublishedOn)
        .filter((d): d is IsoDate => d !== null)
        .sort()[0] ?? null;
    const assemblyDue = addJalaliMonths(fyEnd, settings.annualAssemblyMonthsAfterFyEnd);
    const assemblyDay = held ?? assemblyDue;
    const filed = (kind: string) =>
      input.filings
        .filter((f) => f.kind === kind && f.fiscalYear === fy)
        .map((f) => f.filedOn)
        .sort()[0] ?? null;

    make(
      'annual_assembly_invitation',
      fy,
      addJalaliMonths(fyEnd, settings.annualInvitationMonthsAfterFyEnd),
      invited,
    );
    make(
      'financial_statements',
      fy,
      addDays(assemblyDay, -settings.financialStatementsDaysBeforeAssembly),
      filed('annual_statements'),
    );
    make(
      'inspector_report',
      fy,
      addDays(assemblyDay, -settings.inspectorReportDaysBeforeAssembly),
      filed('inspector_report'),
    );
    make('annual_assembly', fy, assemblyDue, held);
  }

  const boardEnd = currentBoardTermEnd(input.officers);
  if (boardEnd !== null) {
    const dueOn = addJalaliMonths(boardEnd, -settings.electoralInvitationMonthsBeforeTermEnd);
    // An invitation counts if it was published for an assembly that elects (or is still to be
    // held) within the last board-term-length window before the term's end.
    const windowStart = addJalaliMonths(boardEnd, -12 * settings.boardTermYears);
    const invited =
      input.assemblies
        .filter((a) => (a.electionsHeld || a.heldOn === null) && a.invitationPublishedOn !== null)
        .map((a) => a.invitationPublishedOn as IsoDate)
        .filter((d) => d > windowStart && d <= boardEnd)
        .sort()[0] ?? null;
    make('electoral_assembly_invitation', null, dueOn, invited);
  }

  return obligations.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.kind.localeCompare(b.kind));
}

/** The end of the current board's term: the latest term end among principals still in office. */
export function currentBoardTermEnd(officers: ObligationsInput['officers']): IsoDate | null {
  const ends = officers
    .filter((o) => o.role === 'board_principal' && o.endedOn === null)
    .map((o) => o.termEnd);

  return ends.length === 0 ? null : (ends.sort().at(-1) ?? null);
}

/** The compliance summary shown on the public profile. */
export type HealthCard = {
  lastAnnualAssemblyOn: IsoDate | null;
  lastElectionOn: IsoDate | null;
  boardTermEndsOn: IsoDate | null;
  boardTermDaysLeft: number | null;
  obligationsDue: number;
  obligationsOverdue: number;
  filingsOnTime: number;
  filingsLate: number;
};

/** Summarises obligations and governance history into the profile's health card. */
export function computeHealthCard(
  input: ObligationsInput,
  obligations: Obligation[],
  today: IsoDate,
): HealthCard {
  const latest = (dates: Array<IsoDate | null>) =>
    dates
      .filter((d): d is IsoDate => d !== null)
      .sort()
      .at(-1) ?? null;
  const boardEnd = currentBoardTermEnd(input.officers);
  const done = obligations.filter((o) => o.doneOn !== null);

  return {
    lastAnnualAssemblyOn: latest(input.assemblies.filter((a) => a.kind === 'ordinary').map((a) => a.heldOn)),
    lastElectionOn: latest(input.assemblies.filter((a) => a.electionsHeld).map((a) => a.heldOn)),
    boardTermEndsOn: boardEnd,
    boardTermDaysLeft: boardEnd === null ? null : daysBetween(today, boardEnd),
    obligationsDue: obligations.filter((o) => o.doneOn === null && !o.overdue).length,
    obligationsOverdue: obligations.filter((o) => o.overdue).length,
    filingsOnTime: done.filter((o) => !o.late).length,
    filingsLate: done.filter((o) => o.late).length,
  };
}

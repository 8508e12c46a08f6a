import type { ObligationsInput } from './obligations.ts';

type CooperativeFacts = { status: string; registered_on: string | null; fiscal_year_end_month: number };
type AssemblyFacts = {
  kind: string;
  fiscal_year: number | null;
  invitation_published_on: string | null;
  held_on: string | null;
  elections_held: number;
};
type FilingFacts = { kind: string; fiscal_year: number | null; filed_on: string };
type OfficerFacts = { role: string; term_start: string; term_end: string; ended_on: string | null };

/** Maps stored rows to the input of `computeObligations` (one definition for profile and lists). */
export function obligationsInputOf(
  coop: CooperativeFacts,
  assemblies: AssemblyFacts[],
  filings: FilingFacts[],
  officers: OfficerFacts[],
): ObligationsInput {
  return {
    status: coop.status,
    registeredOn: coop.registered_on,
    fiscalYearEndMonth: coop.fiscal_year_end_month,
    assemblies: assemblies.map((a) => ({
      kind: a.kind,
      fiscalYear: a.fiscal_year,
      invitationPublishedOn: a.invitation_published_on,
      heldOn: a.held_on,
      electionsHeld: a.elections_held === 1,
    })),
    filings: filings.map((f) => ({ kind: f.kind, fiscalYear: f.fiscal_year, filedOn: f.filed_on })),
    officers: officers.map((o) => ({
      role: o.role,
      termStart: o.term_start,
      termEnd: o.term_end,
      endedOn: o.ended_on,
    })),
  };
}

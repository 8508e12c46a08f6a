import { daysBetween } from '../calendar/index.ts';
import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import { notFound } from '../errors/app-error.ts';
import * as governance from '../governance/governance.repository.ts';
import {
  computeHealthCard,
  computeObligations,
  type HealthCard,
  type Obligation,
} from '../governance/obligations.ts';
import { obligationsInputOf } from '../governance/obligations-input.ts';
import {
  ASSEMBLY_KIND_LABELS,
  type AssemblyKind,
  BOARD_POSITION_LABELS,
  type BoardPosition,
  FILING_KIND_LABELS,
  type FilingKind,
  OFFICER_ROLE_LABELS,
  type OfficerRole,
} from '../governance/vocabulary.ts';
import { resolveStatutorySettings, type StatutorySettings } from '../statute/index.ts';
import type { Coded, CooperativeSummary } from './registry.presenter.ts';
import { presentCooperativeSummary } from './registry.presenter.ts';
import * as repo from './registry.repository.ts';

export type PublicOfficer = {
  name: string;
  role: Coded;
  position: Coded | null;
  termStart: string;
  termEnd: string;
  daysLeft: number;
  termExpired: boolean;
  acceptedOn: string | null;
  consecutiveTerms: number;
};

export type FilingHistoryItem = {
  kind: 'filing' | 'assembly';
  type: Coded;
  fiscalYear: number | null;
  date: string | null;
  description: string | null;
};

export type CooperativeProfile = CooperativeSummary & {
  address: string | null;
  postalCode: string | null;
  fiscalYearEndMonth: number;
  paidCapitalRials: number | null;
  statusChangedOn: string;
  officers: PublicOfficer[];
  obligations: Array<Obligation & { name: { fa: string; en: string } }>;
  healthCard: HealthCard;
  filingHistory: FilingHistoryItem[];
};

const OBLIGATION_LABELS: Record<Obligation['kind'], { fa: string; en: string }> = {
  annual_assembly_invitation: {
    fa: 'دعوت مجمع عمومی عادی سالانه',
    en: 'Invitation to the annual ordinary assembly',
  },
  annual_assembly: { fa: 'برگزاری مجمع عمومی عادی سالانه', en: 'Annual ordinary general assembly' },
  financial_statements: { fa: 'صورت‌های مالی سالانه', en: 'Annual financial statements' },
  inspector_report: { fa: 'گزارش بازرس', en: "Inspector's report" },
  electoral_assembly_invitation: {
    fa: 'دعوت مجمع انتخاب هیئت‌مدیره',
    en: 'Invitation to the assembly electing the board',
  },
};

/** Finds a cooperative by its 11-digit legal national ID or, for one not yet registered, its id. */
export async function findCooperativeByKey(db: Executor, key: string) {
  if (/^\d{11}$/.test(key)) return repo.findCooperativeByLegalId(db, key);
  if (/^\d{1,10}$/.test(key)) return repo.findCooperativeById(db, Number(key));

  return undefined;
}

/** The statutory settings in force for one cooperative: national settings overridden by its bylaws. */
export function settingsFor(ctx: Pick<Context, 'statute'>, bylaws: string | null): StatutorySettings {
  return bylaws ? resolveStatutorySettings(ctx.statute, JSON.parse(bylaws)) : ctx.statute;
}

/**
 * Use case: the public profile — status, current officers with days left in their terms,
 * obligations with due dates and overdue flags, the compliance health card, the filing history.
 * Carries no national code, phone, IBAN or address of any natural person.
 */
export async function getCooperativeProfile(ctx: Context, key: string): Promise<CooperativeProfile> {
  const coop = await findCooperativeByKey(ctx.db, key);
  if (!coop) throw notFound({ fa: 'تعاونی پیدا نشد', en: 'Cooperative not found' });
  const [officers, assemblies, filings] = await Promise.all([
    governance.listOfficers(ctx.db, coop.id),
    governance.listAssemblies(ctx.db, coop.id),
    governance.listFilings(ctx.db, coop.id),
  ]);
  const today = ctx.clock.today();
  const input = obligationsInputOf(coop, assemblies, filings, officers);
  const obligations = computeObligations(input, settingsFor(ctx, coop.bylaws), today);

  return {
    ...presentCooperativeSummary(ctx, coop),
    address: coop.address,
    postalCode: coop.postal_code,
    fiscalYearEndMonth: coop.fiscal_year_end_month,
    paidCapitalRials: coop.paid_capital_rials === null ? null : Number(coop.paid_capital_rials),
    statusChangedOn: coop.status_changed_on,
    officers: officers
      .filter((o) => o.ended_on === null)
      .map((o) => ({
        name: o.entity_name ?? `${o.first_name ?? ''} ${o.last_name ?? ''}`.trim(),
        role: { code: o.role, name: OFFICER_ROLE_LABELS[o.role as OfficerRole] },
        position: o.position
          ? { code: o.position, name: BOARD_POSITION_LABELS[o.position as BoardPosition] }
          : null,
        termStart: o.term_start,
        termEnd: o.term_end,
        daysLeft: daysBetween(today, o.term_end),
        termExpired: o.term_end < today,
        acceptedOn: o.accepted_on,
        consecutiveTerms: o.consecutive_terms,
      })),
    obligations: obligations.map((o) => ({ ...o, name: OBLIGATION_LABELS[o.kind] })),
    healthCard: computeHealthCard(input, obligations, today),
    filingHistory: filingHistory(assemblies, filings),
  };
}

function filingHistory(
  assemblies: Awaited<ReturnType<typeof governance.listAssemblies>>,
  filings: Awaited<ReturnType<typeof governance.listFilings>>,
): FilingHistoryItem[] {
  const items: FilingHistoryItem[] = [
    ...filings.map((f) => ({
      kind: 'filing' as const,
      type: { code: f.kind, name: FILING_KIND_LABELS[f.kind as FilingKind] },
      fiscalYear: f.fiscal_year,
      date: f.filed_on,
      description: f.description,
    })),
    ...assemblies.map((a) => ({
      kind: 'assembly' as const,
      type: { code: a.kind, name: ASSEMBLY_KIND_LABELS[a.kind as AssemblyKind] },
      fiscalYear: a.fiscal_year,
      date: a.held_on ?? a.invitation_published_on,
      description: null,
    })),
  ];

  return items.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
}

/** Use case: the filing history alone (filings and assemblies, newest first). */
export async function getFilingHistory(ctx: Context, key: string): Promise<FilingHistoryItem[]> {
  const coop = await findCooperativeByKey(ctx.db, key);
  if (!coop) throw notFound({ fa: 'تعاونی پیدا نشد', en: 'Cooperative not found' });
  const [assemblies, filings] = await Promise.all([
    governance.listAssemblies(ctx.db, coop.id),
    governance.listFilings(ctx.db, coop.id),
  ]);

  return filingHistory(assemblies, filings);
}

import type { Context } from '../context/context.ts';
import { computeObligations } from '../governance/obligations.ts';
import { obligationsInputOf } from '../governance/obligations-input.ts';
import { resolveStatutorySettings } from '../statute/index.ts';
import { holidaysBetween } from './holidays.ts';
import * as repo from './monitoring.repository.ts';
import type { CooperativeBooks } from './rule.ts';

const nameOf = (r: { first_name: string | null; last_name: string | null; entity_name: string | null }) =>
  r.entity_name ?? `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim();

/** Loads everything the rules read about one cooperative; null when there is no such cooperative. */
export async function loadCooperativeBooks(
  ctx: Context,
  cooperativeId: number,
): Promise<CooperativeBooks | null> {
  const db = ctx.db;
  const coop = await repo.findCooperativeFacts(db, cooperativeId);
  if (!coop) return null;
  const today = ctx.clock.today();
  const settings = coop.bylaws ? resolveStatutorySettings(ctx.statute, JSON.parse(coop.bylaws)) : ctx.statute;
  const [entries, officers, members, declarations, assemblies, filings, payments, moves] = await Promise.all([
    repo.entryIndexBySubject(db, cooperativeId),
    repo.listOfficersWithContacts(db, cooperativeId),
    repo.listMembersWithNames(db, cooperativeId),
    repo.listDeclarations(db, cooperativeId),
    repo.listAssemblyFacts(db, cooperativeId),
    repo.listFilingFacts(db, cooperativeId),
    repo.listPaymentsWithApprovalCounts(db, cooperativeId),
    repo.listShareMovements(db, cooperativeId),
  ]);
  const obligations = computeObligations(
    obligationsInputOf(coop, assemblies, filings, officers),
    settings,
    today,
  );
  const sharesByMember = new Map(
    members.filter((m) => m.left_on === null).map((m) => [m.member_no, m.shares]),
  );
  for (const m of moves) {
    const own = sharesByMember.get(m.member_no) ?? 0;
    if (m.kind === 'subscribe') sharesByMember.set(m.member_no, own + m.shares);
    else if (m.kind === 'redeem') sharesByMember.set(m.member_no, own - m.shares);
    else if (m.kind === 'exit') sharesByMember.delete(m.member_no);
    else if (m.kind === 'transfer' && m.counterpart_member_no) {
      sharesByMember.set(m.member_no, own - m.shares);
      sharesByMember.set(
        m.counterpart_member_no,
        (sharesByMember.get(m.counterpart_member_no) ?? 0) + m.shares,
      );
    }
  }
  const currentOfficers = officers.filter((o) => o.ended_on === null && o.term_end >= today);
  const personIds = [
    ...new Set(currentOfficers.map((o) => o.person_id).filter((id): id is number => id !== null)),
  ];
  const outgoing = payments.filter((p) => p.direction === 'payment');
  const [offices, payers] = await Promise.all([
    repo.countOfficesOfPeople(db, personIds, today),
    repo.countPayersOfPayees(db, {
      ibans: [...new Set(outgoing.map((p) => p.iban).filter((v): v is string => v !== null))],
      nationalCodes: [
        ...new Set(outgoing.map((p) => p.party_national_code).filter((v): v is string => v !== null)),
      ],
      legalIds: [...new Set(outgoing.map((p) => p.party_legal_id).filter((v): v is string => v !== null))],
    }),
  ]);
  const payeeCooperatives = new Map<string, number>([
    ...payers.ibans.map((r) => [`iban:${r.value}`, Number(r.n)] as const),
    ...payers.nationalCodes.map((r) => [`nc:${r.value}`, Number(r.n)] as const),
    ...payers.legalIds.map((r) => [`legal:${r.value}`, Number(r.n)] as const),
  ]);
  const dates = payments.map((p) => p.paid_on).sort();

  return {
    coop: {
      id: coop.id,
      legalId: coop.legal_id,
      name: coop.name,
      status: coop.status,
      provinceId: coop.province_id,
      countyId: coop.county_id,
      fieldCode: coop.field_code,
      memberCount: coop.member_count,
      capitalRials: Number(coop.capital_rials),
      fiscalYearEndMonth: coop.fiscal_year_end_month,
    },
    today,
    settings,
    obligations,
    officers: officers.map((o) => ({
      id: o.id,
      entryIndex: entries.get(`officer:${o.id}`) ?? null,
      personId: o.person_id,
      role: o.role,
      position: o.position,
      termStart: o.term_start,
      termEnd: o.term_end,
      endedOn: o.ended_on,
      consecutiveTerms: o.consecutive_terms,
      name: nameOf(o),
      nationalCode: o.national_code,
      mobile: o.mobile,
      iban: o.iban,
      address: o.address,
    })),
    members: members.map((m) => ({
      memberNo: m.member_no,
      entryIndex: entries.get(`membership:${m.id}`) ?? null,
      personId: m.person_id,
      name: nameOf(m),
      shares: m.shares,
      leftOn: m.left_on,
    })),
    declarations: declarations.map((d) => ({
      officerId: d.officer_id,
      kind: d.kind,
      relation: d.relation,
      personNationalCode: d.person_national_code,
      personName: d.person_name,
      companyLegalId: d.company_legal_id,
      companyName: d.company_name,
    })),
    payments: payments.map((p) => ({
      id: p.id,
      entryIndex: entries.get(`payment:${p.id}`) ?? null,
      externalId: p.external_id,
      direction: p.direction,
      partyKind: p.party_kind,
      partyName: p.party_name,
      partyNationalCode: p.party_national_code,
      partyLegalId: p.party_legal_id,
      iban: p.iban,
      amountRials: Number(p.amount_rials),
      paidOn: p.paid_on,
      category: p.category,
      invoiceRef: p.invoice_ref,
      budgetLine: p.budget_line,
      contractId: p.contract_id,
      resolutionId: p.resolution_id,
      resolutionRef: p.resolution_ref,
      requiredApprovals: p.required_approvals,
      approvals: Number(p.approvals),
      recordedOn: p.recorded_on,
      imported: p.external_id !== null,
    })),
    sharesByMember,
    holidays: holidaysBetween(dates[0] ?? today, dates[dates.length - 1] ?? today),
    network: {
      officerCooperatives: new Map(offices.map((o) => [o.person_id as number, Number(o.n)])),
      payeeCooperatives,
    },
  };
}

import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import { computeObligations } from '../governance/obligations.ts';
import { obligationsInputOf } from '../governance/obligations-input.ts';
import { resolveStatutorySettings } from '../statute/index.ts';
import { holidaysBetween } from './holidays.ts';
import * as repo from './monitoring.repository.ts';
import type { CooperativeBooks } from './rule.ts';

const nameOf = (r: { first_name: string | null; last_name: string | null; entity_name: string | null }) =>
  r.entity_name ?? `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim();

const distinct = (values: Array<string | null>) => [
  ...new Set(values.filter((v): v is string => v !== null && v !== '')),
];

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
  const currentOfficers = officers.filter(
    (o) => o.ended_on === null && o.term_start <= today && o.term_end >= today,
  );
  const personIds = [
    ...new Set(currentOfficers.map((o) => o.person_id).filter((id): id is number => id !== null)),
  ];
  const outgoing = payments.filter((p) => p.direction === 'payment');
  const [offices, payees, sharedContacts] = await Promise.all([
    repo.countOfficesOfPeople(db, personIds, today),
    loadPayeeNetwork(db, {
      ibans: distinct(outgoing.map((p) => p.iban)),
      nationalCodes: distinct(outgoing.map((p) => p.party_national_code)),
      legalIds: distinct(outgoing.map((p) => p.party_legal_id)),
    }),
    loadSharedContacts(db, cooperativeId, currentOfficers, today),
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
      payeeCooperatives: payees.payers,
      payeeUnrelatedCooperatives: payees.unrelated,
      sharedContacts,
    },
  };
}

/**
 * Per payee key of this cooperative (`iban:…`, `nc:…`, `legal:…`): how many cooperatives paid it,
 * and how many unrelated groups they form. Cooperatives are related when one is a member of the
 * other or both are members of the same cooperative (a union): one level of membership, read for
 * the payers of payees paid by more than one cooperative only.
 */
async function loadPayeeNetwork(
  db: Executor,
  keys: { ibans: string[]; nationalCodes: string[]; legalIds: string[] },
): Promise<{ payers: Map<string, number>; unrelated: Map<string, number> }> {
  const rows = await repo.listPayersOfPayees(db, keys);
  const asked = {
    iban: new Set(keys.ibans),
    nc: new Set(keys.nationalCodes),
    legal: new Set(keys.legalIds),
  };
  const byKey = new Map<string, Set<number>>();
  const add = (kind: keyof typeof asked, value: string | null, cooperativeId: number) => {
    if (value === null || !asked[kind].has(value)) return;
    const key = `${kind}:${value}`;
    const set = byKey.get(key) ?? new Set<number>();
    set.add(cooperativeId);
    byKey.set(key, set);
  };
  for (const r of rows) {
    add('iban', r.iban, r.cooperative_id);
    add('nc', r.party_national_code, r.cooperative_id);
    add('legal', r.party_legal_id, r.cooperative_id);
  }
  const shared = [...new Set([...byKey.values()].filter((s) => s.size > 1).flatMap((s) => [...s]))];
  const links = await repo.listMembershipLinksOf(db, shared);
  const parent = new Map<number, number>();
  const find = (id: number): number => {
    let root = id;
    while (parent.has(root)) root = parent.get(root) as number;
    if (root !== id) parent.set(id, root);
    return root;
  };
  for (const l of links) {
    if (l.member === null) continue;
    const [a, b] = [find(l.member), find(l.parent)];
    if (a !== b) parent.set(a, b);
  }
  const payers = new Map<string, number>();
  const unrelated = new Map<string, number>();
  for (const [key, set] of byKey) {
    payers.set(key, set.size);
    unrelated.set(key, new Set([...set].map(find)).size);
  }

  return { payers, unrelated };
}

/**
 * Per current officer here (by person id): how many OTHER cooperatives have a current officer who
 * is another person sharing this officer's mobile, IBAN or address, or paid a payee who is such a
 * person or into this officer's IBAN (payments to the officer themself are not counted). Values
 * are matched as stored: mobiles and IBANs in their canonical form, addresses after
 * `normalizeText` (the validation layer's), so «خ. آزادی» and «خیابان آزادی» do not match.
 */
async function loadSharedContacts(
  db: Executor,
  cooperativeId: number,
  currentOfficers: Array<{
    person_id: number | null;
    national_code: string | null;
    mobile: string | null;
    iban: string | null;
    address: string | null;
  }>,
  today: string,
): Promise<Map<number, number>> {
  const people = new Map<number, (typeof currentOfficers)[number]>();
  for (const o of currentOfficers) {
    if (o.person_id !== null && !people.has(o.person_id) && (o.mobile || o.iban || o.address))
      people.set(o.person_id, o);
  }
  const officers = [...people.entries()];
  const sharers = await repo.findPersonsByContacts(db, {
    mobiles: distinct(officers.map(([, o]) => o.mobile)),
    ibans: distinct(officers.map(([, o]) => o.iban)),
    addresses: distinct(officers.map(([, o]) => o.address)),
  });
  const same = (a: string | null, b: string | null) => a !== null && a !== '' && a === b;
  const linkedOf = new Map(
    officers.map(([id, o]) => [
      id,
      sharers.filter(
        (p) =>
          p.id !== id && (same(o.mobile, p.mobile) || same(o.iban, p.iban) || same(o.address, p.address)),
      ),
    ]),
  );
  const linked = [...linkedOf.values()].flat();
  if (linked.length === 0 && officers.every(([, o]) => !o.iban)) return new Map();
  const [offices, paid] = await Promise.all([
    repo.listCurrentOfficesOfPeople(db, [...new Set(linked.map((p) => p.id))], today),
    repo.listPaymentsToAccountsElsewhere(db, cooperativeId, {
      ibans: distinct([...officers.map(([, o]) => o.iban), ...linked.map((p) => p.iban)]),
      nationalCodes: distinct(linked.map((p) => p.national_code)),
    }),
  ]);
  const out = new Map<number, number>();
  for (const [id, o] of officers) {
    const mine = linkedOf.get(id) ?? [];
    const ids = new Set(mine.map((p) => p.id));
    const ibans = new Set(distinct([o.iban, ...mine.map((p) => p.iban)]));
    const codes = new Set(mine.map((p) => p.national_code));
    const cooperatives = new Set<number>();
    for (const r of offices) {
      if (r.person_id !== null && ids.has(r.person_id) && r.cooperative_id !== cooperativeId)
        cooperatives.add(r.cooperative_id);
    }
    for (const r of paid) {
      if (r.party_national_code !== null && r.party_national_code === o.national_code) continue;
      if (
        (r.iban !== null && ibans.has(r.iban)) ||
        (r.party_national_code !== null && codes.has(r.party_national_code))
      )
        cooperatives.add(r.cooperative_id);
    }
    if (cooperatives.size > 0) out.set(id, cooperatives.size);
  }

  return out;
}

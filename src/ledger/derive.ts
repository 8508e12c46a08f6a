import type { Executor } from '../db/database.ts';
import * as rows from './derive.repository.ts';
import { type EntryData, type EntryDraft, type EntryKind, type EntryValue, secret } from './entry.ts';

/**
 * How each kind of business row becomes a log entry. The use case that writes a row appends the
 * entry built here, and `taavon ledger verify` builds it again from the row and compares: an
 * edit on either side shows. A subject is `table:id`; `derive` returns null when the row is gone.
 */

type Party = { kind: string; name: string; national_code: string | null; legal_id: string | null };

/**
 * A person is named with a committed national code; a company with its (public) legal ID. The
 * other identifier, normally empty, appears only when a row has it (committed when it is a
 * national code), so every column of the row is in the entry.
 */
function party(p: Party): EntryData {
  return p.kind === 'person'
    ? {
        kind: 'person',
        name: p.name,
        nationalCode: p.national_code === null ? null : secret(p.national_code),
        ...(p.legal_id === null ? {} : { legalId: p.legal_id }),
      }
    : {
        kind: p.kind,
        name: p.name,
        legalId: p.legal_id,
        ...(p.national_code === null ? {} : { nationalCode: secret(p.national_code) }),
      };
}

function holder(r: { national_code: string | null; entity_legal_id: string | null }): EntryData {
  return r.national_code !== null
    ? { kind: 'person', nationalCode: secret(r.national_code) }
    : { kind: 'entity', legalId: r.entity_legal_id };
}

function displayName(r: { first_name: string | null; last_name: string | null; entity_name: string | null }) {
  return r.entity_name ?? `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim();
}

type Deriver = (db: Executor, key: string) => Promise<(EntryDraft & { cooperativeId: number }) | null>;

/** A 0/1 column as a boolean; any other value as itself, so an edited flag still shows. */
function flag(n: number): boolean | number {
  return n === 1 ? true : n === 0 ? false : n;
}

/**
 * A JSON text column as the value it holds. Writers store `JSON.stringify(value)`; text that
 * does not read back to the same bytes (an edit that keeps it valid JSON, or one that breaks it)
 * is kept as `{ unparsed: text }`, so it differs from the entry.
 */
function json(text: string): EntryValue {
  try {
    const value = JSON.parse(text) as EntryValue;
    if (JSON.stringify(value) === text) return value;
  } catch {
    // falls through
  }

  return { unparsed: text };
}

const num = (key: string) => Number(key);

/**
 * Per subject table: the kind its entries have, other kinds a later entry of the same row may
 * have (an officer's row logged again when the office ends), and how to build the entry.
 */
const DERIVERS: Record<string, { kind: EntryKind; alsoKinds?: readonly EntryKind[]; derive: Deriver }> = {
  membership: {
    kind: 'member.admitted',
    derive: async (db, key) => {
      const r = await rows.findMembership(db, num(key));
      if (!r) return null;
      return {
        cooperativeId: r.cooperative_id,
        kind: 'member.admitted',
        subject: `membership:${key}`,
        data: {
          memberNo: r.member_no,
          holder: holder(r),
          joinedOn: r.joined_on,
          leftOn: r.left_on,
          shares: r.shares,
          createdAt: r.created_at,
        },
        labels: { name: displayName(r) },
      };
    },
  },
  officer: {
    kind: 'officer.appointed',
    alsoKinds: ['officer.ended'],
    derive: async (db, key) => {
      const r = await rows.findOfficer(db, num(key));
      if (!r) return null;
      return {
        cooperativeId: r.cooperative_id,
        kind: 'officer.appointed',
        subject: `officer:${key}`,
        data: {
          role: r.role,
          position: r.position,
          holder: holder(r),
          termStart: r.term_start,
          termEnd: r.term_end,
          acceptedOn: r.accepted_on,
          endedOn: r.ended_on,
          consecutiveTerms: r.consecutive_terms,
          createdAt: r.created_at,
        },
        labels: { name: displayName(r) },
      };
    },
  },
  declaration: {
    kind: 'declaration.recorded',
    derive: async (db, key) => {
      const r = await rows.findDeclaration(db, num(key));
      if (!r) return null;
      return {
        cooperativeId: r.cooperative_id,
        kind: 'declaration.recorded',
        subject: `declaration:${key}`,
        data: {
          officerId: r.officer_id,
          kind: r.kind,
          relation: r.relation,
          personName: r.person_name,
          personNationalCode: r.person_national_code === null ? null : secret(r.person_national_code),
          companyName: r.company_name,
          companyLegalId: r.company_legal_id,
          declaredOn: r.declared_on,
          createdAt: r.created_at,
        },
      };
    },
  },
  assembly: {
    kind: 'assembly.recorded',
    derive: async (db, key) => {
      const r = await rows.findAssembly(db, num(key));
      if (!r) return null;
      return {
        cooperativeId: r.cooperative_id,
        kind: 'assembly.recorded',
        subject: `assembly:${key}`,
        data: {
          kind: r.kind,
          fiscalYear: r.fiscal_year,
          callNumber: r.call_number,
          invitationPublishedOn: r.invitation_published_on,
          heldOn: r.held_on,
          electionsHeld: flag(r.elections_held),
          createdAt: r.created_at,
        },
      };
    },
  },
  filing: {
    kind: 'filing.recorded',
    derive: async (db, key) => {
      const r = await rows.findFiling(db, num(key));
      if (!r) return null;
      return {
        cooperativeId: r.cooperative_id,
        kind: 'filing.recorded',
        subject: `filing:${key}`,
        data: {
          kind: r.kind,
          fiscalYear: r.fiscal_year,
          filedOn: r.filed_on,
          assemblyId: r.assembly_id,
          description: r.description,
          createdAt: r.created_at,
        },
      };
    },
  },
  resolution: {
    kind: 'resolution.recorded',
    derive: async (db, key) => {
      const r = await rows.findResolution(db, num(key));
      if (!r) return null;
      return {
        cooperativeId: r.cooperative_id,
        kind: 'resolution.recorded',
        subject: `resolution:${key}`,
        data: {
          body: r.body,
          number: r.number,
          meetingOn: r.meeting_on,
          motion: r.motion,
          outcome: r.outcome,
          attachments: json(r.attachments),
          votes: r.votes.map((v) => ({
            officerId: v.officer_id,
            vote: v.vote,
            conflict: flag(v.conflict),
            conflictNote: v.conflict_note,
          })),
          recordedById: r.recorded_by,
          createdAt: r.created_at,
        },
        labels: {
          directors: r.votes.map((v) => ({ officerId: v.officer_id, name: displayName(v) })),
          recordedBy: await rows.personName(db, r.recorded_by),
        },
      };
    },
  },
  contract: {
    kind: 'contract.recorded',
    derive: async (db, key) => {
      const r = await rows.findContract(db, num(key));
      if (!r) return null;
      return {
        cooperativeId: r.cooperative_id,
        kind: 'contract.recorded',
        subject: `contract:${key}`,
        data: {
          externalId: r.external_id,
          title: r.title,
          party: party({
            kind: r.party_kind,
            name: r.party_name,
            national_code: r.party_national_code,
            legal_id: r.party_legal_id,
          }),
          amountRials: r.amount_rials,
          startsOn: r.starts_on,
          endsOn: r.ends_on,
          resolutionId: r.resolution_id,
          resolutionRef: r.resolution_ref,
          recordedOn: r.recorded_on,
          recordedById: r.recorded_by,
          createdAt: r.created_at,
        },
        labels: { recordedBy: await rows.personName(db, r.recorded_by) },
      };
    },
  },
  payment: {
    kind: 'payment.recorded',
    derive: async (db, key) => {
      const r = await rows.findPayment(db, num(key));
      if (!r) return null;
      const personal = r.party_kind === 'person';
      return {
        cooperativeId: r.cooperative_id,
        kind: 'payment.recorded',
        subject: `payment:${key}`,
        data: {
          externalId: r.external_id,
          direction: r.direction,
          party: party({
            kind: r.party_kind,
            name: r.party_name,
            national_code: r.party_national_code,
            legal_id: r.party_legal_id,
          }),
          iban: r.iban === null ? null : personal ? secret(r.iban) : r.iban,
          amountRials: r.amount_rials,
          paidOn: r.paid_on,
          category: r.category,
          invoiceRef: r.invoice_ref,
          budgetLine: r.budget_line,
          contractId: r.contract_id,
          resolutionId: r.resolution_id,
          resolutionRef: r.resolution_ref,
          requiredApprovals: r.required_approvals,
          recordedOn: r.recorded_on,
          recordedById: r.recorded_by,
          createdAt: r.created_at,
        },
        labels: { recordedBy: await rows.personName(db, r.recorded_by) },
      };
    },
  },
  approval: {
    kind: 'payment.approved',
    derive: async (db, key) => {
      const [paymentId, personId] = key.split('.').map(Number) as [number, number];
      const r = await rows.findApproval(db, paymentId, personId);
      if (!r) return null;
      return {
        cooperativeId: r.cooperative_id,
        kind: 'payment.approved',
        subject: `approval:${key}`,
        data: { paymentId: r.payment_id, approverId: r.person_id, approvedAt: r.approved_at },
        labels: { approver: `${r.first_name} ${r.last_name}` },
      };
    },
  },
  statement: {
    kind: 'statement.recorded',
    derive: async (db, key) => {
      const r = await rows.findStatement(db, num(key));
      if (!r) return null;
      return {
        cooperativeId: r.cooperative_id,
        kind: 'statement.recorded',
        subject: `statement:${key}`,
        data: {
          fiscalYear: r.fiscal_year,
          figures: json(r.figures),
          approvedOn: r.approved_on,
          recordedById: r.recorded_by,
          createdAt: r.created_at,
        },
        labels: { recordedBy: await rows.personName(db, r.recorded_by) },
      };
    },
  },
  inspector_report: {
    kind: 'inspector_report.recorded',
    derive: async (db, key) => {
      const r = await rows.findInspectorReport(db, num(key));
      if (!r) return null;
      return {
        cooperativeId: r.cooperative_id,
        kind: 'inspector_report.recorded',
        subject: `inspector_report:${key}`,
        data: {
          fiscalYear: r.fiscal_year,
          opinion: r.opinion,
          summary: r.summary,
          reportedOn: r.reported_on,
          recordedById: r.recorded_by,
          createdAt: r.created_at,
        },
        labels: { recordedBy: await rows.personName(db, r.recorded_by) },
      };
    },
  },
  share_movement: {
    kind: 'shares.moved',
    derive: async (db, key) => {
      const r = await rows.findShareMovement(db, num(key));
      if (!r) return null;
      return {
        cooperativeId: r.cooperative_id,
        kind: 'shares.moved',
        subject: `share_movement:${key}`,
        data: {
          memberNo: r.member_no,
          kind: r.kind,
          shares: r.shares,
          amountRials: r.amount_rials,
          movedOn: r.moved_on,
          counterpartMemberNo: r.counterpart_member_no,
          recordedById: r.recorded_by,
          createdAt: r.created_at,
        },
        labels: { recordedBy: await rows.personName(db, r.recorded_by) },
      };
    },
  },
  correction: {
    kind: 'correction.recorded',
    derive: async (db, key) => {
      const r = await rows.findCorrection(db, num(key));
      if (!r) return null;
      return {
        cooperativeId: r.cooperative_id,
        kind: 'correction.recorded',
        subject: `correction:${key}`,
        data: {
          targetIndex: r.target_idx,
          action: r.action,
          reason: r.reason,
          amendment: r.amendment === null ? null : json(r.amendment),
          recordedById: r.recorded_by,
          createdAt: r.created_at,
        },
        labels: { recordedBy: await rows.personName(db, r.recorded_by) },
      };
    },
  },
  service_decision: {
    kind: 'request.decided',
    derive: async (db, key) => {
      const r = await rows.findServiceDecision(db, num(key));
      if (!r || r.cooperative_id === null) return null;
      return {
        cooperativeId: r.cooperative_id,
        kind: 'request.decided',
        subject: `service_decision:${key}`,
        data: {
          trackingCode: r.tracking_code,
          serviceId: r.service_id,
          decision: r.decision,
          text: r.text,
          effect: json(r.effect),
          proposedById: r.proposed_by,
          decidedById: r.decided_by,
          at: r.at,
        },
        labels: { by: await rows.personName(db, r.decided_by) },
      };
    },
  },
  alert_event: {
    kind: 'alert.opened',
    derive: async (db, key) => {
      const r = await rows.findAlertEvent(db, num(key));
      if (!r) return null;
      return {
        cooperativeId: r.cooperative_id,
        kind: `alert.${r.action}` as EntryKind,
        subject: `alert_event:${key}`,
        data: {
          alertId: r.alert_id,
          ruleId: r.rule_id,
          alertKey: r.key,
          action: r.action,
          text: r.text,
          personId: r.person_id,
          at: r.at,
        },
        labels: { by: await rows.personName(db, r.person_id) },
      };
    },
  },
};

/** The entry a business row should have, rebuilt from the row; null when the row is gone or unknown. */
export async function deriveEntry(db: Executor, subject: string) {
  const colon = subject.indexOf(':');
  const deriver = DERIVERS[subject.slice(0, colon)];
  if (colon < 0 || !deriver) return null;

  return deriver.derive(db, subject.slice(colon + 1));
}

/** Whether entries with this subject are rebuilt from a business row by `verify`. */
export function isDerived(subject: string | null): boolean {
  return subject !== null && subject.slice(0, subject.indexOf(':')) in DERIVERS;
}

/** Whether an entry of this kind may record this subject (its table's kind, or one of its later kinds). */
export function kindFits(subject: string, kind: string): boolean {
  const deriver = DERIVERS[subject.slice(0, subject.indexOf(':'))];

  return (
    deriver !== undefined && (deriver.kind === kind || (deriver.alsoKinds ?? []).some((k) => k === kind))
  );
}

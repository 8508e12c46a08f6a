import type { z } from 'zod';
import type { Context } from '../context/context.ts';
import type { Write } from '../context/write.ts';
import type { Executor } from '../db/database.ts';
import { AppError, type FieldError } from '../errors/app-error.ts';
import { fieldError } from '../errors/field-messages.ts';
import { recordFiling } from '../governance/record-governance.ts';
import { type Logged, logSubject } from '../ledger/append.ts';
import { findEntry } from '../ledger/ledger.repository.ts';
import * as registry from '../registry/registry.repository.ts';
import { resolveStatutorySettings, type StatutorySettings } from '../statute/index.ts';
import { validateWith } from '../validation/validate-with.ts';
import * as repo from './books.repository.ts';
import {
  type ApprovalInput,
  approvalSchema,
  type ContractInput,
  type CorrectionInput,
  contractSchema,
  correctionSchema,
  type InspectorReportInput,
  inspectorReportSchema,
  type PaymentInput,
  type partySchema,
  paymentSchema,
  type ResolutionInput,
  resolutionSchema,
  type ShareMovementInput,
  type StatementInput,
  shareMovementSchema,
  statementSchema,
} from './books.schemas.ts';

/**
 * Use cases for what managers record: each writes its row and appends the row's log entry in
 * the same transaction, and returns the entry and its signed receipt. Every check (schema,
 * cross-field rules, then rules that read the database) runs before the first write.
 */

export type Recorded = Logged & { id: number };

/** A person needs a national code, a company a legal national ID; never the other one. */
function partyRules(p: z.output<typeof partySchema>, path: string): FieldError[] {
  if (p.kind === 'person') {
    return [
      ...(p.nationalCode === undefined ? [fieldError(`${path}.nationalCode`, 'required')] : []),
      ...(p.legalId !== undefined ? [fieldError(`${path}.legalId`, 'unknown_key')] : []),
    ];
  }

  return [
    ...(p.legalId === undefined ? [fieldError(`${path}.legalId`, 'required')] : []),
    ...(p.nationalCode !== undefined ? [fieldError(`${path}.nationalCode`, 'unknown_key')] : []),
  ];
}

/**
 * A record cites a recorded resolution, or — imported books only (`recordedOn` given) — an
 * external reference kept as text; never both.
 */
function authorityRules(v: {
  resolutionId?: number;
  resolutionRef?: string;
  recordedOn?: string;
}): FieldError[] {
  return [
    ...(v.resolutionRef !== undefined && v.recordedOn === undefined
      ? [fieldError('resolutionRef', 'unknown_key')]
      : []),
    ...(v.resolutionRef !== undefined && v.resolutionId !== undefined
      ? [fieldError('resolutionRef', 'resolution_both')]
      : []),
  ];
}

type Coop = NonNullable<Awaited<ReturnType<typeof registry.findCooperativeByLegalId>>>;

async function cooperativeOf(tx: Executor, legalId: string): Promise<Coop> {
  const coop = await registry.findCooperativeByLegalId(tx, legalId);
  if (!coop)
    throw new AppError('INVALID_INPUT', {
      fields: [fieldError('cooperativeLegalId', 'unknown_cooperative')],
    });

  return coop;
}

/** The national settings with this cooperative's bylaws applied (payment thresholds, sign-offs). */
function settingsOf(ctx: Context, coop: Coop): StatutorySettings {
  return coop.bylaws ? resolveStatutorySettings(ctx.statute, JSON.parse(coop.bylaws)) : ctx.statute;
}

function invalid(...fields: FieldError[]): never {
  throw new AppError('INVALID_INPUT', { fields });
}

/** The resolution a record cites must be this cooperative's and approved. */
async function checkResolution(tx: Executor, coopId: number, resolutionId: number | undefined) {
  if (resolutionId === undefined) return;
  const r = await repo.findResolutionOf(tx, coopId, resolutionId);
  if (!r) invalid(fieldError('resolutionId', 'unknown_resolution'));
  if (r.outcome !== 'approved') invalid(fieldError('resolutionId', 'resolution_rejected'));
}

/** Use case: a board or assembly resolution with each director's vote and declared conflicts. */
export const recordResolution: Write<ResolutionInput, Recorded> = {
  validate: validateWith(
    resolutionSchema,
    (v) => [
      ...v.votes.flatMap((vote, i) =>
        vote.conflict && (vote.vote === 'for' || vote.vote === 'against')
          ? [fieldError(`votes.${i}.vote`, 'conflict_vote')]
          : [],
      ),
      ...v.votes.flatMap((vote, i) =>
        v.votes.findIndex((w) => w.officerId === vote.officerId) < i
          ? [fieldError(`votes.${i}.officerId`, 'duplicate')]
          : [],
      ),
      ...(v.body === 'board' && v.votes.length === 0 ? [fieldError('votes', 'required')] : []),
    ],
    { pastDates: ['meetingOn'] },
  ),
  async apply(tx, ctx, v) {
    const coop = await cooperativeOf(tx, v.cooperativeLegalId);
    const directors = await repo.listCurrentDirectors(tx, coop.id, v.meetingOn);
    const bad = v.votes.flatMap((vote, i) =>
      directors.some((d) => d.id === vote.officerId)
        ? []
        : [fieldError(`votes.${i}.officerId`, 'not_a_director')],
    );
    if (bad.length > 0) invalid(...bad);
    if (await repo.resolutionNumberTaken(tx, coop.id, v.number)) {
      throw new AppError('CONFLICT', { fields: [fieldError('number', 'duplicate')] });
    }
    // A board decides by a majority of its principals present, with a quorum of a majority of them.
    const principals = directors.filter((d) => d.role === 'board_principal').length;
    const present = v.votes.filter((x) => x.vote !== 'absent').length;
    const inFavour = v.votes.filter((x) => x.vote === 'for').length;
    const approved = v.body === 'assembly' || (present * 2 > principals && inFavour * 2 > present);
    const id = await repo.insertResolution(
      tx,
      {
        cooperative_id: coop.id,
        body: v.body,
        number: v.number,
        meeting_on: v.meetingOn,
        motion: v.motion,
        outcome: approved ? 'approved' : 'rejected',
        attachments: JSON.stringify(v.attachments),
        recorded_by: v.actorPersonId,
        created_at: ctx.clock.now().toISOString(),
      },
      v.votes.map((x) => ({
        officer_id: x.officerId,
        vote: x.vote,
        conflict: x.conflict ? 1 : 0,
        conflict_note: x.conflictNote ?? null,
      })),
    );

    return { id, ...(await logSubject(tx, ctx, `resolution:${id}`)) };
  },
};

/** Use case: a contract with a person or a company, under an authorising resolution. */
export const recordContract: Write<ContractInput, Recorded> = {
  validate: validateWith(
    contractSchema,
    (v) => [
      ...partyRules(v.party, 'party'),
      ...(v.endsOn !== undefined && v.endsOn < v.startsOn ? [fieldError('endsOn', 'date_order')] : []),
      ...authorityRules(v),
    ],
    { pastDates: ['recordedOn'] },
  ),
  async apply(tx, ctx, v) {
    const coop = await cooperativeOf(tx, v.cooperativeLegalId);
    await checkResolution(tx, coop.id, v.resolutionId);
    if (v.externalId && (await repo.externalIdTaken(tx, 'contracts', coop.id, v.externalId))) {
      throw new AppError('CONFLICT', { fields: [fieldError('externalId', 'duplicate')] });
    }
    const id = await repo.insertContract(tx, {
      cooperative_id: coop.id,
      external_id: v.externalId ?? null,
      title: v.title,
      party_kind: v.party.kind,
      party_name: v.party.name,
      party_national_code: v.party.nationalCode ?? null,
      party_legal_id: v.party.legalId ?? null,
      amount_rials: v.amountRials,
      starts_on: v.startsOn,
      ends_on: v.endsOn ?? null,
      resolution_id: v.resolutionId ?? null,
      resolution_ref: v.resolutionRef ?? null,
      recorded_on: v.recordedOn ?? ctx.clock.today(),
      recorded_by: v.actorPersonId,
      created_at: ctx.clock.now().toISOString(),
    });

    return { id, ...(await logSubject(tx, ctx, `contract:${id}`)) };
  },
};

/**
 * Use case: a payment or a receipt. A live payment above the bylaws' threshold must cite a
 * recorded, approved resolution (imported books may cite an external reference instead, which
 * `recordedOn` marks); above the sign-off threshold it needs N board approvals to count.
 */
export const recordPayment: Write<PaymentInput, Recorded> = {
  validate: validateWith(paymentSchema, (v) => [...partyRules(v.party, 'party'), ...authorityRules(v)], {
    pastDates: ['paidOn', 'recordedOn'],
  }),
  async apply(tx, ctx, v) {
    const coop = await cooperativeOf(tx, v.cooperativeLegalId);
    const settings = settingsOf(ctx, coop);
    await checkResolution(tx, coop.id, v.resolutionId);
    const live = v.recordedOn === undefined;
    if (
      v.direction === 'payment' &&
      v.amountRials > settings.paymentResolutionAboveRials &&
      v.resolutionId === undefined &&
      (live || v.resolutionRef === undefined)
    ) {
      invalid(fieldError('resolutionId', 'resolution_required'));
    }
    if (v.contractId !== undefined && !(await repo.findContractOf(tx, coop.id, v.contractId))) {
      invalid(fieldError('contractId', 'unknown_contract'));
    }
    if (v.externalId && (await repo.externalIdTaken(tx, 'payments', coop.id, v.externalId))) {
      throw new AppError('CONFLICT', { fields: [fieldError('externalId', 'duplicate')] });
    }
    const id = await repo.insertPayment(tx, {
      cooperative_id: coop.id,
      external_id: v.externalId ?? null,
      direction: v.direction,
      party_kind: v.party.kind,
      party_name: v.party.name,
      party_national_code: v.party.nationalCode ?? null,
      party_legal_id: v.party.legalId ?? null,
      iban: v.iban ?? null,
      amount_rials: v.amountRials,
      paid_on: v.paidOn,
      category: v.category,
      invoice_ref: v.invoiceRef ?? null,
      budget_line: v.budgetLine ?? null,
      contract_id: v.contractId ?? null,
      resolution_id: v.resolutionId ?? null,
      resolution_ref: v.resolutionRef ?? null,
      required_approvals:
        live && v.direction === 'payment' && v.amountRials > settings.paymentSignOffAboveRials
          ? settings.paymentSignOffs
          : 0,
      recorded_on: v.recordedOn ?? ctx.clock.today(),
      recorded_by: v.actorPersonId,
      created_at: ctx.clock.now().toISOString(),
    });

    return { id, ...(await logSubject(tx, ctx, `payment:${id}`)) };
  },
};

/** Use case: a director signs off a payment; never its author, never twice. */
export const approvePayment: Write<ApprovalInput, Recorded> = {
  validate: validateWith(approvalSchema, (v) =>
    v.actorPersonId === null ? [fieldError('actorPersonId', 'required')] : [],
  ),
  async apply(tx, ctx, v) {
    const coop = await cooperativeOf(tx, v.cooperativeLegalId);
    const personId = v.actorPersonId as number;
    const payment = await repo.findPaymentOf(tx, coop.id, v.paymentId);
    if (!payment) throw new AppError('NOT_FOUND');
    if (payment.recorded_by === personId) invalid(fieldError('paymentId', 'self_approval'));
    const approvals = await repo.listApprovals(tx, [payment.id]);
    if (approvals.some((a) => a.person_id === personId)) {
      throw new AppError('CONFLICT', { fields: [fieldError('paymentId', 'duplicate')] });
    }
    if (approvals.length >= payment.required_approvals) invalid(fieldError('paymentId', 'already_approved'));
    const directors = await repo.listCurrentDirectors(tx, coop.id, ctx.clock.today());
    if (!directors.some((d) => d.person_id === personId)) invalid(fieldError('paymentId', 'not_a_director'));
    await repo.insertApproval(tx, {
      payment_id: payment.id,
      person_id: personId,
      approved_at: ctx.clock.now().toISOString(),
    });

    return { id: payment.id, ...(await logSubject(tx, ctx, `approval:${payment.id}.${personId}`)) };
  },
};

/** Use case: the annual financial statements' headline figures. */
export const recordStatement: Write<StatementInput, Recorded> = {
  validate: validateWith(
    statementSchema,
    ({ figures: f }) => [
      ...(f.totalAssets !== f.totalLiabilities + f.equity
        ? [fieldError('figures.totalAssets', 'unbalanced')]
        : []),
      ...(f.netIncome !== f.revenue - f.expenses ? [fieldError('figures.netIncome', 'net_income')] : []),
    ],
    { pastDates: ['approvedOn'] },
  ),
  async apply(tx, ctx, v) {
    const coop = await cooperativeOf(tx, v.cooperativeLegalId);
    const id = await repo.insertStatement(tx, {
      cooperative_id: coop.id,
      fiscal_year: v.fiscalYear,
      figures: JSON.stringify(v.figures),
      approved_on: v.approvedOn ?? null,
      recorded_by: v.actorPersonId,
      created_at: ctx.clock.now().toISOString(),
    });

    const logged = await logSubject(tx, ctx, `statement:${id}`);
    // The register counts the statements as filed (the obligations and their flags read filings).
    await recordFiling.apply(tx, ctx, {
      cooperativeLegalId: v.cooperativeLegalId,
      kind: 'annual_statements',
      fiscalYear: v.fiscalYear,
      filedOn: v.approvedOn ?? ctx.clock.today(),
    });

    return { id, ...logged };
  },
};

/** Use case: the inspector's annual report. */
export const recordInspectorReport: Write<InspectorReportInput, Recorded> = {
  validate: validateWith(inspectorReportSchema, () => [], { pastDates: ['reportedOn'] }),
  async apply(tx, ctx, v) {
    const coop = await cooperativeOf(tx, v.cooperativeLegalId);
    const id = await repo.insertInspectorReport(tx, {
      cooperative_id: coop.id,
      fiscal_year: v.fiscalYear,
      opinion: v.opinion,
      summary: v.summary,
      reported_on: v.reportedOn,
      recorded_by: v.actorPersonId,
      created_at: ctx.clock.now().toISOString(),
    });

    const logged = await logSubject(tx, ctx, `inspector_report:${id}`);
    await recordFiling.apply(tx, ctx, {
      cooperativeLegalId: v.cooperativeLegalId,
      kind: 'inspector_report',
      fiscalYear: v.fiscalYear,
      filedOn: v.reportedOn,
    });

    return { id, ...logged };
  },
};

/** Use case: shares subscribed, transferred between members, redeemed, or a member's exit. */
export const recordShareMovement: Write<ShareMovementInput, Recorded> = {
  validate: validateWith(
    shareMovementSchema,
    (v) => [
      ...(v.kind === 'transfer' && v.counterpartMemberNo === undefined
        ? [fieldError('counterpartMemberNo', 'required')]
        : []),
      ...(v.kind !== 'transfer' && v.counterpartMemberNo !== undefined
        ? [fieldError('counterpartMemberNo', 'unknown_key')]
        : []),
      ...(v.kind !== 'exit' && v.shares === 0 ? [fieldError('shares', 'too_small')] : []),
    ],
    { pastDates: ['movedOn'] },
  ),
  async apply(tx, ctx, v) {
    const coop = await cooperativeOf(tx, v.cooperativeLegalId);
    const member = await repo.findMemberShares(tx, coop.id, v.memberNo);
    if (!member) invalid(fieldError('memberNo', 'unknown_member'));
    if (v.kind !== 'subscribe' && v.shares > member.shares)
      invalid(fieldError('shares', 'not_enough_shares'));
    if (
      v.counterpartMemberNo !== undefined &&
      !(await repo.findMemberShares(tx, coop.id, v.counterpartMemberNo))
    ) {
      invalid(fieldError('counterpartMemberNo', 'unknown_member'));
    }
    const id = await repo.insertShareMovement(tx, {
      cooperative_id: coop.id,
      member_no: v.memberNo,
      kind: v.kind,
      shares: v.shares,
      amount_rials: v.amountRials,
      moved_on: v.movedOn,
      counterpart_member_no: v.counterpartMemberNo ?? null,
      recorded_by: v.actorPersonId,
      created_at: ctx.clock.now().toISOString(),
    });
    if (v.kind === 'exit') await registry.recountMembers(tx, coop.id);

    return { id, ...(await logSubject(tx, ctx, `share_movement:${id}`)) };
  },
};

const IDENTIFIER_KEY = /national|iban|sheba|mobile|phone|code/i;

/** Use case: reverse or amend an earlier entry with a new one; the earlier one is never touched. */
export const recordCorrection: Write<CorrectionInput, Recorded> = {
  validate: validateWith(correctionSchema, (v) => [
    ...(v.action === 'amend' && (v.amendment === undefined || Object.keys(v.amendment).length === 0)
      ? [fieldError('amendment', 'required')]
      : []),
    ...(v.action === 'reverse' && v.amendment !== undefined ? [fieldError('amendment', 'unknown_key')] : []),
    // An amendment is public to members: it may not carry a natural person's identifier.
    ...Object.keys(v.amendment ?? {})
      .filter((k) => IDENTIFIER_KEY.test(k))
      .map((k) => fieldError(`amendment.${k}`, 'unknown_key')),
  ]),
  async apply(tx, ctx, v) {
    const coop = await cooperativeOf(tx, v.cooperativeLegalId);
    const target = await findEntry(tx, coop.id, v.targetIndex);
    if (!target || target.kind === 'genesis') invalid(fieldError('targetIndex', 'unknown_entry'));
    const id = await repo.insertCorrection(tx, {
      cooperative_id: coop.id,
      target_idx: v.targetIndex,
      action: v.action,
      reason: v.reason,
      amendment: v.amendment ? JSON.stringify(v.amendment) : null,
      recorded_by: v.actorPersonId,
      created_at: ctx.clock.now().toISOString(),
    });

    return { id, ...(await logSubject(tx, ctx, `correction:${id}`)) };
  },
};

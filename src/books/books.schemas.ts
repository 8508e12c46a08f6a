import { z } from 'zod';
import {
  blankToUndefined,
  zDate,
  zEnum,
  zIban,
  zInt,
  zLegalId,
  zNationalCode,
  zRials,
  zText,
} from '../validation/fields.ts';
import {
  CORRECTION_ACTIONS,
  DIRECTIONS,
  OPINIONS,
  PARTY_KINDS,
  PAYMENT_CATEGORIES,
  RESOLUTION_BODIES,
  SHARE_MOVEMENT_KINDS,
  STATEMENT_FIGURES,
  VOTES,
} from './vocabulary.ts';

/**
 * Inputs of the managers' records. `cooperativeLegalId` and `actorPersonId` come from the route
 * (the path and the session), never from the body; the routes omit them from the body schema.
 */
const scope = {
  cooperativeLegalId: zLegalId,
  actorPersonId: z.number().int().positive().nullable(),
};

const positiveRials = zRials.refine((v) => v > 0, { message: 'too_small' });
const id = zInt(1, Number.MAX_SAFE_INTEGER);

/** A counterparty: a natural person (national code, private) or a company (legal national ID, public). */
export const partySchema = z
  .object({
    kind: zEnum(PARTY_KINDS),
    name: zText(200),
    nationalCode: blankToUndefined(zNationalCode),
    legalId: blankToUndefined(zLegalId),
  })
  .strict();

export const resolutionSchema = z
  .object({
    ...scope,
    body: zEnum(RESOLUTION_BODIES),
    number: zText(40),
    meetingOn: zDate,
    motion: zText(4000),
    votes: z
      .array(
        z
          .object({
            officerId: id,
            vote: zEnum(VOTES),
            conflict: z.boolean().default(false),
            conflictNote: blankToUndefined(zText(500)),
          })
          .strict(),
      )
      .max(30)
      .default([]),
    attachments: z
      .array(
        z
          .object({
            name: zText(200),
            sha256: z.string().regex(/^[0-9a-f]{64}$/, 'invalid'),
            bytes: zInt(0, 1_000_000_000),
          })
          .strict(),
      )
      .max(20)
      .default([]),
  })
  .strict();
export type ResolutionInput = z.output<typeof resolutionSchema>;

/** How a record cites its authority: a recorded resolution, or (imported books only) a text reference. */
const authority = {
  resolutionId: blankToUndefined(id),
  resolutionRef: blankToUndefined(zText(200)),
};

export const contractSchema = z
  .object({
    ...scope,
    externalId: blankToUndefined(zText(64)),
    title: zText(300),
    party: partySchema,
    amountRials: positiveRials,
    startsOn: zDate,
    endsOn: blankToUndefined(zDate),
    ...authority,
    recordedOn: blankToUndefined(zDate),
  })
  .strict();
export type ContractInput = z.output<typeof contractSchema>;

export const paymentSchema = z
  .object({
    ...scope,
    externalId: blankToUndefined(zText(64)),
    direction: zEnum(DIRECTIONS),
    party: partySchema,
    iban: blankToUndefined(zIban),
    amountRials: positiveRials,
    paidOn: zDate,
    category: zEnum(PAYMENT_CATEGORIES),
    invoiceRef: blankToUndefined(zText(100)),
    budgetLine: blankToUndefined(zText(100)),
    contractId: blankToUndefined(id),
    ...authority,
    recordedOn: blankToUndefined(zDate),
  })
  .strict();
export type PaymentInput = z.output<typeof paymentSchema>;

export const approvalSchema = z.object({ ...scope, paymentId: id }).strict();
export type ApprovalInput = z.output<typeof approvalSchema>;

export const statementSchema = z
  .object({
    ...scope,
    fiscalYear: zInt(1300, 1500),
    figures: z
      .object(
        Object.fromEntries(
          STATEMENT_FIGURES.map((k) => [
            k,
            k === 'netIncome' ? zInt(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) : zRials,
          ]),
        ) as Record<(typeof STATEMENT_FIGURES)[number], typeof zRials>,
      )
      .strict(),
    approvedOn: blankToUndefined(zDate),
  })
  .strict();
export type StatementInput = z.output<typeof statementSchema>;

export const inspectorReportSchema = z
  .object({
    ...scope,
    fiscalYear: zInt(1300, 1500),
    opinion: zEnum(OPINIONS),
    summary: zText(8000),
    reportedOn: zDate,
  })
  .strict();
export type InspectorReportInput = z.output<typeof inspectorReportSchema>;

export const shareMovementSchema = z
  .object({
    ...scope,
    memberNo: zText(20),
    kind: zEnum(SHARE_MOVEMENT_KINDS),
    shares: zInt(0, 1_000_000_000),
    amountRials: zRials,
    movedOn: zDate,
    counterpartMemberNo: blankToUndefined(zText(20)),
  })
  .strict();
export type ShareMovementInput = z.output<typeof shareMovementSchema>;

export const correctionSchema = z
  .object({
    ...scope,
    targetIndex: zInt(0, Number.MAX_SAFE_INTEGER),
    action: zEnum(CORRECTION_ACTIONS),
    reason: zText(2000),
    amendment: z
      .record(z.string().max(64), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
      .optional(),
  })
  .strict();
export type CorrectionInput = z.output<typeof correctionSchema>;

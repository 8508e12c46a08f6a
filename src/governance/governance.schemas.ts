import { z } from 'zod';
import { legalEntitySchema, personSchema } from '../people/people.schemas.ts';
import {
  blankToUndefined,
  zDate,
  zEnum,
  zInt,
  zLegalId,
  zNationalCode,
  zText,
} from '../validation/fields.ts';
import {
  ASSEMBLY_KINDS,
  BOARD_POSITIONS,
  DECLARATION_KINDS,
  FILING_KINDS,
  OFFICER_ROLES,
  RELATIONS,
} from './vocabulary.ts';

/** A member of a cooperative: a natural person or a legal entity (a union's members are cooperatives). */
export const membershipSchema = z
  .object({
    cooperativeLegalId: zLegalId,
    memberNo: zText(20),
    person: personSchema.optional(),
    entity: legalEntitySchema.optional(),
    joinedOn: zDate,
    leftOn: blankToUndefined(zDate),
    shares: zInt(0, 1_000_000_000),
  })
  .strict();

/** An officer's appointment with its term. */
export const officerSchema = z
  .object({
    cooperativeLegalId: zLegalId,
    person: personSchema.optional(),
    entity: legalEntitySchema.optional(),
    role: zEnum(OFFICER_ROLES),
    position: blankToUndefined(zEnum(BOARD_POSITIONS)),
    termStart: zDate,
    termEnd: blankToUndefined(zDate),
    acceptedOn: blankToUndefined(zDate),
    endedOn: blankToUndefined(zDate),
    consecutiveTerms: blankToUndefined(zInt(1, 20)),
  })
  .strict();

/** An officer's declaration of interests: a relative, or a company they own or direct. */
export const declarationSchema = z
  .object({
    cooperativeLegalId: zLegalId,
    officerNationalCode: zNationalCode,
    kind: zEnum(DECLARATION_KINDS),
    relation: zEnum(RELATIONS),
    personNationalCode: blankToUndefined(zNationalCode),
    personName: blankToUndefined(zText(160)),
    companyLegalId: blankToUndefined(zLegalId),
    companyName: blankToUndefined(zText(200)),
    declaredOn: zDate,
  })
  .strict();

/** A general assembly: its invitation, when it was held and whether it elected officers. */
export const assemblySchema = z
  .object({
    cooperativeLegalId: zLegalId,
    kind: zEnum(ASSEMBLY_KINDS),
    fiscalYear: blankToUndefined(zInt(1300, 1500)),
    callNumber: blankToUndefined(zInt(1, 2)),
    invitationPublishedOn: blankToUndefined(zDate),
    heldOn: blankToUndefined(zDate),
    electionsHeld: blankToUndefined(z.boolean()),
  })
  .strict();

/** A filing: annual statements, an inspector's report, minutes… */
export const filingSchema = z
  .object({
    cooperativeLegalId: zLegalId,
    kind: zEnum(FILING_KINDS),
    fiscalYear: blankToUndefined(zInt(1300, 1500)),
    filedOn: zDate,
    description: blankToUndefined(zText(500)),
  })
  .strict();

export type MembershipInput = z.output<typeof membershipSchema>;
export type OfficerInput = z.output<typeof officerSchema>;
export type DeclarationInput = z.output<typeof declarationSchema>;
export type AssemblyInput = z.output<typeof assemblySchema>;
export type FilingInput = z.output<typeof filingSchema>;

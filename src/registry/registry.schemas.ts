import { z } from 'zod';
import { statutoryOverridesSchema } from '../statute/index.ts';
import {
  blankToUndefined,
  zDate,
  zEnum,
  zInt,
  zLegalId,
  zPostalCode,
  zRials,
  zText,
} from '../validation/fields.ts';
import { COOPERATIVE_STATUSES, LEGAL_FORMS } from './cooperative-status.ts';

/** What it takes to put a cooperative on the register (CLI, import and — later — the API). */
export const registerCooperativeSchema = z
  .object({
    name: zText(200, 3),
    legalForm: zEnum(LEGAL_FORMS),
    field: zText(80),
    subfield: blankToUndefined(zText(80)),
    province: zText(80),
    county: zText(80),
    address: blankToUndefined(zText(500)),
    postalCode: blankToUndefined(zPostalCode),
    fiscalYearEndMonth: blankToUndefined(zInt(1, 12)),
    status: blankToUndefined(zEnum(COOPERATIVE_STATUSES)),
    legalId: blankToUndefined(zLegalId),
    registrationNo: blankToUndefined(zText(40)),
    registeredOn: blankToUndefined(zDate),
    capitalRials: zRials,
    paidCapitalRials: blankToUndefined(zRials),
    bylaws: statutoryOverridesSchema.optional(),
  })
  .strict();

export type RegisterCooperativeInput = z.input<typeof registerCooperativeSchema>;

/** A status change: registration (→ active) needs the legal ID, number and date. */
export const changeStatusSchema = z
  .object({
    status: zEnum(COOPERATIVE_STATUSES),
    on: blankToUndefined(zDate),
    legalId: blankToUndefined(zLegalId),
    registrationNo: blankToUndefined(zText(40)),
    registeredOn: blankToUndefined(zDate),
  })
  .strict();

/** Query of the public search. */
export const searchQuerySchema = z
  .object({
    q: blankToUndefined(zText(200)),
    province: blankToUndefined(zText(80)),
    county: blankToUndefined(zText(80)),
    field: blankToUndefined(zText(80)),
    form: blankToUndefined(zEnum(LEGAL_FORMS)),
    status: blankToUndefined(zEnum(COOPERATIVE_STATUSES)),
    page: blankToUndefined(zInt(1, 10_000)),
    pageSize: blankToUndefined(zInt(1, 100)),
  })
  .strict();

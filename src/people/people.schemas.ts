import { z } from 'zod';
import {
  blankToUndefined,
  zIban,
  zLegalId,
  zMobile,
  zNationalCode,
  zPostalCode,
  zText,
} from '../validation/fields.ts';

/** A natural person as given by an import or a form; all identifiers are private. */
export const personSchema = z
  .object({
    nationalCode: zNationalCode,
    firstName: zText(80),
    lastName: zText(80),
    mobile: blankToUndefined(zMobile),
    iban: blankToUndefined(zIban),
    address: blankToUndefined(zText(500)),
    postalCode: blankToUndefined(zPostalCode),
  })
  .strict();
export type PersonInput = z.output<typeof personSchema>;

/** A legal person (a company or another cooperative) by its legal national ID. */
export const legalEntitySchema = z.object({ legalId: zLegalId, name: zText(200, 2) }).strict();
export type LegalEntityInput = z.output<typeof legalEntitySchema>;

export { ibanBankCode, isValidIban, parseIban } from './iban.ts';
export { isValidLegalId, parseLegalId } from './legal-id.ts';
export { isValidMobile, parseMobile } from './mobile.ts';
export { isValidNationalCode, parseNationalCode } from './national-code.ts';
export { parsePostalCode, postalCodeLooksPlausible } from './postal-code.ts';
export type { IdentifierError, IdentifierResult } from './result.ts';

import { compactDigits, fail, type IdentifierResult, ok } from './result.ts';

/**
 * Parses an Iranian postal code (کد پستی): 10 digits in any script, usually written
 * `xxxxx-xxxxx`; spaces and dashes are removed. Postal codes carry no check digit, so this is
 * the hard check; see `postalCodeLooksPlausible` for a soft one.
 */
export function parsePostalCode(input: string): IdentifierResult {
  const digits = compactDigits(input);
  if (digits === '') return fail('empty');
  if (!/^\d+$/.test(digits)) return fail('format');
  if (digits.length !== 10) return fail('length');

  return ok(digits);
}

/**
 * The digit pattern common in Iranian codebases (domain.md §4.5, unverified): no 0 or 2 in the
 * first four digits, none of 0, 2, 5 in the fifth, no 2 in the last five, and the first four not
 * all equal. Use only to warn, never to reject.
 */
const PLAUSIBLE_POSTAL_CODE = /^(?!(\d)\1{3})[13-9]{4}[1346-9][013-9]{5}$/;

/** Soft check: whether a postal code (parsed as by `parsePostalCode`) matches the usual pattern. */
export function postalCodeLooksPlausible(input: string): boolean {
  const result = parsePostalCode(input);
  return result.ok && PLAUSIBLE_POSTAL_CODE.test(result.value);
}

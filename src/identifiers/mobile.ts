import { compactDigits, fail, type IdentifierResult, ok } from './result.ts';

/**
 * The prefix of a mobile number: +98 or 0098 (optionally followed by the trunk 0, as in
 * "+98 0912…"), 98 (only when 10 digits follow), or the trunk 0.
 */
const PREFIX = /^(?:(?:\+98|0098)0?|98(?=\d{10}$)|0)/;

/**
 * Parses an Iranian mobile number written with +98, 0098, 98, 0 or no prefix (digits in any
 * script; spaces, dashes and parentheses allowed) and returns it as `09xxxxxxxxx`. Only the
 * shape is checked (10 significant digits starting with 9), not the operator.
 */
export function parseMobile(input: string): IdentifierResult {
  const compact = compactDigits(input).replace(/[()]/g, '');
  if (compact === '') return fail('empty');
  const national = compact.replace(PREFIX, '');
  if (!/^\d*$/.test(national)) return fail('format');
  if (national.length !== 10) return fail('length');
  if (!national.startsWith('9')) return fail('format');

  return ok(`0${national}`);
}

/** Whether `input` is a valid Iranian mobile number (see `parseMobile`). */
export function isValidMobile(input: string): boolean {
  return parseMobile(input).ok;
}

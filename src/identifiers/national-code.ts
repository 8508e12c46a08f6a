import { compactDigits, fail, type IdentifierResult, isRepeated, ok } from './result.ts';

/**
 * Parses an Iranian national code (کد ملی): digits in any script with spaces/dashes allowed.
 * 8 or 9 digits are left-padded with zeros to 10 (spreadsheets drop leading zeros). Rejects
 * all-same digits and six zero middle digits (positions 4–9), then checks the check digit:
 * s = Σ d[i]·(10−i) for i = 0..8, r = s mod 11; valid iff d[9] = r when r < 2, else 11 − r.
 * The city prefix (first three digits) is not checked.
 */
export function parseNationalCode(input: string): IdentifierResult {
  const digits = compactDigits(input);
  if (digits === '') return fail('empty');
  if (!/^\d+$/.test(digits)) return fail('format');
  if (digits.length < 8 || digits.length > 10) return fail('length');
  const code = digits.padStart(10, '0');
  if (isRepeated(code)) return fail('repeated');
  if (code.slice(3, 9) === '000000') return fail('format');

  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(code[i]) * (10 - i);
  const r = sum % 11;
  const check = r < 2 ? r : 11 - r;

  return Number(code[9]) === check ? ok(code) : fail('checksum');
}

/** Whether `input` is a valid national code (see `parseNationalCode`). */
export function isValidNationalCode(input: string): boolean {
  return parseNationalCode(input).ok;
}

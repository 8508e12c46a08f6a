import { compactDigits, fail, type IdentifierResult, isRepeated, ok } from './result.ts';

const WEIGHTS = [29, 27, 23, 19, 17] as const;

/**
 * Parses the national ID of a legal entity (شناسه ملی اشخاص حقوقی): exactly 11 digits in any
 * script, spaces/dashes allowed. Rejects all-same digits (33333333333 passes the checksum) and
 * six zero digits at positions 4–9, then checks the last digit:
 * d = digit[9] + 2, s = Σ (d + digit[i])·w[i mod 5] for i = 0..9 with w = 29, 27, 23, 19, 17,
 * r = s mod 11 (10 → 0); valid iff digit[10] = r.
 */
export function parseLegalId(input: string): IdentifierResult {
  const digits = compactDigits(input);
  if (digits === '') return fail('empty');
  if (!/^\d+$/.test(digits)) return fail('format');
  if (digits.length !== 11) return fail('length');
  if (isRepeated(digits)) return fail('repeated');
  if (digits.slice(3, 9) === '000000') return fail('format');

  const d = Number(digits[9]) + 2;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (d + Number(digits[i])) * (WEIGHTS[i % 5] ?? 0);
  const check = (sum % 11) % 10;

  return Number(digits[10]) === check ? ok(digits) : fail('checksum');
}

/** Whether `input` is a valid legal-entity national ID (see `parseLegalId`). */
export function isValidLegalId(input: string): boolean {
  return parseLegalId(input).ok;
}

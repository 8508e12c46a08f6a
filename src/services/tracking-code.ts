import { randomInt } from 'node:crypto';
import { foldDigits } from '../text/index.ts';

/**
 * Tracking codes: nine random digits and a Damm check digit, shown as ۱۲۳-۴۵۶-۷۸۹۰. The Damm
 * check catches every single-digit error and every swap of adjacent digits, so a mistyped code is
 * refused before it is looked up (and a guess at someone's code fails its check nine times in ten).
 */

/** The Damm algorithm's totally anti-symmetric quasigroup of order 10 (Damm 2004). */
const TABLE = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
] as const;

/** The Damm interim digit of a string of ASCII digits: the check digit to append, or 0 when the string already checks. */
export function dammDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = TABLE[interim]?.[ch.charCodeAt(0) - 48] ?? Number.NaN;

  return interim;
}

/** A new tracking code: ten ASCII digits, the last one the check digit. */
export function newTrackingCode(random: (max: number) => number = randomInt): string {
  let body = String(1 + random(9)); // no leading zero: the code reads the same as a number
  for (let i = 0; i < 8; i++) body += String(random(10));

  return body + String(dammDigit(body));
}

/**
 * Reads a code as people type it — Persian or Arabic digits, dashes, spaces — and returns its
 * ten ASCII digits, or why it is not a code: `format` (not ten digits) or `check_digit`.
 */
export function parseTrackingCode(
  input: string,
): { ok: true; code: string } | { ok: false; reason: 'format' | 'check_digit' } {
  const digits = foldDigits(input).replace(/[\s\-‐–—_]/g, '');
  if (!/^\d{10}$/.test(digits)) return { ok: false, reason: 'format' };
  if (dammDigit(digits) !== 0) return { ok: false, reason: 'check_digit' };

  return { ok: true, code: digits };
}

/** The code grouped for reading aloud and copying: 123-456-7890. */
export function formatTrackingCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}`;
}

import { foldDigits } from '../text/normalize.ts';

/**
 * Why an identifier was rejected:
 * - 'empty': nothing but spaces/separators was given;
 * - 'format': a character that is not a digit (or not allowed where it is), a wrong country or
 *   operator prefix, or a structural rule such as a national code's six middle zeros;
 * - 'length': the right characters but the wrong number of digits;
 * - 'repeated': every digit is the same (0000000000, 1111111111…), which checksums can accept;
 * - 'checksum': well formed, but the check digit(s) do not match.
 */
export type IdentifierError = 'empty' | 'format' | 'length' | 'repeated' | 'checksum';

/** The outcome of parsing an identifier: its canonical ASCII form, or why it was rejected. */
export type IdentifierResult = { ok: true; value: string } | { ok: false; reason: IdentifierError };

/** A successful parse. */
export function ok(value: string): IdentifierResult {
  return { ok: true, value };
}

/** A failed parse. */
export function fail(reason: IdentifierError): IdentifierResult {
  return { ok: false, reason };
}

/**
 * Separators people and documents put inside identifiers: whitespace (incl. NBSP), dashes of
 * every kind and the minus sign, and invisible format characters (ZWNJ, LRM/RLM picked up when
 * copying from right-to-left text).
 */
const SEPARATORS = /[\p{White_Space}\p{Pd}\p{Cf}\u2212]/gu;

/** Folds Persian/Arabic digits to ASCII and removes spaces, dashes and invisible characters. */
export function compactDigits(input: string): string {
  return foldDigits(input).replace(SEPARATORS, '');
}

/** Whether every character of `s` is the same (true for one-character strings). */
export function isRepeated(s: string): boolean {
  return /^(.)\1*$/u.test(s);
}

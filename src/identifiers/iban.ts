import { compactDigits, fail, type IdentifierResult, ok } from './result.ts';

/** ISO 7064 MOD 97-10 remainder of a string of digits and letters (A = 10 … Z = 35). */
function mod97(s: string): number {
  let r = 0;
  for (const c of s) {
    const v = Number.parseInt(c, 36);
    r = v < 10 ? (r * 10 + v) % 97 : (r * 100 + v) % 97;
  }
  return r;
}

/**
 * Parses an Iranian IBAN (شبا): `IR` + 2 check digits + 22 digits. Accepts lower case, spaces,
 * dashes, Persian/Arabic digits, and a bare 24-digit number (IR is then added). The check digits
 * must satisfy ISO 7064 mod 97: moving `IR` and the check digits to the end gives remainder 1.
 * The value is the 26-character canonical form, e.g. `IR820540102680020817909002`.
 */
export function parseIban(input: string): IdentifierResult {
  const compact = compactDigits(input).toUpperCase();
  if (compact === '') return fail('empty');
  const iban = /^\d+$/.test(compact) ? `IR${compact}` : compact;
  if (!/^IR\d+$/.test(iban)) return fail('format');
  if (iban.length !== 26) return fail('length');

  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1 ? ok(iban) : fail('checksum');
}

/** Whether `input` is a valid Iranian IBAN (see `parseIban`). */
export function isValidIban(input: string): boolean {
  return parseIban(input).ok;
}

/** The three-digit bank code of a valid IBAN (the digits after the check digits, e.g. '017'), else null. */
export function ibanBankCode(iban: string): string | null {
  const result = parseIban(iban);
  return result.ok ? result.value.slice(4, 7) : null;
}

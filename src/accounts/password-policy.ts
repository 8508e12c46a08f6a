import { dictionary } from '@zxcvbn-ts/language-common';
import type { FieldError } from '../errors/app-error.ts';
import { foldDigits } from '../text/index.ts';
import { ACCOUNT_FIELD_MESSAGES } from './messages.ts';

/** ASVS v5.0.0-6.2.1: at least 8; 6.2.9: at least 64 allowed. Longer than 128 is refused. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/**
 * The maintained common-password list of zxcvbn-ts (≈49,000 entries, most common first),
 * normalised as candidate passwords are. Built on first use.
 */
let common: ReadonlySet<string> | null = null;

function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary['passwords-common'].map(commonForm));

  return common;
}

/** Lower-case with Persian and Arabic-Indic digits folded to ASCII: "Password۱۲۳" → "password123". */
export function commonForm(password: string): string {
  return foldDigits(password.normalize('NFKC')).toLowerCase();
}

/**
 * The form a password is hashed and compared in: exactly as typed, except that the letters and
 * digits Iranian keyboards type differently are folded (Arabic ي ى → ی, ك → ک; Persian and
 * Arabic-Indic digits → ASCII) and NFC applied, so the same password typed on a phone and on a
 * Windows Arabic layout matches. No trimming, no case change, no truncation.
 */
export function passwordForm(password: string): string {
  return foldDigits(
    password
      .normalize('NFC')
      .replace(/[\u064A\u0649]/g, 'ی')
      .replace(/\u0643/g, 'ک'),
  );
}

/** Characters, counting a surrogate pair (an emoji) as one. */
function length(s: string): number {
  return [...s].length;
}

/**
 * The password rules (ASVS v5.0.0-6.2): 8 to 128 characters and not on the common-password list.
 * No composition rules. Returns the problem as a field error on `path`, or null if acceptable.
 */
export function checkPasswordPolicy(password: string, path = 'password'): FieldError | null {
  const n = length(passwordForm(password));
  if (n < PASSWORD_MIN)
    return { path, code: 'password_too_short', message: ACCOUNT_FIELD_MESSAGES.password_too_short };
  if (n > PASSWORD_MAX)
    return { path, code: 'password_too_long', message: ACCOUNT_FIELD_MESSAGES.password_too_long };
  if (commonPasswords().has(commonForm(password))) {
    return { path, code: 'password_common', message: ACCOUNT_FIELD_MESSAGES.password_common };
  }

  return null;
}

import { type IsoDate, isValidGregorian } from './iso.ts';
import { fromJalali, isValidJalali, toJalali } from './jalali.ts';

export { isIsoDate } from './iso.ts';

/** The result of reading a date typed by a person. */
export type DateInputResult =
  | { ok: true; value: IsoDate; calendar: 'jalali' | 'gregorian' }
  | { ok: false; reason: 'format' | 'invalid' };

/** Years below this are read as Jalali, the rest as Gregorian. */
const FIRST_GREGORIAN_YEAR = 1700;

/** Year first, 4-digit year, one separator kind (`/`, `-` or `.`) used twice. */
const DATE_INPUT = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/;

/**
 * Reads a typed date such as `۱۴۰۳/۰۵/۱۴`, `1403-5-14` or `2024.08.04` (Persian, Arabic-Indic or
 * ASCII digits). A year below 1700 is Jalali, otherwise Gregorian. 'format' means the text is not
 * shaped like a date; 'invalid' means the shape is right but the day does not exist.
 */
export function parseDateInput(input: string): DateInputResult {
  const m = DATE_INPUT.exec(foldDigits(input.trim()));
  if (!m) return { ok: false, reason: 'format' };
  const y = Number(m[1]);
  const mo = Number(m[3]);
  const d = Number(m[4]);

  if (y < FIRST_GREGORIAN_YEAR) {
    if (!isValidJalali(y, mo, d)) return { ok: false, reason: 'invalid' };
    return { ok: true, value: fromJalali(y, mo, d), calendar: 'jalali' };
  }

  if (!isValidGregorian(y, mo, d)) return { ok: false, reason: 'invalid' };
  const value = `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (!hasJalaliForm(value)) return { ok: false, reason: 'invalid' };

  return { ok: true, value, calendar: 'gregorian' };
}

/** Persian (U+06F0–06F9) and Arabic-Indic (U+0660–0669) digits to ASCII. */
function foldDigits(s: string): string {
  return s.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (c) => {
    const code = c.charCodeAt(0);
    return String(code - (code >= 0x06f0 ? 0x06f0 : 0x0660));
  });
}

/** Dates far in the future (beyond Jalali 3177) cannot be shown as Jalali, so they are refused. */
function hasJalaliForm(iso: IsoDate): boolean {
  try {
    toJalali(iso);
    return true;
  } catch {
    return false;
  }
}

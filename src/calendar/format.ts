import type { IsoDate } from './iso.ts';
import { toJalali } from './jalali.ts';

/** Persian names of the Jalali months, Farvardin first. */
export const JALALI_MONTH_NAMES = [
  'فروردین',
  'اردیبهشت',
  'خرداد',
  'تیر',
  'مرداد',
  'شهریور',
  'مهر',
  'آبان',
  'آذر',
  'دی',
  'بهمن',
  'اسفند',
] as const;

/** Options for formatJalali: digit script (default Persian) and style (default numeric). */
export type FormatJalaliOptions = { digits?: 'fa' | 'latin'; style?: 'numeric' | 'long' };

/** An IsoDate shown in Jalali: numeric `۱۴۰۳/۰۵/۱۴` or long `۱۴ مرداد ۱۴۰۳`. */
export function formatJalali(iso: IsoDate, opts: FormatJalaliOptions = {}): string {
  const { jy, jm, jd } = toJalali(iso);
  const text =
    opts.style === 'long'
      ? `${jd} ${JALALI_MONTH_NAMES[jm - 1]} ${jy}`
      : `${jy}/${String(jm).padStart(2, '0')}/${String(jd).padStart(2, '0')}`;

  return opts.digits === 'latin' ? text : toPersianDigits(text);
}

/** Replaces ASCII digits with Persian digits (۰–۹); other characters are kept. */
export function toPersianDigits(s: string | number): string {
  return String(s).replace(/[0-9]/g, (c) => String.fromCharCode(0x06f0 + Number(c)));
}

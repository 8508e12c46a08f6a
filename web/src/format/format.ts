import { formatJalali, JALALI_MONTH_NAMES, toPersianDigits } from '../../../src/calendar/format.ts';
import type { Language } from '../i18n/i18n.ts';

/** English names of the Jalali months (the calendar stays Jalali in English too). */
const JALALI_MONTHS_EN = [
  'Farvardin',
  'Ordibehesht',
  'Khordad',
  'Tir',
  'Mordad',
  'Shahrivar',
  'Mehr',
  'Aban',
  'Azar',
  'Dey',
  'Bahman',
  'Esfand',
] as const;

const numberFormats: Record<Language, Intl.NumberFormat> = {
  fa: new Intl.NumberFormat('fa-IR'),
  en: new Intl.NumberFormat('en-GB'),
};

/** A whole number with the language's digits and grouping: `۱٬۲۳۴` or `1,234`. */
export function formatNumber(n: number, language: Language): string {
  return numberFormats[language].format(n);
}

/** Digits inside free text (addresses, IDs): Persian digits in Persian, kept as they are in English. */
export function localDigits(text: string, language: Language): string {
  return language === 'fa' ? toPersianDigits(text) : text;
}

/** A calendar date `YYYY-MM-DD` shown in the Jalali calendar: `۷ آذر ۱۴۰۵` or `7 Azar 1405`. */
export function formatDate(iso: string, language: Language): string {
  if (language === 'fa') return formatJalali(iso, { style: 'long' });
  const [year, month, day] = formatJalali(iso, { digits: 'latin' }).split('/').map(Number);
  return `${day} ${JALALI_MONTHS_EN[(month ?? 1) - 1]} ${year}`;
}

/** The name of Jalali month `m` (1–12). */
export function monthName(m: number, language: Language): string {
  const names = language === 'fa' ? JALALI_MONTH_NAMES : JALALI_MONTHS_EN;
  return names[m - 1] ?? String(m);
}

/** Rials with toman beside them (1 toman = 10 rials): `۱٬۲۰۰ ریال (۱۲۰ تومان)`. */
export function formatRials(rials: number, language: Language): { rials: string; toman: string } {
  return { rials: formatNumber(rials, language), toman: formatNumber(Math.floor(rials / 10), language) };
}

const TEHRAN = 'Asia/Tehran';
const tehranDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: TEHRAN,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const clockFormats: Record<Language, Intl.DateTimeFormat> = {
  fa: new Intl.DateTimeFormat('fa-IR', {
    timeZone: TEHRAN,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: TEHRAN,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }),
};

/** The time of an instant (ISO-8601) on Tehran's clock: `۱۲:۱۰`. */
export function formatTime(instant: string, language: Language): string {
  return clockFormats[language].format(new Date(instant));
}

/** An instant as a Jalali date and a Tehran time: `۷ آذر ۱۴۰۵، ۱۲:۱۰`. */
export function formatInstant(instant: string, language: Language): string {
  const day = tehranDay.format(new Date(instant));
  return `${formatDate(day, language)}${language === 'fa' ? '، ' : ', '}${formatTime(instant, language)}`;
}

/**
 * Text written left to right inside a sentence of either direction (a masked mobile number,
 * an e-mail address), isolated so its characters keep their order: LRI … PDI.
 */
export function ltr(text: string): string {
  return `\u2066${text}\u2069`;
}

import { d2j, isValidJalaaliDate, j2d, jalaaliMonthLength } from 'jalaali-js';
import { dayNumberToIso, type IsoDate, isoToDayNumber } from './iso.ts';

export type { IsoDate } from './iso.ts';

/** A Jalali (Solar Hijri) date: year, month 1–12 (1 = Farvardin), day 1–31. */
export type JalaliDate = { jy: number; jm: number; jd: number };

/** The Jalali date of an IsoDate; throws a RangeError on a malformed or unconvertible date. */
export function toJalali(iso: IsoDate): JalaliDate {
  const { jy, jm, jd } = d2j(isoToDayNumber(iso));

  return { jy, jm, jd };
}

/** The IsoDate of a Jalali date; throws a RangeError if the Jalali date does not exist. */
export function fromJalali(jy: number, jm: number, jd: number): IsoDate {
  if (!isValidJalali(jy, jm, jd)) throw new RangeError(`not a Jalali date: ${jy}/${jm}/${jd}`);

  return dayNumberToIso(j2d(jy, jm, jd));
}

/** True when the integers jy/jm/jd name a real Jalali date (e.g. 1403/12/30 yes, 1402/12/30 no). */
export function isValidJalali(jy: number, jm: number, jd: number): boolean {
  return (
    Number.isInteger(jy) && Number.isInteger(jm) && Number.isInteger(jd) && isValidJalaaliDate(jy, jm, jd)
  );
}

/** Days in Jalali month jm of year jy (31, 30, or 29/30 for Esfand); RangeError on a bad month. */
export function jalaliMonthLength(jy: number, jm: number): number {
  if (!isValidJalali(jy, jm, 1)) throw new RangeError(`not a Jalali month: ${jy}/${jm}`);

  return jalaaliMonthLength(jy, jm);
}

/**
 * Adds n Jalali months (n may be negative). The last day of a month maps to the last day of the
 * target month (29 Esfand + 4 → 31 Tir); any other day keeps its number, clamped to the month's end.
 */
export function addJalaliMonths(iso: IsoDate, n: number): IsoDate {
  requireInteger(n, 'months');
  const { jy, jm, jd } = toJalali(iso);
  const index = jy * 12 + (jm - 1) + n;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  const targetLength = jalaliMonthLength(ty, tm);
  const isMonthEnd = jd === jalaaliMonthLength(jy, jm);

  return fromJalali(ty, tm, isMonthEnd ? targetLength : Math.min(jd, targetLength));
}

/** Adds n whole days (n may be negative). */
export function addDays(iso: IsoDate, n: number): IsoDate {
  requireInteger(n, 'days');

  return dayNumberToIso(isoToDayNumber(iso) + n);
}

/** b − a in whole days (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return isoToDayNumber(b) - isoToDayNumber(a);
}

/** The last day of Jalali month endMonth (default 12, Esfand) of year jy. */
export function jalaliYearEnd(jy: number, endMonth = 12): IsoDate {
  return fromJalali(jy, endMonth, jalaliMonthLength(jy, endMonth));
}

/**
 * The fiscal year containing a date when fiscal years end with Jalali month endMonth. A fiscal year
 * is named by the Jalali year in which it ends (with endMonth 12 it is simply the Jalali year).
 */
export function fiscalYearOf(iso: IsoDate, endMonth = 12): number {
  requireMonth(endMonth);
  const { jy, jm } = toJalali(iso);

  return jm <= endMonth ? jy : jy + 1;
}

/** The last day of fiscal year fy (named by the Jalali year in which it ends). */
export function fiscalYearEndOn(fy: number, endMonth = 12): IsoDate {
  return jalaliYearEnd(fy, endMonth);
}

/** The first day of fiscal year fy: the day after the previous fiscal year's end. */
export function fiscalYearStartOn(fy: number, endMonth = 12): IsoDate {
  return addDays(jalaliYearEnd(fy - 1, endMonth), 1);
}

function requireInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a whole number, got ${n}`);
}

function requireMonth(m: number): void {
  if (!Number.isInteger(m) || m < 1 || m > 12) throw new RangeError(`month must be 1–12, got ${m}`);
}

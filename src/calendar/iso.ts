import { d2g, g2d } from 'jalaali-js';

/** A calendar date stored as a Gregorian `YYYY-MM-DD` string. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a strict `YYYY-MM-DD` string naming a real Gregorian date. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;

  return isValidGregorian(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** True when the Gregorian year, month and day name a real date. */
export function isValidGregorian(gy: number, gm: number, gd: number): boolean {
  if (!Number.isInteger(gy) || !Number.isInteger(gm) || !Number.isInteger(gd)) return false;
  if (gm < 1 || gm > 12 || gd < 1 || gd > 31) return false;
  const back = d2g(g2d(gy, gm, gd));

  return back.gy === gy && back.gm === gm && back.gd === gd;
}

/** The Julian Day Number of an IsoDate; throws a RangeError if it is not a valid IsoDate. */
export function isoToDayNumber(iso: IsoDate): number {
  const m = ISO_DATE.exec(iso);
  if (!m || !isValidGregorian(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(iso)}`);
  }

  return g2d(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The IsoDate of a Julian Day Number; throws a RangeError outside the years 0000–9999. */
export function dayNumberToIso(jdn: number): IsoDate {
  const { gy, gm, gd } = d2g(jdn);
  if (gy < 0 || gy > 9999) throw new RangeError(`year ${gy} cannot be written as YYYY-MM-DD`);

  return `${String(gy).padStart(4, '0')}-${pad2(gm)}-${pad2(gd)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

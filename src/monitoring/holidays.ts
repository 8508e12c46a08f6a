import { addDays, fromJalali, toJalali } from '../calendar/index.ts';
import lunar from './data/lunar-holidays.json' with { type: 'json' };

/**
 * Official holidays of Iran as data (DESIGN.md "Data"): the solar ones are computed from the
 * Jalali calendar; the lunar ones move every year and are entered per year in
 * `data/lunar-holidays.json` (Gregorian dates, as announced, with the span they cover and their
 * source). Fridays are not listed: rules check the weekday themselves.
 */
const SOLAR: ReadonlyArray<readonly [number, number]> = [
  [1, 1],
  [1, 2],
  [1, 3],
  [1, 4], // Nowruz
  [1, 12], // Islamic Republic Day
  [1, 13], // Nature Day
  [3, 14], // passing of Imam Khomeini
  [3, 15], // 15 Khordad uprising
  [11, 22], // revolution day
  [12, 29], // oil nationalisation
];

const data = lunar as { dates: string[]; coverage?: { from: string; to: string } };
const LUNAR: ReadonlySet<string> = new Set(data.dates);

/** The days the lunar list covers; outside them only Fridays and the solar holidays are known. */
export const LUNAR_HOLIDAY_COVERAGE: { from: string; to: string } | null = data.coverage ?? null;

/** Holidays in [from, to] (YYYY-MM-DD, inclusive). */
export function holidaysBetween(from: string, to: string): Set<string> {
  const out = new Set<string>();
  const first = toJalali(from).jy;
  const last = toJalali(to).jy;
  for (let jy = first; jy <= last; jy++) {
    for (const [jm, jd] of SOLAR) {
      const iso = fromJalali(jy, jm, jd);
      if (iso >= from && iso <= to) out.add(iso);
    }
  }
  for (const d of LUNAR) if (d >= from && d <= to) out.add(d);

  return out;
}

/** Whether a date is a Friday (the weekly rest day). */
export function isFriday(iso: string): boolean {
  return new Date(`${iso}T12:00:00Z`).getUTCDay() === 5;
}

export { addDays };

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addJalaliMonths,
  daysBetween,
  fiscalYearEndOn,
  fiscalYearOf,
  fiscalYearStartOn,
  fromJalali,
  isValidJalali,
  jalaliMonthLength,
  jalaliYearEnd,
  toJalali,
} from './jalali.ts';

const j = (jy: number, jm: number, jd: number) => fromJalali(jy, jm, jd);

describe('toJalali / fromJalali', () => {
  it.each([
    ['2020-08-04', 1399, 5, 14], // the seed article's date
    ['2026-11-28', 1405, 9, 7],
    ['2025-03-20', 1403, 12, 30], // 1403 is leap
    ['2024-03-19', 1402, 12, 29],
    ['2025-03-21', 1404, 1, 1],
  ])('%s is %i/%i/%i', (iso, jy, jm, jd) => {
    expect(toJalali(iso)).toEqual({ jy, jm, jd });
    expect(fromJalali(jy, jm, jd)).toBe(iso);
  });

  it('rejects impossible Jalali dates with a RangeError', () => {
    expect(() => fromJalali(1402, 12, 30)).toThrow(RangeError);
    expect(() => fromJalali(1403, 12, 31)).toThrow(RangeError);
    expect(() => fromJalali(1403, 13, 1)).toThrow(RangeError);
    expect(() => fromJalali(1403, 7, 31)).toThrow(RangeError);
    expect(() => fromJalali(1403, 1, 1.5)).toThrow(RangeError);
  });

  it('rejects malformed IsoDates', () => {
    for (const bad of ['2023-02-29', '2024-8-04', '2024-13-01', '', '2024-08-04T00:00:00Z']) {
      expect(() => toJalali(bad), bad).toThrow(RangeError);
    }
  });

  it('round-trips every day of the Jalali years 1350..1450, one day apart', () => {
    let previous = fromJalali(1349, 12, jalaliMonthLength(1349, 12));
    let count = 0;
    for (let jy = 1350; jy <= 1450; jy++) {
      for (let jm = 1; jm <= 12; jm++) {
        for (let jd = 1; jd <= jalaliMonthLength(jy, jm); jd++) {
          const iso = fromJalali(jy, jm, jd);
          expect(toJalali(iso)).toEqual({ jy, jm, jd });
          expect(daysBetween(previous, iso)).toBe(1);
          previous = iso;
          count++;
        }
      }
    }
    expect(count).toBe(daysBetween('1971-03-21', '2072-03-20')); // 1350/01/01 .. 1451/01/01
  });
});

describe('isValidJalali / jalaliMonthLength', () => {
  it('knows the leap years from jalaali-js', () => {
    expect(isValidJalali(1403, 12, 30)).toBe(true);
    expect(isValidJalali(1402, 12, 30)).toBe(false);
    expect(isValidJalali(1404, 12, 30)).toBe(false);
    expect(isValidJalali(1399, 12, 30)).toBe(true);
    expect(jalaliMonthLength(1404, 12)).toBe(29);
    expect(jalaliMonthLength(1403, 12)).toBe(30);
    expect(jalaliMonthLength(1404, 6)).toBe(31);
    expect(jalaliMonthLength(1404, 7)).toBe(30);
    expect(() => jalaliMonthLength(1404, 0)).toThrow(RangeError);
  });
});

describe('addJalaliMonths', () => {
  it.each([
    // [from, months, to]
    [[1402, 12, 29], 4, [1403, 4, 31]], // fiscal year 1402 end + 4 months (annual assembly deadline)
    [[1403, 12, 30], 4, [1404, 4, 31]], // leap Esfand end + 4 months
    [[1402, 12, 29], 2, [1403, 2, 31]], // invitation deadline
    [[1404, 6, 31], 1, [1404, 7, 30]], // clamp to Mehr's 30
    [[1404, 11, 30], 1, [1404, 12, 29]], // Bahman end → Esfand end; 1404 is not leap
    [[1403, 11, 30], 1, [1403, 12, 30]], // Bahman end → Esfand end in leap 1403
    [[1404, 1, 31], -1, [1403, 12, 30]], // Farvardin end − 1 → leap Esfand end
    [[1403, 1, 31], -1, [1402, 12, 29]], // Farvardin end − 1 → common Esfand end
    [[1404, 1, 31], -2, [1403, 11, 30]], // Farvardin end − 2 is Bahman's end, not Esfand's
    [[1404, 7, 30], 1, [1404, 8, 30]], // Mehr end → Aban end
    [[1404, 7, 30], -1, [1404, 6, 31]], // Mehr end → Shahrivar end
    [[1404, 1, 30], 1, [1404, 2, 30]], // 30 Farvardin is not a month end: keeps its day
    [[1404, 1, 15], -13, [1402, 12, 15]],
    [[1404, 5, 14], 0, [1404, 5, 14]],
    [[1404, 5, 14], 24, [1406, 5, 14]],
    [[1404, 12, 29], 12, [1405, 12, 29]],
    [[1403, 12, 30], -12, [1402, 12, 29]],
  ])('%j + %i months = %j', ([fy, fm, fd], n, [ty, tm, td]) => {
    expect(addJalaliMonths(j(fy ?? 0, fm ?? 0, fd ?? 0), n)).toBe(j(ty ?? 0, tm ?? 0, td ?? 0));
  });

  it('refuses a fractional month count', () => {
    expect(() => addJalaliMonths('2024-03-19', 1.5)).toThrow(RangeError);
  });

  const dayInRange = fc.integer({ min: daysBetween('1970-01-01', '1971-03-21'), max: 40_000 });
  const anyDate = dayInRange.map((n) => addDays('1970-01-01', n));
  const months = fc.integer({ min: -60, max: 60 });
  const run = { seed: 20_200_804, numRuns: 1000 };

  it('undoes itself for days 1..28 (never clamped)', () => {
    fc.assert(
      fc.property(anyDate, months, (d, n) => {
        fc.pre(toJalali(d).jd <= 28);
        expect(addJalaliMonths(addJalaliMonths(d, n), -n)).toBe(d);
      }),
      run,
    );
  });

  it('maps a month end to a month end, and undoes itself there', () => {
    fc.assert(
      fc.property(anyDate, months, (d0, n) => {
        const { jy, jm } = toJalali(d0);
        const d = j(jy, jm, jalaliMonthLength(jy, jm));
        const moved = toJalali(addJalaliMonths(d, n));
        expect(moved.jd).toBe(jalaliMonthLength(moved.jy, moved.jm));
        expect(addJalaliMonths(addJalaliMonths(d, n), -n)).toBe(d);
      }),
      run,
    );
  });

  it('always lands n months away, never on a later day number unless at a month end', () => {
    fc.assert(
      fc.property(anyDate, months, (d, n) => {
        const from = toJalali(d);
        const to = toJalali(addJalaliMonths(d, n));
        expect(to.jy * 12 + to.jm - (from.jy * 12 + from.jm)).toBe(n);
        if (from.jd < jalaliMonthLength(from.jy, from.jm)) expect(to.jd).toBeLessThanOrEqual(from.jd);
      }),
      run,
    );
  });
});

describe('addDays / daysBetween', () => {
  it('crosses month, year and leap boundaries', () => {
    expect(addDays('2025-03-20', 1)).toBe('2025-03-21');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(daysBetween('2024-03-19', '2025-03-20')).toBe(366);
    expect(daysBetween('2025-03-20', '2024-03-19')).toBe(-366);
    expect(() => addDays('2024-01-01', 0.5)).toThrow(RangeError);
  });

  it('agrees with itself (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: -5000, max: 5000 }), (k, n) => {
        const d = addDays('1950-01-01', k);
        expect(daysBetween(d, addDays(d, n))).toBe(n);
        expect(addDays(addDays(d, n), -n)).toBe(d);
      }),
      { seed: 1399, numRuns: 1000 },
    );
  });
});

describe('fiscal years', () => {
  it('ends on 29 or 30 Esfand for the default calendar-year fiscal year', () => {
    expect(jalaliYearEnd(1402)).toBe('2024-03-19');
    expect(jalaliYearEnd(1403)).toBe('2025-03-20');
    expect(fiscalYearEndOn(1404)).toBe(j(1404, 12, 29));
    expect(fiscalYearStartOn(1404)).toBe('2025-03-21');
    expect(fiscalYearOf('2025-03-20')).toBe(1403);
    expect(fiscalYearOf('2025-03-21')).toBe(1404);
  });

  it('handles a fiscal year ending with Khordad (month 3)', () => {
    expect(jalaliYearEnd(1403, 3)).toBe(j(1403, 3, 31));
    expect(fiscalYearOf(j(1403, 3, 31), 3)).toBe(1403);
    expect(fiscalYearOf(j(1403, 4, 1), 3)).toBe(1404);
    expect(fiscalYearOf(j(1403, 1, 1), 3)).toBe(1403);
    expect(fiscalYearStartOn(1404, 3)).toBe(j(1403, 4, 1));
    expect(fiscalYearEndOn(1404, 3)).toBe(j(1404, 3, 31));
    expect(() => fiscalYearOf('2025-01-01', 13)).toThrow(RangeError);
    expect(() => jalaliYearEnd(1403, 0)).toThrow(RangeError);
  });
});

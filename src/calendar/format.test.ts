import { describe, expect, it } from 'vitest';
import { formatJalali, JALALI_MONTH_NAMES, toPersianDigits } from './format.ts';

describe('formatJalali', () => {
  it('shows the numeric form in Persian digits by default', () => {
    expect(formatJalali('2024-08-04')).toBe('۱۴۰۳/۰۵/۱۴');
    expect(formatJalali('2020-08-04')).toBe('۱۳۹۹/۰۵/۱۴');
  });

  it('shows Latin digits on request', () => {
    expect(formatJalali('2026-11-28', { digits: 'latin' })).toBe('1405/09/07');
  });

  it('shows the long form with the month name', () => {
    expect(formatJalali('2024-08-04', { style: 'long' })).toBe('۱۴ مرداد ۱۴۰۳');
    expect(formatJalali('2025-03-20', { style: 'long', digits: 'latin' })).toBe('30 اسفند 1403');
    expect(formatJalali('2025-03-21', { style: 'long', digits: 'latin' })).toBe('1 فروردین 1404');
  });

  it('uses Persian letters, never Arabic yeh or kaf, in month names', () => {
    expect(JALALI_MONTH_NAMES).toHaveLength(12);
    expect(JALALI_MONTH_NAMES.join('')).not.toMatch(/[\u064A\u0643]/);
  });

  it('throws on a malformed date', () => {
    expect(() => formatJalali('1403/05/14')).toThrow(RangeError);
  });
});

describe('toPersianDigits', () => {
  it('replaces only ASCII digits', () => {
    expect(toPersianDigits('Tir 31, 1403-04')).toBe('Tir ۳۱, ۱۴۰۳-۰۴');
    expect(toPersianDigits(1234567890)).toBe('۱۲۳۴۵۶۷۸۹۰');
  });
});

import { describe, expect, it } from 'vitest';
import { isIsoDate, parseDateInput } from './parse.ts';

describe('parseDateInput', () => {
  it.each([
    ['1399/05/14', '2020-08-04', 'jalali'],
    ['۱۳۹۹/۰۵/۱۴', '2020-08-04', 'jalali'],
    ['١٣٩٩-٥-١٤', '2020-08-04', 'jalali'], // Arabic-Indic digits
    ['1399.5.14', '2020-08-04', 'jalali'],
    ['  1403/12/30 ', '2025-03-20', 'jalali'],
    ['1405/09/07', '2026-11-28', 'jalali'],
    ['2020-08-04', '2020-08-04', 'gregorian'],
    ['2020/8/4', '2020-08-04', 'gregorian'],
    ['۲۰۲۴.۰۲.۲۹', '2024-02-29', 'gregorian'],
  ])('reads %s as %s (%s)', (input, value, calendar) => {
    expect(parseDateInput(input)).toEqual({ ok: true, value, calendar });
  });

  it.each([
    '1403/12/31',
    '1402/12/30',
    '1403/13/01',
    '1403/00/10',
    '1403/07/31',
    '2023-02-29',
    '2024-13-01',
    '2024-04-31',
  ])('rejects the impossible date %s as invalid', (input) => {
    expect(parseDateInput(input)).toEqual({ ok: false, reason: 'invalid' });
  });

  it.each([
    '',
    '1403',
    '14/05/1403',
    '99/5/14',
    '1403/05-14',
    '1403//05/14',
    '1403/005/14',
    'abc',
    '1403 05 14',
    '2024-08-04T10:00',
  ])('rejects %j as a format error', (input) => {
    expect(parseDateInput(input)).toEqual({ ok: false, reason: 'format' });
  });

  it('refuses Gregorian dates too far out to show in Jalali', () => {
    expect(parseDateInput('9999-01-01')).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('isIsoDate', () => {
  it('accepts only strict, real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-29')).toBe(false);
    expect(isIsoDate('2024-02-29 ')).toBe(false);
    expect(isIsoDate('2024-00-10')).toBe(false);
    expect(isIsoDate('2024-01-32')).toBe(false);
    expect(isIsoDate('۲۰۲۴-۰۲-۲۹')).toBe(false);
    expect(isIsoDate(20240229)).toBe(false);
  });
});

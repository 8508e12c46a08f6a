import { describe, expect, it } from 'vitest';
import { isValidMobile, parseMobile } from './mobile.ts';

describe('parseMobile', () => {
  it.each([
    '09121234567',
    '9121234567',
    '+989121234567',
    '00989121234567',
    '989121234567',
    '+98 0912 123 4567',
    '+98 (912) 123-4567',
    '0912-123-4567',
    '۰۹۱۲۱۲۳۴۵۶۷',
    '٠٩١٢١٢٣٤٥٦٧',
    '+۹۸ ۹۱۲ ۱۲۳ ۴۵۶۷',
    '\u200E0912 123 4567\u00A0',
  ])('normalises %s to 09121234567', (input) => {
    expect(parseMobile(input)).toEqual({ ok: true, value: '09121234567' });
  });

  it('reads a 10-digit number starting with 98 as a bare number, not a country code', () => {
    expect(parseMobile('9891234567')).toEqual({ ok: true, value: '09891234567' });
  });

  it('rejects wrong lengths', () => {
    expect(parseMobile('0912123456')).toEqual({ ok: false, reason: 'length' });
    expect(parseMobile('091212345678')).toEqual({ ok: false, reason: 'length' });
    expect(parseMobile('+98912123456')).toEqual({ ok: false, reason: 'length' });
    expect(parseMobile('0')).toEqual({ ok: false, reason: 'length' });
  });

  it('rejects numbers that are not mobiles, foreign numbers and non-digits', () => {
    expect(parseMobile('02112345678')).toEqual({ ok: false, reason: 'format' }); // Tehran landline
    expect(parseMobile('+14155552671')).toEqual({ ok: false, reason: 'format' });
    expect(parseMobile('0912abc4567')).toEqual({ ok: false, reason: 'format' });
    expect(parseMobile('0912+1234567')).toEqual({ ok: false, reason: 'format' });
    expect(parseMobile('  ')).toEqual({ ok: false, reason: 'empty' });
    expect(isValidMobile('09121234567')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { parsePostalCode, postalCodeLooksPlausible } from './postal-code.ts';

describe('parsePostalCode', () => {
  it('accepts 10 digits in any script, with a dash or spaces', () => {
    expect(parsePostalCode('1419713451')).toEqual({ ok: true, value: '1419713451' });
    expect(parsePostalCode('14197-13451')).toEqual({ ok: true, value: '1419713451' });
    expect(parsePostalCode('۱۴۱۹۷-۱۳۴۵۱')).toEqual({ ok: true, value: '1419713451' });
    expect(parsePostalCode(' ١٤١٩٧ ١٣٤٥١ ')).toEqual({ ok: true, value: '1419713451' });
  });

  it('checks only the format (no check digit exists)', () => {
    expect(parsePostalCode('0000000000')).toEqual({ ok: true, value: '0000000000' });
    expect(parsePostalCode('141971345')).toEqual({ ok: false, reason: 'length' });
    expect(parsePostalCode('14197134512')).toEqual({ ok: false, reason: 'length' });
    expect(parsePostalCode('14197/13451')).toEqual({ ok: false, reason: 'format' });
    expect(parsePostalCode('')).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('postalCodeLooksPlausible', () => {
  it('accepts codes that follow the usual digit pattern', () => {
    expect(postalCodeLooksPlausible('14197-13451')).toBe(true);
    expect(postalCodeLooksPlausible('۱۴۱۹۷۱۳۴۵۱')).toBe(true);
  });

  it('flags 0 or 2 in the first four digits, 0/2/5 in the fifth, 2 in the last five, four equal leading digits', () => {
    expect(postalCodeLooksPlausible('1019713451')).toBe(false);
    expect(postalCodeLooksPlausible('1429713451')).toBe(false);
    expect(postalCodeLooksPlausible('1419513451')).toBe(false);
    expect(postalCodeLooksPlausible('1419713452')).toBe(false);
    expect(postalCodeLooksPlausible('1111713451')).toBe(false);
    expect(postalCodeLooksPlausible('1419713450')).toBe(true); // 0 is allowed in the last five
  });

  it('is false for anything parsePostalCode rejects', () => {
    expect(postalCodeLooksPlausible('141971345')).toBe(false);
    expect(postalCodeLooksPlausible('abc')).toBe(false);
  });
});

import { verifyIranianNationalId } from '@persian-tools/persian-tools';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidNationalCode, parseNationalCode } from './national-code.ts';

const VALID = [
  '0499370899',
  '0790419904',
  '0084575948',
  '0684159414',
  '0015467295',
  '0029097282',
  '1362611816',
  '4518310128',
];

describe('parseNationalCode', () => {
  it.each(VALID)('accepts the known-valid code %s', (code) => {
    expect(parseNationalCode(code)).toEqual({ ok: true, value: code });
  });

  it('rejects a wrong check digit', () => {
    expect(parseNationalCode('0684159415')).toEqual({ ok: false, reason: 'checksum' });
    expect(parseNationalCode('1362611817')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('accepts Persian and Arabic-Indic digits, spaces and dashes', () => {
    expect(parseNationalCode('۰۴۹۹۳۷۰۸۹۹')).toEqual({ ok: true, value: '0499370899' });
    expect(parseNationalCode('٠٧٩٠٤١٩٩٠٤')).toEqual({ ok: true, value: '0790419904' });
    expect(parseNationalCode(' 049-937089-9 ')).toEqual({ ok: true, value: '0499370899' });
    expect(parseNationalCode('\u200F۱۳۶ ۲۶۱۱ ۸۱۶\u00A0')).toEqual({ ok: true, value: '1362611816' });
  });

  it('left-pads 8 and 9 digits (leading zeros lost in spreadsheets)', () => {
    expect(parseNationalCode('499370899')).toEqual({ ok: true, value: '0499370899' });
    expect(parseNationalCode('84575948')).toEqual({ ok: true, value: '0084575948' });
    expect(parseNationalCode('۸۴۵۷۵۹۴۸')).toEqual({ ok: true, value: '0084575948' });
    expect(parseNationalCode('84575949')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('rejects other lengths', () => {
    expect(parseNationalCode('4575948')).toEqual({ ok: false, reason: 'length' });
    expect(parseNationalCode('04993708990')).toEqual({ ok: false, reason: 'length' });
  });

  it('rejects non-digits and empty input', () => {
    expect(parseNationalCode('04993708x9')).toEqual({ ok: false, reason: 'format' });
    expect(parseNationalCode('0499.370.899')).toEqual({ ok: false, reason: 'format' });
    expect(parseNationalCode(' - ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('rejects repeated digits, which the checksum alone accepts', () => {
    expect(parseNationalCode('1111111111')).toEqual({ ok: false, reason: 'repeated' });
    expect(parseNationalCode('0000000000')).toEqual({ ok: false, reason: 'repeated' });
    expect(parseNationalCode('00000000')).toEqual({ ok: false, reason: 'repeated' });
    for (let d = 0; d <= 9; d++) expect(isValidNationalCode(String(d).repeat(10))).toBe(false);
  });

  it('rejects six zero middle digits even with a matching check digit', () => {
    // 123000000c: s = 1·10 + 2·9 + 3·8 = 52, r = 8, check = 3.
    expect(parseNationalCode('1230000003')).toEqual({ ok: false, reason: 'format' });
  });

  /**
   * persian-tools' verifyIranianNationalId (called with checkPrefix: false, since we do not
   * check city prefixes) pads 8–9 digits as we do, so on strings of 8–10 ASCII digits the two
   * definitions coincide. Outside that they differ by design: it does not reject non-digits, and
   * for 11+ digits it silently checks only the last ten. Each run tries all ten check digits of
   * one body, so about one case in ten is valid.
   */
  it('agrees with @persian-tools/persian-tools on 8–10 digit strings', () => {
    const body = fc
      .integer({ min: 7, max: 9 })
      .chain((n) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n }));
    fc.assert(
      fc.property(body, (b) => {
        for (let d = 0; d <= 9; d++) {
          const code = `${b}${d}`;
          expect(isValidNationalCode(code), code).toBe(verifyIranianNationalId(code, { checkPrefix: false }));
        }
      }),
      { seed: 41, numRuns: 1000 },
    );
  });
});

import { verifyIranianLegalId } from '@persian-tools/persian-tools';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidLegalId, parseLegalId } from './legal-id.ts';

describe('parseLegalId', () => {
  it.each(['10380284790', '10623657427', '10835361919', '10042305320'])(
    'accepts the known-valid ID %s',
    (id) => {
      expect(parseLegalId(id)).toEqual({ ok: true, value: id });
    },
  );

  it('rejects a wrong check digit', () => {
    expect(parseLegalId('10380284791')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('accepts Persian digits, spaces and dashes', () => {
    expect(parseLegalId('۱۰۳۸۰۲۸۴۷۹۰')).toEqual({ ok: true, value: '10380284790' });
    expect(parseLegalId('١٠٣٨٠٢٨٤٧٩٠')).toEqual({ ok: true, value: '10380284790' });
    expect(parseLegalId(' 103-8028-4790 ')).toEqual({ ok: true, value: '10380284790' });
  });

  it('requires exactly 11 digits', () => {
    expect(parseLegalId('1038028479')).toEqual({ ok: false, reason: 'length' });
    expect(parseLegalId('103802847900')).toEqual({ ok: false, reason: 'length' });
    expect(parseLegalId('1038028479O')).toEqual({ ok: false, reason: 'format' });
    expect(parseLegalId('')).toEqual({ ok: false, reason: 'empty' });
  });

  it('rejects repeated digits (33333333333 passes the checksum) and six zero middle digits', () => {
    expect(parseLegalId('33333333333')).toEqual({ ok: false, reason: 'repeated' });
    expect(parseLegalId('00000000000')).toEqual({ ok: false, reason: 'repeated' });
    const middle = Array.from({ length: 100 }, (_, n) => `103000000${String(n).padStart(2, '0')}`);
    for (const id of middle) expect(parseLegalId(id), id).toEqual({ ok: false, reason: 'format' });
  });

  /**
   * persian-tools' verifyIranianLegalId agrees on strings of exactly 11 ASCII digits, except that
   * it accepts 33333333333 (all-same digits, which we reject by design). It differs outside:
   * longer strings are checked on their first 11 characters, and non-digits are not rejected.
   * Each run tries all ten check digits of one 10-digit body.
   */
  it('agrees with @persian-tools/persian-tools on 11-digit strings', () => {
    const body = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 10, maxLength: 10 });
    fc.assert(
      fc.property(body, (b) => {
        for (let d = 0; d <= 9; d++) {
          const id = `${b}${d}`;
          if (/^(\d)\1*$/.test(id)) continue;
          expect(isValidLegalId(id), id).toBe(verifyIranianLegalId(id) === true);
        }
      }),
      { seed: 42, numRuns: 1000 },
    );
  });
});

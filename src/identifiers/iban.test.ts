import { isShebaValid } from '@persian-tools/persian-tools';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ibanBankCode, isValidIban, parseIban } from './iban.ts';

describe('parseIban', () => {
  it.each(['IR820540102680020817909002', 'IR050170000000123456789012'])(
    'accepts the known-valid IBAN %s',
    (iban) => {
      expect(parseIban(iban)).toEqual({ ok: true, value: iban });
    },
  );

  it('normalises case, spaces, dashes and Persian digits', () => {
    const value = 'IR820540102680020817909002';
    expect(parseIban('ir82 0540 1026 8002 0817 9090 02')).toEqual({ ok: true, value });
    expect(parseIban('IR82-0540-1026-8002-0817-9090-02')).toEqual({ ok: true, value });
    expect(parseIban('IR۸۲۰۵۴۰۱۰۲۶۸۰۰۲۰۸۱۷۹۰۹۰۰۲')).toEqual({ ok: true, value });
    expect(parseIban('\u200EIR٨٢٠٥٤٠١٠٢٦٨٠٠٢٠٨١٧٩٠٩٠٠٢ ')).toEqual({ ok: true, value });
  });

  it('accepts a bare 24-digit number by adding IR', () => {
    expect(parseIban('820540102680020817909002')).toEqual({ ok: true, value: 'IR820540102680020817909002' });
    expect(parseIban('۰۵۰۱۷۰۰۰۰۰۰۰۱۲۳۴۵۶۷۸۹۰۱۲')).toEqual({ ok: true, value: 'IR050170000000123456789012' });
  });

  it('rejects a wrong check, length or country', () => {
    expect(parseIban('IR820540102680020817909003')).toEqual({ ok: false, reason: 'checksum' });
    expect(parseIban('IR830540102680020817909002')).toEqual({ ok: false, reason: 'checksum' });
    expect(parseIban('IR82054010268002081790900')).toEqual({ ok: false, reason: 'length' });
    expect(parseIban('IR8205401026800208179090021')).toEqual({ ok: false, reason: 'length' });
    expect(parseIban('DE89370400440532013000')).toEqual({ ok: false, reason: 'format' });
    expect(parseIban('IR82054010268002081790900A')).toEqual({ ok: false, reason: 'format' });
    expect(parseIban('  ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('detects every single-digit error and adjacent transposition', () => {
    const iban = 'IR820540102680020817909002';
    for (let i = 2; i < iban.length; i++) {
      for (let d = 0; d <= 9; d++) {
        const changed = iban.slice(0, i) + d + iban.slice(i + 1);
        if (changed !== iban) expect(isValidIban(changed), changed).toBe(false);
      }
      const swapped = iban.slice(0, i) + iban.charAt(i + 1) + iban.charAt(i) + iban.slice(i + 2);
      if (i + 1 < iban.length && swapped !== iban) expect(isValidIban(swapped), swapped).toBe(false);
    }
  });

  /**
   * persian-tools' isShebaValid uses the same definition (upper-cases, adds a missing IR, IR +
   * 24 digits, mod 97 = 1), so on IR + 24 ASCII digits the two must agree. It does not remove
   * spaces or fold digits, so only compact ASCII input is compared. Each run tries all 100
   * check-digit pairs of one 22-digit BBAN, so every run includes a valid IBAN.
   */
  it('agrees with @persian-tools/persian-tools on IR + 24 digits', () => {
    const bban = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 22, maxLength: 22 });
    fc.assert(
      fc.property(bban, (b) => {
        let valid = 0;
        for (let c = 0; c < 100; c++) {
          const iban = `IR${String(c).padStart(2, '0')}${b}`;
          const ours = isValidIban(iban);
          expect(ours, iban).toBe(isShebaValid(iban));
          if (ours) valid++;
        }
        expect(valid).toBeGreaterThanOrEqual(1);
      }),
      { seed: 97, numRuns: 1000 },
    );
  });
});

describe('ibanBankCode', () => {
  it('returns the three digits after the check digits', () => {
    expect(ibanBankCode('IR820540102680020817909002')).toBe('054');
    expect(ibanBankCode('ir05 0170 0000 0012 3456 7890 12')).toBe('017');
  });

  it('returns null for an invalid IBAN', () => {
    expect(ibanBankCode('IR820540102680020817909003')).toBeNull();
    expect(ibanBankCode('')).toBeNull();
  });
});

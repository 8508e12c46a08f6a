import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dammDigit, formatTrackingCode, newTrackingCode, parseTrackingCode } from './tracking-code.ts';

describe('tracking codes (Damm check digit)', () => {
  it('matches the published Damm examples', () => {
    // Wikipedia, "Damm algorithm": 572 → 4, and 5724 checks.
    expect(dammDigit('572')).toBe(4);
    expect(dammDigit('5724')).toBe(0);
    // Damm's own table gives 0 for the empty string and each digit's row-0 entry for one digit.
    expect(dammDigit('')).toBe(0);
    expect(dammDigit('1')).toBe(3);
  });

  it('reads codes typed with Persian digits and dashes, and refuses a wrong check digit', () => {
    const code = newTrackingCode();
    expect(code).toMatch(/^[1-9]\d{9}$/);
    const persian = formatTrackingCode(code).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)] ?? d);
    expect(parseTrackingCode(persian)).toEqual({ ok: true, code });
    const wrong = code.slice(0, 9) + String((Number(code[9]) + 1) % 10);
    expect(parseTrackingCode(wrong)).toEqual({ ok: false, reason: 'check_digit' });
    expect(parseTrackingCode('12345')).toEqual({ ok: false, reason: 'format' });
  });

  it('catches every single-digit error and every adjacent swap (1,000 fixed-seed codes)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.nat(9), fc.nat(9), (seed, position, delta) => {
        let s = seed;
        const code = newTrackingCode((max) => {
          s = (s * 1103515245 + 12345) % 2 ** 31;
          return s % max;
        });
        expect(parseTrackingCode(code).ok).toBe(true);
        const digits = [...code];
        const changed = [...digits];
        changed[position] = String((Number(digits[position]) + 1 + (delta % 9)) % 10);
        expect(parseTrackingCode(changed.join('')).ok).toBe(false);
        if (position < 9 && digits[position] !== digits[position + 1]) {
          const swapped = [...digits];
          [swapped[position], swapped[position + 1]] = [
            digits[position + 1] as string,
            digits[position] as string,
          ];
          expect(parseTrackingCode(swapped.join('')).ok).toBe(false);
        }
      }),
      { numRuns: 1000, seed: 1405 },
    );
  });
});

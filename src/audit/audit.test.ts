import { describe, expect, it } from 'vitest';
import { encodeForLog } from './audit.ts';

describe('encodeForLog (T21, ASVS v5.0.0-16.4.1)', () => {
  it('escapes CR, LF, ANSI escapes, other controls and bidi overrides, so one event stays one line', () => {
    const forged = 'Mozilla\r\n2026-11-28 auth.sign_in success admin\u001b[31m\u0085\u2028\u202e';
    const out = encodeForLog(forged);
    expect(out).not.toMatch(/[\p{Cc}\u2028\u202e]/u);
    expect(out).toBe(
      'Mozilla\\u000d\\u000a2026-11-28 auth.sign_in success admin\\u001b[31m\\u0085\\u2028\\u202e',
    );
  });

  it('keeps Persian text and ZWNJ, and cuts what is too long', () => {
    expect(encodeForLog('مریم\u200cاحمدی')).toBe('مریم\u200cاحمدی');
    expect(encodeForLog('x'.repeat(600))).toHaveLength(513);
  });
});

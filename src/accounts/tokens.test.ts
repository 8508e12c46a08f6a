import { describe, expect, it } from 'vitest';
import { codeDigest, isTokenShaped, newOneTimeCode, newToken, sameDigest, tokenKey } from './tokens.ts';

describe('session tokens and challenge ids (T8)', () => {
  it('10,000 tokens are all different and each carries at least 128 bits from the CSPRNG', () => {
    const tokens = Array.from({ length: 10_000 }, newToken);
    expect(new Set(tokens).size).toBe(10_000);
    for (const t of tokens) {
      expect(isTokenShaped(t)).toBe(true);
      expect(Buffer.from(t, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    }
    // Every position of the base64url alphabet shows up: no fixed or low-entropy part.
    const firstChars = new Set(tokens.map((t) => t[0]));
    expect(firstChars.size).toBe(64);
  });

  it('stores a token only as its SHA-256', () => {
    const t = newToken();
    expect(tokenKey(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenKey(t)).not.toContain(t);
  });

  it('one-time codes have six digits and spread over all of them', () => {
    const codes = Array.from({ length: 5000 }, newOneTimeCode);
    for (const c of codes) expect(c).toMatch(/^\d{6}$/);
    expect(new Set(codes.map((c) => c[0])).size).toBe(10);
  });

  it('keeps a code as an HMAC keyed by its challenge id: another challenge gives another digest', () => {
    const a = newToken();
    const b = newToken();
    expect(sameDigest(codeDigest(a, '123456'), codeDigest(a, '123456'))).toBe(true);
    expect(sameDigest(codeDigest(a, '123456'), codeDigest(b, '123456'))).toBe(false);
    expect(sameDigest(codeDigest(a, '123456'), codeDigest(a, '123457'))).toBe(false);
    expect(sameDigest('', '')).toBe(false);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachmentHeader, cleanDownloadName, downloadHeaders } from './index.ts';

/**
 * Security test T19: whatever the name of a download, its Content-Disposition is well-formed
 * (RFC 6266 with RFC 5987 `filename*`) — no CR/LF or other control character can reach the header,
 * the ASCII fallback is a valid quoted-string, and `filename*` decodes to the cleaned name.
 */

/**
 * The whole header: `attachment`, the quoted fallback (printable ASCII but `"` and `\`), the
 * percent-encoded UTF-8 name (RFC 5987 attr-chars and %XX).
 */
const HEADER =
  /^attachment; filename="([\x20\x21\x23-\x5b\x5d-\x7e]*)"; filename\*=UTF-8''((?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+)$/;

function parse(header: string): { fallback: string; name: string } {
  const m = HEADER.exec(header);
  if (m === null) throw new Error(`malformed header: ${JSON.stringify(header)}`);
  return { fallback: m[1] ?? '', name: decodeURIComponent(m[2] ?? '') };
}

/** Characters that have broken download names before: quotes, escapes, CR/LF, NUL, bidi, Persian. */
const hostile = fc.constantFrom(
  '"',
  "'",
  '\\',
  '\r',
  '\n',
  '\r\n',
  '\0',
  '\t',
  '\x7f',
  '\x85',
  '\u2028',
  ';',
  ',',
  '%',
  '%22',
  '%0d%0a',
  '*',
  '(',
  ')',
  '=',
  '/',
  ' ',
  '.',
  '.pdf',
  '.exe',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200E',
  '\u200F',
  '\u061C',
  '\uFEFF',
  '\u200C', // ZWNJ, part of Persian words: kept
  'گزارش',
  'صورت‌جلسه',
  'ۀ',
  'e\u0301', // decomposed é, composed by NFC
  '۱۴۰۳',
  'ي',
  'ك',
  '😀',
  '\uD800', // a lone surrogate
  '\uDC00',
  'Content-Type: text/html',
  'Set-Cookie: a=b',
);

const names = fc.oneof(
  fc.array(hostile, { maxLength: 30 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.tuple(fc.string({ unit: 'grapheme', maxLength: 40 }), hostile).map(([a, b]) => a + b),
);

const UNSAFE = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\uFEFF]/u;

describe('T19 attachmentHeader', () => {
  it('is always a well-formed RFC 6266 / RFC 5987 header that decodes to the cleaned name', () => {
    fc.assert(
      fc.property(names, (name) => {
        const header = attachmentHeader(name);
        // Printable ASCII only: no CR, LF, NUL or other control character, nothing non-ASCII.
        expect(header).toMatch(/^[\x20-\x7e]+$/);
        const cleaned = cleanDownloadName(name);
        const { fallback, name: decoded } = parse(header);
        expect(decoded).toBe(cleaned);
        expect(cleaned).not.toMatch(UNSAFE);
        expect(cleaned).toBe(cleaned.trim());
        expect(cleaned.length).toBeGreaterThan(0);
        // One fallback character per code point of the name, each the same or `_`.
        const points = Array.from(cleaned);
        expect(fallback).toHaveLength(points.length);
        for (const [i, ch] of points.entries()) expect([ch, '_']).toContain(fallback[i]);
      }),
      { numRuns: 2000 },
    );
  });

  it('removes bidi and control characters before anything else', () => {
    fc.assert(
      fc.property(names, names, (a, b) => {
        expect(cleanDownloadName(`${a}\u202E${b}`)).toBe(cleanDownloadName(`${a}${b}`));
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['report.pdf', `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`],
    [
      'my "final" report.pdf',
      `attachment; filename="my _final_ report.pdf"; filename*=UTF-8''my%20%22final%22%20report.pdf`,
    ],
    ['a\\b.pdf', `attachment; filename="a_b.pdf"; filename*=UTF-8''a%5Cb.pdf`],
    [
      'x.pdf\r\nSet-Cookie: a=b',
      `attachment; filename="x.pdfSet-Cookie: a=b"; filename*=UTF-8''x.pdfSet-Cookie%3A%20a%3Db`,
    ],
    ['invoice\u202Efdp.exe', `attachment; filename="invoicefdp.exe"; filename*=UTF-8''invoicefdp.exe`],
    ["it's (1)*.pdf", `attachment; filename="it's (1)*.pdf"; filename*=UTF-8''it%27s%20%281%29%2A.pdf`],
    ['100%.pdf', `attachment; filename="100_.pdf"; filename*=UTF-8''100%25.pdf`],
    [
      'گزارش ۱۴۰۳.pdf',
      `attachment; filename="_____ ____.pdf"; filename*=UTF-8''%DA%AF%D8%B2%D8%A7%D8%B1%D8%B4%20%DB%B1%DB%B4%DB%B0%DB%B3.pdf`,
    ],
    ['\u202E\r\n', `attachment; filename="download"; filename*=UTF-8''download`],
    ['', `attachment; filename="download"; filename*=UTF-8''download`],
  ])('%j', (name, header) => {
    expect(attachmentHeader(name)).toBe(header);
  });

  it('keeps the ZWNJ of Persian words and composes to NFC', () => {
    expect(cleanDownloadName('صورت\u200Cجلسه.pdf')).toBe('صورت\u200Cجلسه.pdf');
    expect(cleanDownloadName('cafe\u0301.pdf')).toBe('caf\u00E9.pdf');
  });

  it('serves downloads as attachments with nosniff and a locked-down CSP', () => {
    expect(downloadHeaders('a.pdf', 'application/pdf')).toEqual({
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="a.pdf"; filename*=UTF-8''a.pdf`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'private, no-store',
    });
    // A media type `inspectUpload` never accepts is not served as such.
    expect(downloadHeaders('a.html', 'text/html')['content-type']).toBe('application/octet-stream');
  });
});

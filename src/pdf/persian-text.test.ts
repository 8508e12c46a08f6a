import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutParagraph, ltr, type PdfPiece, prepareLine, visualOrder } from './persian-text.ts';

/** Display order, left to right, of the words in `logical` (each word's letters as in `visualOrder`). */
const RTL_SCRIPT = /\p{Script=Arabic}/u;
const NO_SCRIPT = /[\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;

/**
 * What fontkit does to a word it is given: reverse it when its first script character is RTL
 * (the model the pieces are built against; pdf.test.ts checks the real thing on rendered PDFs).
 */
function fontkitOrder(word: string): string {
  const first = [...word].find((ch) => !NO_SCRIPT.test(ch));
  return first && RTL_SCRIPT.test(first) ? [...word].reverse().join('') : word;
}

const texts = (pieces: PdfPiece[]): string[] => pieces.filter((p) => !p.space).map((p) => p.pdf);

describe('visualOrder (UAX #9 with bidi-js)', () => {
  it('puts Persian words right to left and reverses their letters', () => {
    expect(visualOrder('گواهی عضویت')).toBe('تیوضع یهاوگ');
  });

  it('keeps a Jalali date and a time left to right inside Persian text', () => {
    expect(visualOrder('تاریخ ۱۴۰۵/۰۹/۰۸ ساعت ۱۴:۳۰')).toBe('۱۴:۳۰ تعاس ۱۴۰۵/۰۹/۰۸ خیرات');
  });

  it('keeps embedded Latin words and URLs left to right', () => {
    expect(visualOrder('فایل PDF از https://taavon.mcls.gov.ir/verify/ABCD بگیرید')).toBe(
      'دیریگب https://taavon.mcls.gov.ir/verify/ABCD زا PDF لیاف',
    );
  });

  it('shows a dashed code after Persian letters as Arabic numbers (UBA) unless isolated with ltr()', () => {
    // Digits after Arabic letters are AN; a hyphen does not join AN, so the groups go right to left.
    expect(visualOrder('کد رهگیری: ۱۲۳-۴۵۶-۷۸۹۰')).toBe('۷۸۹۰-۴۵۶-۱۲۳ :یریگهر دک');
    expect(visualOrder(`کد رهگیری: ${ltr('۱۲۳-۴۵۶-۷۸۹۰')}`)).toBe('۱۲۳-۴۵۶-۷۸۹۰ :یریگهر دک');
  });

  it('mirrors brackets and guillemets in right-to-left runs', () => {
    expect(visualOrder('(ماده ۱۲)')).toBe('(۱۲ هدام)');
    expect(visualOrder('عضو «تعاونی»')).toBe('«ینواعت» وضع');
  });

  it('keeps a Latin-only line left to right in an RTL paragraph', () => {
    expect(visualOrder('Member No. 42')).toBe('Member No. 42');
  });

  it('drops bidi controls from the output', () => {
    expect(visualOrder(`الف ${ltr('A-1')}`)).toBe('A-1 فلا');
  });
});

describe('prepareLine (what pdfkit is given)', () => {
  it('gives fontkit each Persian word in logical order, so it shapes it and reverses it into place', () => {
    const pieces = prepareLine('گواهی عضویت');
    expect(pieces.map((p) => p.visual)).toEqual(['تیوضع', ' ', 'یهاوگ']);
    expect(texts(pieces)).toEqual(['عضویت', 'گواهی']);
  });

  it('pre-reverses Persian digits, which fontkit also treats as RTL script', () => {
    const pieces = prepareLine('سال ۱۴۰۵');
    expect(texts(pieces)).toEqual(['۵۰۴۱', 'سال']);
    expect(pieces.map((p) => fontkitOrder(p.pdf)).join('')).toBe('۱۴۰۵ لاس');
  });

  it('keeps ZWNJ inside the word so «می‌شود» is shaped with its half-space', () => {
    expect(texts(prepareLine('این می‌شود'))).toEqual(['می‌شود', 'این']);
  });

  it('cuts a word where Persian meets Latin so each part gets the right direction', () => {
    const pieces = prepareLine('نسخهٔPDF');
    expect(texts(pieces)).toEqual(['PDF', 'نسخهٔ']);
  });

  it('draws no-break spaces as spaces but never breaks a line at them', () => {
    const pieces = prepareLine('۱۴۰۵/۰۹/۰۸\u00A0ساعت\u00A0۱۴:۳۰');
    expect(pieces.map((p) => p.visual).join('')).toBe('۱۴:۳۰ تعاس ۱۴۰۵/۰۹/۰۸');
    const lines = layoutParagraph('الف ۱۴۰۵/۰۹/۰۸\u00A0ساعت\u00A0۱۴:۳۰', 22, (s) => s.length);
    expect(lines.map((l) => l.map((p) => p.visual).join(''))).toEqual(['فلا', '۱۴:۳۰ تعاس ۱۴۰۵/۰۹/۰۸']);
  });

  it('is empty for empty text', () => {
    expect(prepareLine('')).toEqual([]);
  });
});

describe('layoutParagraph (wrap in logical order, then reorder each line)', () => {
  const measure = (s: string): number => [...s].length;

  it('fills lines with the first words first and orders each line right to left', () => {
    const lines = layoutParagraph('یک دو سه چهار پنج شش', 9, measure);
    expect(lines.map((l) => l.map((p) => p.visual).join(''))).toEqual(['هس ود کی', 'جنپ راهچ', 'شش']);
  });

  it('starts a new paragraph at each newline, keeping empty lines', () => {
    expect(layoutParagraph('الف\n\nب', 50, measure)).toHaveLength(3);
  });

  it('cuts a word wider than the line by characters', () => {
    const lines = layoutParagraph('https://taavon.mcls.gov.ir/verify/ABCD', 12, measure);
    expect(lines.map((l) => l.map((p) => p.visual).join(''))).toEqual([
      'https://taav',
      'on.mcls.gov.',
      'ir/verify/AB',
      'CD',
    ]);
  });

  it('resolves levels per paragraph: a number wrapped onto the next line stays an Arabic number', () => {
    const lines = layoutParagraph('کد ۱۲۳-۴۵۶', 8, measure);
    expect(lines.map((l) => l.map((p) => p.visual).join(''))).toEqual(['دک', '۴۵۶-۱۲۳']);
  });
});

describe('pieces for any mix of Persian, digits, Latin and punctuation', () => {
  const alphabet = [
    ...'ابپتجچحخدرزسشصطعغفقکگلمنوهی',
    ...'۰۱۲۳۴۵۶۷۸۹',
    ...'abcXYZ012',
    ...' ().:/-«»،',
    '\u200C',
  ];
  const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((cs) => cs.join(''));

  it('fontkit, reversing what it reverses, draws exactly the visual order', () => {
    fc.assert(
      fc.property(text, (s) => {
        const pieces = prepareLine(s);
        expect(pieces.map((p) => (p.space ? p.visual : fontkitOrder(p.pdf))).join('')).toBe(visualOrder(s));
      }),
    );
  });

  it('hands fontkit every run of Persian letters in logical order, so joining forms are right', () => {
    fc.assert(
      fc.property(text, (s) => {
        for (const pdf of texts(prepareLine(s))) {
          for (const run of pdf.match(/[ا-ی\u06A9\u06AF\u067E\u0686\u0698\u200C]{2,}/g) ?? []) {
            expect(s).toContain(run);
          }
        }
      }),
    );
  });

  it('never puts a space or a bidi control inside a piece, nor mixes RTL and Latin letters', () => {
    fc.assert(
      fc.property(text, (s) => {
        for (const p of prepareLine(`${s} ${ltr(s)}`)) {
          if (p.space) {
            expect(p.visual).toMatch(/^ +$/);
            continue;
          }
          expect(p.pdf).not.toMatch(/[ \u202A-\u202E\u2066-\u2069]/);
          expect(/\p{Script=Arabic}/u.test(p.pdf) && /\p{Script=Latin}/u.test(p.pdf)).toBe(false);
        }
      }),
    );
  });
});

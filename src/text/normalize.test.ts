import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BIDI_CONTROLS, foldDigits, hasBidiControls, normalizeText, searchKey, tokenize } from './index.ts';

const ZWNJ = '\u200C';

/** Characters that exercise every rule: Persian/Arabic letters and digits, marks, spacing, zero-width. */
const tricky = fc.constantFrom(
  ...'ابپتیيىکكهۀةآأإٱؤئمنو',
  ...'۰۱۹٠٣٩09aAzZ',
  '\u064E', // fatha
  '\u0651', // shadda
  '\u0653', // madda above (composes with ا under NFC)
  '\u0654', // hamza above
  '\u0670', // superscript alef
  '\u0640', // tatweel
  '\u0301', // combining acute
  ' ',
  '\t',
  '\n',
  '\u00A0',
  '\u2009',
  ZWNJ,
  '\u200B',
  '\u200D',
  '\uFEFF',
  '\u200F',
  '\u202E',
  '-',
  '.',
  '«',
);
const trickyString = fc.array(tricky, { maxLength: 20 }).map((cs) => cs.join(''));
const anyString = fc.oneof(
  trickyString,
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ maxLength: 20 }),
);
const runs = { seed: 20240804, numRuns: 1000 };

describe('foldDigits', () => {
  it('folds Persian and Arabic-Indic digits to ASCII and keeps everything else', () => {
    expect(foldDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(foldDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(foldDigits('پلاک ۱۲-٣4')).toBe('پلاک 12-34');
  });
});

describe('hasBidiControls', () => {
  it('detects every bidi control and mark', () => {
    for (const c of [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    ]) {
      expect(hasBidiControls(`علی${c}رضا`)).toBe(true);
    }
    for (const c of ['\u200E', '\u200F', '\u061C']) expect(hasBidiControls(`a${c}`)).toBe(true);
  });

  it('accepts ordinary Persian text with ZWNJ', () => {
    expect(hasBidiControls('می‌خواهم 123 abc')).toBe(false);
    expect(hasBidiControls('')).toBe(false);
  });

  it('keeps no state between calls (no global flag)', () => {
    expect(BIDI_CONTROLS.global).toBe(false);
    expect([1, 2, 3].map(() => hasBidiControls('\u202E'))).toEqual([true, true, true]);
  });
});

describe('normalizeText', () => {
  it('folds Arabic yeh/kaf to Persian and stores digits as ASCII', () => {
    expect(normalizeText('علي')).toBe('علی');
    expect(normalizeText('مصطفى')).toBe('مصطفی');
    expect(normalizeText('كريم')).toBe('کریم');
    expect(normalizeText('تعاونی ۱۲ و ٣٤')).toBe('تعاونی 12 و 34');
  });

  it('composes to NFC', () => {
    expect(normalizeText('\u0627\u0653ب')).toBe('\u0622ب'); // ا + madda → آ
    expect(normalizeText('e\u0301')).toBe('\u00E9');
  });

  it('collapses every whitespace run to one space and trims', () => {
    expect(normalizeText('  علی \t\n رضا\u00A0\u00A0احمدی\u2003')).toBe('علی رضا احمدی');
    expect(normalizeText(' \t\n ')).toBe('');
  });

  it('keeps ZWNJ inside words, collapsing repeats', () => {
    expect(normalizeText('می‌خواهم')).toBe(`می${ZWNJ}خواهم`);
    expect(normalizeText(`می${ZWNJ}${ZWNJ}${ZWNJ}خواهم`)).toBe(`می${ZWNJ}خواهم`);
  });

  it('removes ZWNJ at the edges and next to spaces', () => {
    expect(normalizeText(`${ZWNJ}کتاب${ZWNJ}`)).toBe('کتاب');
    expect(normalizeText(`کتاب${ZWNJ} ها`)).toBe('کتاب ها');
    expect(normalizeText(`کتاب ${ZWNJ}${ZWNJ} ها`)).toBe('کتاب ها');
  });

  it('removes ZWSP, ZWJ and BOM at the edges but keeps them inside words', () => {
    expect(normalizeText('\uFEFF\u200Bعلی\u200D')).toBe('علی');
    expect(normalizeText('a\u200Db')).toBe('a\u200Db');
    expect(normalizeText('a\uFEFFb')).toBe('a\uFEFFb');
  });

  it('does not strip bidi controls', () => {
    expect(normalizeText('علی\u202Eرضا')).toBe('علی\u202Eرضا');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyString, (s) => normalizeText(normalizeText(s)) === normalizeText(s)),
      runs,
    );
  });

  it('never leaves leading/trailing spacing, double spaces, or a ZWNJ next to a space', () => {
    fc.assert(
      fc.property(trickyString, (s) => {
        const n = normalizeText(s);
        expect(n).not.toMatch(/^[\p{White_Space}\u200B-\u200D\uFEFF]|[\p{White_Space}\u200B-\u200D\uFEFF]$/u);
        expect(n).not.toMatch(/[^\P{White_Space} ]| {2}| \u200C|\u200C |\u200C\u200C/u);
        expect(n).not.toMatch(/[يىك۰-۹٠-٩]/u);
      }),
      runs,
    );
  });
});

describe('searchKey', () => {
  it('gives one key for ي/ی and ك/ک variants', () => {
    expect(searchKey('علي كريمي')).toBe(searchKey('علی کریمی'));
    expect(searchKey('علي كريمي')).toBe('علی کریمی');
  });

  it('ignores ZWNJ, diacritics, tatweel and hamza/alef variants', () => {
    expect(searchKey('می‌خواهم')).toBe(searchKey('میخواهم'));
    expect(searchKey('مُحَمَّد')).toBe('محمد');
    expect(searchKey('تعـــاونی')).toBe('تعاونی');
    expect(searchKey('أحمد')).toBe('احمد');
    expect(searchKey('إسلام')).toBe('اسلام');
    expect(searchKey('آب')).toBe('اب');
    expect(searchKey('ٱلله')).toBe('الله');
    expect(searchKey('مؤسسه')).toBe('موسسه');
    expect(searchKey('خانهٔ')).toBe('خانه');
    expect(searchKey('خانۀ')).toBe('خانه');
    expect(searchKey('مدرسة')).toBe('مدرسه');
    expect(searchKey('مسئول')).toBe('مسیول');
  });

  it('lowercases Latin, folds digits and removes bidi marks', () => {
    expect(searchKey('Taavon CO ۱۴۰۳')).toBe('taavon co 1403');
    expect(searchKey('a \u200F b')).toBe('a b');
  });

  it('is idempotent and a fixed point of normalizeText', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const k = searchKey(s);
        expect(searchKey(k)).toBe(k);
        expect(normalizeText(k)).toBe(k);
      }),
      runs,
    );
  });
});

describe('tokenize', () => {
  it('splits on punctuation and spaces, keeping ZWNJ words whole', () => {
    expect(tokenize('شرکت تعاونی «می‌خواهم»-۱۲، Co.')).toEqual(['شرکت', 'تعاونی', 'میخواهم', '12', 'co']);
  });

  it('returns no empty tokens', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' - ، . ')).toEqual([]);
    fc.assert(
      fc.property(anyString, (s) => tokenize(s).every((t) => t !== '' && /^[\p{L}\p{M}\p{N}]+$/u.test(t))),
      runs,
    );
  });

  it('gives the same tokens for spelling variants', () => {
    expect(tokenize('تعاوني مصرف كاركنان')).toEqual(tokenize('تعاونی مصرف کارکنان'));
  });
});

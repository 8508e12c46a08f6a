import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.ts';
import { persianSortKey } from './sort-key.ts';

const collator = new Intl.Collator('fa', { sensitivity: 'base' });
const PERSIAN_ALPHABET = [...'آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی'];
const runs = { seed: 1403, numRuns: 1000 };

/** Binary (code-unit) comparison, as SQLite BINARY and PostgreSQL COLLATE "C" do it. */
function binary(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byKey(names: string[]): string[] {
  return [...names].sort((a, b) => binary(persianSortKey(a), persianSortKey(b)));
}

function stringOf(chars: string[], maxLength = 8) {
  return fc.array(fc.constantFrom(...chars), { maxLength }).map((cs) => cs.join(''));
}

/**
 * The key orders like the collator. Keys are built from normalised text (spaces collapsed and
 * trimmed) while the collator weighs every space, so the collator is asked about the normalised
 * strings: " اب" and "اب" are one name to us.
 */
function agreesWithCollator(a: string, b: string): void {
  const expected = Math.sign(collator.compare(normalizeText(a), normalizeText(b)));
  if (expected !== 0) expect(Math.sign(binary(persianSortKey(a), persianSortKey(b)))).toBe(expected);
}

describe('persianSortKey', () => {
  it('sorts a list of names in Persian order, which binary order of the names gets wrong', () => {
    const sorted = 'آرش بهار پری زهرا ژاله کاوه گل یاسمن'.split(' ');
    const shuffled = ['یاسمن', 'گل', 'ژاله', 'پری', 'زهرا', 'کاوه', 'بهار', 'آرش'];
    expect(byKey(shuffled)).toEqual(sorted);
    expect([...shuffled].sort(binary)).not.toEqual(sorted); // پ, ژ, گ are out of Unicode order
  });

  it('orders the 32 letters of the alphabet', () => {
    expect(byKey([...PERSIAN_ALPHABET].reverse())).toEqual(PERSIAN_ALPHABET);
  });

  it('places space < punctuation < digits < Persian < Latin < other scripts', () => {
    const ordered = ['ا ب', 'ا-ب', 'ا1', 'ااب', 'اa', 'اα'];
    expect(byKey([...ordered].reverse())).toEqual(ordered);
    expect(byKey(['b', 'ب', '2', '-'])).toEqual(['-', '2', 'ب', 'b']);
  });

  it('orders punctuation and other scripts by code point across key widths', () => {
    // α U+03B1 and - U+002D take 2 base-89 digits, 中 U+4E2D, € U+20AC and 😀 U+1F600 take 3, U+F0000 takes 4.
    expect(byKey(['\u{F0000}', '中', 'α', 'z'])).toEqual(['z', 'α', '中', '\u{F0000}']);
    expect(byKey(['0', '😀', '€', '-', ' '])).toEqual([' ', '-', '€', '😀', '0']);
    expect(['-', '中', '\u{F0000}'].map((s) => persianSortKey(s).length)).toEqual([3, 4, 5]);
  });

  it('puts a prefix before its extensions', () => {
    expect(byKey(['علی رضا', 'علیرضا', 'علی'])).toEqual(['علی', 'علی رضا', 'علیرضا']);
  });

  it('puts آ just before ا and the hamza forms between ا and ب, as ICU does', () => {
    expect(byKey(['ب', 'ئ', 'ا', 'آ', 'أ'])).toEqual(['آ', 'ا', 'أ', 'ئ', 'ب']);
    expect(binary(persianSortKey('آب'), persianSortKey('ابا'))).toBe(-1);
  });

  it('gives one key to spelling variants that normalise alike', () => {
    expect(persianSortKey('علي كريمي')).toBe(persianSortKey('علی کریمی'));
    expect(persianSortKey('۱۴۰۳')).toBe(persianSortKey('1403'));
    expect(persianSortKey('مُحَمَّد')).toBe(persianSortKey('محمد'));
    expect(persianSortKey('می‌خواهم')).toBe(persianSortKey('میخواهم'));
    expect(persianSortKey('  تعاونی   مصرف ')).toBe(persianSortKey('تعاونی مصرف'));
  });

  it('breaks ties between primary-equal names deterministically (plain first)', () => {
    expect(byKey(['Ali', 'ali', 'áli'])).toEqual(['ali', 'Ali', 'áli']);
    expect(byKey(['مدرسة', 'مدرسه'])).toEqual(['مدرسه', 'مدرسة']);
    expect(byKey(['أحمد', 'احمد', 'ءحمد'])).toEqual(['احمد', 'ءحمد', 'أحمد']);
    expect(persianSortKey('Ali')).not.toBe(persianSortKey('ali'));
  });

  it('is printable ASCII without quotes or backslash, and compact', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        stringOf(PERSIAN_ALPHABET, 20),
        (any, fa) => {
          expect(persianSortKey(any)).toMatch(/^[!-~]*$/);
          expect(persianSortKey(any)).not.toMatch(/["'`\\]/);
          expect(persianSortKey(any).length).toBeLessThanOrEqual(2 + 5 * [...any].length);
          expect(persianSortKey(fa).length).toBeLessThanOrEqual([...fa].length);
        },
      ),
      runs,
    );
  });

  it('agrees with Intl.Collator("fa") on strings of Persian letters and spaces', () => {
    fc.assert(
      fc.property(
        stringOf([...PERSIAN_ALPHABET, ' ']),
        stringOf([...PERSIAN_ALPHABET, ' ']),
        agreesWithCollator,
      ),
      runs,
    );
  });

  it('agrees with Intl.Collator("fa") on mixed Persian, digits, Latin and Arabic variants', () => {
    const chars = [...PERSIAN_ALPHABET, ...'ءأإؤئٱةۀ', ' ', '-', ...'0159', ...'abzABZé', '\u200C', '\u064E'];
    fc.assert(fc.property(stringOf(chars), stringOf(chars), agreesWithCollator), runs);
  });

  it('agrees with Intl.Collator("fa") on strings sharing a long prefix', () => {
    const chars = [...PERSIAN_ALPHABET, ' '];
    fc.assert(
      fc.property(stringOf(chars, 12), stringOf(chars, 3), stringOf(chars, 3), (prefix, a, b) =>
        agreesWithCollator(prefix + a, prefix + b),
      ),
      runs,
    );
  });
});

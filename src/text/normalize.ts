/**
 * Text normalisation for Persian (and mixed Persian/Latin) names. `normalizeText` is the one
 * normaliser for every stored name; `searchKey` and `tokenize` derive looser forms for matching.
 */

const ZWNJ = '\u200C';

/** Persian ۰–۹ (U+06F0–U+06F9) and Arabic-Indic ٠–٩ (U+0660–U+0669). */
const NON_ASCII_DIGIT = /[\u06F0-\u06F9\u0660-\u0669]/g;

/** Arabic yeh ي, alef maksura ى and kaf ك, which Persian writes as ی and ک (ISIRI 6219). */
const ARABIC_LETTER = /[\u064A\u0649\u0643]/g;
const PERSIAN_LETTER: Record<string, string> = { '\u064A': 'ی', '\u0649': 'ی', '\u0643': 'ک' };

/**
 * A run of whitespace and zero-width characters (ZWSP U+200B, ZWNJ U+200C, ZWJ U+200D,
 * BOM U+FEFF). `\p{White_Space}` covers NBSP, tabs, newlines and the U+2000 spaces but, unlike
 * `\s`, not U+FEFF, which must not become a visible space inside a word.
 */
const SPACING_RUN = /[\p{White_Space}\u200B-\u200D\uFEFF]+/gu;
const WHITE_SPACE = /\p{White_Space}/u;

/**
 * Bidi controls that reorder display without changing the bytes ("Trojan Source",
 * CVE-2021-42574): embeddings/overrides U+202A–U+202E, isolates U+2066–U+2069, and the marks
 * LRM U+200E, RLM U+200F and ALM U+061C. No `g` flag, so `.test` keeps no state.
 */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;

/** Whether `s` contains a bidi control character; names containing one are rejected. */
export function hasBidiControls(s: string): boolean {
  return BIDI_CONTROLS.test(s);
}

/** Replaces Persian and Arabic-Indic digits with ASCII 0–9; every other character is kept. */
export function foldDigits(s: string): string {
  return s.replace(NON_ASCII_DIGIT, (d) => {
    const code = d.charCodeAt(0);
    return String(code - (code >= 0x06f0 ? 0x06f0 : 0x0660));
  });
}

/**
 * The normal form of every stored name: NFC; Arabic ي ى → ی and ك → ک; digits folded to
 * ASCII; and each run of whitespace / zero-width characters handled as a unit:
 * - at either end of the text it is removed (trim, including ZWNJ, ZWJ, ZWSP and BOM);
 * - if it contains any whitespace it becomes one space (so a ZWNJ next to a space goes);
 * - otherwise (zero-width only, inside a word) it is kept, with repeated ZWNJs collapsed to one.
 * Bidi controls are NOT removed (callers reject them with `hasBidiControls`). Idempotent.
 */
export function normalizeText(s: string): string {
  const folded = foldDigits(s.normalize('NFC').replace(ARABIC_LETTER, (c) => PERSIAN_LETTER[c] ?? c));

  return folded.replace(SPACING_RUN, (run, offset: number) => {
    if (offset === 0 || offset + run.length === folded.length) return '';
    if (WHITE_SPACE.test(run)) return ' ';
    return run.replace(/\u200C+/g, ZWNJ);
  });
}

/** Invisible format characters (ZWNJ, ZWJ, bidi marks, BOM, soft hyphen…): `\p{Cf}`. */
const FORMAT_CHARS = /\p{Cf}/gu;
/** Arabic harakat, tanwin, shadda, sukun, hamza/madda marks (U+064B–U+065F), superscript alef, tatweel. */
const ARABIC_DIACRITICS = /[\u064B-\u065F\u0670\u0640]/g;
const LETTER_VARIANT = /[\u0622\u0623\u0625\u0671\u0624\u06C0\u0629\u0626]/g;
const LETTER_BASE: Record<string, string> = {
  '\u0622': 'ا', // آ
  '\u0623': 'ا', // أ
  '\u0625': 'ا', // إ
  '\u0671': 'ا', // ٱ
  '\u0624': 'و', // ؤ
  '\u06C0': 'ه', // ۀ
  '\u0629': 'ه', // ة
  '\u0626': 'ی', // ئ
};

/**
 * The key two names are matched on: `normalizeText`, then every invisible format character
 * (ZWNJ included, so «می‌خواهم» = «میخواهم»; also ZWJ, BOM and bidi marks), Arabic diacritics
 * and tatweel are removed; أ إ ٱ آ → ا, ؤ → و, ۀ ة → ه, ئ → ی; and the text is lowercased.
 * The result is normalised again (removing a mark can leave two spaces side by side). Idempotent.
 */
export function searchKey(s: string): string {
  const loose = normalizeText(s)
    .replace(FORMAT_CHARS, '')
    .replace(ARABIC_DIACRITICS, '')
    .replace(LETTER_VARIANT, (c) => LETTER_BASE[c] ?? c)
    .toLowerCase();

  return normalizeText(loose);
}

/** Anything that is not part of a word: words are letters, digits and combining marks. */
const NON_WORD = /[^\p{L}\p{M}\p{N}]+/u;

/**
 * The words of `s` for search indexing: `searchKey`, then split on every run of characters that
 * are not letters or digits (combining marks stay with their letter); empty pieces are dropped.
 */
export function tokenize(s: string): string[] {
  return searchKey(s)
    .split(NON_WORD)
    .filter((t) => t !== '');
}

/**
 * Characters a file name shown to people or sent in a header must not carry. One list for the
 * upload side (`inspectUpload`'s `safeName`) and the download side (`attachmentHeader`).
 */

/**
 * Control characters (C0 incl. NUL, CR, LF and TAB; DEL; C1) and the Unicode line and paragraph
 * separators: in a header they split it (response splitting), on screen they break the line.
 */
export const CONTROL_CHARS = /[\p{Cc}\u2028\u2029]/gu;

/**
 * Bidi controls that reorder what is displayed without changing the bytes — the "RTL override"
 * trick that shows `invoice\u202Efdp.exe` as `invoiceexe.pdf` (also CVE-2021-42574): embeddings and
 * overrides U+202A–U+202E, isolates U+2066–U+2069, the marks LRM, RLM and ALM, and the BOM.
 * Persian text needs none of them (ZWNJ U+200C is kept).
 */
export const BIDI_AND_INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\uFEFF]/gu;

/**
 * A UTF-16 surrogate without its partner (possible in a JS string, not in UTF-8):
 * `encodeURIComponent` throws on it, so it is replaced by U+FFFD first.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `name` in NFC without lone surrogates (→ U+FFFD), bidi controls and invisible marks (removed)
 * and control characters (replaced by `controlReplacement`: a space keeps words apart on screen,
 * the empty string is what the header wants), with runs of white space collapsed and trimmed.
 */
export function withoutUnsafeCharacters(name: string, controlReplacement: ' ' | '' = ' '): string {
  return name
    .replace(LONE_SURROGATE, '\uFFFD')
    .normalize('NFC')
    .replace(BIDI_AND_INVISIBLE, '')
    .replace(CONTROL_CHARS, controlReplacement)
    .replace(/\p{White_Space}+/gu, ' ')
    .trim();
}

/** Cuts `s` to at most `max` code points (never in the middle of a surrogate pair). */
export function truncateCodePoints(s: string, max: number): string {
  const points = Array.from(s);
  return points.length <= max ? s : points.slice(0, max).join('');
}

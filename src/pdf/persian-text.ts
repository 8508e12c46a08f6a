/**
 * Right-to-left text for pdfkit. pdfkit has no bidi support: it lays a string out left to
 * right, one space-separated word at a time, and fontkit shapes each word (Arabic joining forms
 * from the font's GSUB) and then REVERSES its glyphs whenever the word's first script character
 * is in an RTL script — Persian digits (U+06F0–U+06F9) included. So a logical Persian string
 * comes out with its words in the wrong order and «۱۴۰۵» printed as «۵۰۴۱».
 *
 * The fix, per line: run the Unicode Bidirectional Algorithm (bidi-js) to get the visual order,
 * with bracket mirroring; cut the visual line into pieces at spaces, at embedding-level changes
 * and wherever RTL-script text meets other-script text; and hand pdfkit each piece so that fontkit's own reversal lands on
 * the visual order: a piece fontkit will reverse is given reversed (which, for a right-to-left
 * run, is exactly its logical order, so the letters are still shaped with the right neighbours),
 * any other piece is given as is. The caller draws the pieces left to right at measured x.
 */
import bidiModule from 'bidi-js';

/**
 * bidi-js is a CommonJS (UMD) build whose `module.exports` is the factory, but its types say
 * `export default`, so under NodeNext TypeScript types the default import as the namespace.
 */
type BidiFactory = typeof bidiModule.default;
const bidiFactory: BidiFactory =
  typeof bidiModule === 'function' ? (bidiModule as unknown as BidiFactory) : bidiModule.default;
const bidi = bidiFactory();

/**
 * Scripts fontkit lays out right to left (fontkit `layout/Script.js`, `RTL`): a piece whose
 * first script character is in one of these gets its glyphs reversed.
 */
const RTL_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Cypriot}\p{Script=Kharoshthi}\p{Script=Phoenician}\p{Script=Nko}\p{Script=Lydian}\p{Script=Avestan}\p{Script=Imperial_Aramaic}\p{Script=Inscriptional_Pahlavi}\p{Script=Inscriptional_Parthian}\p{Script=Old_South_Arabian}\p{Script=Old_Turkic}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Meroitic_Cursive}\p{Script=Meroitic_Hieroglyphs}\p{Script=Manichaean}\p{Script=Mende_Kikakui}\p{Script=Nabataean}\p{Script=Old_North_Arabian}\p{Script=Palmyrene}\p{Script=Psalter_Pahlavi}]/u;

/** Characters fontkit skips when it detects a string's script (punctuation, spaces, marks, ZWNJ). */
const NO_SCRIPT = /[\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;

/**
 * Bidi controls (embeddings, overrides, isolates, LRM/RLM/ALM): they steer the reordering and
 * are then left out of the pieces, since they draw nothing and would only clutter copied text.
 * ZWNJ and ZWJ stay: the shaper needs them to break or force joining.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;

/** Whitespace other than the plain space and no-break spaces; folded to a space (newlines split paragraphs first). */
const OTHER_SPACE = /[\t\v\f\u1680\u2000-\u200A\u2028\u2029\u205F\u3000]/g;

/** No-break spaces (U+00A0, U+202F): never a line break, drawn as a plain space. */
const NO_BREAK_SPACE = /[\u00A0\u202F]/;

/** One piece of a visual line, left to right. */
export type PdfPiece = {
  /** The characters in display order, left to right (brackets already mirrored). */
  visual: string;
  /** What to pass to pdfkit's `text()` so that it draws `visual`. */
  pdf: string;
  /** A run of spaces; drawn too (invisible), so text copied or extracted from the PDF keeps them. */
  space: boolean;
};

/** The width of `pdf` text in the current font and size (pdfkit's `widthOfString`). */
export type Measure = (pdf: string) => number;

/** Paragraph direction; Persian documents are `rtl`, a Latin-only block may be `ltr`. */
export type BaseDirection = 'rtl' | 'ltr';

type Levels = ReturnType<typeof bidi.getEmbeddingLevels>;

/**
 * Text that must read left to right inside a Persian sentence — a tracking code «۱۲۳-۴۵۶-۷۸۹۰»,
 * a URL — isolated with LRI … PDI (as the web app's `ltr`). Without it the bidi algorithm is
 * right that digits after Persian letters are Arabic numbers, which a hyphen does not join, so
 * «۱۲۳-۴۵۶-۷۸۹۰» would show as ۷۸۹۰-۴۵۶-۱۲۳.
 */
export function ltr(text: string): string {
  return `\u2066${text}\u2069`;
}

/**
 * The pieces of one line of logical text, in visual order. The whole string is one line: use
 * `layoutParagraph` to wrap. Newlines and tabs are treated as spaces.
 */
export function prepareLine(text: string, base: BaseDirection = 'rtl'): PdfPiece[] {
  const line = cleanLine(text);
  if (line === '') return [];

  return piecesOf(line, bidi.getEmbeddingLevels(line, base), 0, line.length - 1);
}

/** The display order of a line, left to right, with brackets mirrored (for tests and logs). */
export function visualOrder(text: string, base: BaseDirection = 'rtl'): string {
  return prepareLine(text, base)
    .map((p) => p.visual)
    .join('');
}

/**
 * Wraps logical text to `maxWidth` and returns each line's pieces in visual order. Each `\n`
 * starts a new paragraph. Wrapping is done in logical order by words (so a line ends where
 * a reader expects it to), the bidi levels are resolved once per paragraph, and each line is
 * then reordered on its own (UAX #9 rule L1–L2). A word wider than `maxWidth` is cut by characters.
 */
export function layoutParagraph(
  text: string,
  maxWidth: number,
  measure: Measure,
  base: BaseDirection = 'rtl',
): PdfPiece[][] {
  const lines: PdfPiece[][] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const paragraph = cleanLine(raw);
    if (paragraph === '') {
      lines.push([]);
      continue;
    }
    const levels = bidi.getEmbeddingLevels(paragraph, base);
    for (const [start, end] of wrapRanges(paragraph, maxWidth, measure, base)) {
      lines.push(piecesOf(paragraph, levels, start, end));
    }
  }

  return lines;
}

/** The total width of a line's pieces. */
export function lineWidth(pieces: readonly PdfPiece[], measure: Measure): number {
  return pieces.reduce((sum, p) => sum + measure(p.pdf), 0);
}

/** Tabs and other spaces become plain spaces (pdfkit breaks words only on U+0020); NBSP is kept for wrapping. */
function cleanLine(s: string): string {
  return s.replace(OTHER_SPACE, ' ').replace(/[\r\n]/g, ' ');
}

/**
 * Inclusive [start, end] ranges of `paragraph`, one per line: greedy fill by space-separated
 * words, each word measured on its own (a line's width does not depend on its order), the
 * breaking spaces left out.
 */
function wrapRanges(
  paragraph: string,
  maxWidth: number,
  measure: Measure,
  base: BaseDirection,
): Array<[number, number]> {
  const words = [...paragraph.matchAll(/[^ ]+/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
  const space = measure(' ');
  const widthOf = (start: number, end: number): number =>
    lineWidth(prepareLine(paragraph.slice(start, end), base), measure);

  const ranges: Array<[number, number]> = [];
  let lineStart = -1;
  let lineEnd = -1;
  let used = 0;
  const flush = (): void => {
    if (lineStart >= 0) ranges.push([lineStart, lineEnd - 1]);
    lineStart = -1;
    used = 0;
  };

  for (const word of words) {
    const w = widthOf(word.start, word.end);
    if (lineStart >= 0 && used + space + w <= maxWidth) {
      used += space + w;
      lineEnd = word.end;
      continue;
    }
    flush();
    if (w <= maxWidth) {
      lineStart = word.start;
      lineEnd = word.end;
      used = w;
      continue;
    }
    // Too wide for any line (a long URL): cut it by characters; the last cut continues the line.
    let from = word.start;
    while (from < word.end) {
      let to = from + 1;
      while (to < word.end && widthOf(from, to + 1) <= maxWidth) to++;
      lineStart = from;
      lineEnd = to;
      used = widthOf(from, to);
      if (to < word.end) flush();
      from = to;
    }
  }
  flush();

  return ranges.length > 0 ? ranges : [[0, paragraph.length - 1]];
}

/**
 * The pieces of `text[start..end]` (inclusive) in visual order: bidi reordering and mirroring,
 * then a cut at every run of spaces, at every change of embedding level, and at every change
 * between RTL-script and other-script characters (characters of no script join their piece).
 */
function piecesOf(text: string, levels: Levels, start: number, end: number): PdfPiece[] {
  // bidi-js returns indices for the whole string with only [start, end] reordered.
  const order = bidi.getReorderedIndices(text, levels, start, end).slice(start, end + 1);
  const mirrored = bidi.getMirroredCharactersMap(text, levels.levels, start, end);

  const pieces: PdfPiece[] = [];
  let chars: string[] = [];
  let kind: 'space' | 'rtl' | 'other' | 'none' = 'none';
  let level = -1;
  const flush = (): void => {
    if (chars.length === 0) return;
    const visual = chars.join('');
    // fontkit reverses a word whose first script character is RTL; undo that in advance.
    pieces.push({
      visual,
      pdf: kind === 'rtl' ? [...chars].reverse().join('') : visual,
      space: kind === 'space',
    });
    chars = [];
    kind = 'none';
    level = -1;
  };

  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    let ch = mirrored.get(i) ?? (text[i] as string);
    // Keep a surrogate pair together (bidi-js orders UTF-16 code units; they share one level).
    const code = ch.charCodeAt(0);
    if (code >= 0xdc00 && code <= 0xdfff && k + 1 < order.length) {
      const next = text[order[k + 1] as number] as string;
      const hi = next.charCodeAt(0);
      if (hi >= 0xd800 && hi <= 0xdbff) {
        ch = next + ch;
        k++;
      }
    } else if (code >= 0xd800 && code <= 0xdbff && k + 1 < order.length) {
      ch += text[order[k + 1] as number] as string;
      k++;
    }

    if (BIDI_CONTROL.test(ch)) continue;
    if (NO_BREAK_SPACE.test(ch)) ch = ' ';
    const charKind =
      ch === ' ' ? 'space' : RTL_SCRIPT.test(ch) ? 'rtl' : NO_SCRIPT.test(ch) ? 'none' : 'other';
    if (charKind === 'space' || kind === 'space') {
      if (charKind !== kind) flush();
    }
    if (charKind === 'space') {
      kind = 'space';
    } else {
      // A new level run is a new piece: a combining mark (which has its base's level, and in a
      // reversed run comes before it) then stays with its base. ZWNJ/ZWJ (BN) do not cut.
      const charLevel = levels.levels[i] as number;
      const isBN = bidi.getBidiCharTypeName(ch.charAt(0)) === 'BN';
      if (!isBN && level >= 0 && charLevel !== level) flush();
      if (charKind !== 'none' && kind !== 'none' && kind !== charKind) flush();
      if (charKind !== 'none') kind = charKind;
      if (!isBN && level < 0) level = charLevel;
    }
    chars.push(ch);
  }
  flush();

  return pieces;
}

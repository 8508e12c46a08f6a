import { normalizeText } from './normalize.ts';

/**
 * `persianSortKey` maps a name to a printable-ASCII key whose plain code-unit order (SQLite
 * BINARY, PostgreSQL COLLATE "C", JS `<`) is Persian alphabetical order, matching
 * `Intl.Collator('fa')` (ICU/CLDR) at the primary level for Persian letters, digits, spaces and
 * Latin letters:
 *
 *   space < punctuation & symbols < 0–9 < آ < ا < ء (أ إ ؤ ئ) < ب پ ت … و ه ی < a–z < other scripts
 *
 * As in ICU's `fa` tailoring, آ is a letter of its own just BEFORE ا, and the hamza forms
 * ء أ إ ؤ ئ are one letter between ا and ب. Deliberate differences from ICU: punctuation and
 * symbols are ordered among themselves by code point, and letters of other scripts (including
 * non-Persian Arabic-script letters such as ڤ) come after Latin, by code point of their base letter.
 *
 * Key layout: `primary` or `primary SEP secondary`.
 * - primary: one character per Persian letter, digit, space or a–z letter; punctuation and
 *   other characters take a class lead plus the code point in 2–4 base-89 digits (prefix-free,
 *   so the order of the concatenation is the order of the sequence). Ignorable characters
 *   (ZWNJ and other `\p{Cf}`, controls, tatweel, combining marks such as Arabic diacritics and
 *   Latin accents) contribute nothing, as in ICU.
 * - secondary: one digit per primary character naming its variant (0 = plain; ٱ for ا; the
 *   hamza seat; ە ة ۀ ھ for ه; Latin accent and case), with trailing zeros dropped and the
 *   separator omitted when nothing is left. SEP is lower than every primary character, so a
 *   shorter primary sorts first and primary-equal strings are ordered by their variants.
 * Strings that differ only in ignorable characters get the same key (ties for the caller to
 * break, e.g. by id).
 */

/**
 * The key alphabet: printable ASCII above SEP, in ascending order, without the quotes and
 * backslash (" ' ` \) so a key never needs escaping in SQL or JSON string literals.
 */
const SEP = '!';
const ALPHABET = Array.from({ length: 0x7e - 0x22 + 1 }, (_, i) => String.fromCharCode(0x22 + i))
  .filter((c) => !'"\'`\\'.includes(c))
  .join('');
const BASE = ALPHABET.length; // 89

/** The Persian alphabet in ICU `fa` primary order; 'ء' stands for the hamza letter. */
const PERSIAN = [...'آاءبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی'];
const LATIN = [...'abcdefghijklmnopqrstuvwxyz'];
const DIGITS = [...'0123456789'];

/**
 * Primary codes in order: space, three punctuation leads, digits, Persian, Latin, three leads
 * for other characters. A lead is followed by the code point in 2, 3 or 4 base-89 digits.
 */
const SINGLES = [...DIGITS, ...PERSIAN, ...LATIN];
const SINGLE = new Map([
  [' ', ALPHABET.charAt(0)],
  ...SINGLES.map((c, i) => [c, ALPHABET.charAt(4 + i)] as const),
]);
const PUNCT_LEADS = ALPHABET.slice(1, 4);
const OTHER_LEADS = ALPHABET.slice(4 + SINGLES.length, 7 + SINGLES.length);

/** Letters that ICU `fa` treats as secondary variants of a Persian letter: [base, variant]. */
const VARIANTS: Record<string, readonly [string, number]> = {
  ٱ: ['ا', 1],
  أ: ['ء', 1],
  إ: ['ء', 2],
  ؤ: ['ء', 3],
  ئ: ['ء', 4],
  ە: ['ه', 1],
  ة: ['ه', 2],
  ۀ: ['ه', 3],
  ھ: ['ه', 4],
};

/** Characters with no primary weight: format/control characters, combining marks, tatweel. */
const IGNORABLE = /^[\p{Cf}\p{Cc}\p{M}\u0640]$/u;
const PUNCTUATION = /^[\p{P}\p{S}]$/u;

/** A single character's primary code (it must be in SINGLE). */
function single(ch: string): string {
  return SINGLE.get(ch) ?? '';
}

/** A class lead followed by the code point in the fewest fixed-width base-89 digits (2–4). */
function rare(leads: string, cp: number): string {
  const width = cp < BASE ** 2 ? 2 : cp < BASE ** 3 ? 3 : 4;
  let digits = '';
  for (let i = 0, n = cp; i < width; i++, n = Math.floor(n / BASE))
    digits = ALPHABET.charAt(n % BASE) + digits;
  return leads.charAt(width - 2) + digits;
}

/** The primary code and variant number of one (NFC) character, or null if it is ignorable. */
function weigh(ch: string): readonly [string, number] | null {
  if (IGNORABLE.test(ch)) return null;
  const variant = VARIANTS[ch];
  if (variant) return [single(variant[0]), variant[1]];
  const plain = SINGLE.get(ch);
  if (plain !== undefined) return [plain, 0];

  // Latin accents and case, as in ICU: é and E sort with e, plain < upper < accented.
  const decomposed = ch.normalize('NFD');
  const base = String.fromCodePoint(decomposed.codePointAt(0) ?? 0);
  const accent = decomposed.length > base.length ? 2 : 0;
  const lower = base.toLowerCase();
  const letter = [...lower].length === 1 ? lower : base;
  const variantNo = accent + (letter === base ? 0 : 1);
  const known = SINGLE.get(letter);
  if (known !== undefined) return [known, variantNo];

  const cp = letter.codePointAt(0) ?? 0;
  return [rare(PUNCTUATION.test(letter) ? PUNCT_LEADS : OTHER_LEADS, cp), variantNo];
}

/**
 * A printable-ASCII key whose binary order is Persian alphabetical order (see the comment at the
 * top of this file). The text is normalised with `normalizeText` first, so ي/ی, ك/ک, Persian and
 * ASCII digits, and spacing variants give the same key. Typically about one character per letter.
 */
export function persianSortKey(s: string): string {
  let primary = '';
  const variants: number[] = [];
  for (const ch of normalizeText(s)) {
    const w = weigh(ch);
    if (!w) continue;
    primary += w[0];
    variants.push(w[1]);
  }
  while (variants.at(-1) === 0) variants.pop();

  return variants.length === 0 ? primary : `${primary}${SEP}${variants.join('')}`;
}

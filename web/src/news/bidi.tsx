import type { ReactNode } from 'react';
import { localDigits } from '../format/format.ts';
import type { Language } from '../i18n/i18n.ts';

/**
 * Text people wrote (titles, comments, names) may mix Persian and Latin: «دوره‌ها برخط شود. <b>www.x.ir</b>».
 * Left to the bidi algorithm, the brackets, quotes and dots at the edges of a Latin run land on
 * the wrong side in a right-to-left line. So the direction of the text is its first strong
 * letter's, and each run of the other script is isolated (`<bdi>`) with its punctuation inside.
 * Digits become the reader's outside Latin runs only (`alert(1)` keeps its digit).
 */

/** Letters written right to left (Arabic script; its digits are weak and left out). */
const RTL =
  '\\u0600-\\u065F\\u066A-\\u06EF\\u06FA-\\u06FF\\u0750-\\u077F\\u08A0-\\u08FF\\uFB50-\\uFDFF\\uFE70-\\uFEFF';
/** Letters written left to right (Latin). */
const LTR = 'A-Za-z\\u00C0-\\u024F';

const FIRST_STRONG = new RegExp(`[${RTL}${LTR}]`);
const LTR_LETTER = new RegExp(`[${LTR}]`);
/** A run holding a Latin letter and no right-to-left letter, within one line. */
const LTR_RUN = new RegExp(`[^\\n${RTL}]*[${LTR}][^\\n${RTL}]*`, 'g');
/** A run holding a right-to-left letter and no Latin letter, within one line. */
const RTL_RUN = new RegExp(`[^\\n${LTR}]*[${RTL}][^\\n${LTR}]*`, 'g');
/** What stays outside a run: spaces, and sentence punctuation before or after it. */
const EDGE_START = /^[\s.,;:!?،؛؟]+/;
const EDGE_END = /[\s.,;:!?،؛؟]+$/;

/** The direction of a text: its first strong letter's (Persian when it has none). */
export function textDirection(text: string): 'rtl' | 'ltr' {
  const first = FIRST_STRONG.exec(text)?.[0];
  return first !== undefined && LTR_LETTER.test(first) ? 'ltr' : 'rtl';
}

/**
 * The text as React nodes (never HTML): runs of the other script isolated, digits the reader's.
 * Put it in an element whose `dir` is `textDirection(text)`.
 */
export function isolatedText(text: string, language: Language): ReactNode {
  const dir = textDirection(text);
  const runs = dir === 'rtl' ? LTR_RUN : RTL_RUN;
  // Digits take the reader's script in Persian text, and stay as written in Latin text.
  const outside = (s: string) => (dir === 'rtl' ? localDigits(s, language) : s);
  const inside = (s: string) => (dir === 'rtl' ? s : localDigits(s, language));
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(runs)) {
    const lead = EDGE_START.exec(match[0])?.[0].length ?? 0;
    const core = match[0].slice(lead).replace(EDGE_END, '');
    if (core === '') continue;
    const start = match.index + lead;
    if (start > last) parts.push(outside(text.slice(last, start)));
    parts.push(
      <bdi key={start} dir={dir === 'rtl' ? 'ltr' : 'rtl'}>
        {inside(core)}
      </bdi>,
    );
    last = start + core.length;
  }
  if (last < text.length) parts.push(outside(text.slice(last)));

  return parts.length === 1 ? parts[0] : parts;
}

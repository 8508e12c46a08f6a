import { z } from 'zod';
import type { FieldError } from '../errors/app-error.ts';
import { fieldErrorFromIssue } from '../errors/field-messages.ts';
import { hasBidiControls, normalizeText, searchKey } from '../text/index.ts';
import type { Checked } from '../validation/parse.ts';
import { LIMITS, NEWS_MESSAGES, newsFieldError } from './vocabulary.ts';

/** Like `check` (src/validation/parse.ts), knowing news's own message codes as well. */
export function checkNews<S extends z.ZodType>(schema: S, input: unknown): Checked<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const fields = result.error.issues.flatMap((issue): FieldError[] =>
    Object.hasOwn(NEWS_MESSAGES, issue.message)
      ? [newsFieldError(issue.path.map(String).join('.'), issue.message as keyof typeof NEWS_MESSAGES)]
      : fieldErrorFromIssue(issue),
  );

  return { ok: false, fields };
}

/** A tag: one or a few words of letters (Persian or not) and digits, ZWNJ inside words allowed. */
const TAG = /^[\p{L}\p{M}\p{N}\u200C]+(?: [\p{L}\p{M}\p{N}\u200C]+)*$/u;
const HAS_LETTER = /\p{L}/u;

export type Tag = { tag: string; key: string };

/** 1–8 tags, each normalised (ي/ك, digits, spaces), deduplicated by their search key, in the order given. */
export const zTags = z.array(z.unknown(), { error: 'tags_count' }).transform((items, ctx) => {
  const tags: Tag[] = [];
  items.forEach((item, i) => {
    if (typeof item !== 'string') {
      ctx.addIssue({ code: 'custom', message: 'tag_word', path: [i] });
      return;
    }
    if (hasBidiControls(item)) {
      ctx.addIssue({ code: 'custom', message: 'bidi', path: [i] });
      return;
    }
    const tag = normalizeText(item);
    if (tag.length > LIMITS.tag) {
      ctx.addIssue({ code: 'custom', message: 'too_long', path: [i] });
      return;
    }
    if (!TAG.test(tag) || !HAS_LETTER.test(tag)) {
      ctx.addIssue({ code: 'custom', message: 'tag_word', path: [i] });
      return;
    }
    const key = searchKey(tag);
    if (!tags.some((t) => t.key === key)) tags.push({ tag, key });
  });
  if (tags.length < LIMITS.tagsMin || items.length > LIMITS.tagsMax || tags.length > LIMITS.tagsMax) {
    ctx.addIssue({ code: 'custom', message: 'tags_count' });
  }

  return tags;
});

/**
 * Plain text of several lines (comments): each line normalised like every stored text, blank
 * runs kept to one empty line, no bidi controls, 1..max characters.
 */
export function zMultiline(max: number) {
  return z.string({ error: 'required' }).transform((input, ctx) => {
    if (hasBidiControls(input)) {
      ctx.addIssue({ code: 'custom', message: 'bidi' });
      return z.NEVER;
    }
    const text = input
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((line) => normalizeText(line))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    if (text.length === 0) ctx.addIssue({ code: 'custom', message: 'required' });
    if (text.length > max) ctx.addIssue({ code: 'custom', message: 'too_long' });

    return text;
  });
}

import { z } from 'zod';
import { parseDateInput } from '../calendar/index.ts';
import type { FieldMessageCode } from '../errors/field-messages.ts';
import {
  parseIban,
  parseLegalId,
  parseMobile,
  parseNationalCode,
  parsePostalCode,
} from '../identifiers/index.ts';
import { hasBidiControls, normalizeText } from '../text/index.ts';

/**
 * Zod building blocks for every input of the service (HTTP bodies, CLI options, CSV rows).
 * Each one normalises what people type — Persian digits, Arabic ي/ك, spaces — before checking,
 * and reports one of our field message codes so the error reads well in Persian and English.
 */

type Parsed = { ok: true; value: string } | { ok: false };

function identifier(parse: (input: string) => Parsed, code: FieldMessageCode) {
  return z.string({ error: 'required' }).transform((input, ctx) => {
    const result = parse(input);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: code });

      return z.NEVER;
    }

    return result.value;
  });
}

export const zNationalCode = identifier(parseNationalCode, 'national_code');
export const zLegalId = identifier(parseLegalId, 'legal_id');
export const zIban = identifier(parseIban, 'iban');
export const zMobile = identifier(parseMobile, 'mobile');
export const zPostalCode = identifier(parsePostalCode, 'postal_code');

/** A name or title: normalised, no bidi controls, 1..max characters after normalising. */
export function zText(max: number, min = 1) {
  return z.string({ error: 'required' }).transform((input, ctx) => {
    if (hasBidiControls(input)) {
      ctx.addIssue({ code: 'custom', message: 'bidi' });

      return z.NEVER;
    }
    const value = normalizeText(input);
    if (value.length < min) ctx.addIssue({ code: 'custom', message: min === 1 ? 'required' : 'too_short' });
    if (value.length > max) ctx.addIssue({ code: 'custom', message: 'too_long' });

    return value;
  });
}

/** A calendar date typed as Jalali (1403/05/14) or Gregorian (2024-08-04), stored as YYYY-MM-DD. */
export const zDate = z.string({ error: 'required' }).transform((input, ctx) => {
  const result = parseDateInput(input);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.reason === 'format' ? 'date_format' : 'date_invalid' });

    return z.NEVER;
  }

  return result.value;
});

/** An amount of money in whole rials: a non-negative safe integer (digits may be Persian). */
export const zRials = z.union([z.number(), z.string()], { error: 'money' }).transform((input, ctx) => {
  const text = typeof input === 'number' ? String(input) : normalizeText(input).replace(/[,٬\s]/g, '');
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 0) {
    ctx.addIssue({ code: 'custom', message: 'money' });

    return z.NEVER;
  }

  return value;
});

/** A whole number typed as a JSON number or as text in any digit script. */
export function zInt(min: number, max: number) {
  return z.union([z.number(), z.string()], { error: 'integer' }).transform((input, ctx) => {
    const text = typeof input === 'number' ? String(input) : normalizeText(input);
    const value = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(value)) {
      ctx.addIssue({ code: 'custom', message: 'integer' });

      return z.NEVER;
    }
    if (value < min) ctx.addIssue({ code: 'custom', message: 'too_small' });
    if (value > max) ctx.addIssue({ code: 'custom', message: 'too_big' });

    return value;
  });
}

/** Optional text from forms and CSV: an empty or blank string means "not given". */
export function blankToUndefined<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (v) => (v === '' || v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v),
    schema.optional(),
  );
}

/** An enumeration whose bad values report `unknown_value`. */
export function zEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: 'unknown_value' });
}

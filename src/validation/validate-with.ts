import type { z } from 'zod';
import type { Context } from '../context/context.ts';
import type { FieldError } from '../errors/app-error.ts';
import { fieldError } from '../errors/field-messages.ts';
import { zDate } from './fields.ts';
import { type Checked, check } from './parse.ts';

/**
 * A write's `validate`: the schema, then rules that see the parsed value. Dates that may not lie
 * in the future (`pastDates`, top-level field names) are checked on the raw input as well, so a
 * future date is reported together with the schema's errors rather than in a second round.
 */
export function validateWith<S extends z.ZodType>(
  schema: S,
  rules: (value: z.output<S>, ctx: Context) => FieldError[],
  options: { pastDates?: readonly string[] } = {},
): (ctx: Context, input: unknown) => Checked<z.output<S>> {
  return (ctx, input) => {
    const today = ctx.clock.today();
    const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
    const future = (options.pastDates ?? []).flatMap((path) => {
      const given = raw[path];
      if (given === undefined || given === null || given === '') return [];
      const parsed = zDate.safeParse(given);

      return parsed.success && parsed.data > today ? [fieldError(path, 'date_future')] : [];
    });
    const parsed = check(schema, input);
    if (!parsed.ok) return { ok: false, fields: [...parsed.fields, ...future] };
    const fields = [...future, ...rules(parsed.value, ctx)];

    return fields.length > 0 ? { ok: false, fields } : parsed;
  };
}

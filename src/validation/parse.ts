import type { z } from 'zod';
import { AppError, type FieldError } from '../errors/app-error.ts';
import { fieldErrorFromIssue } from '../errors/field-messages.ts';

export type Checked<T> = { ok: true; value: T } | { ok: false; fields: FieldError[] };

/** Runs a schema and returns the value or every bad field (paths prefixed by `prefix`). */
export function check<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): Checked<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };

  return { ok: false, fields: result.error.issues.flatMap((issue) => fieldErrorFromIssue(issue, prefix)) };
}

/** Like `check`, but throws INVALID_INPUT naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const result = check(schema, input, prefix);
  if (!result.ok) throw new AppError('INVALID_INPUT', { fields: result.fields });

  return result.value;
}

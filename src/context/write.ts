import type { Executor } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import type { Checked } from '../validation/parse.ts';
import type { Context } from './context.ts';

/**
 * A write use case in two halves, so that a single form submission and a 100,000-row import
 * share every rule: `validate` checks the input without writing (every bad field at once), and
 * `apply` writes a validated value inside a transaction the caller owns. `apply` does all its
 * reads and checks before its first write, so an error it throws leaves nothing behind.
 */
export type Write<V, R> = {
  validate(ctx: Context, input: unknown): Checked<V>;
  apply(tx: Executor, ctx: Context, value: V): Promise<R>;
};

/** Runs a write use case in its own transaction: INVALID_INPUT before any write, or the result. */
export async function runWrite<V, R>(write: Write<V, R>, ctx: Context, input: unknown): Promise<R> {
  const checked = write.validate(ctx, input);
  if (!checked.ok) throw new AppError('INVALID_INPUT', { fields: checked.fields });

  return ctx.db.transaction().execute((tx) => write.apply(tx, ctx, checked.value));
}

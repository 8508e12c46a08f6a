import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { check } from '../validation/parse.ts';
import { RULES, requireRule } from './catalogue.ts';
import * as repo from './monitoring.repository.ts';
import type { Rule } from './rule.ts';

/**
 * Rule thresholds are configuration: each rule's zod schema holds the defaults and the bounds; an
 * administrator's overrides are stored per rule and validated by the same schema, so a negative
 * window or a percentage above 100 is a 400 naming the field, and nothing changes.
 */
export type ThresholdsByRule = Map<string, Record<string, unknown>>;

export async function loadThresholds(db: Executor): Promise<ThresholdsByRule> {
  const overrides = new Map(
    (await repo.listThresholdOverrides(db)).map((o) => [o.rule_id, JSON.parse(o.thresholds)]),
  );
  const out: ThresholdsByRule = new Map();
  for (const rule of RULES) {
    const parsed = rule.thresholds.safeParse(overrides.get(rule.id) ?? {});
    out.set(rule.id, (parsed.success ? parsed.data : rule.thresholds.parse({})) as Record<string, unknown>);
  }

  return out;
}

/** Use case: an administrator sets a rule's thresholds (fields not given take their defaults). */
export async function setThresholds(ctx: Context, ruleId: string, input: unknown, personId: number | null) {
  const rule: Rule = requireRule(ruleId);
  const parsed = check(rule.thresholds, input ?? {}, 'thresholds');
  if (!parsed.ok) throw new AppError('INVALID_INPUT', { fields: parsed.fields });
  await repo.upsertThresholds(ctx.db, {
    rule_id: ruleId,
    thresholds: JSON.stringify(parsed.value),
    updated_by: personId,
    updated_at: ctx.clock.now().toISOString(),
  });

  return parsed.value as Record<string, unknown>;
}

import { AppError } from '../errors/app-error.ts';
import type { Rule } from './rule.ts';
import { GOVERNANCE_RULES } from './rules/governance.ts';
import { MONEY_RULES } from './rules/money.ts';
import { NETWORK_RULES } from './rules/network.ts';

/** Every rule of the catalogue, in display order. Ids are unique (a test checks). */
export const RULES: readonly Rule[] = [...GOVERNANCE_RULES, ...MONEY_RULES, ...NETWORK_RULES];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** The rule, or NOT_FOUND naming the unknown id. */
export function requireRule(id: string): Rule {
  const rule = BY_ID.get(id);
  if (!rule)
    throw new AppError('NOT_FOUND', { message: { fa: `قاعده‌ای با شناسهٔ ${id} نیست`, en: `No rule ${id}` } });

  return rule;
}

import type { z } from 'zod';
import { DEFAULT_STATUTORY_SETTINGS, type StatutorySettings } from './settings.ts';
import { statutoryOverridesSchema, statutorySettingsSchema } from './statute.schemas.ts';

/** One problem with a setting: which layer (index into the arguments, or null for the merged result), key and why. */
export type StatutorySettingsIssue = { layer: number | null; key: string; message: string };

/** Thrown when an override layer or the merged settings are not acceptable; `keys` names every bad setting. */
export class StatutorySettingsError extends Error {
  readonly issues: StatutorySettingsIssue[];
  readonly keys: string[];

  constructor(issues: StatutorySettingsIssue[]) {
    const keys = [...new Set(issues.map((i) => i.key))];
    super(`invalid statutory settings: ${keys.join(', ')}`);
    this.name = 'StatutorySettingsError';
    this.issues = issues;
    this.keys = keys;
  }
}

/**
 * Merges the defaults with override layers, later layers winning (national overrides, then a
 * cooperative's bylaws). Null, undefined and undefined-valued keys are skipped. Each layer is
 * checked on its own, then the merged result as a whole (e.g. min ≤ max); throws
 * StatutorySettingsError listing every bad key.
 */
export function resolveStatutorySettings(
  ...layers: Array<Partial<StatutorySettings> | null | undefined>
): StatutorySettings {
  const merged: Record<string, unknown> = { ...DEFAULT_STATUTORY_SETTINGS };
  const issues: StatutorySettingsIssue[] = [];

  layers.forEach((layer, index) => {
    if (layer == null) return;
    const parsed = statutoryOverridesSchema.safeParse(layer);
    if (!parsed.success) {
      issues.push(...toIssues(parsed.error, index));
      return;
    }
    for (const [key, value] of Object.entries(parsed.data)) {
      if (value !== undefined) merged[key] = value;
    }
  });
  if (issues.length > 0) throw new StatutorySettingsError(issues);

  const result = statutorySettingsSchema.safeParse(merged);
  if (!result.success) throw new StatutorySettingsError(toIssues(result.error, null));

  return result.data;
}

function toIssues(error: z.ZodError, layer: number | null): StatutorySettingsIssue[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ layer, key, message: 'unknown setting' }))
      : [{ layer, key: String(issue.path[0] ?? ''), message: issue.message }],
  );
}

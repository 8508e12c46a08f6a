import { tokenize } from '../text/index.ts';

/**
 * Words that almost every cooperative's name contains. They are not indexed, and a query made
 * only of them matches every cooperative (ordered alphabetically), so «تعاونی» lists the register
 * instead of scanning a hundred thousand index rows to rank them all equal.
 */
export const STOPWORDS = new Set(['تعاونی', 'تعاون', 'شرکت', 'اتحادیه', 'و', 'cooperative', 'co', 'union']);

/** Weights of the places a token comes from: the name and identifiers outrank officers' names. */
export const TOKEN_WEIGHT = { name: 4, identifier: 4, officer: 1 } as const;

/** The search tokens of a query: normalised words, stopwords dropped, duplicates removed. */
export function queryTokens(q: string): string[] {
  return [...new Set(tokenize(q).filter((t) => !STOPWORDS.has(t)))];
}

/** Builds the search tokens of one cooperative (each token once, with its highest weight). */
export function cooperativeTokens(source: {
  name: string;
  legalId: string | null;
  registrationNo: string | null;
  officerNames: string[];
}): Array<{ token: string; weight: number }> {
  const best = new Map<string, number>();
  const add = (text: string | null, weight: number) => {
    if (!text) return;
    for (const t of tokenize(text)) {
      if (STOPWORDS.has(t)) continue;
      best.set(t, Math.max(best.get(t) ?? 0, weight));
    }
  };
  add(source.name, TOKEN_WEIGHT.name);
  add(source.legalId, TOKEN_WEIGHT.identifier);
  add(source.registrationNo, TOKEN_WEIGHT.identifier);
  for (const name of source.officerNames) add(name, TOKEN_WEIGHT.officer);

  return [...best].map(([token, weight]) => ({ token, weight }));
}

import { z } from 'zod';
import type { Rule } from '../rule.ts';

/** Rules across cooperatives, from the counts `load-books.ts` reads for this cooperative's people and payees. */

export const officerInManyCooperatives: Rule<{ maxCooperatives: number }> = {
  id: 'network.officer_in_many_cooperatives',
  category: 'network',
  severity: 'low',
  public: false,
  title: { fa: 'یک نفر مدیر تعاونی‌های بسیار', en: 'One person an officer in many cooperatives' },
  explanation: {
    fa: '{name} اکنون در {count} تعاونی سمت دارد.',
    en: '{name} currently holds office in {count} cooperatives.',
  },
  basis: {
    fa: 'تمرکز سمت‌ها در دست یک نفر نظارت اعضا را دشوار می‌کند و نشانهٔ تعاونی‌های صوری است',
    en: 'Offices concentrated in one person weaken members’ control and mark shell cooperatives',
  },
  thresholds: z.object({ maxCooperatives: z.number().int().min(1).max(1000).default(3) }).strict(),
  evaluate(books, t) {
    const seen = new Set<number>();
    return books.officers.flatMap((o) => {
      if (o.personId === null || seen.has(o.personId) || o.endedOn !== null || o.termEnd < books.today)
        return [];
      seen.add(o.personId);
      const count = books.network.officerCooperatives.get(o.personId) ?? 1;
      if (count <= t.maxCooperatives) return [];
      return [
        {
          ruleId: 'network.officer_in_many_cooperatives',
          key: `person:${o.personId}`,
          params: { name: o.name, count },
          evidence: { entries: o.entryIndex === null ? [] : [o.entryIndex], people: [o.name] },
        },
      ];
    });
  },
};

export const NETWORK_RULES: Rule[] = [officerInManyCooperatives] as unknown as Rule[];

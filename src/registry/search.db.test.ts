import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/helpers/test-context.ts';
import type { OpenContext } from '../context/open-context.ts';
import { runWrite } from '../context/write.ts';
import { persianSortKey, tokenize } from '../text/index.ts';
import { findCooperatives } from './find-cooperatives.ts';
import { registerCooperative } from './register-cooperative.ts';
import { cooperativeTokens, queryTokens } from './search-tokens.ts';

/**
 * The ranking is defined in plain words in ADR 2. This test computes it independently in
 * TypeScript over a random register and checks that the SQL — on whichever engine runs the
 * test — returns exactly those items in exactly that order.
 */
const WORDS = [
  'گلستان',
  'كاركنان',
  'مسکن',
  'پارس',
  'چای',
  'ژاله',
  'گندم',
  'مي‌خک',
  'زعفران',
  'آبی',
  'اميد',
  'کشاورزان',
  'فرش',
  'صنايع',
  'کرمان',
];
const seedNames = fc.sample(
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((ws) => `تعاونی ${ws.join(' ')}`),
  { seed: 1405, numRuns: 120 },
);

let ctx: OpenContext;
const register: Array<{ id: number; name: string }> = [];

beforeAll(async () => {
  ctx = await createTestContext();
  for (const [i, name] of seedNames.entries()) {
    const id = await runWrite(registerCooperative, ctx, {
      name: `${name} ${i}`,
      legalForm: 'conventional',
      field: 'agriculture',
      province: 'تهران',
      county: 'تهران',
      capitalRials: 1000,
    });
    register.push({ id, name: `${name} ${i}` });
  }
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

function expectedOrder(q: string): number[] {
  const words = queryTokens(q);
  const scored = register
    .map((c) => {
      const tokens = cooperativeTokens({
        name: c.name,
        legalId: null,
        registrationNo: null,
        officerNames: [],
      });
      let score = 0;
      for (const w of words) {
        const best = Math.max(
          0,
          ...tokens.filter((t) => t.token.startsWith(w)).map((t) => (t.token === w ? 2 : 1) * t.weight),
        );
        if (best === 0) return null;
        score += best;
      }
      return { id: c.id, score, sortKey: c.name };
    })
    .filter((x): x is { id: number; score: number; sortKey: string } => x !== null);
  const keys = new Map(register.map((c) => [c.id, c.name]));

  return scored
    .sort(
      (a, b) =>
        b.score - a.score || compareSortKeys(keys.get(a.id) ?? '', keys.get(b.id) ?? '') || a.id - b.id,
    )
    .map((s) => s.id);
}

function compareSortKeys(a: string, b: string): number {
  const ka = persianSortKey(a);
  const kb = persianSortKey(b);

  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

describe('search ranking', () => {
  it('matches the independent ranking for random queries, with spelling variants giving the same result', async () => {
    const queries = fc.sample(
      fc
        .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 2 })
        .chain((ws) => fc.tuple(fc.constant(ws), fc.integer({ min: 2, max: 6 })))
        .map(([ws, cut]) =>
          ws.map((w, i) => (i === ws.length - 1 ? (tokenize(w)[0]?.slice(0, cut) ?? w) : w)).join(' '),
        ),
      { seed: 7, numRuns: 60 },
    );
    for (const q of queries) {
      const result = await findCooperatives(ctx, { q, pageSize: 100 });
      const expected = expectedOrder(q);
      expect(
        result.items.map((i) => i.id),
        q,
      ).toEqual(expected.slice(0, 100));
      expect(result.total, q).toBe(expected.length);
      const variant = q.replaceAll('ی', 'ي').replaceAll('ک', 'ك');
      expect(
        (await findCooperatives(ctx, { q: variant, pageSize: 100 })).items.map((i) => i.id),
        variant,
      ).toEqual(result.items.map((i) => i.id));
    }
  });
});

import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenContext } from '../src/context/open-context.ts';
import { generateDemo } from '../src/demo/generate-demo.ts';
import { buildApp } from '../src/http/app.ts';
import { createTestContext } from './helpers/test-context.ts';

/**
 * research/security.md T3 (no national code or phone in any public response) and a small T12
 * (malformed query strings never produce a 5xx), over a generated register.
 */
let ctx: OpenContext;
let app: FastifyInstance;
let secrets: string[];
let legalIds: string[];

beforeAll(async () => {
  ctx = await createTestContext();
  await generateDemo(ctx, { cooperatives: 60, seed: 3 });
  app = await buildApp(ctx, { logLevel: 'silent' });
  const persons = await ctx.db
    .selectFrom('persons')
    .select(['national_code', 'mobile', 'iban', 'address'])
    .execute();
  secrets = persons.flatMap((p) =>
    [p.national_code, p.mobile, p.iban].filter((v): v is string => v !== null),
  );
  const declared = await ctx.db.selectFrom('interest_declarations').select('person_national_code').execute();
  secrets.push(...declared.map((d) => d.person_national_code).filter((v): v is string => v !== null));
  const coops = await ctx.db
    .selectFrom('cooperatives')
    .select('legal_id')
    .where('legal_id', 'is not', null)
    .execute();
  legalIds = coops.map((c) => c.legal_id).filter((v): v is string => v !== null);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

function leaks(body: string): string[] {
  return secrets.filter((s) => body.includes(s));
}

describe('public responses', () => {
  it('carry no national code, mobile or IBAN of a natural person, on any public route', async () => {
    expect(secrets.length).toBeGreaterThan(500);
    const urls = [
      '/api/v1/cooperatives?pageSize=100',
      '/api/v1/cooperatives?pageSize=100&page=2',
      '/api/v1/open-data/cooperatives.csv',
      '/api/v1/open-data/cooperatives.json',
      '/api/v1/stream/events?limit=1000',
      '/api/v1/ledger/keys',
      ...legalIds.flatMap((id) => [
        `/api/v1/cooperatives/${id}`,
        `/api/v1/cooperatives/${id}/filings`,
        `/api/v1/cooperatives/${id}/ledger`,
        `/api/v1/cooperatives/${id}/ledger/summary`,
        `/api/v1/cooperatives/${id}/ledger/checkpoint.txt`,
      ]),
    ];
    for (const url of urls) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(leaks(response.body), url).toEqual([]);
    }
    // Searching by a national code finds nothing and echoes nothing.
    const bySecret = await app.inject({ method: 'GET', url: `/api/v1/cooperatives?q=${secrets[0]}` });
    expect(bySecret.json().total).toBe(0);
  });

  it('answer malformed query strings with a 4xx problem body, never a 5xx', async () => {
    const keys = [
      'q',
      'province',
      'county',
      'field',
      'form',
      'status',
      'page',
      'pageSize',
      'timepoint',
      'limit',
      'from',
      'to',
      'kind',
      '__proto__',
      'x',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/api/v1/cooperatives',
          '/api/v1/stream/events',
          `/api/v1/cooperatives/${legalIds[0]}/ledger/consistency`,
          `/api/v1/cooperatives/${legalIds[0]}/ledger/entries`,
        ),
        fc.array(fc.tuple(fc.constantFrom(...keys), fc.string({ unit: 'binary', maxLength: 300 })), {
          maxLength: 5,
        }),
        async (path, pairs) => {
          const query = pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
          const response = await app.inject({ method: 'GET', url: `${path}?${query}` });
          expect(response.statusCode, query).toBeLessThan(500);
          if (response.statusCode >= 400) {
            expect(response.headers['content-type']).toContain('application/problem+json');
            expect(response.json()).toHaveProperty('message.fa');
          }
        },
      ),
      { seed: 2026, numRuns: 300 },
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_ACCOUNTS } from '../../test/helpers/auth.ts';
import { createTestContext } from '../../test/helpers/test-context.ts';
import { accountsContext, type DemoAccount, seedDemoAccounts } from '../accounts/index.ts';
import type { OpenContext } from '../context/open-context.ts';
import { countEntriesByKind } from '../ledger/ledger.repository.ts';
import { verifyLog } from '../ledger/verify.ts';
import { seedDemoBooks } from './demo-books.ts';
import { seedDemoRequests } from './demo-requests.ts';
import { generateDemo } from './generate-demo.ts';

let ctx: OpenContext;
let demoAccounts: DemoAccount[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  await generateDemo(ctx, { cooperatives: 30 });
}, 60_000);
afterAll(() => ctx.close());

describe('demo books', () => {
  it("records a year of books for the demo accounts' cooperative, each with its ledger entry", async () => {
    const accounts = await seedDemoAccounts(accountsContext(ctx, FAST_ACCOUNTS));
    demoAccounts = accounts ?? [];
    const legalId = accounts?.find((a) => a.cooperative)?.cooperative?.key ?? '';
    const coop = await ctx.db
      .selectFrom('cooperatives')
      .select('id')
      .where('legal_id', '=', legalId)
      .executeTakeFirstOrThrow();
    const recorded = await seedDemoBooks(ctx, legalId);
    expect(recorded).toBeGreaterThanOrEqual(15);
    const kinds = Object.fromEntries(
      (await countEntriesByKind(ctx.db, coop.id)).map((k) => [k.kind, Number(k.count)]),
    );
    expect(kinds).toMatchObject({
      genesis: 1,
      'resolution.recorded': 3,
      'contract.recorded': 2,
      'payment.recorded': 13,
    });
    expect(kinds['statement.recorded']).toBe(1);
    // One large payment waits for the demo board member's sign-off.
    const pending = await ctx.db
      .selectFrom('payments as p')
      .leftJoin('payment_approvals as a', 'a.payment_id', 'p.id')
      .select(['p.id', 'p.required_approvals', (eb) => eb.fn.count<number>('a.person_id').as('n')])
      .where('p.cooperative_id', '=', coop.id)
      .where('p.required_approvals', '>', 0)
      .groupBy(['p.id', 'p.required_approvals'])
      .execute();
    expect(pending.map((p) => Number(p.n) < p.required_approvals)).toEqual([true]);
  });

  it('makes three requests in the single window: one confirmed by a second officer and in the ledger, one waiting, one answered', async () => {
    expect(await seedDemoRequests(ctx, demoAccounts)).toBe(3);
    const statuses = (
      await ctx.db.selectFrom('service_requests').select(['service_id', 'status']).orderBy('id').execute()
    ).map((r) => `${r.service_id}:${r.status}`);
    expect(statuses).toEqual(['amend_address:approved', 'complaint_inspector:submitted', 'general:answered']);
    const coopId =
      (
        await ctx.db
          .selectFrom('service_requests')
          .select('cooperative_id')
          .where('service_id', '=', 'amend_address')
          .executeTakeFirstOrThrow()
      ).cooperative_id ?? 0;
    const verified = await verifyLog(ctx, coopId);
    expect(verified.problems).toEqual([]);
    expect(
      Object.fromEntries((await countEntriesByKind(ctx.db, coopId)).map((k) => [k.kind, Number(k.count)]))[
        'request.decided'
      ],
    ).toBe(1);
  });
});

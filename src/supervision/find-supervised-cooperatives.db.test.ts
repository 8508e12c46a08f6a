import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/helpers/test-context.ts';
import type { Actor } from '../access/index.ts';
import type { OpenContext } from '../context/open-context.ts';
import { generateDemo } from '../demo/generate-demo.ts';
import { getCooperativeProfile } from '../registry/get-cooperative-profile.ts';
import { findSupervisedCooperatives } from './find-supervised-cooperatives.ts';

let ctx: OpenContext;
const staff = (s: Actor['staff']): Actor => ({ personId: 1, roles: new Map(), staff: s });

beforeAll(async () => {
  ctx = await createTestContext();
  await generateDemo(ctx, { cooperatives: 120, seed: 11 });
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

describe('findSupervisedCooperatives', () => {
  it('shows a province officer only their province, with the same health card as the profile', async () => {
    const fars = ctx.reference.findProvince('فارس');
    expect(fars).toBeDefined();
    const officer = staff([{ kind: 'officer', scope: 'province', provinceId: fars?.id ?? 0 }]);
    const result = await findSupervisedCooperatives(ctx, officer, { pageSize: 100 });
    expect(result.total).toBeGreaterThan(0);
    expect(result.items.every((c) => c.province.code === fars?.code)).toBe(true);
    const first = result.items[0];
    const profile = await getCooperativeProfile(ctx, first?.legalId ?? String(first?.id));
    expect(first?.healthCard).toEqual(profile.healthCard);
    // Sorted by overdue obligations, most first.
    const overdue = result.items.map((c) => c.healthCard.obligationsOverdue);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
    await expect(findSupervisedCooperatives(ctx, officer, { province: 'تهران' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('filters to cooperatives with overdue obligations', async () => {
    const tehran = ctx.reference.findProvince('تهران');
    const nation = staff([{ kind: 'officer', scope: 'nation' }]);
    const all = await findSupervisedCooperatives(ctx, nation, { province: 'تهران', pageSize: 100 });
    const overdue = await findSupervisedCooperatives(ctx, nation, {
      province: tehran?.code,
      overdueOnly: 'true',
      pageSize: 100,
    });
    expect(overdue.total).toBe(all.items.filter((c) => c.healthCard.obligationsOverdue > 0).length);
    expect(overdue.total).toBeGreaterThan(0);
    await expect(findSupervisedCooperatives(ctx, nation, {})).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      fields: [expect.objectContaining({ path: 'province' })],
    });
  });

  it('refuses people without a staff role', async () => {
    const member: Actor = {
      personId: 5,
      roles: new Map([[1, new Set(['managing_director' as const])]]),
      staff: [],
    };
    await expect(findSupervisedCooperatives(ctx, member, { province: 'فارس' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

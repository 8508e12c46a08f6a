import { describe, expect, it } from 'vitest';
import { type Actor, isAllowed, type Place, regionContains } from './policy.ts';

const shiraz: Place = { cooperativeId: 1, provinceId: 8, countyId: 100 };
const kerman: Place = { cooperativeId: 2, provinceId: 9, countyId: 200 };

function actor(partial: Partial<Actor>): Actor {
  return { personId: 1, roles: new Map(), staff: [], ...partial };
}

describe('policy', () => {
  it('lets anyone read the public register, and no one else do anything without a role', () => {
    expect(isAllowed(null, 'registry.read', null)).toBe(true);
    expect(isAllowed(null, 'cooperative.read_member_view', shiraz)).toBe(false);
    expect(isAllowed(actor({}), 'cooperative.record_assembly', shiraz)).toBe(false);
  });

  it('gives a cooperative role only in that cooperative', () => {
    const director = actor({ roles: new Map([[1, new Set(['managing_director' as const])]]) });
    expect(isAllowed(director, 'cooperative.record_assembly', shiraz)).toBe(true);
    expect(isAllowed(director, 'cooperative.record_assembly', kerman)).toBe(false);
    const member = actor({ roles: new Map([[1, new Set(['member' as const])]]) });
    expect(isAllowed(member, 'cooperative.read_member_view', shiraz)).toBe(true);
    expect(isAllowed(member, 'cooperative.record_filing', shiraz)).toBe(false);
    const inspector = actor({ roles: new Map([[1, new Set(['inspector' as const])]]) });
    expect(isAllowed(inspector, 'cooperative.record_filing', shiraz)).toBe(true);
    expect(isAllowed(inspector, 'cooperative.record_officer', shiraz)).toBe(false);
  });

  it('bounds ministry officers by their region', () => {
    const province = actor({ staff: [{ kind: 'officer', scope: 'province', provinceId: 8 }] });
    expect(isAllowed(province, 'supervision.read', shiraz)).toBe(true);
    expect(isAllowed(province, 'supervision.read', kerman)).toBe(false);
    const county = actor({ staff: [{ kind: 'officer', scope: 'county', countyId: 100, provinceId: 8 }] });
    expect(regionContains({ kind: 'officer', scope: 'county', countyId: 100, provinceId: 8 }, shiraz)).toBe(
      true,
    );
    expect(isAllowed(county, 'cooperative.read_member_view', { ...shiraz, countyId: 101 })).toBe(false);
    const nation = actor({ staff: [{ kind: 'officer', scope: 'nation' }] });
    expect(isAllowed(nation, 'cooperative.read_member_view', kerman)).toBe(true);
    expect(isAllowed(actor({ staff: [{ kind: 'admin' }] }), 'cooperative.record_member', kerman)).toBe(true);
  });
});

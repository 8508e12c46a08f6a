import { listStaffRoles } from '../accounts/index.ts';
import type { Executor } from '../db/database.ts';
import { loadActor } from './load-actor.ts';
import type { Actor, StaffRole } from './policy.ts';

/** The actor of a signed-in person: registry roles now, plus their staff roles from accounts. */
export async function actorForPerson(db: Executor, personId: number): Promise<Actor> {
  const grants = await listStaffRoles(db, personId);
  const staff: StaffRole[] = grants.flatMap((g): StaffRole[] => {
    if (g.role === 'admin') return [{ kind: 'admin' }];
    if (g.scope === 'nation') return [{ kind: 'officer', scope: 'nation' }];
    if (g.scope === 'province' && g.provinceId !== null) {
      return [{ kind: 'officer', scope: 'province', provinceId: g.provinceId }];
    }
    if (g.scope === 'county' && g.countyId !== null && g.provinceId !== null) {
      return [{ kind: 'officer', scope: 'county', countyId: g.countyId, provinceId: g.provinceId }];
    }

    return [];
  });

  return loadActor(db, personId, staff);
}

import type { Executor } from '../db/database.ts';
import { listCooperativeTies } from './access.repository.ts';
import type { Actor, CooperativeRole, StaffRole } from './policy.ts';

const OFFICE_ROLES: Record<string, CooperativeRole | undefined> = {
  board_principal: 'board_member',
  managing_director: 'managing_director',
  inspector_principal: 'inspector',
};

/**
 * Builds the actor for a signed-in person from the registry as it is now: members are those
 * with no leaving date; officers those whose post has not ended (an officer whose term ran out
 * stays responsible until a successor is recorded, research/domain.md §1.4 "Holdover").
 * Alternates hold no powers until they replace a principal.
 */
export async function loadActor(db: Executor, personId: number, staff: StaffRole[]): Promise<Actor> {
  const { memberships, offices } = await listCooperativeTies(db, personId);
  const roles = new Map<number, Set<CooperativeRole>>();
  const add = (cooperativeId: number, role: CooperativeRole) => {
    const set = roles.get(cooperativeId) ?? new Set<CooperativeRole>();
    set.add(role);
    roles.set(cooperativeId, set);
  };
  for (const m of memberships) add(m.cooperative_id, 'member');
  for (const o of offices) {
    const role = OFFICE_ROLES[o.role];
    if (role) add(o.cooperative_id, role);
  }

  return { personId, roles, staff };
}

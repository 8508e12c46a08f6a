import { type Action, type CooperativeRole, POLICY } from '../../../src/access/policy.ts';
import type { CooperativeSummary, Me, MyCooperative } from '../api/types.ts';

/** What the managing director's pages record, and the action of the policy table each one is. */
export const RECORD_KINDS = ['assembly', 'filing', 'officer'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const RECORD_ACTION: Record<RecordKind, Action> = {
  assembly: 'cooperative.record_assembly',
  filing: 'cooperative.record_filing',
  officer: 'cooperative.record_officer',
};

/** Offices that carry powers, as src/access/load-actor.ts derives them (alternates hold none). */
const OFFICE_ROLES: Record<string, CooperativeRole | undefined> = {
  board_principal: 'board_member',
  managing_director: 'managing_director',
  inspector_principal: 'inspector',
};

/** My roles in one of my cooperatives now: member, board member, managing director, inspector. */
export function rolesIn(item: MyCooperative): Set<CooperativeRole> {
  const roles = new Set<CooperativeRole>();
  if (item.membership && item.membership.leftOn === null) roles.add('member');
  for (const office of item.offices) {
    const role = office.current ? OFFICE_ROLES[office.role.code] : undefined;
    if (role) roles.add(role);
  }
  return roles;
}

/** Whether the policy table lets these cooperative roles record `kind`. */
export function rolesMayRecord(roles: Set<CooperativeRole>, kind: RecordKind): boolean {
  return POLICY[RECORD_ACTION[kind]].some((grant) => roles.has(grant as CooperativeRole));
}

/**
 * What the page can tell before asking the server whether this person may record `kind` for
 * `coop`: `allowed`, `denied`, or `unknown` (a province officer: the reference data names
 * provinces by code, staff roles by id). Only a guess for what to show first — the server
 * decides on every submission, and its 403 shows the same "not allowed" page.
 */
export function recordVerdict(
  me: Me,
  mine: MyCooperative[],
  coop: CooperativeSummary,
  kind: RecordKind,
): 'allowed' | 'denied' | 'unknown' {
  const item = mine.find((m) => m.cooperative.id === coop.id);
  if (item && rolesMayRecord(rolesIn(item), kind)) return 'allowed';
  let verdict: 'denied' | 'unknown' = 'denied';
  for (const staff of me.staffRoles) {
    if (staff.role === 'admin' || staff.scope === 'nation') return 'allowed';
    if (staff.scope === 'county' && coop.county.code === String(staff.countyId)) return 'allowed';
    if (staff.scope === 'province') verdict = 'unknown';
  }
  return verdict;
}

/**
 * Who may do what: the one policy table of the service (research/security.md T1 compares every
 * route against it). Roles of a cooperative are derived from the registry — its current members
 * and officers — so an election changes what a person may do. Staff roles (ministry officers of
 * a county, a province or the nation; administrators) come from accounts.
 */
export type CooperativeRole = 'member' | 'board_member' | 'managing_director' | 'inspector';

/** A grant in the policy table. `officer_in_region`: a ministry officer whose region contains the cooperative. */
export type Grant = 'anyone' | CooperativeRole | 'officer_in_region' | 'admin';

export const ACTIONS = [
  'registry.read',
  'cooperative.read_member_view',
  'cooperative.record_assembly',
  'cooperative.record_filing',
  'cooperative.record_officer',
  'cooperative.record_declaration',
  'cooperative.record_member',
  'supervision.read',
  'ledger.read',
  'ledger.open_identifiers',
  'ledger.cosign',
  'books.record',
  'books.approve_payment',
  'books.record_inspector_report',
  'alerts.read',
  'alerts.answer',
  'alerts.close',
  'monitoring.configure',
  'news.write',
  'news.announce',
  'news.moderate',
] as const;
export type Action = (typeof ACTIONS)[number];

export const POLICY: Record<Action, readonly Grant[]> = {
  'registry.read': ['anyone'],
  'cooperative.read_member_view': [
    'member',
    'board_member',
    'managing_director',
    'inspector',
    'officer_in_region',
    'admin',
  ],
  'cooperative.record_assembly': ['managing_director', 'board_member', 'officer_in_region', 'admin'],
  'cooperative.record_filing': [
    'managing_director',
    'board_member',
    'inspector',
    'officer_in_region',
    'admin',
  ],
  'cooperative.record_officer': ['managing_director', 'board_member', 'officer_in_region', 'admin'],
  'cooperative.record_declaration': ['managing_director', 'board_member', 'officer_in_region', 'admin'],
  'cooperative.record_member': ['managing_director', 'board_member', 'officer_in_region', 'admin'],
  'supervision.read': ['officer_in_region', 'admin'],
  // The ledger in full (identifiers committed) is members-only; the public sees checkpoints.
  'ledger.read': ['member', 'board_member', 'managing_director', 'inspector', 'officer_in_region', 'admin'],
  // Natural persons' identifiers behind the commitments: the inspector and the region's officers.
  'ledger.open_identifiers': ['inspector', 'officer_in_region'],
  'ledger.cosign': ['inspector', 'officer_in_region'],
  'books.record': ['managing_director', 'board_member'],
  'books.approve_payment': ['board_member'],
  'books.record_inspector_report': ['inspector'],
  // Red flags: members see every alert of their cooperative; the board answers; the inspector
  // (or the region's ministry officer) resolves or dismisses; administrators set thresholds.
  'alerts.read': ['member', 'board_member', 'managing_director', 'inspector', 'officer_in_region', 'admin'],
  'alerts.answer': ['managing_director', 'board_member'],
  'alerts.close': ['inspector', 'officer_in_region'],
  'monitoring.configure': ['admin'],
  // News (src/news): the ministry's articles are written by administrators and by officers whose
  // region contains the audience — the nation's officers for national news, a province's (and
  // the nation's) for that province (src/news/access.ts builds the place). A cooperative's board
  // and managing director announce to its members. Comments are moderated by ministry officers
  // and administrators; on an announcement also by that cooperative's board.
  'news.write': ['officer_in_region', 'admin'],
  'news.announce': ['board_member', 'managing_director'],
  'news.moderate': ['officer_in_region', 'admin', 'board_member', 'managing_director'],
};

/** Staff authority: an administrator, or a ministry officer of the nation, a province or a county. */
export type StaffRole =
  | { kind: 'admin' }
  | { kind: 'officer'; scope: 'nation' }
  | { kind: 'officer'; scope: 'province'; provinceId: number }
  | { kind: 'officer'; scope: 'county'; countyId: number; provinceId: number };

/** Everything authorisation needs to know about the signed-in person. */
export type Actor = {
  personId: number;
  /** cooperative id → roles held there now. */
  roles: Map<number, Set<CooperativeRole>>;
  staff: StaffRole[];
};

export type Place = { cooperativeId: number; provinceId: number; countyId: number };

/** Whether a staff role's region contains a place. */
export function regionContains(role: StaffRole, place: Pick<Place, 'provinceId' | 'countyId'>): boolean {
  if (role.kind === 'admin') return false;
  switch (role.scope) {
    case 'nation':
      return true;
    case 'province':
      return role.provinceId === place.provinceId;
    case 'county':
      return role.countyId === place.countyId;
  }
}

/** The grants an actor holds for a place (or in general, without one). */
export function grantsOf(actor: Actor | null, place: Place | null): Set<Grant> {
  const grants = new Set<Grant>(['anyone']);
  if (!actor) return grants;
  if (actor.staff.some((s) => s.kind === 'admin')) grants.add('admin');
  if (place) {
    for (const role of actor.roles.get(place.cooperativeId) ?? []) grants.add(role);
    if (actor.staff.some((s) => regionContains(s, place))) grants.add('officer_in_region');
  } else if (actor.staff.some((s) => s.kind === 'officer')) {
    grants.add('officer_in_region');
  }

  return grants;
}

/** Whether the policy table allows `action` to `actor` at `place`. */
export function isAllowed(actor: Actor | null, action: Action, place: Place | null): boolean {
  const grants = grantsOf(actor, place);

  return POLICY[action].some((g) => grants.has(g));
}

import { type Actor, regionContains } from '../access/index.ts';
import type { ServiceDefinition } from './definition.ts';
import type { RequestRow } from './services.repository.ts';

/**
 * Who may do what with a request. The applicant reads their request and answers questions; the
 * deciding office acts on it: the region's ministry officers (a county office's requests are open
 * to the county's officers and to the province's and the nation's, which also take them over when
 * the deadline passes; a province office's only to the province's and the nation's), or the
 * cooperative's inspector for complaints addressed to them.
 */

export function isApplicant(actor: Actor, req: RequestRow): boolean {
  return actor.personId === req.applicant_person_id;
}

/** Whether the actor belongs to the office that decides the request. */
export function isDecider(
  actor: Actor,
  req: Pick<RequestRow, 'office' | 'cooperative_id' | 'province_id' | 'county_id'>,
): boolean {
  if (req.office === 'inspector') {
    return req.cooperative_id !== null && (actor.roles.get(req.cooperative_id)?.has('inspector') ?? false);
  }
  if (req.office === 'automatic' || req.province_id === null || req.county_id === null) return false;
  const place = { provinceId: req.province_id, countyId: req.county_id };

  return actor.staff.some(
    (s) =>
      s.kind === 'officer' && (req.office === 'county' || s.scope !== 'county') && regionContains(s, place),
  );
}

/** Whether the actor may read the request (its answers, documents and history). */
export function mayRead(actor: Actor, req: RequestRow): boolean {
  return isApplicant(actor, req) || (req.status !== 'draft' && isDecider(actor, req));
}

/** Whether the actor's cooperative roles let them apply for the service about a cooperative. */
export function mayApply(actor: Actor, service: ServiceDefinition, cooperativeId: number | null): boolean {
  if (service.applicant === 'anyone') return true;
  if (cooperativeId === null) return false;
  const roles = actor.roles.get(cooperativeId);
  if (!roles) return false;
  if (service.applicant === 'member') return roles.size > 0;

  return roles.has('board_member') || roles.has('managing_director');
}

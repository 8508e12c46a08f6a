import { type Actor, findCooperativeLocation, isAllowed, type Place } from '../access/index.ts';
import type { Executor } from '../db/database.ts';
import type { ArticleRow } from './news.repository.ts';

/**
 * Who may do what with news, from the policy table (`news.write`, `news.announce`,
 * `news.moderate`, `cooperative.read_member_view`). A ministry article's place is its audience:
 * a province, or for the nation a place no province or county contains — so `officer_in_region`
 * is held there by the nation's officers only, and for a province by its own and the nation's
 * officers (a county's officers write for neither).
 */
export function newsPlace(provinceId: number | null): Place {
  return { cooperativeId: 0, provinceId: provinceId ?? -1, countyId: -1 };
}

type Audienced = Pick<ArticleRow, 'audience' | 'province_id' | 'cooperative_id'>;

/** The place of a cooperative's announcement (its cooperative), or null when it is gone. */
async function cooperativePlace(db: Executor, cooperativeId: number): Promise<Place | null> {
  const coop = await findCooperativeLocation(db, cooperativeId);

  return coop ? { cooperativeId: coop.id, provinceId: coop.province_id, countyId: coop.county_id } : null;
}

/** Whether the actor may write, change, schedule, publish or archive the article. */
export async function mayEdit(db: Executor, actor: Actor | null, a: Audienced): Promise<boolean> {
  if (!actor) return false;
  if (a.cooperative_id !== null) {
    const place = await cooperativePlace(db, a.cooperative_id);
    return place !== null && isAllowed(actor, 'news.announce', place);
  }

  return isAllowed(actor, 'news.write', newsPlace(a.province_id));
}

/** Whether the actor may read the article once it is published (announcements: members and officers). */
export async function mayRead(db: Executor, actor: Actor | null, a: Audienced): Promise<boolean> {
  if (a.cooperative_id === null) return true;
  const place = await cooperativePlace(db, a.cooperative_id);

  return place !== null && isAllowed(actor, 'cooperative.read_member_view', place);
}

/** Whether the actor may moderate comments on the article. */
export async function mayModerate(db: Executor, actor: Actor | null, a: Audienced): Promise<boolean> {
  if (!actor) return false;
  if (a.cooperative_id === null) return isAllowed(actor, 'news.moderate', null);
  const place = await cooperativePlace(db, a.cooperative_id);

  return place !== null && isAllowed(actor, 'news.moderate', place);
}

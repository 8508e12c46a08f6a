import { daysBetween } from '../calendar/index.ts';
import type { Context } from '../context/context.ts';
import { type CooperativeSummary, presentCooperativeSummary } from '../registry/registry.presenter.ts';
import { findCooperativeById } from '../registry/registry.repository.ts';
import { listMembershipsOfPerson, listOfficesOfPerson } from './governance.repository.ts';
import {
  BOARD_POSITION_LABELS,
  type BoardPosition,
  OFFICER_ROLE_LABELS,
  type OfficerRole,
} from './vocabulary.ts';

export type MyCooperative = {
  cooperative: CooperativeSummary;
  membership: { memberNo: string; joinedOn: string; leftOn: string | null; shares: number } | null;
  offices: Array<{
    role: { code: string; name: { fa: string; en: string } };
    position: { code: string; name: { fa: string; en: string } } | null;
    termStart: string;
    termEnd: string;
    daysLeft: number;
    current: boolean;
  }>;
};

/**
 * Use case: "my cooperatives" — every cooperative a person belongs to or serves, with their
 * membership (number, shares, dates) and offices. The person's own data: private, for them.
 */
export async function listMyCooperatives(ctx: Context, personId: number): Promise<MyCooperative[]> {
  const [memberships, offices] = await Promise.all([
    listMembershipsOfPerson(ctx.db, personId),
    listOfficesOfPerson(ctx.db, personId),
  ]);
  const ids = [
    ...new Set([...memberships.map((m) => m.cooperative_id), ...offices.map((o) => o.cooperative_id)]),
  ];
  const today = ctx.clock.today();
  const result: MyCooperative[] = [];
  for (const id of ids) {
    const coop = await findCooperativeById(ctx.db, id);
    if (!coop) continue;
    const m = memberships.find((x) => x.cooperative_id === id);
    result.push({
      cooperative: presentCooperativeSummary(ctx, coop),
      membership: m
        ? { memberNo: m.member_no, joinedOn: m.joined_on, leftOn: m.left_on, shares: m.shares }
        : null,
      offices: offices
        .filter((o) => o.cooperative_id === id)
        .map((o) => ({
          role: { code: o.role, name: OFFICER_ROLE_LABELS[o.role as OfficerRole] },
          position: o.position
            ? { code: o.position, name: BOARD_POSITION_LABELS[o.position as BoardPosition] }
            : null,
          termStart: o.term_start,
          termEnd: o.term_end,
          daysLeft: daysBetween(today, o.term_end),
          current: o.ended_on === null,
        })),
    });
  }

  return result;
}

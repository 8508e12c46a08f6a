import type { Context } from '../context/context.ts';
import * as repo from './books.repository.ts';

/** Directors who vote on board resolutions today, with their public names. */
export async function listBoard(ctx: Context, cooperativeId: number) {
  const rows = await repo.listCurrentDirectors(ctx.db, cooperativeId, ctx.clock.today());

  return rows.map((d) => ({
    officerId: d.id,
    name: d.entity_name ?? `${d.first_name ?? ''} ${d.last_name ?? ''}`.trim(),
    role: d.role,
    position: d.position,
  }));
}

export async function listRecentResolutions(ctx: Context, cooperativeId: number) {
  return (await repo.listResolutions(ctx.db, cooperativeId, 200)).map((r) => ({
    id: r.id,
    number: r.number,
    meetingOn: r.meeting_on,
    motion: r.motion,
    outcome: r.outcome,
    body: r.body,
  }));
}

/** Recent contracts, for a payment to name the contract it pays. */
export async function listRecentContracts(ctx: Context, cooperativeId: number) {
  return (await repo.listContracts(ctx.db, cooperativeId, 200)).map((c) => ({
    id: c.id,
    title: c.title,
    partyName: c.party_name,
    amountRials: Number(c.amount_rials),
    startsOn: c.starts_on,
    endsOn: c.ends_on,
  }));
}

/** Payments with their sign-offs; a payment counts as approved once it has the sign-offs it needs. */
export async function listPaymentsWithApprovals(ctx: Context, cooperativeId: number, viewerPersonId: number) {
  const payments = await repo.listPayments(ctx.db, cooperativeId, 200);
  const approvals = await repo.listApprovals(
    ctx.db,
    payments.map((p) => p.id),
  );

  return payments.map((p) => {
    const mine = approvals.filter((a) => a.payment_id === p.id);

    return {
      id: p.id,
      direction: p.direction,
      partyName: p.party_name,
      amountRials: Number(p.amount_rials),
      paidOn: p.paid_on,
      category: p.category,
      requiredApprovals: p.required_approvals,
      approvals: mine.map((a) => ({ name: `${a.first_name} ${a.last_name}`, approvedAt: a.approved_at })),
      approved: mine.length >= p.required_approvals,
      recordedByMe: p.recorded_by === viewerPersonId,
    };
  });
}

import { z } from 'zod';
import { type Actor, isAllowed } from '../access/index.ts';
import type { Context } from '../context/context.ts';
import { AppError } from '../errors/app-error.ts';
import { fieldError } from '../errors/field-messages.ts';
import { listGovernanceOf } from '../governance/governance.repository.ts';
import { computeHealthCard, computeObligations, type HealthCard } from '../governance/obligations.ts';
import { obligationsInputOf } from '../governance/obligations-input.ts';
import { settingsFor } from '../registry/get-cooperative-profile.ts';
import { type CooperativeSummary, presentCooperativeSummary } from '../registry/registry.presenter.ts';
import { blankToUndefined, zEnum, zInt, zText } from '../validation/fields.ts';
import { parseInput } from '../validation/parse.ts';
import { listCooperativesInRegion } from './supervision.repository.ts';

export const supervisionQuerySchema = z
  .object({
    province: blankToUndefined(zText(80)),
    county: blankToUndefined(zText(80)),
    field: blankToUndefined(zText(80)),
    overdueOnly: blankToUndefined(zEnum(['true', 'false'])),
    sort: blankToUndefined(zEnum(['name', 'overdue', 'board_term'])),
    page: blankToUndefined(zInt(1, 10_000)),
    pageSize: blankToUndefined(zInt(1, 100)),
  })
  .strict();

export type SupervisedCooperative = CooperativeSummary & { healthCard: HealthCard };

const CHUNK = 500;

/**
 * Use case: a ministry officer's list of the cooperatives in their region, with each one's
 * health card, filterable to those with overdue obligations and sortable by name, number of
 * overdue obligations or board term end. Obligations are computed as on the profile (ADR 3),
 * in chunks of cooperatives. A national officer or an administrator names a province.
 */
export async function findSupervisedCooperatives(
  ctx: Context,
  actor: Actor,
  query: unknown,
): Promise<{ items: SupervisedCooperative[]; total: number; page: number; pageSize: number }> {
  const q = parseInput(supervisionQuerySchema, query);
  const ref = ctx.reference;
  const province = q.province !== undefined ? ref.findProvince(q.province) : undefined;
  const county = province && q.county !== undefined ? ref.findCounty(province.id, q.county) : undefined;
  const field = q.field !== undefined ? ref.findField(q.field) : undefined;
  const bad = [
    ...(q.province !== undefined && !province ? [fieldError('province', 'unknown_province')] : []),
    ...(q.county !== undefined && !county ? [fieldError('county', 'unknown_county')] : []),
    ...(q.field !== undefined && !field ? [fieldError('field', 'unknown_field')] : []),
  ];
  if (bad.length > 0) throw new AppError('INVALID_INPUT', { fields: bad });

  // The region: the officer's own, narrowed by the filters, never wider.
  if (!isAllowed(actor, 'supervision.read', null)) throw new AppError('FORBIDDEN');
  const officer = actor.staff.find((s) => s.kind === 'officer');
  let provinceId = province?.id;
  let countyId = county?.id;
  if (officer?.kind === 'officer' && officer.scope !== 'nation') {
    if (province && province.id !== officer.provinceId) throw new AppError('FORBIDDEN');
    provinceId = officer.provinceId;
    if (officer.scope === 'county') {
      if (county && county.id !== officer.countyId) throw new AppError('FORBIDDEN');
      countyId = officer.countyId;
    }
  }
  if (provinceId === undefined)
    throw new AppError('INVALID_INPUT', { fields: [fieldError('province', 'required')] });

  const today = ctx.clock.today();
  const coops = await listCooperativesInRegion(ctx.db, { provinceId, countyId, fieldCode: field?.code });
  const rows: SupervisedCooperative[] = [];
  for (let i = 0; i < coops.length; i += CHUNK) {
    const chunk = coops.slice(i, i + CHUNK);
    const g = await listGovernanceOf(
      ctx.db,
      chunk.map((c) => c.id),
    );
    const assemblies = groupByCooperative(g.assemblies);
    const filings = groupByCooperative(g.filings);
    const officers = groupByCooperative(g.officers);
    for (const coop of chunk) {
      const input = obligationsInputOf(
        coop,
        assemblies.get(coop.id) ?? [],
        filings.get(coop.id) ?? [],
        officers.get(coop.id) ?? [],
      );
      const obligations = computeObligations(input, settingsFor(ctx, coop.bylaws), today);
      rows.push({
        ...presentCooperativeSummary(ctx, coop),
        healthCard: computeHealthCard(input, obligations, today),
      });
    }
  }
  const filtered = q.overdueOnly === 'true' ? rows.filter((r) => r.healthCard.obligationsOverdue > 0) : rows;
  const sort = q.sort ?? 'overdue';
  if (sort === 'overdue')
    filtered.sort((a, b) => b.healthCard.obligationsOverdue - a.healthCard.obligationsOverdue);
  if (sort === 'board_term') {
    filtered.sort((a, b) =>
      (a.healthCard.boardTermEndsOn ?? '9999').localeCompare(b.healthCard.boardTermEndsOn ?? '9999'),
    );
  }
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;

  return {
    items: filtered.slice((page - 1) * pageSize, page * pageSize),
    total: filtered.length,
    page,
    pageSize,
  };
}

/** Rows grouped by their cooperative, so each cooperative's rows are found without a scan. */
function groupByCooperative<T extends { cooperative_id: number }>(rows: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const list = groups.get(row.cooperative_id);
    if (list) list.push(row);
    else groups.set(row.cooperative_id, [row]);
  }

  return groups;
}

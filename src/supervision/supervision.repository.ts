import type { Executor } from '../db/database.ts';
import { COOPERATIVE_COLUMNS, type CooperativeRecord } from '../registry/registry.repository.ts';

/** Cooperatives of a region (a province, optionally one county), with a field filter. */
export async function listCooperativesInRegion(
  db: Executor,
  region: { provinceId?: number | undefined; countyId?: number | undefined; fieldCode?: string | undefined },
): Promise<Array<CooperativeRecord & { sort_key: string }>> {
  let q = db.selectFrom('cooperatives as c').select([...COOPERATIVE_COLUMNS, 'c.sort_key']);
  if (region.provinceId !== undefined) q = q.where('c.province_id', '=', region.provinceId);
  if (region.countyId !== undefined) q = q.where('c.county_id', '=', region.countyId);
  if (region.fieldCode !== undefined) {
    const code = region.fieldCode;
    q = q.where((eb) => eb.or([eb('c.field_code', '=', code), eb('c.subfield_code', '=', code)]));
  }

  return q.orderBy('c.sort_key').orderBy('c.id').execute();
}

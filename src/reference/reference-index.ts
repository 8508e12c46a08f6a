import type { Executor } from '../db/database.ts';
import { searchKey } from '../text/index.ts';
import * as repo from './reference.repository.ts';

export type Province = { id: number; code: string; nameFa: string; nameEn: string };
export type County = { id: number; provinceId: number; nameFa: string; nameEn: string };
export type Field = { code: string; parentCode: string | null; nameFa: string; nameEn: string };

/**
 * The small reference tables held in memory, with lookups that accept what people type:
 * a code, or a Persian or English name in any spelling variant the normaliser folds.
 */
export type ReferenceIndex = {
  provinces: Province[];
  counties: County[];
  fields: Field[];
  provinceById(id: number): Province | undefined;
  countyById(id: number): County | undefined;
  fieldByCode(code: string): Field | undefined;
  findProvince(input: string): Province | undefined;
  findCounty(provinceId: number, input: string): County | undefined;
  findField(input: string): Field | undefined;
  findSubfield(fieldCode: string, input: string): Field | undefined;
};

const key = (s: string) => searchKey(s).replace(/\s+/g, '');

/** Reads provinces, counties and fields and indexes them. */
export async function loadReferenceIndex(db: Executor): Promise<ReferenceIndex> {
  const [provinceRows, countyRows, fieldRows] = await Promise.all([
    repo.listProvinces(db),
    repo.listCounties(db),
    repo.listFields(db),
  ]);
  const provinces: Province[] = provinceRows.map((p) => ({
    id: p.id,
    code: p.code,
    nameFa: p.name_fa,
    nameEn: p.name_en,
  }));
  const counties: County[] = countyRows.map((c) => ({
    id: c.id,
    provinceId: c.province_id,
    nameFa: c.name_fa,
    nameEn: c.name_en,
  }));
  const fields: Field[] = fieldRows.map((f) => ({
    code: f.code,
    parentCode: f.parent_code,
    nameFa: f.name_fa,
    nameEn: f.name_en,
  }));

  const provinceByKey = new Map<string, Province>();
  for (const p of provinces) {
    for (const k of [p.code, p.nameFa, p.nameEn, String(p.id)]) provinceByKey.set(key(k), p);
  }
  const countyByKey = new Map<string, County>();
  for (const c of counties) {
    for (const k of [c.nameFa, c.nameEn, String(c.id)]) countyByKey.set(`${c.provinceId}:${key(k)}`, c);
  }
  const fieldByKey = new Map<string, Field>();
  for (const f of fields) {
    const scope = f.parentCode ?? '';
    for (const k of [f.code, f.nameFa, f.nameEn]) fieldByKey.set(`${scope}:${key(k)}`, f);
    fieldByKey.set(`code:${f.code}`, f);
  }
  const provinceIds = new Map(provinces.map((p) => [p.id, p]));
  const countyIds = new Map(counties.map((c) => [c.id, c]));

  return {
    provinces,
    counties,
    fields,
    provinceById: (id) => provinceIds.get(id),
    countyById: (id) => countyIds.get(id),
    fieldByCode: (code) => fieldByKey.get(`code:${code}`),
    findProvince: (input) => provinceByKey.get(key(input)),
    findCounty: (provinceId, input) => countyByKey.get(`${provinceId}:${key(input)}`),
    findField: (input) => fieldByKey.get(`:${key(input)}`),
    findSubfield: (fieldCode, input) =>
      fieldByKey.get(`${fieldCode}:${key(input)}`) ??
      (input.startsWith(`${fieldCode}.`) ? fieldByKey.get(`code:${input}`) : undefined),
  };
}

import type { Context } from '../context/context.ts';
import { AppError } from '../errors/app-error.ts';
import { fieldError } from '../errors/field-messages.ts';
import { normalizeText } from '../text/index.ts';
import { check } from '../validation/parse.ts';
import { type CooperativeSummary, presentCooperativeSummary } from './registry.presenter.ts';
import * as repo from './registry.repository.ts';
import { searchQuerySchema } from './registry.schemas.ts';
import { queryTokens } from './search-tokens.ts';

export type SearchResult = { items: CooperativeSummary[]; total: number; page: number; pageSize: number };

export const DEFAULT_PAGE_SIZE = 20;

/**
 * Use case: search the public register. With a query, cooperatives matching every word (name,
 * legal national ID, registration number or a current officer's name; tolerant to ي/ك, digit
 * and ZWNJ variants) ranked by relevance; without one — or among equals — in Persian
 * alphabetical order. Filters: province, county, field, legal form, status.
 */
export async function findCooperatives(ctx: Context, query: unknown): Promise<SearchResult> {
  const checked = check(searchQuerySchema, query);
  // Reference lookups run on whatever parsed, so one answer names every bad field.
  const raw = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const text = (k: string) =>
    typeof raw[k] === 'string' && raw[k] !== '' ? normalizeText(raw[k]) : undefined;
  const ref = ctx.reference;
  const bad = checked.ok ? [] : [...checked.fields];
  const provinceText = text('province');
  const countyText = text('county');
  const fieldText = text('field');
  const province = provinceText !== undefined ? ref.findProvince(provinceText) : undefined;
  if (provinceText !== undefined && !province) bad.push(fieldError('province', 'unknown_province'));
  const county =
    countyText !== undefined
      ? province
        ? ref.findCounty(province.id, countyText)
        : ref.counties.find((c) => ref.findCounty(c.provinceId, countyText)?.id === c.id)
      : undefined;
  if (countyText !== undefined && !county) bad.push(fieldError('county', 'unknown_county'));
  const field =
    fieldText !== undefined
      ? (ref.findField(fieldText) ??
        ref.fields
          .map((f) => (f.parentCode ? ref.findSubfield(f.parentCode, fieldText) : undefined))
          .find(Boolean))
      : undefined;
  if (fieldText !== undefined && !field) bad.push(fieldError('field', 'unknown_field'));
  if (bad.length > 0 || !checked.ok) throw new AppError('INVALID_INPUT', { fields: bad });
  const q = checked.value;

  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE;
  const filters: repo.CooperativeFilters = {
    provinceId: province?.id,
    countyId: county?.id,
    fieldCode: field?.code,
    legalForm: q.form,
    status: q.status,
  };
  const limits = { limit: pageSize, offset: (page - 1) * pageSize };
  const tokens = q.q !== undefined ? queryTokens(q.q) : [];
  const { rows, total } =
    tokens.length > 0
      ? await repo.searchCooperatives(ctx.db, tokens, filters, limits)
      : await repo.listCooperatives(ctx.db, filters, limits);

  return { items: rows.map((r) => presentCooperativeSummary(ctx, r)), total, page, pageSize };
}

import type { Context } from '../context/context.ts';
import type { Bilingual } from '../errors/app-error.ts';
import {
  type CooperativeStatus,
  LEGAL_FORM_LABELS,
  type LegalForm,
  STATUS_LABELS,
} from './cooperative-status.ts';
import type { CooperativeRecord } from './registry.repository.ts';

/** A labelled code: what the API returns for enumerations and reference data. */
export type Coded = { code: string; name: Bilingual };

/** The public card of a cooperative in lists (no private data exists on it). */
export type CooperativeSummary = {
  id: number;
  legalId: string | null;
  registrationNo: string | null;
  registeredOn: string | null;
  name: string;
  legalForm: Coded;
  field: Coded;
  subfield: Coded | null;
  province: Coded;
  county: Coded;
  status: Coded;
  memberCount: number;
  capitalRials: number;
};

function coded(code: string, name: Bilingual): Coded {
  return { code, name };
}

/** Turns a registry row into its public summary, naming reference codes in both languages. */
export function presentCooperativeSummary(
  ctx: Pick<Context, 'reference'>,
  row: CooperativeRecord,
): CooperativeSummary {
  const ref = ctx.reference;
  const province = ref.provinceById(row.province_id);
  const county = ref.countyById(row.county_id);
  const field = ref.fieldByCode(row.field_code);
  const subfield = row.subfield_code ? ref.fieldByCode(row.subfield_code) : undefined;

  return {
    id: row.id,
    legalId: row.legal_id,
    registrationNo: row.registration_no,
    registeredOn: row.registered_on,
    name: row.name,
    legalForm: coded(row.legal_form, LEGAL_FORM_LABELS[row.legal_form as LegalForm]),
    field: coded(row.field_code, {
      fa: field?.nameFa ?? row.field_code,
      en: field?.nameEn ?? row.field_code,
    }),
    subfield: subfield ? coded(subfield.code, { fa: subfield.nameFa, en: subfield.nameEn }) : null,
    province: coded(province?.code ?? '', { fa: province?.nameFa ?? '', en: province?.nameEn ?? '' }),
    county: coded(String(row.county_id), { fa: county?.nameFa ?? '', en: county?.nameEn ?? '' }),
    status: coded(row.status, STATUS_LABELS[row.status as CooperativeStatus]),
    memberCount: row.member_count,
    capitalRials: Number(row.capital_rials),
  };
}

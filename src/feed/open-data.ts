import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { formatJalali } from '../calendar/index.ts';
import type { Context } from '../context/context.ts';
import { presentCooperativeSummary } from '../registry/registry.presenter.ts';
import { listCooperativesAfter } from '../registry/registry.repository.ts';

/** One column of the open register: its name, type and meaning in both languages. */
export type DictionaryColumn = { name: string; type: 'string' | 'integer' | 'date'; fa: string; en: string };

/** The data dictionary published beside the bulk files (same columns in CSV and JSON). */
export const OPEN_DATA_DICTIONARY: DictionaryColumn[] = [
  {
    name: 'legal_id',
    type: 'string',
    fa: 'شناسهٔ ملی ۱۱ رقمی (خالی تا پیش از ثبت)',
    en: '11-digit legal national ID (empty until registered)',
  },
  { name: 'registration_no', type: 'string', fa: 'شمارهٔ ثبت', en: 'Registration number' },
  {
    name: 'registered_on',
    type: 'date',
    fa: 'تاریخ ثبت (میلادی YYYY-MM-DD)',
    en: 'Registration date (Gregorian YYYY-MM-DD)',
  },
  {
    name: 'registered_on_jalali',
    type: 'string',
    fa: 'تاریخ ثبت (خورشیدی)',
    en: 'Registration date (Jalali YYYY/MM/DD)',
  },
  { name: 'name', type: 'string', fa: 'نام تعاونی', en: 'Name of the cooperative' },
  { name: 'legal_form', type: 'string', fa: 'نوع حقوقی (کد)', en: 'Legal form (code)' },
  { name: 'field', type: 'string', fa: 'رشتهٔ فعالیت (کد)', en: 'Field of activity (code)' },
  { name: 'field_name', type: 'string', fa: 'رشتهٔ فعالیت', en: 'Field of activity (Persian name)' },
  { name: 'subfield', type: 'string', fa: 'گرایش (کد)', en: 'Sub-field (code)' },
  {
    name: 'province_code',
    type: 'string',
    fa: 'کد استان (ISO 3166-2:IR)',
    en: 'Province code (ISO 3166-2:IR)',
  },
  { name: 'province', type: 'string', fa: 'استان', en: 'Province (Persian name)' },
  { name: 'county', type: 'string', fa: 'شهرستان', en: 'County (Persian name)' },
  { name: 'status', type: 'string', fa: 'وضعیت (کد)', en: 'Status (code)' },
  { name: 'member_count', type: 'integer', fa: 'تعداد اعضای فعلی', en: 'Current number of members' },
  { name: 'capital_rials', type: 'integer', fa: 'سرمایه (ریال)', en: 'Capital (rials)' },
];

type OpenRecord = Record<string, string | number | null>;

/** Streams the public register in id order, 1,000 rows per query (keyset pagination, flat memory). */
export async function* openRegisterRecords(ctx: Context): AsyncGenerator<OpenRecord> {
  let after = 0;
  for (;;) {
    const rows = await listCooperativesAfter(ctx.db, after, 1000);
    if (rows.length === 0) return;
    for (const row of rows) {
      const s = presentCooperativeSummary(ctx, row);
      yield {
        legal_id: s.legalId,
        registration_no: s.registrationNo,
        registered_on: s.registeredOn,
        registered_on_jalali: s.registeredOn ? formatJalali(s.registeredOn, { digits: 'latin' }) : null,
        name: s.name,
        legal_form: s.legalForm.code,
        field: s.field.code,
        field_name: s.field.name.fa,
        subfield: s.subfield?.code ?? null,
        province_code: s.province.code,
        province: s.province.name.fa,
        county: s.county.name.fa,
        status: s.status.code,
        member_count: s.memberCount,
        capital_rials: s.capitalRials,
      };
    }
    after = rows.at(-1)?.id ?? after;
  }
}

/** The register as CSV (UTF-8 with BOM so spreadsheet programs read Persian correctly). */
export function openRegisterCsv(ctx: Context): Readable {
  const csv = stringify({
    header: true,
    bom: true,
    columns: OPEN_DATA_DICTIONARY.map((c) => c.name),
    cast: { number: (n) => String(n) },
  });
  Readable.from(openRegisterRecords(ctx)).pipe(csv);

  return csv;
}

/** The register as one JSON array, streamed. */
export function openRegisterJson(ctx: Context): Readable {
  return Readable.from(
    (async function* () {
      yield '[';
      let first = true;
      for await (const record of openRegisterRecords(ctx)) {
        yield `${first ? '' : ','}\n${JSON.stringify(record)}`;
        first = false;
      }
      yield '\n]\n';
    })(),
  );
}

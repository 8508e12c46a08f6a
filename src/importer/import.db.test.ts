import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/helpers/test-context.ts';
import type { OpenContext } from '../context/open-context.ts';
import type { Database } from '../db/database.ts';
import { hasBidiControls, normalizeText } from '../text/index.ts';
import { type ImportKind, type ImportReport, importCsv, parseBoolean, type Rejection } from './index.ts';

const fixture = (name: string) =>
  createReadStream(new URL(`../../test/fixtures/import/${name}`, import.meta.url));
const text = (csv: string) => Readable.from([csv]);

/** Each rejection as `line path:code`, for compact assertions. */
const summary = (report: Pick<ImportReport, 'rejected'>) =>
  report.rejected.flatMap((r) => r.fields.map((f) => `${r.line} ${f.path}:${f.code}`));

async function count(ctx: OpenContext, table: keyof Database): Promise<number> {
  const row = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();

  return Number(row.n);
}

const WRITTEN_TABLES = [
  'cooperatives',
  'search_tokens',
  'registry_events',
  'persons',
  'legal_entities',
  'memberships',
  'officers',
  'interest_declarations',
  'assemblies',
  'filings',
] as const;

async function counts(ctx: OpenContext): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of WRITTEN_TABLES) out[t] = await count(ctx, t);

  return out;
}

/** The rejections of cooperatives-bad.csv, the same with or without `partial`. */
const BAD_COOPERATIVES = [
  '3 legal_id:legal_id',
  '4 province:unknown_province',
  '5 county:unknown_county',
  '6 registered_on:date_invalid',
  '7 registered_on:date_future',
  '8 name:bidi',
  '9 name:too_long',
  '10 field:unknown_field',
  '11 legal_id:duplicate',
  '13 capital_rials:required',
  '14 :cell_count',
];

const COOPERATIVE_HEADER =
  'legal_id,registration_no,registered_on,name,legal_form,field,subfield,province,county,address,postal_code,fiscal_year_end_month,status,capital_rials,paid_capital_rials';

let ctx: OpenContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => {
  await ctx.close();
});

async function importFixture(kind: ImportKind, file: string, partial = false): Promise<ImportReport> {
  return importCsv(ctx, { kind, input: fixture(file), partial });
}

describe('importCsv: cooperatives', () => {
  it('imports Persian digits, Jalali and Gregorian dates, Arabic letters and labels', async () => {
    const progress: number[] = [];
    const report = await importCsv(ctx, {
      kind: 'cooperatives',
      input: fixture('cooperatives-good.csv'),
      onProgress: (n) => progress.push(n),
    });

    expect(report).toEqual({
      kind: 'cooperatives',
      rowsRead: 4,
      rowsImported: 4,
      rejectedCount: 0,
      rejected: [],
      committed: true,
    });
    expect(progress).toEqual([1, 2, 3, 4]);
    const rows = await ctx.db
      .selectFrom('cooperatives')
      .select([
        'legal_id',
        'registration_no',
        'registered_on',
        'name',
        'legal_form',
        'field_code',
        'subfield_code',
        'postal_code',
        'fiscal_year_end_month',
        'status',
        'capital_rials',
        'paid_capital_rials',
      ])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => ({ ...r, capital_rials: Number(r.capital_rials) }))).toMatchObject([
      {
        legal_id: '10101234565',
        registration_no: '1234',
        registered_on: '2023-08-05',
        name: 'تعاونی مصرف کارکنان شهرداری دماوند',
        legal_form: 'conventional',
        field_code: 'consumer',
        subfield_code: 'consumer.employees',
        postal_code: '3971234567',
        fiscal_year_end_month: 12,
        status: 'active',
        capital_rials: 10_000_000,
      },
      {
        legal_id: '10101313751',
        registered_on: '2023-03-15',
        name: 'Isfahan IT Services Cooperative',
        subfield_code: 'services.it',
        status: 'active',
      },
      {
        legal_id: null,
        registered_on: null,
        name: 'تعاونی مسکن کارگری شهرداری شیراز',
        subfield_code: 'housing.workers',
        fiscal_year_end_month: 6,
        status: 'formation_requested',
      },
      { legal_id: '10101392947', registered_on: '2021-03-20', legal_form: 'union_province' },
    ]);
    expect(Number(rows[0]?.paid_capital_rials)).toBe(2_500_000);
    expect(await count(ctx, 'search_tokens')).toBeGreaterThan(0);
    expect(await count(ctx, 'registry_events')).toBe(4);
  });

  it('reports every bad row with its column and code, and writes nothing', async () => {
    const before = await counts(ctx);
    const seen: Rejection[] = [];
    const report = await importCsv(ctx, {
      kind: 'cooperatives',
      input: fixture('cooperatives-bad.csv'),
      onRejected: (r) => {
        seen.push(r);
      },
    });

    expect(summary(report)).toEqual(BAD_COOPERATIVES);
    expect(report).toMatchObject({ rowsRead: 13, rowsImported: 0, rejectedCount: 11, committed: false });
    expect(seen).toEqual(report.rejected);
    for (const r of report.rejected) {
      for (const f of r.fields) {
        expect(f.message.fa).not.toBe('');
        expect(f.message.en).not.toBe('');
      }
    }
    expect(await counts(ctx)).toEqual(before);
    expect(before.cooperatives).toBe(0);
  });

  it('with partial, commits exactly the good rows and reports the rest', async () => {
    const report = await importFixture('cooperatives', 'cooperatives-bad.csv', true);

    expect(summary(report)).toEqual(BAD_COOPERATIVES);
    expect(report).toMatchObject({ rowsRead: 13, rowsImported: 2, rejectedCount: 11, committed: true });
    const rows = await ctx.db.selectFrom('cooperatives').select(['legal_id', 'name']).orderBy('id').execute();
    expect(rows).toEqual([
      { legal_id: '10101472131', name: 'تعاونی خوب اول' },
      { legal_id: '10101551328', name: 'تعاونی خوب دوم' },
    ]);
    expect(await count(ctx, 'registry_events')).toBe(2);
  });

  it('rejects a duplicate of a legal ID already on the register', async () => {
    await importFixture('cooperatives', 'cooperatives-good.csv');
    const before = await counts(ctx);
    const report = await importFixture('cooperatives', 'cooperatives-good.csv');

    expect(summary(report)).toEqual(['2 legal_id:duplicate', '3 legal_id:duplicate', '5 legal_id:duplicate']);
    expect(report.committed).toBe(false);
    expect(await counts(ctx)).toEqual(before);
  });

  it('rejects the whole file for an unknown column before reading any row', async () => {
    const report = await importFixture('cooperatives', 'cooperatives-unknown-column.csv');

    expect(summary(report)).toEqual(['1 nickname:unknown_column']);
    expect(report).toMatchObject({ rowsRead: 0, rowsImported: 0, rejectedCount: 1, committed: false });
    expect(await count(ctx, 'cooperatives')).toBe(0);
  });

  it('rejects missing required and repeated columns, even with partial', async () => {
    const report = await importCsv(ctx, {
      kind: 'cooperatives',
      input: text('Name,name,legal_form,field,province\nتعاونی,تعاونی,conventional,services,تهران\n'),
      partial: true,
    });

    expect(summary(report)).toEqual([
      '1 name:duplicate_column',
      '1 county:missing_column',
      '1 capital_rials:missing_column',
    ]);
    expect(report.committed).toBe(false);
  });

  it('reports an empty file', async () => {
    const report = await importCsv(ctx, { kind: 'filings', input: text('\n\n') });

    expect(summary(report)).toEqual(['1 :empty_file']);
    expect(report.committed).toBe(false);
  });

  it('commits a file with a header and no rows', async () => {
    const report = await importCsv(ctx, { kind: 'cooperatives', input: text(`${COOPERATIVE_HEADER}\n`) });

    expect(report).toMatchObject({ rowsRead: 0, rowsImported: 0, rejectedCount: 0, committed: true });
  });

  it('numbers lines of Windows files with multi-line cells, skipping empty lines and rows', async () => {
    const ok = '10101234565,1,1402/01/01,تعاونی یک,conventional,services,,تهران,تهران';
    const csv = [
      COOPERATIVE_HEADER,
      `${ok},"line one\r\nline two",,,active,1000,`,
      '',
      ',,,,,,,,,,,,,,',
      '   ',
      '10101313751,2,1402/01/01,تعاونی دو,conventional,services,,تهران,تهران,,,,active,-5,',
    ].join('\r\n');
    const report = await importCsv(ctx, { kind: 'cooperatives', input: text(csv) });

    expect(summary(report)).toEqual(['7 capital_rials:money']);
    expect(report.rowsRead).toBe(2);
  });

  it('stops at malformed CSV and commits nothing, even with partial', async () => {
    const csv = `${COOPERATIVE_HEADER}\n,,,تعاونی یک,conventional,services,,تهران,تهران,,,,,1000,\n,,,"تعاونی دو,conventional\n`;
    const report = await importCsv(ctx, { kind: 'cooperatives', input: text(csv), partial: true });

    expect(summary(report)).toEqual(['3 :csv_syntax']);
    expect(report).toMatchObject({ rowsImported: 0, committed: false });
    expect(await count(ctx, 'cooperatives')).toBe(0);
  });

  it('keeps only the first rejections in memory but passes every one to onRejected', async () => {
    let seen = 0;
    const report = await importCsv(ctx, {
      kind: 'cooperatives',
      input: fixture('cooperatives-bad.csv'),
      keepRejections: 2,
      onRejected: async () => {
        await Promise.resolve();
        seen += 1;
      },
    });

    expect(report.rejected.map((r) => r.line)).toEqual([3, 4]);
    expect(report.rejectedCount).toBe(11);
    expect(seen).toBe(11);
  });

  it('streams a large generated file row by row', async () => {
    await importFixture('cooperatives', 'cooperatives-good.csv');
    const rows = 3000;
    async function* lines() {
      yield 'cooperative_legal_id,kind,fiscal_year,filed_on,description\n';
      for (let i = 0; i < rows; i++) yield `10101234565,other,1403,1404/01/01,پروندهٔ ${i}\n`;
    }
    let last = 0;
    const report = await importCsv(ctx, {
      kind: 'filings',
      input: Readable.from(lines()),
      onProgress: (n) => {
        expect(n).toBe(last + 1);
        last = n;
      },
    });

    expect(report).toMatchObject({ rowsRead: rows, rowsImported: rows, committed: true });
    expect(await count(ctx, 'filings')).toBe(rows);
  });

  it('imports or rejects any name, never anything else (property)', async () => {
    const unit = fc.constantFrom(...'تعاونیكيک ۱۲٣ab ,"\n\t', '\u200c', '\u202e', '\u2067', '\u00a0', 'ـ');
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, maxLength: 220 }), async (name) => {
        const csv = stringify([
          ['name', 'legal_form', 'field', 'province', 'county', 'capital_rials'],
          [name, 'conventional', 'services', 'تهران', 'تهران', '1000'],
        ]);
        const before = await count(ctx, 'cooperatives');
        const report = await importCsv(ctx, { kind: 'cooperatives', input: text(csv) });
        const normal = normalizeText(name);
        const bad = hasBidiControls(name) || normal.length < 3 || normal.length > 200;

        expect(report.rowsRead).toBe(1);
        expect(report.committed).toBe(!bad);
        expect(await count(ctx, 'cooperatives')).toBe(before + (bad ? 0 : 1));
        if (bad) {
          for (const f of report.rejected[0]?.fields ?? []) {
            expect(f.path).toBe('name');
            expect(['bidi', 'too_long', 'too_short', 'required']).toContain(f.code);
          }
        } else {
          const row = await ctx.db
            .selectFrom('cooperatives')
            .select('name')
            .orderBy('id', 'desc')
            .executeTakeFirstOrThrow();
          expect(row.name).toBe(normal);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('importCsv: members, officers, declarations, assemblies, filings', () => {
  beforeEach(async () => {
    const report = await importFixture('cooperatives', 'cooperatives-good.csv');
    expect(report.committed).toBe(true);
  });

  it('imports members: persons (8-digit codes padded) and a legal entity', async () => {
    const report = await importFixture('members', 'members.csv');

    expect(report).toMatchObject({ rowsRead: 4, rowsImported: 4, rejectedCount: 0, committed: true });
    const persons = await ctx.db
      .selectFrom('persons')
      .select(['national_code', 'first_name', 'last_name', 'mobile', 'iban', 'postal_code'])
      .orderBy('national_code')
      .execute();
    expect(persons).toEqual([
      {
        national_code: '0012345679',
        first_name: 'علی',
        last_name: 'رضایی',
        mobile: '09121234567',
        iban: 'IR062960000000100324200001',
        postal_code: null,
      },
      {
        national_code: '0281234566',
        first_name: 'مریم',
        last_name: 'کریمی',
        mobile: '09127654321',
        iban: null,
        postal_code: '3971234567',
      },
      {
        national_code: '0282281851',
        first_name: 'حسن',
        last_name: 'احمدی',
        mobile: null,
        iban: null,
        postal_code: null,
      },
    ]);
    const entity = await ctx.db
      .selectFrom('legal_entities as e')
      .innerJoin('cooperatives as c', 'c.id', 'e.cooperative_id')
      .select(['e.legal_id', 'c.name'])
      .executeTakeFirstOrThrow();
    expect(entity).toEqual({ legal_id: '10101313751', name: 'Isfahan IT Services Cooperative' });
    const members = await ctx.db
      .selectFrom('memberships')
      .select(['member_no', 'joined_on', 'left_on', 'shares', 'person_id', 'legal_entity_id'])
      .orderBy('member_no')
      .execute();
    expect(members.map((m) => [m.member_no, m.joined_on, m.left_on, m.shares])).toEqual([
      ['1', '2023-08-23', null, 10],
      ['2', '2023-09-01', null, 20],
      ['3', '2024-04-08', null, 100],
      ['4', '2023-09-23', '2025-04-04', 5],
    ]);
    expect(members[2]?.person_id).toBeNull();
    expect(members[2]?.legal_entity_id).not.toBeNull();
    const coop = await ctx.db
      .selectFrom('cooperatives')
      .select('member_count')
      .where('legal_id', '=', '10101234565')
      .executeTakeFirstOrThrow();
    expect(coop.member_count).toBe(3);
  });

  it('rejects rows that break rules the use case checks against the database', async () => {
    const before = await counts(ctx);
    const csv = [
      'cooperative_legal_id,member_no,national_code,first_name,last_name,member_legal_id,member_name,joined_on,shares',
      '10101234565,1,12345679,علی,رضایی,,,1402/06/01,10',
      '10101472131,2,12345679,علی,رضایی,,,1402/06/01,10', // valid ID, no such cooperative
      '10101234565,1,0281234566,مریم,کریمی,,,1402/06/01,10', // member number taken (line 2)
      '10101234565,3,0281234566,مریم,کریمی,10101313751,تعاونی,1402/06/01,10', // person and entity
      '10101234565,4,,,,,,1402/06/01,', // neither; shares missing
      '10101234565,5,1234567,کوتاه,کد,,,1402/13/01,ده', // 7 digits; month 13; shares not a number
    ].join('\n');
    const report = await importCsv(ctx, { kind: 'members', input: text(csv) });

    expect(summary(report)).toEqual([
      '3 cooperative_legal_id:unknown_cooperative',
      '4 member_no:duplicate',
      '5 national_code:member_or_entity',
      '6 shares:required',
      '7 national_code:national_code',
      '7 joined_on:date_invalid',
      '7 shares:integer',
    ]);
    expect(report.committed).toBe(false);
    expect(await counts(ctx)).toEqual(before);
  });

  it('imports officers, declarations, assemblies and filings', async () => {
    expect((await importFixture('members', 'members.csv')).committed).toBe(true);

    const officers = await importFixture('officers', 'officers.csv');
    expect(summary(officers)).toEqual([]);
    expect(officers.rowsImported).toBe(5);
    const rows = await ctx.db
      .selectFrom('officers as o')
      .leftJoin('persons as p', 'p.id', 'o.person_id')
      .leftJoin('legal_entities as e', 'e.id', 'o.legal_entity_id')
      .select([
        'p.national_code',
        'e.legal_id',
        'o.role',
        'o.position',
        'o.term_start',
        'o.term_end',
        'o.consecutive_terms',
      ])
      .orderBy('o.id')
      .execute();
    expect(rows.map((r) => [r.national_code ?? r.legal_id, r.role, r.position, r.consecutive_terms])).toEqual(
      [
        ['0012345679', 'board_principal', 'chair', 1],
        ['0281234566', 'board_principal', 'vice_chair', 1],
        ['10101313751', 'board_principal', 'member', 2],
        ['0283329149', 'managing_director', null, 1],
        ['0282281851', 'inspector_principal', null, 1],
      ],
    );
    expect(rows[1]?.term_end).toBe('2026-09-05');

    const declarations = await importFixture('declarations', 'declarations.csv');
    expect(summary(declarations)).toEqual([]);
    const decl = await ctx.db
      .selectFrom('interest_declarations')
      .select(['kind', 'relation', 'person_national_code', 'company_legal_id', 'declared_on'])
      .orderBy('id')
      .execute();
    expect(decl).toEqual([
      {
        kind: 'relative',
        relation: 'spouse',
        person_national_code: '0284376434',
        company_legal_id: null,
        declared_on: '2023-09-11',
      },
      {
        kind: 'company',
        relation: 'owner',
        person_national_code: null,
        company_legal_id: '10102342220',
        declared_on: '2023-09-27',
      },
    ]);

    const assemblies = await importFixture('assemblies', 'assemblies.csv');
    expect(summary(assemblies)).toEqual([]);
    const held = await ctx.db
      .selectFrom('assemblies')
      .select(['kind', 'fiscal_year', 'call_number', 'held_on', 'elections_held'])
      .orderBy('id')
      .execute();
    expect(held).toEqual([
      { kind: 'ordinary', fiscal_year: 1402, call_number: 1, held_on: '2024-05-09', elections_held: 1 },
      { kind: 'extraordinary', fiscal_year: null, call_number: 1, held_on: '2024-10-31', elections_held: 0 },
      { kind: 'ordinary', fiscal_year: 1403, call_number: 2, held_on: '2025-06-15', elections_held: 1 },
    ]);

    const filings = await importFixture('filings', 'filings.csv');
    expect(summary(filings)).toEqual([]);
    const filed = await ctx.db
      .selectFrom('filings')
      .select(['kind', 'fiscal_year', 'filed_on', 'description'])
      .orderBy('id')
      .execute();
    expect(filed).toEqual([
      {
        kind: 'annual_statements',
        fiscal_year: 1402,
        filed_on: '2024-05-30',
        description: 'صورت‌های مالی سال 1402',
      },
      { kind: 'inspector_report', fiscal_year: 1402, filed_on: '2024-05-04', description: null },
      { kind: 'inspector_report', fiscal_year: 1403, filed_on: '2025-05-01', description: null },
    ]);
  });

  it('rejects a declaration by someone who is not an officer, and a bad yes/no', async () => {
    await importFixture('officers', 'officers.csv');
    const declarations = await importCsv(ctx, {
      kind: 'declarations',
      input: text(
        'cooperative_legal_id,officer_national_code,kind,relation,person_name,declared_on\n10101234565,0285423721,relative,child,حسین,1402/07/05\n10101234565,12345679,relative,cousin,,1402/07/05\n',
      ),
      partial: true,
    });
    expect(summary(declarations)).toEqual([
      '2 officer_national_code:unknown_officer',
      '3 relation:unknown_value',
    ]);

    const assemblies = await importCsv(ctx, {
      kind: 'assemblies',
      input: text('cooperative_legal_id,kind,held_on,elections_held\n10101234565,ordinary,1403/02/20,شاید\n'),
    });
    expect(summary(assemblies)).toEqual(['2 elections_held:boolean']);
  });
});

describe('parseBoolean', () => {
  it('reads yes and no in Persian and English, in any digit script', () => {
    for (const yes of ['1', '۱', 'true', 'TRUE', 'yes', 'بله', 'بلي']) expect(parseBoolean(yes)).toBe(true);
    for (const no of ['0', '۰', '٠', 'false', 'No', 'خیر', 'نه']) expect(parseBoolean(no)).toBe(false);
    expect(parseBoolean('شاید')).toBeUndefined();
  });
});

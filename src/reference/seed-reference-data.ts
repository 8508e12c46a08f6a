import type { Db } from '../db/database.ts';
import { normalizeText, persianSortKey, searchKey } from '../text/index.ts';
import divisions from './data/divisions.json' with { type: 'json' };
import { FIELD_SEEDS } from './fields.ts';
import * as repo from './reference.repository.ts';

type DivisionsFile = Array<{
  iso: string;
  fa: string;
  en: string;
  counties: Array<{ fa: string; en: string; wikidata: string | null }>;
}>;

/**
 * Loads the 31 provinces with their counties (data/iran-divisions, © OpenStreetMap contributors,
 * ODbL) and the fields of activity into an empty database. Does nothing when they are present.
 */
export async function seedReferenceData(db: Db): Promise<void> {
  if ((await repo.countProvinces(db)) > 0) return;
  await db.transaction().execute(async (tx) => {
    for (const p of divisions as DivisionsFile) {
      const name = normalizeText(p.fa);
      const provinceId = await repo.insertProvince(tx, {
        code: p.iso,
        name_fa: name,
        name_en: p.en,
        name_key: searchKey(name),
        sort_key: persianSortKey(name),
      });
      await repo.insertCounties(
        tx,
        p.counties.map((c) => {
          const county = normalizeText(c.fa);

          return {
            province_id: provinceId,
            name_fa: county,
            name_en: c.en,
            name_key: searchKey(county),
            sort_key: persianSortKey(county),
            wikidata: c.wikidata,
          };
        }),
      );
    }
    let position = 0;
    const rows = FIELD_SEEDS.flatMap((f) => [
      { code: f.code, parent_code: null, name_fa: f.fa, name_en: f.en, position: position++ },
      ...(f.sub ?? []).map((s) => ({
        code: s.code,
        parent_code: f.code,
        name_fa: s.fa,
        name_en: s.en,
        position: position++,
      })),
    ]);
    await repo.insertFields(tx, rows);
  });
}

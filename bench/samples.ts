import SqliteDatabase from 'better-sqlite3';
import { createRandom } from '../src/demo/random.ts';
import { queryTokens } from '../src/registry/search-tokens.ts';

/** Request paths for each HTTP scenario, drawn from the dataset itself. */
export type RequestSamples = {
  /** Bare baseline: `/coop/<id>`. */
  bare: string[];
  /** `/api/v1/cooperatives/<legalId>`. */
  profile: string[];
  /** `/api/v1/cooperatives?q=<a word of a cooperative's name, or an officer's surname>`. */
  searchName: string[];
  /** `/api/v1/cooperatives?q=<legalId>`. */
  searchLegalId: string[];
  /** `/api/v1/cooperatives?province=<code>`. */
  listProvince: string[];
  /** How many search terms came from names and from officers' surnames, and how many distinct. */
  searchTerms: { fromNames: number; fromSurnames: number; distinct: number };
};

const API = '/api/v1/cooperatives';

/**
 * Draws `count` request paths per scenario with a seeded generator: random existing ids and legal
 * IDs; search words from the names of random cooperatives (so frequent words come up as often as
 * they occur) and surnames of random current officers; provinces weighted by their cooperatives.
 */
export function drawSamples(file: string, seed: number, count: number): RequestSamples {
  const random = createRandom(seed);
  const sqlite = new SqliteDatabase(file, { fileMustExist: true });
  try {
    const ids = sqlite.prepare('SELECT id FROM cooperatives ORDER BY id').pluck().all() as number[];
    const legalIds = sqlite
      .prepare('SELECT legal_id FROM cooperatives WHERE legal_id IS NOT NULL ORDER BY id')
      .pluck()
      .all() as string[];
    if (ids.length === 0 || legalIds.length === 0)
      throw new Error('the dataset has no registered cooperatives');
    const nameOf = sqlite.prepare('SELECT name FROM cooperatives WHERE id = ?').pluck();
    const provinceOf = sqlite
      .prepare('SELECT p.code FROM cooperatives c JOIN provinces p ON p.id = c.province_id WHERE c.id = ?')
      .pluck();
    const officerRange = sqlite.prepare('SELECT min(id) AS lo, max(id) AS hi FROM officers').get() as {
      lo: number | null;
      hi: number | null;
    };
    const surnameOf = sqlite
      .prepare(
        `SELECT p.last_name FROM officers o JOIN persons p ON p.id = o.person_id
          WHERE o.id = ? AND o.ended_on IS NULL`,
      )
      .pluck();

    const nameWord = (): string | undefined => {
      const name = nameOf.get(random.pick(ids)) as string | undefined;
      if (name === undefined) return undefined;
      const words = name.split(/\s+/).filter((w) => queryTokens(w).length > 0);

      return words.length > 0 ? random.pick(words) : undefined;
    };
    const surname = (): string | undefined => {
      const { lo, hi } = officerRange;
      if (lo === null || hi === null) return undefined;
      const found = surnameOf.get(random.int(lo, hi)) as string | undefined;

      return found !== undefined && queryTokens(found).length > 0 ? found : undefined;
    };

    const terms: string[] = [];
    let fromNames = 0;
    let fromSurnames = 0;
    // Bounded: a dataset without officers or name words cannot loop forever.
    for (let attempt = 0; terms.length < count && attempt < count * 20; attempt++) {
      const fromName = attempt % 2 === 0;
      const term = fromName ? nameWord() : surname();
      if (term === undefined) continue;
      terms.push(term);
      if (fromName) fromNames += 1;
      else fromSurnames += 1;
    }
    if (terms.length === 0) throw new Error('no search terms could be drawn from the dataset');

    const pick = <T>(items: readonly T[], make: (item: T) => string) =>
      Array.from({ length: count }, () => make(random.pick(items)));

    return {
      bare: pick(ids, (id) => `/coop/${id}`),
      profile: pick(legalIds, (legalId) => `${API}/${legalId}`),
      searchName: terms.map((t) => `${API}?q=${encodeURIComponent(t)}`),
      searchLegalId: pick(legalIds, (legalId) => `${API}?q=${legalId}`),
      listProvince: pick(ids, (id) => `${API}?province=${encodeURIComponent(String(provinceOf.get(id)))}`),
      searchTerms: { fromNames, fromSurnames, distinct: new Set(terms).size },
    };
  } finally {
    sqlite.close();
  }
}

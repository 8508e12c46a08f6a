import { describe, expect, it } from 'vitest';
import { resolveStatutorySettings, StatutorySettingsError } from './resolve-settings.ts';
import { DEFAULT_STATUTORY_SETTINGS, type StatutorySettings } from './settings.ts';
import { statutoryOverridesSchema, statutorySettingsSchema } from './statute.schemas.ts';

/** Runs resolve and returns the error it throws (fails the test if it does not throw one). */
function resolveError(
  ...layers: Array<Partial<StatutorySettings> | null | undefined>
): StatutorySettingsError {
  try {
    resolveStatutorySettings(...layers);
  } catch (e) {
    if (e instanceof StatutorySettingsError) return e;
    throw e;
  }
  throw new Error('expected a StatutorySettingsError');
}

/** An override as it might arrive from JSON, outside the type system's protection. */
function fromJson(json: string): Partial<StatutorySettings> {
  return JSON.parse(json);
}

describe('DEFAULT_STATUTORY_SETTINGS', () => {
  it('passes its own schema and is what resolve gives with no layers', () => {
    expect(statutorySettingsSchema.safeParse(DEFAULT_STATUTORY_SETTINGS).success).toBe(true);
    expect(resolveStatutorySettings()).toEqual(DEFAULT_STATUTORY_SETTINGS);
  });

  it('carries the values from domain.md', () => {
    expect(DEFAULT_STATUTORY_SETTINGS).toMatchObject({
      minMembers: 7,
      boardPrincipalsMin: 3,
      boardPrincipalsMax: 7,
      boardAlternatesFraction: { numerator: 1, denominator: 3 },
      boardExtraPerMembers: 400,
      boardTotalMax: 15,
      boardTermYears: 3,
      maxConsecutiveBoardTerms: 2,
      consecutiveTermSupermajority: { numerator: 2, denominator: 3 },
      inspectorTermFiscalYears: 1,
      annualAssemblyMonthsAfterFyEnd: 4,
      annualInvitationMonthsAfterFyEnd: 2,
      electoralInvitationMonthsBeforeTermEnd: 2,
      inspectorReportDaysBeforeAssembly: 10,
      financialStatementsDaysBeforeAssembly: 20,
      minPaidCapitalFraction: { numerator: 1, denominator: 3 },
      newspaperMembersThreshold: 100,
      twoStageAssemblyMembersThreshold: 500,
      memberShareCapFraction: { numerator: 3, denominator: 10 },
      proxyVotesPerMember: 3,
      fiscalYearEndMonth: 12,
    });
  });

  it('cannot be changed in place', () => {
    expect(Object.isFrozen(DEFAULT_STATUTORY_SETTINGS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_STATUTORY_SETTINGS.boardAlternatesFraction)).toBe(true);
  });
});

describe('resolveStatutorySettings', () => {
  it('lets later layers win: defaults ← national ← bylaws', () => {
    const national = { boardTermYears: 4, proxyVotesPerMember: 1 };
    const bylaws = { boardTermYears: 2, fiscalYearEndMonth: 3 };
    const s = resolveStatutorySettings(national, null, bylaws, undefined);
    expect(s.boardTermYears).toBe(2);
    expect(s.proxyVotesPerMember).toBe(1);
    expect(s.fiscalYearEndMonth).toBe(3);
    expect(s.minMembers).toBe(7);
  });

  it('skips keys set to undefined', () => {
    expect(resolveStatutorySettings({ minMembers: undefined }).minMembers).toBe(7);
  });

  it('replaces a fraction as a whole', () => {
    const s = resolveStatutorySettings({ memberShareCapFraction: { numerator: 1, denominator: 5 } });
    expect(s.memberShareCapFraction).toEqual({ numerator: 1, denominator: 5 });
  });

  it('checks min ≤ max only on the merged result, not on each layer', () => {
    const s = resolveStatutorySettings({ boardPrincipalsMin: 8 }, { boardPrincipalsMax: 9, minMembers: 9 });
    expect([s.boardPrincipalsMin, s.boardPrincipalsMax, s.minMembers]).toEqual([8, 9, 9]);
  });

  it('does not change the defaults', () => {
    resolveStatutorySettings({ minMembers: 9 });
    expect(DEFAULT_STATUTORY_SETTINGS.minMembers).toBe(7);
  });

  it.each<[string, Partial<StatutorySettings>, string]>([
    ['negative months', { annualAssemblyMonthsAfterFyEnd: -4 }, 'annualAssemblyMonthsAfterFyEnd'],
    ['zero members', { minMembers: 0 }, 'minMembers'],
    ['fractional days', { decisionNoticeDays: 1.5 }, 'decisionNoticeDays'],
    [
      'a fraction above 1',
      { memberShareCapFraction: { numerator: 4, denominator: 3 } },
      'memberShareCapFraction',
    ],
    [
      'a zero fraction',
      { minPaidCapitalFraction: { numerator: 0, denominator: 3 } },
      'minPaidCapitalFraction',
    ],
    ['a fiscal-year end month 13', { fiscalYearEndMonth: 13 }, 'fiscalYearEndMonth'],
    ['an unknown rounding', fromJson('{"boardAlternatesRounding":"round"}'), 'boardAlternatesRounding'],
    ['a number as a string', fromJson('{"minMembers":"7"}'), 'minMembers'],
  ])('rejects %s', (_, layer, key) => {
    const error = resolveError({ boardTermYears: 3 }, layer);
    expect(error.keys).toEqual([key]);
    expect(error.issues[0]?.layer).toBe(1);
  });

  it('rejects unknown keys, naming each', () => {
    const error = resolveError(fromJson('{"minMembres":7,"boardSize":5,"minMembers":9}'));
    expect(error.keys.sort()).toEqual(['boardSize', 'minMembres']);
    expect(error.message).toContain('minMembres');
  });

  it('rejects min > max after merging, naming both keys', () => {
    const error = resolveError({ boardPrincipalsMin: 5 }, { boardPrincipalsMax: 4 });
    expect(error.keys.sort()).toEqual(['boardPrincipalsMax', 'boardPrincipalsMin']);
    expect(error.issues.every((i) => i.layer === null)).toBe(true);
  });

  it.each<[Partial<StatutorySettings>, string[]]>([
    [{ boardPrincipalsMax: 16 }, ['boardPrincipalsMax', 'boardTotalMax']],
    [{ boardPrincipalsMin: 9, boardPrincipalsMax: 9 }, ['boardPrincipalsMin', 'minMembers']],
    [
      { annualInvitationMonthsAfterFyEnd: 5 },
      ['annualAssemblyMonthsAfterFyEnd', 'annualInvitationMonthsAfterFyEnd'],
    ],
  ])('rejects the inconsistent merge %j', (layer, keys) => {
    expect(resolveError(layer).keys.sort()).toEqual(keys);
  });

  it('reports every bad key of every layer at once', () => {
    const error = resolveError({ minMembers: -1 }, { boardTermYears: 0, proxyVotesPerMember: -1 });
    expect(error.issues.map((i) => [i.layer, i.key])).toEqual([
      [0, 'minMembers'],
      [1, 'boardTermYears'],
      [1, 'proxyVotesPerMember'],
    ]);
  });
});

describe('statutoryOverridesSchema', () => {
  it('accepts an empty override and rejects a non-object', () => {
    expect(statutoryOverridesSchema.safeParse({}).success).toBe(true);
    expect(statutoryOverridesSchema.safeParse([]).success).toBe(false);
    expect(statutoryOverridesSchema.safeParse(null).success).toBe(false);
  });

  it('rejects extra keys inside a fraction', () => {
    const r = statutoryOverridesSchema.safeParse({
      minPaidCapitalFraction: { numerator: 1, denominator: 3, x: 1 },
    });
    expect(r.success).toBe(false);
  });
});

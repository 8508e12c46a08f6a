import { describe, expect, it } from 'vitest';
import { addDays, addJalaliMonths } from '../../calendar/index.ts';
import { computeObligations, type ObligationsInput } from '../../governance/obligations.ts';
import { DEFAULT_STATUTORY_SETTINGS, type StatutorySettings } from '../../statute/index.ts';
import {
  type BooksMember,
  type BooksOfficer,
  type CooperativeBooks,
  fillTemplate,
  type Rule,
} from '../rule.ts';
import {
  boardBelowSize,
  directorAlsoInspector,
  memberAboveShareCap,
  noInspector,
  termEndingNoElection,
  thirdConsecutiveTerm,
} from './governance.ts';

/** 7 Azar 1405, as in the database tests. */
const TODAY = '2026-11-28';

let nextId = 1;

/** An officer in office today (board term from 1404/01/15), with the overrides given. */
function officer(role: string, overrides: Partial<BooksOfficer> = {}): BooksOfficer {
  const id = nextId++;
  return {
    id,
    entryIndex: 100 + id,
    personId: id,
    role,
    position: role === 'board_principal' ? 'member' : null,
    termStart: '2025-04-04',
    termEnd: role.startsWith('inspector') ? '2027-04-04' : '2028-04-04',
    endedOn: null,
    consecutiveTerms: 1,
    name: `شخص ${id}`,
    nationalCode: null,
    mobile: null,
    iban: null,
    address: null,
    ...overrides,
  };
}

const board = (n: number, overrides: Partial<BooksOfficer> = {}) =>
  Array.from({ length: n }, () => officer('board_principal', overrides));

type Draft = {
  status?: string;
  memberCount?: number;
  settings?: Partial<StatutorySettings>;
  officers?: BooksOfficer[];
  /** Members as [member no., shares] or full records; shares go to sharesByMember. */
  members?: Array<[string, number] | (BooksMember & { shares: number })>;
  assemblies?: ObligationsInput['assemblies'];
};

/**
 * One cooperative's books in memory. Obligations are computed from the assemblies and officers
 * given, as `load-books.ts` does; by default the board and inspector are in office and there are
 * seven members of ten shares each.
 */
function books(d: Draft = {}): CooperativeBooks {
  const settings = { ...DEFAULT_STATUTORY_SETTINGS, ...d.settings };
  const officers = d.officers ?? [...board(3), officer('managing_director'), officer('inspector_principal')];
  const members = (
    d.members ?? Array.from({ length: 7 }, (_, i): [string, number] => [String(i + 1), 10])
  ).map(
    (m): BooksMember =>
      Array.isArray(m)
        ? {
            memberNo: m[0],
            entryIndex: null,
            personId: null,
            name: `عضو ${m[0]}`,
            shares: m[1],
            leftOn: null,
          }
        : m,
  );
  const status = d.status ?? 'active';
  const obligations = computeObligations(
    {
      status,
      registeredOn: '2016-06-01',
      fiscalYearEndMonth: 12,
      assemblies: d.assemblies ?? [],
      filings: [],
      officers: officers.map((o) => ({
        role: o.role,
        termStart: o.termStart,
        termEnd: o.termEnd,
        endedOn: o.endedOn,
      })),
    },
    settings,
    TODAY,
  );
  return {
    coop: {
      id: 1,
      legalId: '10380284790',
      name: 'تعاونی آزمایشی',
      status,
      provinceId: 1,
      countyId: 1,
      fieldCode: 'agriculture',
      memberCount: d.memberCount ?? members.filter((m) => m.leftOn === null).length,
      capitalRials: 1_000_000_000,
      fiscalYearEndMonth: 12,
    },
    today: TODAY,
    settings,
    obligations,
    officers,
    members,
    declarations: [],
    payments: [],
    sharesByMember: new Map(members.map((m) => [m.memberNo, m.shares])),
    holidays: new Set(),
    network: {
      officerCooperatives: new Map(),
      payeeCooperatives: new Map(),
      payeeUnrelatedCooperatives: new Map(),
      sharedContacts: new Map(),
    },
  };
}

/** Evaluates with the default thresholds and checks every finding's words are filled in. */
function run<T extends Record<string, unknown>>(rule: Rule<T>, b: CooperativeBooks, thresholds: object = {}) {
  const findings = rule.evaluate(b, rule.thresholds.parse(thresholds));
  for (const f of findings) {
    expect(f.ruleId).toBe(rule.id);
    expect(fillTemplate(rule.explanation.fa, f.params)).not.toMatch(/\{\w+\}/);
    expect(fillTemplate(rule.explanation.en, f.params)).not.toMatch(/\{\w+\}/);
  }
  return findings;
}

describe('gov.term_ending_no_election', () => {
  const soon = addDays(TODAY, 40);

  it('flags a board and an inspector whose terms end within two months with no assembly called', () => {
    const officers = [
      ...board(3, { termStart: '2023-12-01', termEnd: soon }),
      officer('managing_director'),
      officer('inspector_principal', { termStart: '2025-12-10', termEnd: soon }),
    ];
    const findings = run(termEndingNoElection, books({ officers }));
    expect(findings.map((f) => f.key).sort()).toEqual([
      `board_principal:${soon}`,
      `inspector_principal:${soon}`,
    ]);
    const boardFinding = findings.find((f) => f.key.startsWith('board'));
    // One alert for the board, naming its three members and pointing at their entries.
    expect(boardFinding?.evidence.people).toHaveLength(3);
    expect(boardFinding?.evidence.entries).toHaveLength(3);
    expect(boardFinding?.params).toMatchObject({ bodyEn: 'board', termEnd: soon, daysLeft: 40 });
    expect(fillTemplate(termEndingNoElection.explanation.fa, boardFinding?.params ?? {})).toContain(
      'هیئت‌مدیره',
    );
  });

  it('is quiet a day beyond the warning window, and honours a wider window', () => {
    const later = addDays(addJalaliMonths(TODAY, 2), 1);
    const b = books({ officers: board(3, { termStart: '2023-12-01', termEnd: later }) });
    expect(run(termEndingNoElection, b)).toEqual([]);
    expect(run(termEndingNoElection, b, { warnMonths: 3 })).toHaveLength(1);
  });

  it('is quiet once the electoral (board) or annual (inspector) assembly is called', () => {
    const officers = [
      ...board(3, { termStart: '2023-12-01', termEnd: soon }),
      officer('inspector_principal', { termStart: '2025-12-10', termEnd: soon }),
    ];
    const invited = books({
      officers,
      assemblies: [
        // The electoral assembly, invited and not yet held.
        {
          kind: 'ordinary_extraordinary',
          fiscalYear: null,
          invitationPublishedOn: addDays(TODAY, -5),
          heldOn: null,
          electionsHeld: false,
        },
        // The annual assembly of 1404, invited after the inspector was elected.
        {
          kind: 'ordinary',
          fiscalYear: 1404,
          invitationPublishedOn: '2026-04-20',
          heldOn: null,
          electionsHeld: false,
        },
      ],
    });
    expect(run(termEndingNoElection, invited)).toEqual([]);
  });

  it('is quiet when a successor is already recorded, and on a cooperative that is not functioning', () => {
    const successor = books({
      officers: [
        officer('inspector_principal', { termStart: '2025-12-10', termEnd: soon }),
        officer('inspector_principal', { termStart: soon, termEnd: addJalaliMonths(soon, 12) }),
        ...board(3),
      ],
    });
    expect(run(termEndingNoElection, successor)).toEqual([]);
    const dissolving = books({
      status: 'dissolving',
      officers: board(3, { termStart: '2023-12-01', termEnd: soon }),
    });
    expect(run(termEndingNoElection, dissolving)).toEqual([]);
  });
});

describe('gov.board_below_size', () => {
  it('flags a board of two principals, naming the legal range', () => {
    const findings = run(
      boardBelowSize,
      books({ officers: [...board(2), officer('board_alternate'), officer('inspector_principal')] }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.params).toMatchObject({ principals: 2, minimum: 3, maximum: 7 });
  });

  it('counts the large-cooperative extra seats in the range it names', () => {
    const findings = run(boardBelowSize, books({ officers: board(1), memberCount: 900 }));
    expect(findings[0]?.params).toMatchObject({ principals: 1, members: 900, minimum: 3, maximum: 8 });
  });

  it('is quiet with three principals, and follows a bylaws minimum', () => {
    expect(run(boardBelowSize, books({ officers: board(3) }))).toEqual([]);
    expect(
      run(boardBelowSize, books({ officers: board(3), settings: { boardPrincipalsMin: 5 } })),
    ).toHaveLength(1);
  });

  it('does not count principals who left, and judges an expired board by those holding over', () => {
    const left = [...board(2), officer('board_principal', { endedOn: '2026-10-01' })];
    expect(run(boardBelowSize, books({ officers: left }))).toHaveLength(1);
    // Three principals past their term (term_expired's finding) still make a full board.
    const expired = board(3, { termStart: '2022-04-01', termEnd: '2025-04-01' });
    expect(run(boardBelowSize, books({ officers: expired }))).toEqual([]);
  });
});

describe('gov.no_inspector', () => {
  it('flags a cooperative with no principal inspector, counting the alternates', () => {
    const findings = run(
      noInspector,
      books({ officers: [...board(3), officer('inspector_alternate'), officer('managing_director')] }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.params).toEqual({ alternates: 1, callDays: 10 });
  });

  it('gives the board the statutory days to call in an alternate after the inspector leaves', () => {
    const leftOn = (days: number) =>
      books({ officers: [...board(3), officer('inspector_principal', { endedOn: addDays(TODAY, -days) })] });
    expect(run(noInspector, leftOn(10))).toEqual([]);
    expect(run(noInspector, leftOn(11))).toHaveLength(1);
  });

  it('is quiet while an inspector is in office or holding over after the term', () => {
    expect(run(noInspector, books())).toEqual([]);
    const holdover = officer('inspector_principal', { termStart: '2024-07-01', termEnd: '2025-07-01' });
    expect(run(noInspector, books({ officers: [...board(3), holdover] }))).toEqual([]);
  });
});

describe('gov.member_above_share_cap', () => {
  it('flags a member holding more than 30% of the shares', () => {
    const findings = run(
      memberAboveShareCap,
      books({
        members: [
          ['1', 31],
          ['2', 23],
          ['3', 23],
          ['4', 23],
        ],
      }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      key: 'member:1',
      params: { memberNo: '1', shares: 31, total: 100, percent: 31, cap: 30 },
    });
  });

  it('is quiet at exactly the cap, and ignores the shares of members who left', () => {
    const exactly = [
      ['1', 30] as [string, number],
      ...Array.from({ length: 7 }, (_, i): [string, number] => [String(i + 2), 10]),
    ];
    expect(run(memberAboveShareCap, books({ members: exactly }))).toEqual([]);
    const leaver: BooksMember & { shares: number } = {
      memberNo: '9',
      entryIndex: null,
      personId: null,
      name: 'عضو سابق',
      shares: 500,
      leftOn: '2026-01-01',
    };
    const equal = Array.from({ length: 7 }, (_, i): [string, number] => [String(i + 1), 10]);
    expect(run(memberAboveShareCap, books({ members: [...equal, leaver] }))).toEqual([]);
  });
});

describe('gov.director_also_inspector', () => {
  it('flags the managing director who is also the inspector', () => {
    const director = officer('managing_director', { name: 'رضا موسوی' });
    const alsoInspector = officer('inspector_principal', { personId: director.personId, name: 'رضا موسوی' });
    const findings = run(directorAlsoInspector, books({ officers: [...board(3), director, alsoInspector] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.key).toBe(`person:${director.personId}`);
    expect(findings[0]?.evidence.entries).toHaveLength(2);
    expect(fillTemplate(directorAlsoInspector.explanation.fa, findings[0]?.params ?? {})).toBe(
      'رضا موسوی هم‌زمان مدیرعامل و بازرس اصلی این تعاونی است.',
    );
  });

  it('flags a board member who is also an alternate inspector', () => {
    const [member] = board(1);
    const officers = [
      ...board(2),
      member as BooksOfficer,
      officer('inspector_alternate', { personId: member?.personId }),
    ];
    expect(run(directorAlsoInspector, books({ officers }))).toHaveLength(1);
  });

  it('is quiet when the person left one of the two offices, or the offices are held by different people', () => {
    const director = officer('managing_director', { endedOn: '2026-06-01' });
    const inspector = officer('inspector_principal', { personId: director.personId });
    expect(run(directorAlsoInspector, books({ officers: [...board(3), director, inspector] }))).toEqual([]);
    expect(run(directorAlsoInspector, books())).toEqual([]);
  });
});

describe('gov.third_consecutive_term', () => {
  it('flags a principal in a third consecutive term, saying the register cannot see the vote', () => {
    const third = officer('board_principal', { consecutiveTerms: 3 });
    const findings = run(thirdConsecutiveTerm, books({ officers: [...board(2), third] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.params).toMatchObject({ terms: 3, limit: 2, supermajority: '2/3' });
    expect(fillTemplate(thirdConsecutiveTerm.explanation.en, findings[0]?.params ?? {})).toContain(
      'The register does not record that vote',
    );
  });

  it('is quiet on a second term, on alternates, and under bylaws allowing three', () => {
    const second = officer('board_principal', { consecutiveTerms: 2 });
    const alternate = officer('board_alternate', { consecutiveTerms: 4 });
    expect(run(thirdConsecutiveTerm, books({ officers: [...board(2), second, alternate] }))).toEqual([]);
    const third = officer('board_principal', { consecutiveTerms: 3 });
    expect(
      run(thirdConsecutiveTerm, books({ officers: [third], settings: { maxConsecutiveBoardTerms: 3 } })),
    ).toEqual([]);
  });
});

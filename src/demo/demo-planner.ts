import {
  addDays,
  addJalaliMonths,
  daysBetween,
  fiscalYearEndOn,
  fiscalYearOf,
  type IsoDate,
} from '../calendar/index.ts';
import type { County, Field, ReferenceIndex } from '../reference/index.ts';
import type { CooperativeStatus, LegalForm } from '../registry/cooperative-status.ts';
import { boardAlternatesMax, type StatutorySettings } from '../statute/index.ts';
import { persianSortKey, searchKey } from '../text/index.ts';
import {
  createIdentifierSource,
  type IdentifierSource,
  randomIban,
  randomMobile,
  randomPostalCode,
} from './demo-identifiers.ts';
import {
  DEFAULT_PROVINCE_SHARE,
  EMPLOYERS,
  FEMALE_NAMES,
  FIELD_SHARES,
  LAST_NAMES,
  MALE_NAMES,
  NAME_PATTERNS,
  NAME_WORDS,
  PROVINCE_SHARES,
  STREETS,
  UNION_WORDS,
} from './demo-vocabulary.ts';
import { createRandom, type Random } from './random.ts';

/** A natural person of the demo; `id` is set once the person is written. */
export type PersonRef = { id: number | null; nationalCode: string; firstName: string; lastName: string };

/** A person's row, written with the chunk that first needs the person. */
export type PersonDraft = {
  ref: PersonRef;
  mobile: string | null;
  iban: string | null;
  address: string | null;
  postalCode: string | null;
};

/** A registered cooperative that unions may take as a member; `id` and `entityId` are set when written. */
export type CooperativeRef = {
  id: number | null;
  registeredOn: IsoDate;
  legalId: string;
  name: string;
  provinceId: number;
  fieldCode: string;
  entityId: number | null;
};

export type MemberPlan = {
  person: PersonRef | null;
  cooperative: CooperativeRef | null;
  memberNo: string;
  joinedOn: IsoDate;
  leftOn: IsoDate | null;
  shares: number;
};

export type DeclarationPlan = {
  kind: 'relative' | 'company';
  relation: string;
  personNationalCode: string | null;
  personName: string | null;
  companyLegalId: string | null;
  companyName: string | null;
  declaredOn: IsoDate;
};

export type OfficerPlan = {
  person: PersonRef;
  role: string;
  position: string | null;
  termStart: IsoDate;
  termEnd: IsoDate;
  acceptedOn: IsoDate | null;
  endedOn: IsoDate | null;
  consecutiveTerms: number;
  declarations: DeclarationPlan[];
};

export type AssemblyPlan = {
  kind: 'ordinary' | 'ordinary_extraordinary' | 'extraordinary';
  fiscalYear: number | null;
  callNumber: number;
  invitationPublishedOn: IsoDate | null;
  heldOn: IsoDate | null;
  electionsHeld: boolean;
};

export type FilingPlan = {
  kind: 'annual_statements' | 'inspector_report' | 'assembly_minutes';
  fiscalYear: number | null;
  filedOn: IsoDate;
  description: string | null;
};

/** One cooperative with everything that belongs to it, before any id is known. */
export type CooperativePlan = {
  legalId: string | null;
  registrationNo: string | null;
  registeredOn: IsoDate | null;
  name: string;
  nameKey: string;
  sortKey: string;
  legalForm: LegalForm;
  fieldCode: string;
  subfieldCode: string | null;
  provinceId: number;
  countyId: number;
  address: string | null;
  postalCode: string | null;
  fiscalYearEndMonth: number;
  status: CooperativeStatus;
  statusChangedOn: IsoDate;
  capitalRials: number;
  paidCapitalRials: number | null;
  memberCount: number;
  /** Set when unions may take this cooperative as a member; its id is filled in when written. */
  ref: CooperativeRef | null;
  members: MemberPlan[];
  officers: OfficerPlan[];
  assemblies: AssemblyPlan[];
  filings: FilingPlan[];
};

export type PlannerOptions = {
  seed: number;
  cooperatives: number;
  memberships: number;
  today: IsoDate;
  reference: ReferenceIndex;
  statute: StatutorySettings;
};

/** Generates cooperatives one by one, deterministically, and the persons they need. */
export type Planner = {
  /** The next cooperative; throws once `cooperatives` have been planned. */
  next(): CooperativePlan;
  /** Persons created since the last call (to be written before the cooperatives that use them). */
  takeNewPersons(): PersonDraft[];
};

/** How carefully a cooperative keeps its statutory calendar. */
type Diligence = 'good' | 'sloppy' | 'poor';
const DILIGENCE: ReadonlyArray<readonly [Diligence, number]> = [
  ['good', 70],
  ['sloppy', 20],
  ['poor', 10],
];
/** Chance that an annual assembly is on time, late or missing, by diligence. */
const ASSEMBLY_ODDS: Record<Diligence, ReadonlyArray<readonly ['on_time' | 'late' | 'missing', number]>> = {
  good: [
    ['on_time', 90],
    ['late', 8],
    ['missing', 2],
  ],
  sloppy: [
    ['on_time', 55],
    ['late', 25],
    ['missing', 20],
  ],
  poor: [
    ['on_time', 20],
    ['late', 30],
    ['missing', 50],
  ],
};
/** Chance that a board lets its term run out without electing a successor, by diligence. */
const LAPSE_ODDS: Record<Diligence, number> = { good: 0.08, sloppy: 0.3, poor: 0.6 };

const STATUSES: ReadonlyArray<readonly [CooperativeStatus, number]> = [
  ['active', 80],
  ['inactive', 9],
  ['dissolving', 2],
  ['dissolved', 4],
  ['formation_requested', 2.5],
  ['approved', 2.5],
];

const BOARD_SIZES: ReadonlyArray<readonly [number, number]> = [
  [3, 20],
  [4, 3],
  [5, 57],
  [6, 3],
  [7, 17],
];
const POSITIONS = ['chair', 'vice_chair', 'secretary'] as const;
const RELATIVES = ['spouse', 'parent', 'child', 'sibling', 'other_relative'] as const;
const COMPANY_RELATIONS = ['owner', 'director', 'shareholder'] as const;
const COMPANY_KINDS = ['بازرگانی', 'ساختمانی', 'حمل‌ونقل', 'خدمات فنی', 'تولیدی', 'مهندسی'] as const;

/** How many more members than average cooperatives of a field or sub-field have (others: 0.9). */
const SIZE_FACTOR: Record<string, number> = {
  housing: 1.5,
  consumer: 1.5,
  credit: 1.4,
  multipurpose: 1.3,
  'agriculture.rural': 1.4,
};

/** How many persons the reuse pool keeps (a person may be a member of several cooperatives). */
const REUSE_POOL = 20_000;
/** Share of cooperatives that are unions (more than the real ~0.3%, so that a small demo shows some). */
const UNION_SHARE = 0.015;
/** How many registered cooperatives per province unions may draw their members from. */
const UNION_POOL = 400;

/**
 * Splits `total` into whole counts proportional to `shares` (largest remainder), giving every
 * key at least one when there are enough to go round.
 */
function apportion(total: number, shares: Array<[number, number]>): Map<number, number> {
  const sum = shares.reduce((s, [, w]) => s + w, 0);
  const floor = total >= shares.length ? 1 : 0;
  const rest = total - floor * shares.length;
  const exact = shares.map(([key, w]) => [key, (rest * w) / sum] as const);
  const counts = new Map(exact.map(([key, x]) => [key, floor + Math.floor(x)]));
  let left = total - [...counts.values()].reduce((s, n) => s + n, 0);
  const byRemainder = [...exact].sort(
    (a, b) => b[1] - Math.floor(b[1]) - (a[1] - Math.floor(a[1])) || a[0] - b[0],
  );
  for (const [key] of byRemainder) {
    if (left <= 0) break;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    left--;
  }
  return counts;
}

/** A planner for `options.cooperatives` cooperatives with about `options.memberships` memberships. */
export function createPlanner(options: PlannerOptions): Planner {
  const rng: Random = createRandom(options.seed);
  const ids: IdentifierSource = createIdentifierSource(options.seed);
  const { today, reference, statute } = options;

  const countiesByProvince = new Map<number, County[]>();
  for (const c of reference.counties) {
    const list = countiesByProvince.get(c.provinceId) ?? [];
    list.push(c);
    countiesByProvince.set(c.provinceId, list);
  }
  const provinces = reference.provinces.filter((p) => (countiesByProvince.get(p.id)?.length ?? 0) > 0);
  if (provinces.length === 0) throw new Error('the reference tables have no provinces with counties');
  // Provinces are drawn from an urn holding exactly their apportioned counts.
  const urn = apportion(
    options.cooperatives,
    provinces.map((p) => [p.id, PROVINCE_SHARES[p.code] ?? DEFAULT_PROVINCE_SHARE]),
  );
  let urnLeft = options.cooperatives;

  const topFields = reference.fields.filter((f) => f.parentCode === null);
  const fieldOdds = topFields.map((f) => [f, FIELD_SHARES[f.code] ?? 1] as const);
  const subfields = new Map<string, Field[]>();
  for (const f of reference.fields) {
    if (f.parentCode === null) continue;
    const list = subfields.get(f.parentCode) ?? [];
    list.push(f);
    subfields.set(f.parentCode, list);
  }

  const reusable: PersonRef[] = [];
  let reuseCursor = 0;
  let newPersons: PersonDraft[] = [];
  const unionPool = new Map<number, CooperativeRef[]>();
  let planned = 0;
  let membershipsPlanned = 0;
  let unionsLeft =
    options.cooperatives >= 50 ? Math.max(1, Math.round(options.cooperatives * UNION_SHARE)) : 0;

  const provinceName = (id: number) => reference.provinceById(id)?.nameFa ?? '';

  function unionPoolSize(): number {
    let n = 0;
    for (const pool of unionPool.values()) n += pool.length;
    return n;
  }

  function drawProvince(): number {
    let r = rng.int(0, urnLeft - 1);
    for (const [id, n] of urn) {
      if (r < n) {
        urn.set(id, n - 1);
        urnLeft--;
        return id;
      }
      r -= n;
    }
    throw new Error('province urn is empty');
  }

  function newPerson(): PersonRef {
    const male = rng.chance(0.6);
    const ref: PersonRef = {
      id: null,
      nationalCode: ids.nationalCode(),
      firstName: rng.pick(male ? MALE_NAMES : FEMALE_NAMES),
      lastName: rng.pick(LAST_NAMES),
    };
    const withAddress = rng.chance(0.4);
    newPersons.push({
      ref,
      mobile: rng.chance(0.9) ? randomMobile(rng) : null,
      iban: rng.chance(0.6) ? randomIban(rng) : null,
      address: withAddress
        ? `خیابان ${rng.pick(STREETS)}، کوچهٔ ${rng.int(1, 40)}، پلاک ${rng.int(1, 250)}`
        : null,
      postalCode: withAddress ? randomPostalCode(rng) : null,
    });
    if (reusable.length < REUSE_POOL) reusable.push(ref);
    else {
      reusable[reuseCursor] = ref;
      reuseCursor = (reuseCursor + 1) % REUSE_POOL;
    }
    return ref;
  }

  /** A member person: usually new, sometimes someone already in another cooperative. */
  function memberPerson(taken: Set<PersonRef>): PersonRef {
    if (reusable.length > 100 && rng.chance(0.07)) {
      const candidate = rng.pick(reusable);
      if (!taken.has(candidate)) return candidate;
    }
    return newPerson();
  }

  function randomDate(from: IsoDate, to: IsoDate): IsoDate {
    const span = daysBetween(from, to);
    return span <= 0 ? from : addDays(from, rng.int(0, span));
  }

  function cooperativeName(
    field: Field,
    subfield: Field | null,
    county: County,
    legalForm: LegalForm,
  ): string {
    const word = rng.pick(NAME_WORDS);
    if (legalForm === 'union_county' || legalForm === 'union_province' || legalForm === 'union_national') {
      const what = UNION_WORDS[field.code] ?? field.nameFa;
      if (legalForm === 'union_county') return `اتحادیه تعاونی‌های ${what} شهرستان ${county.nameFa}`;
      if (legalForm === 'union_province')
        return `اتحادیه تعاونی‌های ${what} استان ${provinceName(county.provinceId)}`;
      return `اتحادیه سراسری تعاونی‌های ${what} ${word}`;
    }
    const patterns = (subfield ? NAME_PATTERNS[subfield.code] : undefined) ??
      NAME_PATTERNS[field.code] ?? [`تعاونی ${field.nameFa} {w} {c}`];
    const name = rng
      .pick(patterns)
      .replace('{w}', word)
      .replace('{e}', rng.pick(EMPLOYERS))
      .replace('{c}', county.nameFa);
    return legalForm === 'public_joint_stock' ? name.replace(/^تعاونی /, 'تعاونی سهامی عام ') : name;
  }

  /** Registration date: spread over 25 years, with the busy registration years of the 2010s weighted up. */
  function registrationDate(): IsoDate {
    const days = rng.chance(0.6) ? rng.int(90, 25 * 365) : rng.int(8 * 365, 15 * 365);
    return addDays(today, -days);
  }

  function shareValue(registeredOn: IsoDate): number {
    const year = Number(registeredOn.slice(0, 4));
    if (year < 2012) return rng.pick([100_000, 200_000, 500_000]);
    if (year < 2019) return rng.pick([500_000, 1_000_000]);
    return rng.pick([1_000_000, 2_000_000, 5_000_000]);
  }

  function declarationsFor(person: PersonRef, declaredOn: IsoDate): DeclarationPlan[] {
    if (!rng.chance(0.04)) return [];
    if (rng.chance(0.6)) {
      const relation = rng.pick(RELATIVES);
      const male = rng.chance(0.5);
      const lastName =
        relation === 'spouse' || relation === 'other_relative' ? rng.pick(LAST_NAMES) : person.lastName;
      return [
        {
          kind: 'relative',
          relation,
          personNationalCode: rng.chance(0.7) ? ids.nationalCode() : null,
          personName: `${rng.pick(male ? MALE_NAMES : FEMALE_NAMES)} ${lastName}`,
          companyLegalId: null,
          companyName: null,
          declaredOn,
        },
      ];
    }
    return [
      {
        kind: 'company',
        relation: rng.pick(COMPANY_RELATIONS),
        personNationalCode: null,
        personName: null,
        companyLegalId: ids.legalId(),
        companyName: `شرکت ${rng.pick(COMPANY_KINDS)} ${rng.pick(NAME_WORDS)} ${person.lastName}`,
        declaredOn,
      },
    ];
  }

  function officer(
    person: PersonRef,
    role: string,
    position: string | null,
    termStart: IsoDate,
    termEnd: IsoDate,
    consecutiveTerms: number,
  ): OfficerPlan {
    return {
      person,
      role,
      position,
      termStart,
      termEnd,
      acceptedOn: termStart,
      endedOn: null,
      consecutiveTerms,
      declarations: declarationsFor(person, termStart),
    };
  }

  type GovernanceInput = {
    registeredOn: IsoDate;
    /** Activity (assemblies, elections, filings) stops after this day: today, or when it went inactive or began to dissolve. */
    keepUntil: IsoDate;
    dissolvingOn: IsoDate | null;
    dissolvedOn: IsoDate | null;
    fiscalYearEndMonth: number;
    members: MemberPlan[];
    isUnion: boolean;
  };

  /** Assemblies, filings and officers of a registered cooperative, from its founding to today. */
  function planGovernance(g: GovernanceInput): Pick<CooperativePlan, 'officers' | 'assemblies' | 'filings'> {
    const officers: OfficerPlan[] = [];
    const assemblies: AssemblyPlan[] = [];
    const filings: FilingPlan[] = [];
    const diligence = rng.weighted(DILIGENCE);
    const { keepUntil } = g;
    const keepsGoing = keepUntil === today;
    const termMonths = 12 * statute.boardTermYears;

    // The founding assembly elects the first board.
    const foundingOn = addDays(g.registeredOn, -rng.int(10, 45));
    assemblies.push({
      kind: 'ordinary',
      fiscalYear: null,
      callNumber: 1,
      invitationPublishedOn: addDays(foundingOn, -rng.int(10, 30)),
      heldOn: foundingOn,
      electionsHeld: true,
    });

    // Board terms: an electoral assembly near the end of each term, unless the board lets it lapse.
    let termStart = g.registeredOn;
    let terms = 1;
    const lapses = rng.chance(LAPSE_ODDS[diligence]);
    for (;;) {
      const termEnd = addJalaliMonths(termStart, termMonths);
      const dueInvitation = addJalaliMonths(termEnd, -statute.electoralInvitationMonthsBeforeTermEnd);
      const lateInvitation = diligence !== 'good' && rng.chance(0.3);
      const invitation = addDays(dueInvitation, lateInvitation ? rng.int(5, 40) : -rng.int(0, 30));
      const held = addDays(invitation, rng.int(20, 45));
      if (held > keepUntil) {
        if (keepsGoing && invitation <= today) {
          assemblies.push({
            kind: 'ordinary_extraordinary',
            fiscalYear: null,
            callNumber: 1,
            invitationPublishedOn: invitation,
            heldOn: null,
            electionsHeld: false,
          });
        }
        break;
      }
      if (lapses && termEnd <= today && addJalaliMonths(termEnd, termMonths) > today) break;
      assemblies.push({
        kind: 'ordinary_extraordinary',
        fiscalYear: null,
        callNumber: rng.chance(0.15) ? 2 : 1,
        invitationPublishedOn: invitation,
        heldOn: held,
        electionsHeld: true,
      });
      termStart = addDays(held, Math.min(rng.int(0, 7), daysBetween(held, today)));
      terms++;
    }
    const termEnd = addJalaliMonths(termStart, termMonths);

    // Annual ordinary assemblies and their filings for the recent fiscal years.
    const endMonth = g.fiscalYearEndMonth;
    const currentFy = fiscalYearOf(today, endMonth);
    const odds = ASSEMBLY_ODDS[diligence];
    // Filings: on time, late (often caught up after the assembly), or never filed.
    const filingOnTime = diligence === 'good' ? 0.93 : diligence === 'sloppy' ? 0.7 : 0.4;
    const filingLate = diligence === 'good' ? 0.055 : diligence === 'sloppy' ? 0.2 : 0.3;
    const fileBefore = (
      kind: FilingPlan['kind'],
      fy: number,
      dueOn: IsoDate,
      heldOn: IsoDate | null,
      fyEnd: IsoDate,
    ) => {
      const roll = rng.next();
      let filedOn: IsoDate | null = null;
      if (heldOn === null) {
        if (roll < 0.3) filedOn = addDays(dueOn, -rng.int(0, 30));
      } else if (roll < filingOnTime) filedOn = addDays(dueOn, -rng.int(0, 30));
      else if (roll < filingOnTime + filingLate) filedOn = addDays(dueOn, rng.int(1, 150));
      if (filedOn === null) return;
      if (filedOn <= fyEnd) filedOn = addDays(fyEnd, rng.int(1, 10));
      if (filedOn > keepUntil) return;
      filings.push({ kind, fiscalYear: fy, filedOn, description: null });
    };
    for (let fy = Math.max(fiscalYearOf(g.registeredOn, endMonth), currentFy - 4); fy < currentFy; fy++) {
      const fyEnd = fiscalYearEndOn(fy, endMonth);
      const due = addJalaliMonths(fyEnd, statute.annualAssemblyMonthsAfterFyEnd);
      const invitationDue = addJalaliMonths(fyEnd, statute.annualInvitationMonthsAfterFyEnd);
      const outcome = rng.weighted(odds);
      let heldOn: IsoDate | null = null;
      if (outcome !== 'missing') {
        const invitation =
          outcome === 'on_time'
            ? randomDate(addDays(fyEnd, 10), invitationDue)
            : addDays(invitationDue, rng.int(5, 60));
        let held =
          outcome === 'on_time' ? randomDate(addDays(invitation, 10), due) : addDays(due, rng.int(5, 150));
        if (held < addDays(invitation, 10)) held = addDays(invitation, rng.int(10, 30));
        if (invitation <= keepUntil) {
          heldOn = held <= keepUntil ? held : null;
          if (heldOn !== null || keepsGoing) {
            assemblies.push({
              kind: 'ordinary',
              fiscalYear: fy,
              callNumber: rng.chance(0.15) ? 2 : 1,
              invitationPublishedOn: invitation,
              heldOn,
              electionsHeld: false,
            });
          }
        }
      }
      const assemblyDay = heldOn ?? due;
      fileBefore(
        'annual_statements',
        fy,
        addDays(assemblyDay, -statute.financialStatementsDaysBeforeAssembly),
        heldOn,
        fyEnd,
      );
      fileBefore(
        'inspector_report',
        fy,
        addDays(assemblyDay, -statute.inspectorReportDaysBeforeAssembly),
        heldOn,
        fyEnd,
      );
      if (heldOn !== null && rng.chance(0.6)) {
        const filedOn = addDays(heldOn, rng.int(3, 25));
        if (filedOn <= keepUntil) {
          filings.push({
            kind: 'assembly_minutes',
            fiscalYear: fy,
            filedOn,
            description: `صورتجلسهٔ مجمع عمومی عادی سال ${fy}`,
          });
        }
      }
    }

    // A dissolution is decided by an extraordinary assembly.
    if (g.dissolvingOn) {
      assemblies.push({
        kind: 'extraordinary',
        fiscalYear: null,
        callNumber: 1,
        invitationPublishedOn: addDays(g.dissolvingOn, -rng.int(15, 40)),
        heldOn: g.dissolvingOn,
        electionsHeld: false,
      });
    }

    // The current officers: the board elected last, its managing director, and the inspectors
    // elected at the last assembly held.
    const inOffice = g.members.filter((m) => m.person !== null && m.leftOn === null).map((m) => m.person);
    const candidates = rng.sample(
      inOffice.filter((p): p is PersonRef => p !== null),
      12,
    );
    const fromMembers = (): PersonRef => (g.isUnion ? undefined : candidates.pop()) ?? newPerson();
    const principals = g.isUnion
      ? rng.weighted(BOARD_SIZES)
      : Math.min(rng.weighted(BOARD_SIZES), candidates.length);
    const alternatesMax = boardAlternatesMax(principals, g.members.length, statute);
    const alternates = rng.chance(0.7) ? alternatesMax : rng.int(0, alternatesMax);
    for (let i = 0; i < principals; i++) {
      const position = POSITIONS[i] ?? 'member';
      // Most directors serve a first or second term; a third (which needs two-thirds of all
      // members) is rare. One draw, so the rest of the plan stays as it was.
      const draw = rng.int(1, 40);
      const consecutive = draw === 1 && terms >= 3 ? 3 : Math.min(terms, 1 + (draw % 2));
      officers.push(officer(fromMembers(), 'board_principal', position, termStart, termEnd, consecutive));
    }
    for (let i = 0; i < alternates; i++) {
      officers.push(
        officer(fromMembers(), 'board_alternate', null, termStart, termEnd, rng.int(1, Math.min(2, terms))),
      );
    }
    const directorStart = addDays(termStart, Math.min(rng.int(0, 20), daysBetween(termStart, today)));
    const director = rng.chance(0.7) ? fromMembers() : newPerson();
    officers.push(
      officer(director, 'managing_director', null, directorStart, termEnd, rng.int(1, Math.min(3, terms))),
    );
    const lastHeld =
      assemblies
        .filter((a) => a.kind !== 'extraordinary' && a.heldOn !== null)
        .map((a) => a.heldOn as IsoDate)
        .sort()
        .at(-1) ?? foundingOn;
    const inspectorEnd = addJalaliMonths(lastHeld, 12 * statute.inspectorTermFiscalYears);
    const inspector = rng.chance(0.4) ? fromMembers() : newPerson();
    officers.push(officer(inspector, 'inspector_principal', null, lastHeld, inspectorEnd, 1));
    if (rng.chance(0.4)) {
      const alternate = rng.chance(0.4) ? fromMembers() : newPerson();
      officers.push(officer(alternate, 'inspector_alternate', null, lastHeld, inspectorEnd, 1));
    }
    if (g.dissolvedOn) {
      for (const o of officers) o.endedOn = g.dissolvedOn;
    }

    return { officers, assemblies, filings };
  }

  function next(): CooperativePlan {
    if (planned >= options.cooperatives) throw new Error('every cooperative has been planned');
    const remainingCoops = options.cooperatives - planned;
    planned++;

    const provinceId = drawProvince();
    const county = rng.pick(countiesByProvince.get(provinceId) ?? []);
    let status = rng.weighted(STATUSES);
    const registered = status !== 'formation_requested' && status !== 'approved';
    const field = rng.weighted(fieldOdds);
    const subs = subfields.get(field.code) ?? [];
    const subfield = subs.length > 0 && rng.chance(0.9) ? rng.pick(subs) : null;

    // Unions: a quota spread over the last two thirds of the run, once there are cooperatives
    // to be their members; a province with too few makes it a national union.
    let legalForm: LegalForm = 'conventional';
    let nearby = unionPool.get(provinceId) ?? [];
    const index = planned - 1;
    const unionTurn =
      registered &&
      unionsLeft > 0 &&
      index >= Math.floor(options.cooperatives / 3) &&
      rng.next() < unionsLeft / (0.9 * (options.cooperatives - index));
    if (unionTurn && nearby.length >= 7) {
      legalForm = rng.weighted<LegalForm>([
        ['union_county', 70],
        ['union_province', 25],
        ['union_national', 5],
      ]);
    } else if (unionTurn && unionPoolSize() >= 7) legalForm = 'union_national';
    else if (registered && rng.chance(0.015)) legalForm = 'public_joint_stock';
    if (legalForm.startsWith('union')) unionsLeft--;
    if (legalForm === 'union_national') nearby = [...unionPool.values()].flat();
    const isUnion = legalForm.startsWith('union');
    const name = cooperativeName(field, isUnion ? null : subfield, county, legalForm);

    // A union (active, in this demo) has registered cooperatives as members; it is founded once
    // at least seven of them exist, and the others join when they are registered.
    const founders = isUnion ? rng.int(7, 15) : rng.normalInt(14, 4, 7, 32);
    const unionMembers = isUnion
      ? [
          ...rng.sample(
            nearby.filter((c) => c.fieldCode === field.code),
            founders,
          ),
          ...rng.sample(
            nearby.filter((c) => c.fieldCode !== field.code),
            founders,
          ),
        ]
          .slice(0, founders)
          .sort((a, b) => a.registeredOn.localeCompare(b.registeredOn) || a.legalId.localeCompare(b.legalId))
      : [];
    if (isUnion) status = 'active';

    // Dates of the lifecycle.
    let registeredOn: IsoDate | null = null;
    let statusChangedOn: IsoDate;
    let horizon = today; // members join and leave up to this day
    let stopsOn: IsoDate | null = null; // an inactive cooperative stops keeping its calendar here
    let dissolvingOn: IsoDate | null = null;
    let dissolvedOn: IsoDate | null = null;
    if (!registered) {
      statusChangedOn = addDays(today, -rng.int(1, status === 'approved' ? 300 : 120));
    } else {
      registeredOn = registrationDate();
      const seventh = unionMembers[6]?.registeredOn;
      if (seventh !== undefined && seventh > registeredOn) {
        registeredOn = addDays(seventh, Math.min(rng.int(30, 400), daysBetween(seventh, today)));
      }
      const age = daysBetween(registeredOn, today);
      if (age < 2 * 365 && status !== 'active') status = 'active';
      statusChangedOn = registeredOn;
      if (status === 'inactive') {
        stopsOn = addDays(registeredOn, rng.int(365, age - 30));
        statusChangedOn = stopsOn;
      } else if (status === 'dissolving') {
        dissolvingOn = addDays(today, -rng.int(20, Math.min(600, age - 365)));
        statusChangedOn = dissolvingOn;
      } else if (status === 'dissolved') {
        dissolvingOn = addDays(registeredOn, rng.int(365, age - 200));
        dissolvedOn = addDays(dissolvingOn, rng.int(90, Math.min(400, daysBetween(dissolvingOn, today))));
        statusChangedOn = dissolvedOn;
        horizon = dissolvedOn;
      }
    }
    const fiscalYearEndMonth = rng.chance(0.97) ? statute.fiscalYearEndMonth : 6;
    const joinedFrom = registeredOn ?? statusChangedOn;

    // Members: founders on the registration day, later joiners after it, a few who left.
    const members: MemberPlan[] = [];
    const remainingMemberships = Math.max(0, options.memberships - membershipsPlanned);
    const average = remainingMemberships / remainingCoops;
    const factor =
      (legalForm === 'public_joint_stock'
        ? 3
        : (SIZE_FACTOR[subfield?.code ?? ''] ?? SIZE_FACTOR[field.code] ?? 0.9)) *
      (0.55 + rng.next() * 0.9);
    const total = isUnion ? unionMembers.length : Math.max(founders, Math.round(average * factor));
    const taken = new Set<PersonRef>();
    const joinDates: IsoDate[] = [];
    for (let i = 0; i < total; i++) {
      const memberSince = unionMembers[i]?.registeredOn ?? joinedFrom;
      if (isUnion) joinDates.push(memberSince.localeCompare(joinedFrom) > 0 ? memberSince : joinedFrom);
      else
        joinDates.push(
          i < founders || !registered ? joinedFrom : randomDate(addDays(joinedFrom, 30), horizon),
        );
    }
    joinDates.sort();
    let current = total;
    const value = registeredOn ? shareValue(registeredOn) : 1_000_000;
    let shares = 0;
    for (let i = 0; i < joinDates.length; i++) {
      const joinedOn = joinDates[i] ?? joinedFrom;
      const person = isUnion ? null : memberPerson(taken);
      if (person) taken.add(person);
      let leftOn: IsoDate | null = null;
      const earliestLeave = addDays(joinedOn, 180);
      if (registered && current > statute.minMembers && earliestLeave < horizon && rng.chance(0.06)) {
        leftOn = randomDate(earliestLeave, horizon);
        current--;
      }
      const memberShares = isUnion ? rng.int(10, 100) : rng.chance(0.7) ? rng.int(1, 10) : rng.int(10, 60);
      if (leftOn === null) shares += memberShares;
      members.push({
        person,
        cooperative: unionMembers[i] ?? null,
        memberNo: String(i + 1),
        joinedOn,
        leftOn,
        shares: memberShares,
      });
    }
    membershipsPlanned += members.length;
    const capitalRials = shares * (legalForm === 'public_joint_stock' ? value * 10 : value);
    const paidCapitalRials = registered
      ? Math.round((capitalRials * rng.int(34, 100)) / 100)
      : rng.chance(0.5)
        ? Math.round(capitalRials / 3)
        : null;

    const governance = registeredOn
      ? planGovernance({
          registeredOn,
          keepUntil: stopsOn ?? dissolvingOn ?? today,
          dissolvingOn,
          dissolvedOn,
          fiscalYearEndMonth,
          members,
          isUnion,
        })
      : { officers: [], assemblies: [], filings: [] };

    const legalId = registered ? ids.legalId() : null;
    const ref: CooperativeRef | null =
      legalId && !isUnion && status === 'active'
        ? {
            id: null,
            registeredOn: registeredOn ?? today,
            legalId,
            name,
            provinceId,
            fieldCode: field.code,
            entityId: null,
          }
        : null;
    if (ref) {
      const pool = unionPool.get(provinceId) ?? [];
      if (pool.length >= UNION_POOL) pool[rng.int(0, UNION_POOL - 1)] = ref;
      else pool.push(ref);
      unionPool.set(provinceId, pool);
    }

    return {
      legalId,
      registrationNo: registered ? String(rng.int(100, 99_999)) : null,
      registeredOn,
      name,
      nameKey: searchKey(name),
      sortKey: persianSortKey(name),
      legalForm,
      fieldCode: field.code,
      subfieldCode: isUnion ? null : (subfield?.code ?? null),
      provinceId,
      countyId: county.id,
      address: rng.chance(0.9)
        ? `${county.nameFa}، خیابان ${rng.pick(STREETS)}، پلاک ${rng.int(1, 400)}`
        : null,
      postalCode: rng.chance(0.9) ? randomPostalCode(rng) : null,
      fiscalYearEndMonth,
      status,
      statusChangedOn,
      capitalRials,
      paidCapitalRials,
      memberCount: members.filter((m) => m.leftOn === null).length,
      ref,
      members,
      ...governance,
    };
  }

  return {
    next,
    takeNewPersons() {
      const taken = newPersons;
      newPersons = [];
      return taken;
    },
  };
}

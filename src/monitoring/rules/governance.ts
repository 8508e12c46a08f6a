import { z } from 'zod';
import { addJalaliMonths, daysBetween } from '../../calendar/index.ts';
import { OFFICER_ROLE_LABELS, type OfficerRole } from '../../governance/vocabulary.ts';
import { boardSizeLimits } from '../../statute/board-size.ts';
import type { BooksOfficer, CooperativeBooks, Finding, Rule } from '../rule.ts';

/**
 * Governance rules: facts of the public register (terms, assemblies, filings, board size,
 * members), so their flags are public. Legal numbers come from the statutory settings; only the
 * rule's own tolerances are thresholds.
 */

const none = z.object({}).strict();

const obligationRule = (
  id: string,
  kind: string,
  title: { fa: string; en: string },
  explanation: { fa: string; en: string },
  basis: { fa: string; en: string },
): Rule<{ graceDays: number }> => ({
  id,
  category: 'governance',
  severity: kind === 'annual_assembly' ? 'high' : 'medium',
  public: true,
  title,
  explanation,
  basis,
  thresholds: z.object({ graceDays: z.number().int().min(0).max(365).default(0) }).strict(),
  evaluate(books, t) {
    return books.obligations
      .filter((o) => o.kind === kind && o.overdue && -o.daysLeft > t.graceDays)
      .map(
        (o): Finding => ({
          ruleId: id,
          key: `${kind}:${o.fiscalYear ?? o.dueOn}`,
          params: { fiscalYear: o.fiscalYear ?? '', dueOn: o.dueOn, daysLate: -o.daysLeft },
          evidence: { entries: [], dates: [o.dueOn] },
        }),
      );
  },
});

export const annualAssemblyOverdue = obligationRule(
  'gov.annual_assembly_overdue',
  'annual_assembly',
  { fa: 'مجمع عمومی سالانه برگزار نشده است', en: 'Annual general assembly overdue' },
  {
    fa: 'مجمع عمومی عادی سال مالی {fiscalYear} باید تا {dueOn} برگزار می‌شد و {daysLate} روز گذشته است.',
    en: 'The ordinary general assembly for fiscal year {fiscalYear} was due by {dueOn}; it is {daysLate} days late.',
  },
  {
    fa: 'قانون بخش تعاونی، مادهٔ ۳۳: مجمع عادی سالانه ظرف چهار ماه پس از پایان سال مالی',
    en: 'Cooperative Sector Law, Art. 33: the annual assembly within four months of the fiscal year-end',
  },
);

export const assemblyInvitationLate = obligationRule(
  'gov.assembly_invitation_late',
  'annual_assembly_invitation',
  {
    fa: 'آگهی دعوت مجمع سالانه به‌موقع منتشر نشده است',
    en: 'Annual assembly invitation not published in time',
  },
  {
    fa: 'آگهی دعوت مجمع سال مالی {fiscalYear} باید تا {dueOn} منتشر می‌شد و {daysLate} روز گذشته است.',
    en: 'The invitation to the fiscal year {fiscalYear} assembly was due by {dueOn}; it is {daysLate} days late.',
  },
  {
    fa: 'آیین‌نامهٔ نحوهٔ تشکیل مجامع عمومی ۱۳۸۷، مادهٔ ۱',
    en: 'Regulation on general assemblies (1387), Art. 1',
  },
);

export const statementsNotFiled = obligationRule(
  'gov.statements_not_filed',
  'financial_statements',
  { fa: 'صورت‌های مالی ارائه نشده است', en: 'Financial statements not filed' },
  {
    fa: 'صورت‌های مالی سال مالی {fiscalYear} باید تا {dueOn} ارائه می‌شد و {daysLate} روز گذشته است.',
    en: 'The financial statements for fiscal year {fiscalYear} were due by {dueOn}; {daysLate} days late.',
  },
  {
    fa: 'هیئت‌مدیره صورت‌های مالی را پیش از مجمع به بازرس می‌دهد (تنظیمات قانونی)',
    en: 'The board gives the statements to the inspector before the assembly (statutory settings)',
  },
);

export const inspectorReportMissing = obligationRule(
  'gov.inspector_report_missing',
  'inspector_report',
  { fa: 'گزارش بازرس پیش از مجمع نرسیده است', en: 'Inspector report missing before the assembly' },
  {
    fa: 'گزارش بازرس سال مالی {fiscalYear} باید تا {dueOn} در تعاونی می‌بود و {daysLate} روز گذشته است.',
    en: "The inspector's report for fiscal year {fiscalYear} was due by {dueOn}; {daysLate} days late.",
  },
  {
    fa: 'گزارش بازرسان دست‌کم ده روز پیش از مجمع سالانه در تعاونی است',
    en: "The inspectors' report is at the cooperative at least ten days before the annual assembly",
  },
);

export const tooFewMembers: Rule<Record<string, never>> = {
  id: 'gov.too_few_members',
  category: 'governance',
  severity: 'high',
  public: true,
  title: { fa: 'تعداد اعضا کمتر از حد قانونی', en: 'Fewer members than the legal minimum' },
  explanation: {
    fa: 'این تعاونی {members} عضو دارد؛ کمترین تعداد قانونی {minimum} نفر است.',
    en: 'This cooperative has {members} members; the legal minimum is {minimum}.',
  },
  basis: {
    fa: 'قانون بخش تعاونی: حداقل هفت عضو برای تشکیل و ادامهٔ فعالیت',
    en: 'Cooperative Sector Law: at least seven members to form and continue',
  },
  thresholds: none as unknown as z.ZodType<Record<string, never>>,
  evaluate(books) {
    if (!['active', 'inactive'].includes(books.coop.status)) return [];
    const current = books.members.filter(
      (m) => m.leftOn === null && books.sharesByMember.has(m.memberNo),
    ).length;
    if (current >= books.settings.minMembers) return [];

    return [
      {
        ruleId: 'gov.too_few_members',
        key: 'members',
        params: { members: current, minimum: books.settings.minMembers },
        evidence: { entries: [] },
      },
    ];
  },
};

export const termExpired: Rule<{ warnDays: number }> = {
  id: 'gov.term_expired',
  category: 'governance',
  severity: 'high',
  public: true,
  title: { fa: 'دورهٔ هیئت‌مدیره یا بازرس تمام شده است', en: 'Board or inspector term expired' },
  explanation: {
    fa: 'دورهٔ {bodyFa} ({names}) در {termEnd} تمام شده و جانشینی ثبت نشده است.',
    en: 'The term of the {bodyEn} ({names}) ended on {termEnd} and no successor is recorded.',
  },
  basis: {
    fa: 'قانون بخش تعاونی، مادهٔ ۳۶ و ۴۰: دورهٔ سه‌سالهٔ هیئت‌مدیره و یک‌سالهٔ بازرس',
    en: 'Cooperative Sector Law, Arts. 36 and 40: three-year board and one-year inspector terms',
  },
  thresholds: z.object({ warnDays: z.number().int().min(0).max(365).default(0) }).strict(),
  evaluate(books, t) {
    const bodies = [
      { role: 'board_principal', fa: 'هیئت‌مدیره', en: 'board' },
      { role: 'inspector_principal', fa: 'بازرس', en: 'inspector' },
    ];
    const current = (role: string) =>
      books.officers.some(
        (o) =>
          o.role === role && o.endedOn === null && o.termEnd >= books.today && o.termStart <= books.today,
      );
    // One alert per body and term end, naming everyone whose term it was.
    return bodies.flatMap((body) => {
      if (current(body.role)) return [];
      const expired = books.officers.filter(
        (o) =>
          o.role === body.role &&
          o.endedOn === null &&
          o.termEnd < books.today &&
          daysBetween(o.termEnd, books.today) > t.warnDays,
      );
      const byEnd = new Map<string, typeof expired>();
      for (const o of expired) byEnd.set(o.termEnd, [...(byEnd.get(o.termEnd) ?? []), o]);
      const latest = [...byEnd.keys()].sort().pop();
      const group = latest === undefined ? [] : (byEnd.get(latest) ?? []);
      if (latest === undefined || group.length === 0) return [];
      return [
        {
          ruleId: 'gov.term_expired',
          key: `${body.role}:${latest}`,
          params: {
            bodyFa: body.fa,
            bodyEn: body.en,
            names: group.map((o) => o.name).join('، '),
            termEnd: latest,
          },
          evidence: {
            entries: group.flatMap((o) => (o.entryIndex === null ? [] : [o.entryIndex])),
            dates: [latest],
            people: group.map((o) => o.name),
          },
        },
      ];
    });
  },
};

/** Statuses in which a cooperative must keep a board, an inspector and its members' shares in order. */
const FUNCTIONING = new Set(['active', 'inactive']);

/** In office today: not ended, its term begun and not yet over. */
const inTerm = (o: BooksOfficer, today: string) =>
  o.endedOn === null && o.termStart <= today && o.termEnd >= today;

const entriesOf = (officers: readonly BooksOfficer[]) =>
  officers.flatMap((o) => (o.entryIndex === null ? [] : [o.entryIndex]));

const roleLabel = (role: string) => OFFICER_ROLE_LABELS[role as OfficerRole] ?? { fa: role, en: role };

const percent = (numerator: number, denominator: number) => Math.round((numerator * 1000) / denominator) / 10;

export const termEndingNoElection: Rule<{ warnMonths: number }> = {
  id: 'gov.term_ending_no_election',
  category: 'governance',
  severity: 'medium',
  public: true,
  title: {
    fa: 'دوره رو به پایان است و مجمع انتخاباتی فراخوانده نشده',
    en: 'Term ending soon with no electoral assembly called',
  },
  explanation: {
    fa: 'دورهٔ {bodyFa} ({names}) در {termEnd} تمام می‌شود ({daysLeft} روز دیگر) و نه دعوتی برای مجمع انتخاباتی ثبت شده و نه جانشینی.',
    en: 'The term of the {bodyEn} ({names}) ends on {termEnd} ({daysLeft} days from now); no invitation to an electoral assembly and no successor is recorded.',
  },
  basis: {
    fa: 'آیین‌نامهٔ نحوهٔ تشکیل مجامع عمومی ۱۳۸۷، مادهٔ ۱: دعوت مجمع انتخاباتی دست‌کم دو ماه پیش از پایان دورهٔ هیئت‌مدیره یا بازرسان (تنظیمات قانونی)',
    en: "Regulation on general assemblies (1387), Art. 1: the electoral assembly is called at least two months before the board's or inspectors' term ends (statutory settings)",
  },
  thresholds: z.object({ warnMonths: z.number().int().min(0).max(24).default(2) }).strict(),
  evaluate(books, t) {
    if (!FUNCTIONING.has(books.coop.status)) return [];
    const horizon = addJalaliMonths(books.today, t.warnMonths);
    // An assembly is called for this officer when an invitation was published after their term
    // began: an electoral one for the board; for inspectors (elected yearly) the annual one too.
    const called = (o: BooksOfficer) =>
      books.obligations.some(
        (ob) =>
          ob.doneOn !== null &&
          ob.doneOn > o.termStart &&
          (ob.kind === 'electoral_assembly_invitation' ||
            (o.role === 'inspector_principal' && ob.kind === 'annual_assembly_invitation')),
      );
    const succeeded = (o: BooksOfficer) =>
      books.officers.some(
        (s) => s.role === o.role && s.endedOn === null && s.termStart > o.termStart && s.termEnd > o.termEnd,
      );
    const ending = books.officers.filter(
      (o) =>
        (o.role === 'board_principal' || o.role === 'inspector_principal') &&
        inTerm(o, books.today) &&
        o.termEnd <= horizon &&
        !called(o) &&
        !succeeded(o),
    );
    const groups = new Map<string, BooksOfficer[]>();
    for (const o of ending) {
      const key = `${o.role}:${o.termEnd}`;
      groups.set(key, [...(groups.get(key) ?? []), o]);
    }

    return [...groups].map(([key, officers]): Finding => {
      const [first] = officers as [BooksOfficer];
      const board = first.role === 'board_principal';
      const names = officers.map((o) => o.name);
      return {
        ruleId: 'gov.term_ending_no_election',
        key,
        params: {
          bodyFa: board ? 'هیئت‌مدیره' : 'بازرس',
          bodyEn: board ? 'board' : 'inspector',
          names: names.join('، '),
          termEnd: first.termEnd,
          daysLeft: daysBetween(books.today, first.termEnd),
        },
        evidence: { entries: entriesOf(officers), dates: [first.termEnd], people: names },
      };
    });
  },
};

/** The board in office: principals in term, or, when every term is over, those holding over. */
function currentBoard(books: CooperativeBooks): BooksOfficer[] {
  const principals = books.officers.filter(
    (o) => o.role === 'board_principal' && o.endedOn === null && o.termStart <= books.today,
  );
  const inOffice = principals.filter((o) => o.termEnd >= books.today);

  return inOffice.length > 0 ? inOffice : principals;
}

export const boardBelowSize: Rule<Record<string, never>> = {
  id: 'gov.board_below_size',
  category: 'governance',
  severity: 'high',
  public: true,
  title: { fa: 'هیئت‌مدیره کمتر از حد قانونی', en: 'Board below its legal size' },
  explanation: {
    fa: 'هیئت‌مدیرهٔ این تعاونی {principals} عضو اصلی دارد؛ قانون برای تعاونی‌ای با {members} عضو دست‌کم {minimum} و حداکثر {maximum} عضو اصلی می‌خواهد.',
    en: 'The board has {principals} principal members; for a cooperative of {members} members the law requires at least {minimum} and at most {maximum}.',
  },
  basis: {
    fa: 'قانون بخش تعاونی، مادهٔ ۳۶: سه تا هفت عضو اصلی، و به ازای هر ۴۰۰ عضو بیشتر یک عضو اصلی افزون (تنظیمات قانونی)',
    en: 'Cooperative Sector Law, Art. 36: three to seven principal members, one more for every 400 members beyond the base (statutory settings)',
  },
  thresholds: none as unknown as z.ZodType<Record<string, never>>,
  evaluate(books) {
    if (!FUNCTIONING.has(books.coop.status)) return [];
    const board = currentBoard(books);
    const limits = boardSizeLimits(books.coop.memberCount, books.settings);
    if (board.length >= limits.principalsMin) return [];

    return [
      {
        ruleId: 'gov.board_below_size',
        key: 'board',
        params: {
          principals: board.length,
          members: books.coop.memberCount,
          minimum: limits.principalsMin,
          maximum: limits.principalsMax,
        },
        evidence: { entries: entriesOf(board), people: board.map((o) => o.name) },
      },
    ];
  },
};

export const noInspector: Rule<Record<string, never>> = {
  id: 'gov.no_inspector',
  category: 'governance',
  severity: 'high',
  public: true,
  title: { fa: 'تعاونی بازرس ندارد', en: 'No inspector' },
  explanation: {
    fa: 'هیچ بازرس اصلی‌ای برای این تعاونی ثبت نشده است ({alternates} بازرس علی‌البدل ثبت است؛ هیئت‌مدیره باید ظرف {callDays} روز از جای خالی، علی‌البدل را دعوت کند).',
    en: 'No principal inspector is recorded ({alternates} alternate inspectors are; the board calls in an alternate within {callDays} days of a vacancy).',
  },
  basis: {
    fa: 'قانون بخش تعاونی، مواد ۲۹ و ۴۰ و ۴۱: بازرس یکی از ارکان تعاونی است و مجمع عادی آن را برمی‌گزیند',
    en: 'Cooperative Sector Law, Arts. 29, 40 and 41: the inspector is one of the bodies of a cooperative, elected by the ordinary assembly',
  },
  thresholds: none as unknown as z.ZodType<Record<string, never>>,
  evaluate(books) {
    if (!FUNCTIONING.has(books.coop.status)) return [];
    const holding = (role: string) =>
      books.officers.filter((o) => o.role === role && o.endedOn === null && o.termStart <= books.today);
    // An inspector whose term is over still holds office until a successor accepts (term_expired
    // flags the term): only an inspector who left, or none ever recorded, leaves the post empty.
    if (holding('inspector_principal').length > 0) return [];
    const lastLeft = books.officers
      .filter((o) => o.role === 'inspector_principal' && o.endedOn !== null)
      .map((o) => o.endedOn as string)
      .sort()
      .at(-1);
    if (
      lastLeft !== undefined &&
      daysBetween(lastLeft, books.today) <= books.settings.inspectorVacancyCallDays
    )
      return [];

    return [
      {
        ruleId: 'gov.no_inspector',
        key: 'inspector',
        params: {
          alternates: holding('inspector_alternate').length,
          callDays: books.settings.inspectorVacancyCallDays,
        },
        evidence: { entries: [], ...(lastLeft !== undefined ? { dates: [lastLeft] } : {}) },
      },
    ];
  },
};

export const memberAboveShareCap: Rule<Record<string, never>> = {
  id: 'gov.member_above_share_cap',
  category: 'governance',
  severity: 'medium',
  // It names a member and their holding: members-only, like the member list.
  public: false,
  title: { fa: 'سهم یک عضو بیش از سقف قانونی', en: 'A member above the share cap' },
  explanation: {
    fa: '{name} (عضو شمارهٔ {memberNo}) {shares} سهم از {total} سهم تعاونی را دارد ({percent} درصد)؛ سقف {cap} درصد است.',
    en: '{name} (member no. {memberNo}) holds {shares} of the cooperative’s {total} shares ({percent}%); the cap is {cap}%.',
  },
  basis: {
    fa: 'سقف سهم هر عضو از سرمایهٔ تعاونی (تنظیمات قانونی؛ ۳۰ درصد به استناد منبع ثانوی)',
    en: "The cap on one member's share of the capital (statutory settings; 30% per a secondary source)",
  },
  thresholds: none as unknown as z.ZodType<Record<string, never>>,
  evaluate(books) {
    if (!FUNCTIONING.has(books.coop.status)) return [];
    const { numerator, denominator } = books.settings.memberShareCapFraction;
    // Current members only: share movements of a member who left may still be in sharesByMember.
    const holdings = books.members
      .filter((m) => m.leftOn === null)
      .map((m) => ({ member: m, shares: books.sharesByMember.get(m.memberNo) ?? 0 }))
      .filter((h) => h.shares > 0);
    const total = holdings.reduce((sum, h) => sum + h.shares, 0);
    if (total === 0) return [];

    return holdings
      .filter((h) => h.shares * denominator > total * numerator)
      .map((h) => ({
        ruleId: 'gov.member_above_share_cap',
        key: `member:${h.member.memberNo}`,
        params: {
          name: h.member.name,
          memberNo: h.member.memberNo,
          shares: h.shares,
          total,
          percent: percent(h.shares, total),
          cap: percent(numerator, denominator),
        },
        evidence: {
          entries: h.member.entryIndex === null ? [] : [h.member.entryIndex],
          people: [h.member.name],
        },
      }));
  },
};

const MANAGEMENT = ['board_principal', 'board_alternate', 'managing_director'];
const INSPECTION = ['inspector_principal', 'inspector_alternate'];

export const directorAlsoInspector: Rule<Record<string, never>> = {
  id: 'gov.director_also_inspector',
  category: 'governance',
  severity: 'high',
  public: true,
  title: {
    fa: 'مدیرعامل یا عضو هیئت‌مدیره، بازرس همان تعاونی است',
    en: 'The managing director or a board member is also its inspector',
  },
  explanation: {
    fa: '{name} هم‌زمان {rolesFa} این تعاونی است.',
    en: '{name} is at the same time {rolesEn} of this cooperative.',
  },
  basis: {
    fa: 'قانون بخش تعاونی، مادهٔ ۴۱: بازرس بر کار هیئت‌مدیره و مدیرعامل نظارت می‌کند و نمی‌تواند ناظر کار خود باشد',
    en: 'Cooperative Sector Law, Art. 41: the inspector oversees the board and the managing director, and cannot oversee their own work',
  },
  thresholds: none as unknown as z.ZodType<Record<string, never>>,
  evaluate(books) {
    const current = books.officers.filter((o) => o.personId !== null && inTerm(o, books.today));
    const byPerson = new Map<number, BooksOfficer[]>();
    for (const o of current)
      byPerson.set(o.personId as number, [...(byPerson.get(o.personId as number) ?? []), o]);

    return [...byPerson].flatMap(([personId, offices]) => {
      if (
        !offices.some((o) => MANAGEMENT.includes(o.role)) ||
        !offices.some((o) => INSPECTION.includes(o.role))
      )
        return [];
      const roles = [...new Set(offices.map((o) => o.role))].map(roleLabel);
      const [first] = offices as [BooksOfficer];
      return [
        {
          ruleId: 'gov.director_also_inspector',
          key: `person:${personId}`,
          params: {
            name: first.name,
            rolesFa: roles.map((r) => r.fa).join(' و '),
            rolesEn: roles.map((r) => r.en.toLowerCase()).join(' and '),
          },
          evidence: { entries: entriesOf(offices), people: [first.name] },
        },
      ];
    });
  },
};

export const thirdConsecutiveTerm: Rule<Record<string, never>> = {
  id: 'gov.third_consecutive_term',
  category: 'governance',
  severity: 'medium',
  public: true,
  title: {
    fa: 'دورهٔ سوم متوالی در هیئت‌مدیره',
    en: 'A third consecutive board term',
  },
  explanation: {
    fa: '{name} دورهٔ متوالی شمارهٔ {terms} خود را در هیئت‌مدیره می‌گذراند؛ بیش از {limit} دورهٔ متوالی تنها با رأی {supermajority} همهٔ اعضا (نه حاضران) رواست. دفتر ثبت این رأی را نگه نمی‌دارد: صورتجلسهٔ مجمع را ببینید.',
    en: '{name} is serving consecutive board term {terms}; more than {limit} consecutive terms need {supermajority} of the votes of ALL members (not only of those present). The register does not record that vote: check the assembly minutes.',
  },
  basis: {
    fa: 'قانون بخش تعاونی: انتخاب مجدد اعضای هیئت‌مدیره حداکثر برای دو دورهٔ متوالی، مگر با دو سوم آرای کل اعضا (تنظیمات قانونی)',
    en: 'Cooperative Sector Law: board members may serve at most two consecutive terms unless two thirds of ALL members vote for them (statutory settings)',
  },
  thresholds: none as unknown as z.ZodType<Record<string, never>>,
  evaluate(books) {
    const limit = books.settings.maxConsecutiveBoardTerms;
    const { numerator, denominator } = books.settings.consecutiveTermSupermajority;

    return books.officers
      .filter((o) => o.role === 'board_principal' && inTerm(o, books.today) && o.consecutiveTerms > limit)
      .map((o) => ({
        ruleId: 'gov.third_consecutive_term',
        key: `officer:${o.id}`,
        params: {
          name: o.name,
          terms: o.consecutiveTerms,
          limit,
          supermajority: `${numerator}/${denominator}`,
        },
        evidence: {
          entries: o.entryIndex === null ? [] : [o.entryIndex],
          dates: [o.termStart],
          people: [o.name],
        },
      }));
  },
};

export const GOVERNANCE_RULES: Rule[] = [
  annualAssemblyOverdue,
  assemblyInvitationLate,
  statementsNotFiled,
  inspectorReportMissing,
  tooFewMembers,
  termExpired,
  termEndingNoElection,
  boardBelowSize,
  noInspector,
  memberAboveShareCap,
  directorAlsoInspector,
  thirdConsecutiveTerm,
] as unknown as Rule[];

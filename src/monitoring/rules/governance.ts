import { z } from 'zod';
import { daysBetween } from '../../calendar/index.ts';
import type { Finding, Rule } from '../rule.ts';

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
    fa: 'دورهٔ {name} ({role}) در {termEnd} تمام شده و جانشینی ثبت نشده است.',
    en: 'The term of {name} ({role}) ended on {termEnd} and no successor is recorded.',
  },
  basis: {
    fa: 'قانون بخش تعاونی، مادهٔ ۳۶ و ۴۰: دورهٔ سه‌سالهٔ هیئت‌مدیره و یک‌سالهٔ بازرس',
    en: 'Cooperative Sector Law, Arts. 36 and 40: three-year board and one-year inspector terms',
  },
  thresholds: z.object({ warnDays: z.number().int().min(0).max(365).default(0) }).strict(),
  evaluate(books, t) {
    const roles = ['board_principal', 'inspector_principal'];
    const current = (role: string) =>
      books.officers.some(
        (o) =>
          o.role === role && o.endedOn === null && o.termEnd >= books.today && o.termStart <= books.today,
      );

    return books.officers
      .filter(
        (o) => roles.includes(o.role) && o.endedOn === null && o.termEnd < books.today && !current(o.role),
      )
      .filter((o) => daysBetween(o.termEnd, books.today) > t.warnDays)
      .map((o) => ({
        ruleId: 'gov.term_expired',
        key: `${o.role}:${o.id}`,
        params: { name: o.name, role: o.role, termEnd: o.termEnd },
        evidence: {
          entries: o.entryIndex === null ? [] : [o.entryIndex],
          dates: [o.termEnd],
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
] as unknown as Rule[];

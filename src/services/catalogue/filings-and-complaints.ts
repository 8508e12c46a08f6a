import { recordAssembly, recordFiling } from '../../governance/record-governance.ts';
import type { ServiceDefinition } from '../definition.ts';
import { serviceFieldError } from '../service-messages.ts';
import * as repo from '../services.repository.ts';
import {
  ASSEMBLY_KIND_CHOICES,
  cooperativeQuestion,
  countyQuestion,
  fiscalYearQuestion,
  provinceQuestion,
} from './questions.ts';

const registeredAfterReview = [
  {
    fa: 'کارشناس ادارهٔ تعاون شهرستان صورتجلسه و مدارک را بررسی می‌کند.',
    en: 'An officer of the county cooperative office reviews the minutes and documents.',
  },
  {
    fa: 'پس از تأیید، در پروندهٔ تعاونی و دفتر شفافیت آن ثبت می‌شود و اعضا آن را می‌بینند.',
    en: "Once approved, it is recorded on the cooperative's file and ledger, where members see it.",
  },
];

/** Registering an assembly's minutes and results (the register then counts the obligation met). */
export const assemblyMinutes: ServiceDefinition = {
  id: 'assembly_minutes',
  group: 'filings',
  title: { fa: 'ثبت صورتجلسه و نتایج مجمع عمومی', en: "Register an assembly's minutes and results" },
  summary: {
    fa: 'صورتجلسهٔ مجمع عمومی، تاریخ دعوت و برگزاری و اینکه انتخابات برگزار شد یا نه.',
    en: 'The minutes of a general assembly, when it was called and held, and whether it held elections.',
  },
  nextSteps: registeredAfterReview,
  applicant: 'board',
  concernsCooperative: 'required',
  office: 'county',
  outcome: 'approve',
  timeLimitDays: 15,
  sections: [
    { id: 'cooperative', title: { fa: 'تعاونی', en: 'Cooperative' }, questions: [cooperativeQuestion] },
    {
      id: 'assembly',
      title: { fa: 'مجمع', en: 'The assembly' },
      questions: [
        {
          id: 'kind',
          kind: 'choice',
          choices: ASSEMBLY_KIND_CHOICES,
          label: { fa: 'نوع مجمع', en: 'Kind of assembly' },
        },
        { ...fiscalYearQuestion, optional: true },
        {
          id: 'invitationPublishedOn',
          kind: 'date',
          label: { fa: 'تاریخ انتشار دعوت‌نامه', en: 'Invitation published on' },
        },
        { id: 'heldOn', kind: 'date', label: { fa: 'تاریخ برگزاری', en: 'Held on' } },
        {
          id: 'electionsHeld',
          kind: 'choice',
          choices: [
            { value: 'yes', label: { fa: 'بله', en: 'Yes' } },
            { value: 'no', label: { fa: 'خیر', en: 'No' } },
          ],
          label: { fa: 'آیا انتخابات ارکان برگزار شد؟', en: 'Were officers elected?' },
        },
        {
          id: 'results',
          kind: 'textarea',
          max: 4000,
          label: { fa: 'خلاصهٔ تصمیم‌ها', en: 'Summary of the decisions' },
        },
      ],
    },
  ],
  documents: [{ id: 'minutes', label: { fa: 'صورتجلسهٔ امضاشدهٔ مجمع', en: 'The signed minutes' } }],
  async approve(tx, ctx, facts) {
    const a = facts.answers;
    const cooperativeLegalId = String(facts.cooperativeId);
    const assemblyId = await recordAssembly.apply(tx, ctx, {
      cooperativeLegalId,
      kind: a.kind as 'ordinary',
      ...(a.fiscalYear !== undefined ? { fiscalYear: Number(a.fiscalYear) } : {}),
      invitationPublishedOn: String(a.invitationPublishedOn),
      heldOn: String(a.heldOn),
      electionsHeld: a.electionsHeld === 'yes',
    });
    const filingId = await recordFiling.apply(tx, ctx, {
      cooperativeLegalId,
      kind: 'assembly_minutes',
      ...(a.fiscalYear !== undefined ? { fiscalYear: Number(a.fiscalYear) } : {}),
      filedOn: ctx.clock.today(),
      description: `پیگیری ${facts.trackingCode}`,
    });

    return { cooperativeId: facts.cooperativeId as number, assemblyId, filingId };
  },
};

/** Filing the annual financial statements. */
export const annualStatements: ServiceDefinition = {
  id: 'annual_statements',
  group: 'filings',
  title: { fa: 'ارائهٔ صورت‌های مالی سالانه', en: 'File the annual financial statements' },
  summary: {
    fa: 'صورت‌های مالی سال مالی گذشته، همراه با گزارش حسابرس یا بازرس.',
    en: "Last fiscal year's financial statements, with the auditor's or inspector's report.",
  },
  nextSteps: registeredAfterReview,
  applicant: 'board',
  concernsCooperative: 'required',
  office: 'county',
  outcome: 'approve',
  timeLimitDays: 15,
  sections: [
    { id: 'cooperative', title: { fa: 'تعاونی', en: 'Cooperative' }, questions: [cooperativeQuestion] },
    { id: 'year', title: { fa: 'سال مالی', en: 'Fiscal year' }, questions: [fiscalYearQuestion] },
  ],
  documents: [
    { id: 'statements', label: { fa: 'صورت‌های مالی', en: 'The financial statements' } },
    {
      id: 'report',
      optional: true,
      label: { fa: 'گزارش حسابرس یا بازرس', en: "The auditor's or inspector's report" },
    },
  ],
  async approve(tx, ctx, facts) {
    const filingId = await recordFiling.apply(tx, ctx, {
      cooperativeLegalId: String(facts.cooperativeId),
      kind: 'annual_statements',
      fiscalYear: Number(facts.answers.fiscalYear),
      filedOn: ctx.clock.today(),
      description: `پیگیری ${facts.trackingCode}`,
    });

    return { cooperativeId: facts.cooperativeId as number, filingId };
  },
};

const complaintQuestions = [
  { id: 'subject', kind: 'text' as const, max: 200, label: { fa: 'موضوع شکایت', en: 'Subject' } },
  {
    id: 'details',
    kind: 'textarea' as const,
    max: 8000,
    label: { fa: 'شرح شکایت', en: 'What happened' },
    hint: {
      fa: 'چه شد، چه زمانی، و چه انتظاری دارید. شمارهٔ ثبت‌های دفتر شفافیت را اگر مرتبط است بنویسید.',
      en: 'What happened, when, and what you expect. Cite ledger entry numbers if relevant.',
    },
  },
];

/** A member's complaint to the cooperative's inspector, who answers it. */
export const complaintToInspector: ServiceDefinition = {
  id: 'complaint_inspector',
  group: 'complaints',
  title: { fa: 'شکایت به بازرس تعاونی', en: "Complain to the cooperative's inspector" },
  summary: {
    fa: 'اعضا دربارهٔ کار هیئت‌مدیره یا مدیرعامل به بازرس تعاونی شکایت می‌کنند.',
    en: "Members complain to the cooperative's inspector about the board or the managing director.",
  },
  nextSteps: [
    {
      fa: 'بازرس تعاونی شکایت را می‌خواند و پاسخ می‌دهد.',
      en: "The cooperative's inspector reads the complaint and answers it.",
    },
    {
      fa: 'پاسخ بازرس در دفتر شفافیت تعاونی هم ثبت می‌شود.',
      en: "The inspector's answer is also recorded in the cooperative's ledger.",
    },
  ],
  applicant: 'member',
  concernsCooperative: 'required',
  office: 'inspector',
  outcome: 'answer',
  timeLimitDays: 15,
  sections: [
    { id: 'cooperative', title: { fa: 'تعاونی', en: 'Cooperative' }, questions: [cooperativeQuestion] },
    { id: 'complaint', title: { fa: 'شکایت', en: 'The complaint' }, questions: complaintQuestions },
  ],
  documents: [{ id: 'evidence', optional: true, label: { fa: 'مستندات', en: 'Evidence' } }],
  async check(tx, _ctx, facts) {
    const inspectors = await repo.inspectorsOf(tx, facts.cooperativeId as number);
    return inspectors.length === 0 ? [serviceFieldError('cooperativeLegalId', 'no_inspector')] : [];
  },
};

/** A complaint to the ministry's office about a cooperative (anyone may send one). */
export const complaintToMinistry: ServiceDefinition = {
  id: 'complaint_ministry',
  group: 'complaints',
  title: { fa: 'شکایت به ادارهٔ تعاون', en: 'Complain to the cooperative office' },
  summary: {
    fa: 'شکایت دربارهٔ یک تعاونی به ادارهٔ تعاون شهرستان محل آن.',
    en: 'A complaint about a cooperative to the cooperative office of its county.',
  },
  nextSteps: [
    {
      fa: 'کارشناس ادارهٔ تعاون شهرستان شکایت را بررسی و پاسخ می‌دهد.',
      en: 'An officer of the county office investigates and answers.',
    },
  ],
  applicant: 'anyone',
  concernsCooperative: 'required',
  office: 'county',
  outcome: 'answer',
  timeLimitDays: 30,
  sections: [
    { id: 'cooperative', title: { fa: 'تعاونی', en: 'Cooperative' }, questions: [cooperativeQuestion] },
    { id: 'complaint', title: { fa: 'شکایت', en: 'The complaint' }, questions: complaintQuestions },
  ],
  documents: [{ id: 'evidence', optional: true, label: { fa: 'مستندات', en: 'Evidence' } }],
};

/** Any other request to the ministry's county office. */
export const generalRequest: ServiceDefinition = {
  id: 'general',
  group: 'other',
  title: { fa: 'درخواست عمومی', en: 'General request' },
  summary: {
    fa: 'هر درخواستی که در فهرست خدمات نیست، به ادارهٔ تعاون شهرستان.',
    en: 'Any request not in the catalogue, to the county cooperative office.',
  },
  nextSteps: [
    {
      fa: 'کارشناس ادارهٔ تعاون شهرستان درخواست را بررسی و پاسخ می‌دهد.',
      en: 'An officer of the county office reviews and answers it.',
    },
  ],
  applicant: 'anyone',
  concernsCooperative: 'none',
  office: 'county',
  outcome: 'answer',
  timeLimitDays: 15,
  sections: [
    { id: 'place', title: { fa: 'محل', en: 'Where' }, questions: [provinceQuestion, countyQuestion] },
    {
      id: 'request',
      title: { fa: 'درخواست', en: 'The request' },
      questions: [
        { id: 'subject', kind: 'text', max: 200, label: { fa: 'موضوع', en: 'Subject' } },
        { id: 'details', kind: 'textarea', max: 8000, label: { fa: 'شرح درخواست', en: 'Details' } },
      ],
    },
  ],
  documents: [{ id: 'attachment', optional: true, label: { fa: 'پیوست', en: 'Attachment' } }],
};

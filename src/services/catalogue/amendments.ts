import type { Context } from '../../context/context.ts';
import type { Executor } from '../../db/database.ts';
import { appendRegistryEvent } from '../../feed/registry-events.ts';
import { appointOfficer, recordAssembly } from '../../governance/record-governance.ts';
import type { OfficerRole } from '../../governance/vocabulary.ts';
import { logSubject } from '../../ledger/append.ts';
import { refreshSearchTokens } from '../../registry/refresh-search-tokens.ts';
import type { ServiceDefinition } from '../definition.ts';
import { serviceFieldError } from '../service-messages.ts';
import * as repo from '../services.repository.ts';
import { ASSEMBLY_KIND_CHOICES, cooperativeQuestion } from './questions.ts';

const reviewSteps = [
  {
    fa: 'کارشناس ادارهٔ تعاون شهرستان درخواست و مدارک را بررسی می‌کند.',
    en: 'An officer of the county cooperative office reviews the request and its documents.',
  },
  {
    fa: 'موافقت را کارشناس دوم تأیید می‌کند و تغییر در سامانه و دفتر شفافیت تعاونی ثبت می‌شود.',
    en: "A second officer confirms; the change is then recorded in the register and the cooperative's ledger.",
  },
];

const assemblyQuestions = [
  {
    id: 'assemblyKind',
    kind: 'choice' as const,
    choices: ASSEMBLY_KIND_CHOICES,
    label: { fa: 'نوع مجمعی که تصمیم گرفت', en: 'The assembly that decided' },
  },
  {
    id: 'assemblyHeldOn',
    kind: 'date' as const,
    label: { fa: 'تاریخ برگزاری مجمع', en: 'Date of the assembly' },
  },
];

const minutesDocument = {
  id: 'minutes',
  label: { fa: 'صورتجلسهٔ مجمع', en: 'Minutes of the assembly' },
};

/** Records the assembly that decided an amendment (logged like any assembly). */
async function recordDecidingAssembly(
  tx: Executor,
  ctx: Context,
  cooperativeId: number,
  a: Record<string, unknown>,
  electionsHeld: boolean,
) {
  return recordAssembly.apply(tx, ctx, {
    cooperativeLegalId: String(cooperativeId),
    kind: a.assemblyKind as 'ordinary',
    heldOn: a.assemblyHeldOn as string,
    electionsHeld,
  });
}

/** Amending the statute: the extraordinary assembly's decision and the new text. */
export const amendStatute: ServiceDefinition = {
  id: 'amend_statute',
  group: 'amendments',
  title: { fa: 'ثبت تغییر اساسنامه', en: 'Amend the statute' },
  summary: {
    fa: 'تغییرات اساسنامه که مجمع عمومی فوق‌العاده تصویب کرده است.',
    en: 'Changes to the statute adopted by an extraordinary general assembly.',
  },
  nextSteps: reviewSteps,
  applicant: 'board',
  concernsCooperative: 'required',
  office: 'county',
  outcome: 'approve',
  timeLimitDays: 20,
  sections: [
    { id: 'cooperative', title: { fa: 'تعاونی', en: 'Cooperative' }, questions: [cooperativeQuestion] },
    {
      id: 'amendment',
      title: { fa: 'تغییرات', en: 'The changes' },
      questions: [
        ...assemblyQuestions,
        {
          id: 'changes',
          kind: 'textarea',
          max: 4000,
          label: { fa: 'مواد تغییرکرده و متن تازهٔ آن‌ها', en: 'The articles changed and their new text' },
        },
      ],
    },
  ],
  documents: [
    minutesDocument,
    { id: 'statute', label: { fa: 'متن کامل اساسنامهٔ اصلاح‌شده', en: 'The full amended statute' } },
  ],
  async approve(tx, ctx, facts) {
    const cooperativeId = facts.cooperativeId as number;
    const assemblyId = await recordDecidingAssembly(tx, ctx, cooperativeId, facts.answers, false);
    await appendRegistryEvent(tx, {
      cooperativeId,
      kind: 'cooperative.updated',
      occurredAt: ctx.clock.now().toISOString(),
      payload: { change: 'statute', assemblyHeldOn: String(facts.answers.assemblyHeldOn) },
    });

    return { cooperativeId, assemblyId, changes: String(facts.answers.changes) };
  },
};

/** Changing the capital: the new capital and the amount paid. */
export const amendCapital: ServiceDefinition = {
  id: 'amend_capital',
  group: 'amendments',
  title: { fa: 'ثبت افزایش یا کاهش سرمایه', en: 'Change the capital' },
  summary: {
    fa: 'سرمایهٔ تازهٔ تعاونی و مبلغ پرداخت‌شدهٔ آن، به تصویب مجمع.',
    en: "The cooperative's new capital and the amount paid, as the assembly decided.",
  },
  nextSteps: reviewSteps,
  applicant: 'board',
  concernsCooperative: 'required',
  office: 'county',
  outcome: 'approve',
  timeLimitDays: 20,
  sections: [
    { id: 'cooperative', title: { fa: 'تعاونی', en: 'Cooperative' }, questions: [cooperativeQuestion] },
    {
      id: 'capital',
      title: { fa: 'سرمایه', en: 'Capital' },
      questions: [
        ...assemblyQuestions,
        { id: 'capitalRials', kind: 'rials', label: { fa: 'سرمایهٔ تازه (ریال)', en: 'New capital (rials)' } },
        {
          id: 'paidCapitalRials',
          kind: 'rials',
          label: { fa: 'سرمایهٔ پرداخت‌شده (ریال)', en: 'Capital paid (rials)' },
        },
      ],
    },
  ],
  documents: [minutesDocument],
  async check(_tx, ctx, facts) {
    const capital = Number(facts.answers.capitalRials);
    const paid = Number(facts.answers.paidCapitalRials);
    const { numerator, denominator } = ctx.statute.minPaidCapitalFraction;

    return paid * denominator < capital * numerator || paid > capital
      ? [serviceFieldError('paidCapitalRials', 'paid_capital_low')]
      : [];
  },
  async approve(tx, ctx, facts) {
    const cooperativeId = facts.cooperativeId as number;
    const assemblyId = await recordDecidingAssembly(tx, ctx, cooperativeId, facts.answers, false);
    const capitalRials = Number(facts.answers.capitalRials);
    const paidCapitalRials = Number(facts.answers.paidCapitalRials);
    const now = ctx.clock.now().toISOString();
    await repo.updateCooperativeFields(tx, cooperativeId, {
      capital_rials: capitalRials,
      paid_capital_rials: paidCapitalRials,
      updated_at: now,
    });
    await appendRegistryEvent(tx, {
      cooperativeId,
      kind: 'cooperative.updated',
      occurredAt: now,
      payload: { change: 'capital', capitalRials, paidCapitalRials },
    });

    return { cooperativeId, assemblyId, capitalRials, paidCapitalRials };
  },
};

/** Moving the cooperative: a new address in the same county. */
export const amendAddress: ServiceDefinition = {
  id: 'amend_address',
  group: 'amendments',
  title: { fa: 'ثبت تغییر نشانی', en: 'Change the address' },
  summary: { fa: 'نشانی و کد پستی تازهٔ تعاونی.', en: "The cooperative's new address and postal code." },
  nextSteps: reviewSteps,
  applicant: 'board',
  concernsCooperative: 'required',
  office: 'county',
  outcome: 'approve',
  timeLimitDays: 10,
  sections: [
    { id: 'cooperative', title: { fa: 'تعاونی', en: 'Cooperative' }, questions: [cooperativeQuestion] },
    {
      id: 'address',
      title: { fa: 'نشانی تازه', en: 'New address' },
      questions: [
        { id: 'address', kind: 'textarea', max: 500, label: { fa: 'نشانی', en: 'Address' } },
        { id: 'postalCode', kind: 'postal_code', label: { fa: 'کد پستی', en: 'Postal code' } },
      ],
    },
  ],
  documents: [{ id: 'resolution', label: { fa: 'صورتجلسهٔ هیئت‌مدیره', en: 'Minutes of the board' } }],
  async approve(tx, ctx, facts) {
    const cooperativeId = facts.cooperativeId as number;
    const now = ctx.clock.now().toISOString();
    const address = String(facts.answers.address);
    const postalCode = String(facts.answers.postalCode);
    await repo.updateCooperativeFields(tx, cooperativeId, {
      address,
      postal_code: postalCode,
      updated_at: now,
    });
    await appendRegistryEvent(tx, {
      cooperativeId,
      kind: 'cooperative.updated',
      occurredAt: now,
      payload: { change: 'address' },
    });

    return { cooperativeId, address, postalCode };
  },
};

type ElectedOfficer = {
  nationalCode: string;
  firstName: string;
  lastName: string;
  mobile?: string;
  role: OfficerRole;
  position?: 'chair' | 'vice_chair' | 'secretary' | 'member';
  termStart: string;
  termEnd: string;
};

const BOARD_ROLES: readonly OfficerRole[] = ['board_principal', 'board_alternate'];
const INSPECTOR_ROLES: readonly OfficerRole[] = ['inspector_principal', 'inspector_alternate'];

/**
 * The officers after an election: approval ends the offices the election replaced (the board if
 * directors were elected, the inspectors if inspectors were, the managing director if one was
 * appointed) and records the new ones with their terms, so who may do what changes at once.
 */
export const amendOfficers: ServiceDefinition = {
  id: 'amend_officers',
  group: 'amendments',
  title: { fa: 'ثبت تغییرات ارکان پس از انتخابات', en: 'Record the officers after an election' },
  summary: {
    fa: 'اعضای هیئت‌مدیره، بازرسان یا مدیرعامل تازه و دورهٔ مسئولیت آنان.',
    en: 'The new directors, inspectors or managing director and their terms.',
  },
  nextSteps: reviewSteps,
  applicant: 'board',
  concernsCooperative: 'required',
  office: 'county',
  outcome: 'approve',
  timeLimitDays: 20,
  sections: [
    { id: 'cooperative', title: { fa: 'تعاونی', en: 'Cooperative' }, questions: [cooperativeQuestion] },
    {
      id: 'assembly',
      title: { fa: 'مجمع انتخاباتی', en: 'The electoral assembly' },
      questions: assemblyQuestions,
    },
    {
      id: 'officers',
      title: { fa: 'ارکان تازه', en: 'The new officers' },
      questions: [
        {
          id: 'officers',
          kind: 'people',
          min: 1,
          max: 30,
          columns: [
            'nationalCode',
            'firstName',
            'lastName',
            'mobile',
            'role',
            'position',
            'termStart',
            'termEnd',
          ],
          label: { fa: 'فهرست ارکان انتخاب‌شده', en: 'The officers elected or appointed' },
        },
      ],
    },
  ],
  documents: [minutesDocument],
  async approve(tx, ctx, facts) {
    const cooperativeId = facts.cooperativeId as number;
    const officers = facts.answers.officers as ElectedOfficer[];
    const assemblyId = await recordDecidingAssembly(tx, ctx, cooperativeId, facts.answers, true);
    const replaced = [
      ...(officers.some((o) => BOARD_ROLES.includes(o.role)) ? BOARD_ROLES : []),
      ...(officers.some((o) => INSPECTOR_ROLES.includes(o.role)) ? INSPECTOR_ROLES : []),
      ...(officers.some((o) => o.role === 'managing_director') ? (['managing_director'] as const) : []),
    ];
    const endedOn = String(facts.answers.assemblyHeldOn);
    const ended = await repo.currentOfficerIds(tx, cooperativeId, replaced);
    for (const id of ended) {
      await repo.endOfficer(tx, id, endedOn);
      await logSubject(tx, ctx, `officer:${id}`, { kind: 'officer.ended' });
    }
    if (ended.length > 0) {
      await appendRegistryEvent(tx, {
        cooperativeId,
        kind: 'officer.ended',
        occurredAt: ctx.clock.now().toISOString(),
        payload: { count: ended.length, endedOn },
      });
    }
    const appointed: number[] = [];
    for (const o of officers) {
      appointed.push(
        await appointOfficer.apply(tx, ctx, {
          cooperativeLegalId: String(cooperativeId),
          person: {
            nationalCode: o.nationalCode,
            firstName: o.firstName,
            lastName: o.lastName,
            ...(o.mobile ? { mobile: o.mobile } : {}),
          },
          role: o.role,
          ...(o.role === 'board_principal' ? { position: o.position ?? 'member' } : {}),
          termStart: o.termStart,
          termEnd: o.termEnd,
          acceptedOn: ctx.clock.today(),
        }),
      );
    }
    await refreshSearchTokens(tx, cooperativeId);

    return { cooperativeId, assemblyId, ended, appointed };
  },
};

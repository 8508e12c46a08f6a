import { toPersianDigits } from '../../calendar/index.ts';
import type { FieldError } from '../../errors/app-error.ts';
import { fieldError } from '../../errors/field-messages.ts';
import { appendRegistryEvent } from '../../feed/registry-events.ts';
import * as governance from '../../governance/governance.repository.ts';
import { logSubject } from '../../ledger/append.ts';
import { upsertPerson } from '../../people/index.ts';
import { insertCooperative, validateCooperative } from '../../registry/register-cooperative.ts';
import * as registry from '../../registry/registry.repository.ts';
import { searchKey } from '../../text/index.ts';
import type { ServiceDefinition } from '../definition.ts';
import { countFieldError, serviceFieldError } from '../service-messages.ts';
import * as repo from '../services.repository.ts';
import { countyQuestion, provinceQuestion } from './questions.ts';

type Founder = { nationalCode: string; firstName: string; lastName: string; mobile?: string; shares: number };

type FormationAnswers = {
  name: string;
  field: string;
  subfield?: string;
  province: string;
  county: string;
  address: string;
  postalCode?: string;
  capitalRials: number;
  paidCapitalRials: number;
  founders: Founder[];
  firstAssemblyOn: string;
  firstAssemblyPlace: string;
};

/**
 * Forming a new cooperative (research/domain.md §1.2, §2): at least the statutory number of
 * founders (7) with valid national codes, none already a member of an active cooperative of the
 * same field and sub-field, at least a third of the capital paid, the statute uploaded, the first
 * general assembly planned. Approval puts the cooperative on the register as "approved" with its
 * founders as members; its legal ID and registration number come when registration completes.
 */
export const formation: ServiceDefinition = {
  id: 'formation',
  group: 'registration',
  title: { fa: 'تشکیل تعاونی جدید', en: 'Form a new cooperative' },
  summary: {
    fa: 'مؤسسان درخواست تشکیل تعاونی را با مشخصات، سرمایه، فهرست مؤسسان و اساسنامه می‌فرستند.',
    en: 'Founders apply to form a cooperative with its details, capital, founders and statute.',
  },
  nextSteps: [
    {
      fa: 'کارشناس ادارهٔ تعاون شهرستان درخواست را بررسی می‌کند و اگر مدرکی کم باشد از شما می‌خواهد.',
      en: 'An officer of the county cooperative office reviews the request and asks for anything missing.',
    },
    {
      fa: 'موافقت را کارشناس دوم تأیید می‌کند؛ سپس تعاونی با وضعیت «موافقت‌شده» در سامانه ثبت می‌شود.',
      en: 'A second officer confirms the approval; the cooperative then appears in the register as approved.',
    },
    {
      fa: 'پس از ثبت در ادارهٔ ثبت شرکت‌ها، شناسهٔ ملی و شمارهٔ ثبت در سامانه وارد می‌شود.',
      en: 'When the companies registry registers it, its legal ID and registration number are recorded.',
    },
  ],
  applicant: 'anyone',
  concernsCooperative: 'none',
  office: 'county',
  outcome: 'approve',
  timeLimitDays: 30,
  sections: [
    {
      id: 'cooperative',
      title: { fa: 'مشخصات تعاونی', en: 'The cooperative' },
      questions: [
        { id: 'name', kind: 'text', max: 200, label: { fa: 'نام پیشنهادی تعاونی', en: 'Proposed name' } },
        { id: 'field', kind: 'field', label: { fa: 'رشتهٔ فعالیت', en: 'Field of activity' } },
        {
          id: 'subfield',
          kind: 'subfield',
          fieldQuestion: 'field',
          optional: true,
          label: { fa: 'گرایش', en: 'Sub-field' },
        },
        provinceQuestion,
        countyQuestion,
        { id: 'address', kind: 'textarea', max: 500, label: { fa: 'نشانی', en: 'Address' } },
        {
          id: 'postalCode',
          kind: 'postal_code',
          optional: true,
          label: { fa: 'کد پستی', en: 'Postal code' },
        },
      ],
    },
    {
      id: 'capital',
      title: { fa: 'سرمایه', en: 'Capital' },
      questions: [
        {
          id: 'capitalRials',
          kind: 'rials',
          label: { fa: 'سرمایهٔ اولیه (ریال)', en: 'Initial capital (rials)' },
        },
        {
          id: 'paidCapitalRials',
          kind: 'rials',
          label: { fa: 'سرمایهٔ پرداخت‌شده (ریال)', en: 'Capital paid (rials)' },
          hint: { fa: 'دست‌کم یک‌سوم سرمایه', en: 'At least one third of the capital' },
        },
      ],
    },
    {
      id: 'founders',
      title: { fa: 'مؤسسان', en: 'Founders' },
      questions: [
        {
          id: 'founders',
          kind: 'people',
          min: 1,
          max: 500,
          columns: ['nationalCode', 'firstName', 'lastName', 'mobile', 'shares'],
          label: { fa: 'فهرست مؤسسان', en: 'The founders' },
          hint: {
            fa: 'دست‌کم ۷ نفر؛ خودتان هم باید در فهرست باشید',
            en: 'At least 7 people, yourself included',
          },
        },
      ],
    },
    {
      id: 'assembly',
      title: { fa: 'مجمع عمومی نخست', en: 'First general assembly' },
      questions: [
        { id: 'firstAssemblyOn', kind: 'date', label: { fa: 'تاریخ برگزاری', en: 'Date' } },
        { id: 'firstAssemblyPlace', kind: 'text', max: 300, label: { fa: 'محل برگزاری', en: 'Place' } },
      ],
    },
  ],
  documents: [
    { id: 'statute', label: { fa: 'اساسنامهٔ امضاشده', en: 'The signed statute' } },
    {
      id: 'capital_receipt',
      optional: true,
      label: { fa: 'گواهی واریز سرمایه', en: 'Proof of the capital paid' },
    },
  ],

  async check(tx, ctx, facts, _actor) {
    const a = facts.answers as FormationAnswers;
    const fields: FieldError[] = [];
    const min = ctx.statute.minMembers;
    if (a.founders.length < min) {
      fields.push(
        countFieldError('founders', 'too_few_founders', {
          fa: `دست‌کم ${toPersianDigits(min)} مؤسس لازم است؛ ${toPersianDigits(a.founders.length)} نفر وارد شده است`,
          en: `At least ${min} founders are needed; ${a.founders.length} given`,
        }),
      );
    }
    const seen = new Set<string>();
    for (const [i, f] of a.founders.entries()) {
      if (seen.has(f.nationalCode))
        fields.push(serviceFieldError(`founders.${i}.nationalCode`, 'founder_repeated'));
      seen.add(f.nationalCode);
    }
    const applicant = await repo.personName(tx, facts.applicantPersonId);
    if (!applicant || !seen.has(applicant.national_code)) {
      fields.push(serviceFieldError('founders', 'applicant_not_founder'));
    }
    const { numerator, denominator } = ctx.statute.minPaidCapitalFraction;
    if (a.paidCapitalRials * denominator < a.capitalRials * numerator) {
      fields.push(serviceFieldError('paidCapitalRials', 'paid_capital_low'));
    }
    if (a.paidCapitalRials > a.capitalRials) fields.push(fieldError('paidCapitalRials', 'too_big'));
    const field = ctx.reference.findField(a.field);
    const subfield = field && a.subfield ? ctx.reference.findSubfield(field.code, a.subfield) : undefined;
    if (field) {
      const similar = await repo.membersOfSimilarCooperatives(tx, [...seen], {
        fieldCode: field.code,
        subfieldCode: subfield?.code ?? null,
      });
      for (const s of similar) {
        const i = a.founders.findIndex((f) => f.nationalCode === s.national_code);
        fields.push(
          countFieldError(`founders.${i}.nationalCode`, 'member_of_similar', {
            fa: `این شخص عضو تعاونی فعال «${s.name}» در همین رشته و گرایش است`,
            en: `This person is a member of the active cooperative "${s.name}" in the same field and sub-field`,
          }),
        );
      }
    }
    const province = ctx.reference.findProvince(a.province);
    if (province && (await repo.cooperativeNameTaken(tx, searchKey(a.name), province.id))) {
      fields.push(serviceFieldError('name', 'name_taken'));
    }

    return fields;
  },

  async approve(tx, ctx, facts) {
    const a = facts.answers as FormationAnswers;
    const checked = validateCooperative(ctx, {
      name: a.name,
      legalForm: 'conventional',
      field: a.field,
      ...(a.subfield ? { subfield: a.subfield } : {}),
      province: a.province,
      county: a.county,
      address: a.address,
      ...(a.postalCode ? { postalCode: a.postalCode } : {}),
      status: 'approved',
      capitalRials: a.capitalRials,
      paidCapitalRials: a.paidCapitalRials,
    });
    if (!checked.ok)
      throw new Error(`formation answers no longer make a cooperative: ${JSON.stringify(checked.fields)}`);
    const cooperativeId = await insertCooperative(tx, ctx, checked.value);
    const now = ctx.clock.now().toISOString();
    const today = ctx.clock.today();
    for (const [i, f] of a.founders.entries()) {
      const personId = await upsertPerson(
        tx,
        {
          nationalCode: f.nationalCode,
          firstName: f.firstName,
          lastName: f.lastName,
          ...(f.mobile ? { mobile: f.mobile } : {}),
        },
        now,
      );
      const id = await governance.insertMembership(tx, {
        cooperative_id: cooperativeId,
        member_no: String(i + 1),
        person_id: personId,
        legal_entity_id: null,
        joined_on: today,
        left_on: null,
        shares: f.shares,
        created_at: now,
      });
      await logSubject(tx, ctx, `membership:${id}`);
    }
    const memberCount = await registry.recountMembers(tx, cooperativeId);
    await appendRegistryEvent(tx, {
      cooperativeId,
      kind: 'cooperative.members_changed',
      occurredAt: now,
      payload: { memberCount },
    });

    return { cooperativeId, founders: a.founders.length, status: 'approved' };
  },
};

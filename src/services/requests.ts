import type { Actor } from '../access/index.ts';
import { addDays, formatJalali, toPersianDigits } from '../calendar/index.ts';
import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import { AppError, type Bilingual, type FieldError } from '../errors/app-error.ts';
import { fieldError } from '../errors/field-messages.ts';
import * as registry from '../registry/registry.repository.ts';
import { check } from '../validation/parse.ts';
import { serviceOf } from './catalogue/index.ts';
import { answersSchema, type RequestFacts, type ServiceDefinition } from './definition.ts';
import { notifyApplicant, notifyOffice } from './notify.ts';
import { isApplicant, mayApply } from './request-access.ts';
import { serviceFieldError } from './service-messages.ts';
import * as repo from './services.repository.ts';
import { formatTrackingCode, newTrackingCode, parseTrackingCode } from './tracking-code.ts';
import { decide } from './workflow.ts';

/**
 * The applicant's side of a request: start a draft (it gets its tracking code at once, so a
 * long application can be left and resumed), save answers page by page (each answer checked as
 * it is given), submit (everything checked at once: answers, eligibility, documents, the
 * service's own rules; nothing changes unless all pass).
 */

export const REQUEST_STATUSES = [
  'draft',
  'submitted',
  'under_review',
  'more_info',
  'awaiting_approval',
  'approved',
  'rejected',
  'answered',
  'withdrawn',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Statuses in which the deciding office still owes a decision. */
export const OPEN_STATUSES: readonly RequestStatus[] = [
  'submitted',
  'under_review',
  'more_info',
  'awaiting_approval',
];
export const FINAL_STATUSES: readonly RequestStatus[] = ['approved', 'rejected', 'answered', 'withdrawn'];

export const STATUS_LABELS: Record<RequestStatus, Bilingual> = {
  draft: { fa: 'پیش‌نویس', en: 'Draft' },
  submitted: { fa: 'ثبت‌شده', en: 'Submitted' },
  under_review: { fa: 'در حال بررسی', en: 'Under review' },
  more_info: { fa: 'نیاز به اطلاعات بیشتر', en: 'More information needed' },
  awaiting_approval: { fa: 'در انتظار تأیید نهایی', en: 'Awaiting final approval' },
  approved: { fa: 'موافقت شد', en: 'Approved' },
  rejected: { fa: 'رد شد', en: 'Rejected' },
  answered: { fa: 'پاسخ داده شد', en: 'Answered' },
  withdrawn: { fa: 'منصرف شد', en: 'Withdrawn' },
};

/** The request of a tracking code as typed; a wrong check digit is INVALID_INPUT on `trackingCode`. */
export async function requestByCode(db: Executor, input: string, options: { forUpdate?: boolean } = {}) {
  const parsed = parseTrackingCode(input);
  if (!parsed.ok) {
    throw new AppError('INVALID_INPUT', {
      fields: [
        {
          path: 'trackingCode',
          code: parsed.reason === 'check_digit' ? 'tracking_check_digit' : 'tracking_format',
          message:
            parsed.reason === 'check_digit'
              ? {
                  fa: 'کد پیگیری درست نیست؛ رقم کنترل آن نمی‌خواند. دوباره بررسی کنید',
                  en: 'This tracking code is mistyped: its check digit does not match',
                }
              : { fa: 'کد پیگیری ده رقم است', en: 'A tracking code has ten digits' },
        },
      ],
    });
  }
  const req = await repo.findRequestByCode(db, parsed.code, options);
  if (!req)
    throw new AppError('NOT_FOUND', {
      message: { fa: 'درخواستی با این کد پیگیری نیست', en: 'No request has this tracking code' },
    });

  return req;
}

function parseAnswers(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * Checks the answers given (only those: a draft is saved page by page) and returns them merged
 * into the saved ones; an answer given as blank removes it.
 */
function mergeAnswers(service: ServiceDefinition, saved: Record<string, unknown>, input: unknown) {
  const given = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const parsed = check(answersSchema(service, { complete: false }), given, 'answers');
  if (!parsed.ok) throw new AppError('INVALID_INPUT', { fields: parsed.fields });
  const merged = { ...saved };
  for (const key of Object.keys(given)) {
    const value = (parsed.value as Record<string, unknown>)[key];
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }

  return merged;
}

/** Use case: start an application; returns its tracking code. */
export async function startRequest(
  ctx: Context,
  actor: Actor,
  input: { serviceId: string; answers?: unknown },
): Promise<{ trackingCode: string }> {
  const service = serviceOf(input.serviceId);
  const answers = mergeAnswers(service, {}, input.answers ?? {});

  return ctx.db.transaction().execute(async (tx) => {
    let code = newTrackingCode();
    while (await repo.trackingCodeTaken(tx, code)) code = newTrackingCode();
    const now = ctx.clock.now().toISOString();
    const id = await repo.insertRequest(tx, {
      tracking_code: code,
      service_id: service.id,
      applicant_person_id: actor.personId,
      cooperative_id: null,
      province_id: null,
      county_id: null,
      office: service.office,
      status: 'draft',
      answers: JSON.stringify(answers),
      assigned_to: null,
      proposed_by: null,
      proposal_text: null,
      submitted_at: null,
      due_on: null,
      paused_on: null,
      decided_at: null,
      reminded_at: null,
      escalated_at: null,
      result: null,
      created_at: now,
      updated_at: now,
    });
    await repo.insertEvent(tx, {
      request_id: id,
      action: 'created',
      from_status: null,
      to_status: 'draft',
      person_id: actor.personId,
      text: null,
      at: now,
    });

    return { trackingCode: code };
  });
}

/** Use case: save answers of a draft (or of a request the office asked to complete). */
export async function saveAnswers(ctx: Context, actor: Actor, code: string, input: unknown): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const req = await requestByCode(tx, code, { forUpdate: true });
    if (!isApplicant(actor, req)) throw new AppError('NOT_FOUND');
    if (req.status !== 'draft' && req.status !== 'more_info') throw new AppError('INVALID_TRANSITION');
    const service = serviceOf(req.service_id);
    const answers = mergeAnswers(service, parseAnswers(req.answers), input);
    await repo.updateRequest(tx, req.id, {
      answers: JSON.stringify(answers),
      updated_at: ctx.clock.now().toISOString(),
    });
  });
}

/** Where a request goes: the cooperative it concerns, or the province and county answered. */
async function placeOf(
  tx: Executor,
  ctx: Context,
  service: ServiceDefinition,
  answers: Record<string, unknown>,
) {
  const fields: FieldError[] = [];
  if (service.concernsCooperative !== 'none' && typeof answers.cooperativeLegalId === 'string') {
    const coop = await registry.findCooperativeByLegalId(tx, answers.cooperativeLegalId);
    if (!coop)
      return { fields: [fieldError('answers.cooperativeLegalId', 'unknown_cooperative')], place: null };

    return {
      fields,
      place: {
        cooperativeId: coop.id as number | null,
        provinceId: coop.province_id,
        countyId: coop.county_id,
      },
    };
  }
  const province =
    typeof answers.province === 'string' ? ctx.reference.findProvince(answers.province) : undefined;
  if (typeof answers.province === 'string' && !province)
    fields.push(fieldError('answers.province', 'unknown_province'));
  const county =
    province && typeof answers.county === 'string'
      ? ctx.reference.findCounty(province.id, answers.county)
      : undefined;
  if (province && typeof answers.county === 'string' && !county)
    fields.push(fieldError('answers.county', 'unknown_county'));
  if (typeof answers.field === 'string') {
    const field = ctx.reference.findField(answers.field);
    if (!field) fields.push(fieldError('answers.field', 'unknown_field'));
    else if (
      typeof answers.subfield === 'string' &&
      !ctx.reference.findSubfield(field.code, answers.subfield)
    ) {
      fields.push(fieldError('answers.subfield', 'unknown_subfield'));
    }
  }
  if (!province || !county) return { fields, place: null };

  return { fields, place: { cooperativeId: null, provinceId: province.id, countyId: county.id } };
}

/** Everything wrong with a request as it stands: answers, place, eligibility, documents, the service's rules. */
async function problemsOf(tx: Executor, ctx: Context, actor: Actor, req: repo.RequestRow) {
  const service = serviceOf(req.service_id);
  const answers = parseAnswers(req.answers);
  const complete = check(answersSchema(service, { complete: true }), answers, 'answers');
  const { fields, place } = await placeOf(tx, ctx, service, answers);
  fields.unshift(...(complete.ok ? [] : complete.fields));
  if (place && !mayApply(actor, service, place.cooperativeId)) {
    fields.push(
      serviceFieldError(
        'answers.cooperativeLegalId',
        service.applicant === 'member' ? 'not_eligible_member' : 'not_eligible_board',
      ),
    );
  }
  const documents = await repo.listDocuments(tx, req.id);
  for (const d of service.documents) {
    if (!d.optional && !documents.some((x) => x.requirement === d.id)) {
      fields.push(serviceFieldError(`documents.${d.id}`, 'document_required'));
    }
  }
  if (fields.length === 0 && place && service.check) {
    const facts: RequestFacts = {
      requestId: req.id,
      trackingCode: req.tracking_code,
      applicantPersonId: req.applicant_person_id,
      cooperativeId: place.cooperativeId,
      answers: complete.ok ? (complete.value as Record<string, unknown>) : answers,
    };
    for (const f of await service.check(tx, ctx, facts, actor)) {
      fields.push({ ...f, path: f.path.startsWith('documents.') ? f.path : `answers.${f.path}` });
    }
  }

  return {
    service,
    fields,
    place,
    answers: complete.ok ? (complete.value as Record<string, unknown>) : answers,
  };
}

/**
 * Use case: submit a draft. Every problem is reported at once (INVALID_INPUT naming each answer
 * and document); when there is none the request goes to its office with a due date, the
 * applicant is told by SMS, e-mail and in the app, and a service decided on the spot (a
 * certificate) is decided in the same transaction.
 */
export async function submitRequest(ctx: Context, actor: Actor, code: string) {
  return ctx.db.transaction().execute(async (tx) => {
    const req = await requestByCode(tx, code, { forUpdate: true });
    if (!isApplicant(actor, req)) throw new AppError('NOT_FOUND');
    if (req.status !== 'draft') throw new AppError('INVALID_TRANSITION');
    const { service, fields, place, answers } = await problemsOf(tx, ctx, actor, req);
    if (fields.length > 0 || !place) throw new AppError('INVALID_INPUT', { fields });
    const now = ctx.clock.now().toISOString();
    const today = ctx.clock.today();
    const dueOn = addDays(today, service.timeLimitDays);
    await repo.updateRequest(tx, req.id, {
      status: 'submitted',
      answers: JSON.stringify(answers),
      cooperative_id: place.cooperativeId,
      province_id: place.provinceId,
      county_id: place.countyId,
      submitted_at: now,
      due_on: dueOn,
      updated_at: now,
    });
    await repo.insertEvent(tx, {
      request_id: req.id,
      action: 'submitted',
      from_status: 'draft',
      to_status: 'submitted',
      person_id: actor.personId,
      text: null,
      at: now,
    });
    const shown = toPersianDigits(formatTrackingCode(req.tracking_code));
    await notifyApplicant(tx, ctx, req.applicant_person_id, {
      subject: { fa: `ثبت درخواست ${service.title.fa}`, en: `Request received: ${service.title.en}` },
      body:
        service.office === 'automatic'
          ? {
              fa: `درخواست «${service.title.fa}» با کد پیگیری ${shown} ثبت شد. — سامانه تعاون`,
              en: `Your request "${service.title.en}" was received, tracking code ${formatTrackingCode(req.tracking_code)}. — Taavon`,
            }
          : {
              fa: `درخواست «${service.title.fa}» با کد پیگیری ${shown} ثبت شد. مهلت پاسخ: ${formatJalali(dueOn)}. — سامانه تعاون`,
              en: `Your request "${service.title.en}" was received, tracking code ${formatTrackingCode(req.tracking_code)}. Answer due by ${dueOn}. — Taavon`,
            },
    });
    if (service.office === 'automatic') {
      await decide(
        tx,
        ctx,
        { ...req, status: 'submitted', cooperative_id: place.cooperativeId },
        {
          decision: 'approved',
          text: null,
          proposedBy: null,
          decidedBy: null,
        },
      );
    } else {
      await notifyOffice(
        tx,
        ctx,
        {
          ...req,
          province_id: place.provinceId,
          county_id: place.countyId,
          cooperative_id: place.cooperativeId,
        },
        {
          fa: `درخواست تازهٔ «${service.title.fa}» با کد ${shown}؛ مهلت ${formatJalali(dueOn)}`,
          en: `New request "${service.title.en}", ${formatTrackingCode(req.tracking_code)}; due ${dueOn}`,
        },
      );
    }

    return { trackingCode: req.tracking_code, dueOn: service.office === 'automatic' ? null : dueOn };
  });
}

/** Re-runs the submission checks after the applicant changed answers (a reply to "more information"). */
export async function recheck(tx: Executor, ctx: Context, actor: Actor, req: repo.RequestRow) {
  const { fields, answers } = await problemsOf(tx, ctx, actor, req);
  if (fields.length > 0) throw new AppError('INVALID_INPUT', { fields });

  return answers;
}

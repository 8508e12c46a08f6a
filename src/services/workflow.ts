import { z } from 'zod';
import type { Actor } from '../access/index.ts';
import { addDays, daysBetween, formatJalali, toPersianDigits } from '../calendar/index.ts';
import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import { AppError, type Bilingual } from '../errors/app-error.ts';
import { fieldError } from '../errors/field-messages.ts';
import { logSubject } from '../ledger/append.ts';
import { changeCooperativeStatus } from '../registry/change-cooperative-status.ts';
import { blankToUndefined, zDate, zLegalId, zText } from '../validation/fields.ts';
import { check, parseInput } from '../validation/parse.ts';
import { serviceOf } from './catalogue/index.ts';
import { notifyApplicant, notifyOffice, officePeople } from './notify.ts';
import { isApplicant, isDecider } from './request-access.ts';
import { type RequestStatus, recheck, requestByCode, STATUS_LABELS } from './requests.ts';
import { serviceFieldError } from './service-messages.ts';
import * as repo from './services.repository.ts';
import { formatTrackingCode } from './tracking-code.ts';

/**
 * The life of a request after submission (Open311's status with its history; GOV.UK's "what
 * happens next"): the office takes it up, may ask the applicant for more (the clock stops until
 * they answer), proposes approval, and a second officer confirms it (maker-checker) — or rejects
 * it, or answers it (complaints, general requests). Every step is an event with who, when and
 * why; every decision about a cooperative is a ledger entry of that cooperative.
 */

export const REQUEST_ACTIONS = [
  'take',
  'assign',
  'ask',
  'reply',
  'propose',
  'confirm',
  'return',
  'reject',
  'answer',
  'withdraw',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

type Rule = {
  by: 'decider' | 'applicant';
  from: readonly RequestStatus[];
  /** The new status; `undefined` keeps it (assignment), except that taking up a submitted request starts its review. */
  to?: RequestStatus;
  /** Whether a reason is required. */
  text: boolean;
  /** The services this action applies to: those decided by approval, or those answered. */
  outcome?: 'approve' | 'answer';
};

const RULES: Record<RequestAction, Rule> = {
  take: { by: 'decider', from: ['submitted', 'under_review', 'more_info', 'awaiting_approval'], text: false },
  assign: {
    by: 'decider',
    from: ['submitted', 'under_review', 'more_info', 'awaiting_approval'],
    text: false,
  },
  ask: { by: 'decider', from: ['submitted', 'under_review'], to: 'more_info', text: true },
  reply: { by: 'applicant', from: ['more_info'], to: 'under_review', text: true },
  propose: {
    by: 'decider',
    from: ['submitted', 'under_review'],
    to: 'awaiting_approval',
    text: false,
    outcome: 'approve',
  },
  confirm: { by: 'decider', from: ['awaiting_approval'], to: 'approved', text: false, outcome: 'approve' },
  return: { by: 'decider', from: ['awaiting_approval'], to: 'under_review', text: true, outcome: 'approve' },
  reject: {
    by: 'decider',
    from: ['submitted', 'under_review', 'awaiting_approval'],
    to: 'rejected',
    text: true,
    outcome: 'approve',
  },
  answer: {
    by: 'decider',
    from: ['submitted', 'under_review'],
    to: 'answered',
    text: true,
    outcome: 'answer',
  },
  withdraw: {
    by: 'applicant',
    from: ['submitted', 'under_review', 'more_info'],
    to: 'withdrawn',
    text: false,
  },
};

export const actionSchema = z
  .object({
    text: blankToUndefined(zText(4000)),
    assignee: z.number().int().positive().optional(),
  })
  .strict();

const MESSAGES: Partial<Record<RequestAction, (title: Bilingual, code: string) => Bilingual>> = {
  ask: (t, c) => ({
    fa: `برای درخواست «${t.fa}» (کد ${c}) اطلاعات بیشتری لازم است. لطفاً در سامانه پاسخ دهید. — سامانه تعاون`,
    en: `Your request "${t.en}" (${c}) needs more information. Please answer in Taavon.`,
  }),
  propose: (t, c) => ({
    fa: `درخواست «${t.fa}» (کد ${c}) بررسی شد و برای تأیید نهایی فرستاده شد. — سامانه تعاون`,
    en: `Your request "${t.en}" (${c}) was reviewed and sent for final approval.`,
  }),
  return: (t, c) => ({
    fa: `درخواست «${t.fa}» (کد ${c}) دوباره در حال بررسی است. — سامانه تعاون`,
    en: `Your request "${t.en}" (${c}) is under review again.`,
  }),
  confirm: (t, c) => ({
    fa: `با درخواست «${t.fa}» (کد ${c}) موافقت شد. — سامانه تعاون`,
    en: `Your request "${t.en}" (${c}) was approved.`,
  }),
  reject: (t, c) => ({
    fa: `درخواست «${t.fa}» (کد ${c}) رد شد. دلیل را در سامانه ببینید. — سامانه تعاون`,
    en: `Your request "${t.en}" (${c}) was rejected. See the reason in Taavon.`,
  }),
  answer: (t, c) => ({
    fa: `به درخواست «${t.fa}» (کد ${c}) پاسخ داده شد. — سامانه تعاون`,
    en: `Your request "${t.en}" (${c}) was answered.`,
  }),
  withdraw: (t, c) => ({
    fa: `درخواست «${t.fa}» (کد ${c}) به خواست شما بسته شد. — سامانه تعاون`,
    en: `Your request "${t.en}" (${c}) was withdrawn at your wish.`,
  }),
  take: (t, c) => ({
    fa: `بررسی درخواست «${t.fa}» (کد ${c}) آغاز شد. — سامانه تعاون`,
    en: `Review of your request "${t.en}" (${c}) has started.`,
  }),
};

const forbidden = (fa: string, en: string) => new AppError('FORBIDDEN', { message: { fa, en } });

/**
 * Use case: one step of a request's life by the applicant or the deciding office. Wrong person:
 * 403 (the applicant may never decide their own request; the officer who proposed an approval
 * may not confirm it). Wrong status: 409. A missing reason: 400 naming `text`.
 */
export async function actOnRequest(
  ctx: Context,
  actor: Actor,
  code: string,
  action: RequestAction,
  input: unknown,
) {
  const v = parseAction(action, input);

  return ctx.db.transaction().execute((tx) => act(tx, ctx, actor, code, action, v));
}

function parseAction(action: RequestAction, input: unknown) {
  const v = parseInput(actionSchema, input ?? {});
  if (RULES[action].text && v.text === undefined) {
    throw new AppError('INVALID_INPUT', { fields: [serviceFieldError('text', 'text_required')] });
  }

  return v;
}

async function act(
  tx: Executor,
  ctx: Context,
  actor: Actor,
  code: string,
  action: RequestAction,
  v: z.output<typeof actionSchema>,
) {
  const rule = RULES[action];
  const req = await requestByCode(tx, code, { forUpdate: true });
  const service = serviceOf(req.service_id);
  const applicant = isApplicant(actor, req);
  const decider = isDecider(actor, req);
  if (!applicant && !decider) throw new AppError('NOT_FOUND');
  if (rule.by === 'applicant' && !applicant)
    throw forbidden('این کار با متقاضی است', 'Only the applicant can do this');
  if (rule.by === 'decider') {
    if (applicant)
      throw forbidden(
        'متقاضی نمی‌تواند دربارهٔ درخواست خودش تصمیم بگیرد',
        'An applicant cannot decide their own request',
      );
    if (!decider)
      throw forbidden('این درخواست در کارتابل ادارهٔ شما نیست', "This request is not in your office's inbox");
  }
  if (rule.outcome !== undefined && rule.outcome !== service.outcome)
    throw new AppError('INVALID_TRANSITION');
  if (!rule.from.includes(req.status as RequestStatus)) throw new AppError('INVALID_TRANSITION');
  if (action === 'confirm' && req.proposed_by === actor.personId) {
    throw forbidden(
      'پیشنهاددهندهٔ موافقت نمی‌تواند آن را تأیید کند؛ تأیید با کارشناس دیگری است',
      'The officer who proposed the approval cannot confirm it; another officer must',
    );
  }

  const now = ctx.clock.now().toISOString();
  const today = ctx.clock.today();
  const from = req.status as RequestStatus;
  let to: RequestStatus = rule.to ?? from;
  const patch: Parameters<typeof repo.updateRequest>[2] = { updated_at: now };
  switch (action) {
    case 'take':
      patch.assigned_to = actor.personId;
      if (from === 'submitted') to = 'under_review';
      break;
    case 'assign': {
      const assignee = v.assignee;
      if (assignee === undefined)
        throw new AppError('INVALID_INPUT', {
          fields: [serviceFieldError('assignee', 'not_an_officer_here')],
        });
      const office = await officePeople(tx, req, { escalated: req.escalated_at !== null });
      if (!office.includes(assignee) || assignee === req.applicant_person_id) {
        throw new AppError('INVALID_INPUT', {
          fields: [serviceFieldError('assignee', 'not_an_officer_here')],
        });
      }
      patch.assigned_to = assignee;
      if (from === 'submitted') to = 'under_review';
      break;
    }
    case 'ask':
      patch.paused_on = today;
      break;
    case 'reply': {
      patch.answers = JSON.stringify(await recheck(tx, ctx, actor, req));
      // The clock stopped while the office waited for the applicant.
      if (req.paused_on !== null && req.due_on !== null) {
        patch.due_on = addDays(req.due_on, Math.max(0, daysBetween(req.paused_on, today)));
      }
      patch.paused_on = null;
      break;
    }
    case 'propose':
      patch.proposed_by = actor.personId;
      patch.proposal_text = v.text ?? null;
      break;
    case 'return':
      patch.proposed_by = null;
      patch.proposal_text = null;
      break;
  }
  if (to !== from) patch.status = to;
  await repo.updateRequest(tx, req.id, patch);
  await repo.insertEvent(tx, {
    request_id: req.id,
    action,
    from_status: from,
    to_status: to,
    person_id: actor.personId,
    text: v.text ?? null,
    at: now,
  });
  if (to === 'approved' || to === 'rejected' || to === 'answered') {
    await decide(tx, ctx, { ...req, ...patch, status: to } as repo.RequestRow, {
      decision: to,
      text: v.text ?? req.proposal_text,
      proposedBy: req.proposed_by ?? actor.personId,
      decidedBy: actor.personId,
      notify: false,
    });
  }
  const shown = toPersianDigits(formatTrackingCode(req.tracking_code));
  const message = MESSAGES[action];
  if (to !== from && message) {
    await notifyApplicant(tx, ctx, req.applicant_person_id, {
      subject: {
        fa: `درخواست ${shown}: ${STATUS_LABELS[to].fa}`,
        en: `Request ${formatTrackingCode(req.tracking_code)}: ${STATUS_LABELS[to].en}`,
      },
      body: message(service.title, shown),
    });
  }
  if (action === 'reply' || action === 'propose') {
    await notifyOffice(
      tx,
      ctx,
      req,
      {
        fa:
          action === 'reply'
            ? `متقاضی به درخواست ${shown} پاسخ داد`
            : `موافقت با درخواست ${shown} در انتظار تأیید شماست`,
        en:
          action === 'reply'
            ? `The applicant answered request ${shown}`
            : `Approval of request ${shown} awaits your confirmation`,
      },
      action === 'reply' && req.assigned_to !== null ? { only: [req.assigned_to] } : {},
    );
  }

  return { status: to };
}

/**
 * Records a decision: the service's effect on the register (for an approval), the decision row
 * and — when it concerns a cooperative — its ledger entry, all in the caller's transaction.
 */
export async function decide(
  tx: Executor,
  ctx: Context,
  req: repo.RequestRow,
  d: {
    decision: 'approved' | 'rejected' | 'answered';
    text: string | null;
    proposedBy: number | null;
    decidedBy: number | null;
    notify?: boolean;
  },
) {
  const service = serviceOf(req.service_id);
  const now = ctx.clock.now().toISOString();
  const answers = JSON.parse(req.answers) as Record<string, unknown>;
  const effect =
    d.decision === 'approved' && service.approve
      ? await service.approve(tx, ctx, {
          requestId: req.id,
          trackingCode: req.tracking_code,
          applicantPersonId: req.applicant_person_id,
          cooperativeId: req.cooperative_id,
          answers,
        })
      : {};
  const cooperativeId = typeof effect.cooperativeId === 'number' ? effect.cooperativeId : req.cooperative_id;
  await repo.updateRequest(tx, req.id, {
    status: d.decision,
    decided_at: now,
    cooperative_id: cooperativeId,
    result: JSON.stringify(effect),
    updated_at: now,
  });
  if (service.office === 'automatic') {
    await repo.insertEvent(tx, {
      request_id: req.id,
      action: 'issued',
      from_status: req.status,
      to_status: d.decision,
      person_id: null,
      text: null,
      at: now,
    });
  }
  const decisionId = await repo.insertDecision(tx, {
    request_id: req.id,
    cooperative_id: cooperativeId,
    decision: d.decision,
    text: d.text,
    proposed_by: d.proposedBy,
    decided_by: d.decidedBy,
    effect: JSON.stringify(effect),
    at: now,
  });
  if (cooperativeId !== null) await logSubject(tx, ctx, `service_decision:${decisionId}`);
  if (d.notify !== false) {
    const shown = toPersianDigits(formatTrackingCode(req.tracking_code));
    await notifyApplicant(tx, ctx, req.applicant_person_id, {
      subject: {
        fa: `درخواست ${shown}: ${STATUS_LABELS[d.decision].fa}`,
        en: `Request ${formatTrackingCode(req.tracking_code)}: ${STATUS_LABELS[d.decision].en}`,
      },
      body: {
        fa: `«${service.title.fa}» (کد ${shown}) صادر شد و در سامانه آماده است. — سامانه تعاون`,
        en: `"${service.title.en}" (${formatTrackingCode(req.tracking_code)}) is issued and ready in Taavon.`,
      },
    });
  }

  return effect;
}

const registrationSchema = z
  .object({ legalId: zLegalId, registrationNo: zText(40), registeredOn: zDate })
  .strict();

/**
 * Use case: the formation's last step — the companies registry registered the cooperative, and
 * the office records its legal national ID, registration number and date; it becomes active.
 */
export async function completeRegistration(ctx: Context, actor: Actor, code: string, input: unknown) {
  return ctx.db.transaction().execute(async (tx) => {
    const req = await requestByCode(tx, code, { forUpdate: true });
    if (!isDecider(actor, req)) throw new AppError(isApplicant(actor, req) ? 'FORBIDDEN' : 'NOT_FOUND');
    if (req.service_id !== 'formation' || req.status !== 'approved' || req.cooperative_id === null) {
      throw new AppError('INVALID_TRANSITION');
    }
    const parsed = check(registrationSchema, input);
    if (!parsed.ok) throw new AppError('INVALID_INPUT', { fields: parsed.fields });
    const v = parsed.value;
    if (v.registeredOn > ctx.clock.today()) {
      throw new AppError('INVALID_INPUT', { fields: [fieldError('registeredOn', 'date_future')] });
    }
    await changeCooperativeStatus.apply(tx, ctx, {
      key: String(req.cooperative_id),
      status: 'active',
      legalId: v.legalId,
      registrationNo: v.registrationNo,
      registeredOn: v.registeredOn,
    });
    const now = ctx.clock.now().toISOString();
    const result = {
      ...(JSON.parse(req.result ?? '{}') as object),
      legalId: v.legalId,
      registrationNo: v.registrationNo,
    };
    await repo.updateRequest(tx, req.id, { result: JSON.stringify(result), updated_at: now });
    await repo.insertEvent(tx, {
      request_id: req.id,
      action: 'registered',
      from_status: 'approved',
      to_status: 'approved',
      person_id: actor.personId,
      text: `${v.legalId} / ${v.registrationNo}`,
      at: now,
    });
    await notifyApplicant(tx, ctx, req.applicant_person_id, {
      subject: { fa: 'ثبت تعاونی کامل شد', en: 'Your cooperative is registered' },
      body: {
        fa: `تعاونی شما با شناسهٔ ملی ${toPersianDigits(v.legalId)} ثبت شد (تاریخ ثبت ${formatJalali(v.registeredOn)}). — سامانه تعاون`,
        en: `Your cooperative is registered with legal ID ${v.legalId} on ${v.registeredOn}.`,
      },
    });

    return { cooperativeId: req.cooperative_id, legalId: v.legalId };
  });
}

/**
 * Use case: take up or assign many requests from the inbox at once, in one transaction: all of
 * them, or (on the first refusal, which is reported) none.
 */
export async function bulkAct(
  ctx: Context,
  actor: Actor,
  codes: readonly string[],
  action: 'take' | 'assign',
  input: unknown,
) {
  const v = parseAction(action, input);

  return ctx.db.transaction().execute(async (tx) => {
    const results: Array<{ trackingCode: string; status: string }> = [];
    for (const code of codes)
      results.push({ trackingCode: code, ...(await act(tx, ctx, actor, code, action, v)) });

    return results;
  });
}

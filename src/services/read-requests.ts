import type { Actor } from '../access/index.ts';
import { daysBetween } from '../calendar/index.ts';
import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { parseNationalCode } from '../identifiers/index.ts';
import { SERVICES, serviceOf } from './catalogue/index.ts';
import { isApplicant, isDecider, mayRead } from './request-access.ts';
import {
  FINAL_STATUSES,
  OPEN_STATUSES,
  type RequestStatus,
  requestByCode,
  STATUS_LABELS,
} from './requests.ts';
import * as repo from './services.repository.ts';
import { REQUEST_ACTIONS, type RequestAction } from './workflow.ts';

/**
 * Reading requests: the applicant's list and page, the office's inbox and case page, the public
 * tracking page (tracking code plus the applicant's national code, which is never echoed), and
 * the public statistics per service.
 */

const ACTIONS_FOR: Record<
  'applicant' | 'office',
  Partial<Record<RequestStatus, readonly RequestAction[]>>
> = {
  applicant: {
    submitted: ['withdraw'],
    under_review: ['withdraw'],
    more_info: ['reply', 'withdraw'],
  },
  office: {
    submitted: ['take', 'assign', 'ask', 'propose', 'reject', 'answer'],
    under_review: ['take', 'assign', 'ask', 'propose', 'reject', 'answer'],
    more_info: ['take', 'assign'],
    awaiting_approval: ['confirm', 'return', 'reject', 'take', 'assign'],
  },
};

function allowedActions(actor: Actor, req: repo.RequestRow): RequestAction[] {
  const service = serviceOf(req.service_id);
  const out = new Set<RequestAction>();
  if (isApplicant(actor, req))
    for (const a of ACTIONS_FOR.applicant[req.status as RequestStatus] ?? []) out.add(a);
  if (!isApplicant(actor, req) && isDecider(actor, req)) {
    for (const a of ACTIONS_FOR.office[req.status as RequestStatus] ?? []) {
      if (
        (a === 'propose' || a === 'confirm' || a === 'return' || a === 'reject') &&
        service.outcome !== 'approve'
      )
        continue;
      if (a === 'answer' && service.outcome !== 'answer') continue;
      if (a === 'confirm' && req.proposed_by === actor.personId) continue;
      out.add(a);
    }
  }

  return REQUEST_ACTIONS.filter((a) => out.has(a));
}

/**
 * Lines of a list (the inbox, "my requests", a request's head): the cooperatives and assignees
 * they name are read in one query each, whatever the number of requests.
 */
export async function summarizeAll(db: Executor, ctx: Context, rows: readonly repo.RequestRow[]) {
  const ids = (pick: (r: repo.RequestRow) => number | null) =>
    rows.map(pick).filter((id): id is number => id !== null);
  const [coops, names] = await Promise.all([
    repo.cooperativeLabels(
      db,
      ids((r) => r.cooperative_id),
    ),
    repo.personNames(
      db,
      ids((r) => r.assigned_to),
    ),
  ]);
  const today = ctx.clock.today();

  return rows.map((req) => {
    const service = serviceOf(req.service_id);
    const coop = req.cooperative_id === null ? undefined : coops.get(req.cooperative_id);
    const answers = JSON.parse(req.answers) as Record<string, unknown>;
    const open = OPEN_STATUSES.includes(req.status as RequestStatus);

    return {
      trackingCode: req.tracking_code,
      service: { id: service.id, title: service.title },
      status: { code: req.status, label: STATUS_LABELS[req.status as RequestStatus] },
      subject:
        coop?.name ??
        (typeof answers.name === 'string'
          ? answers.name
          : typeof answers.subject === 'string'
            ? answers.subject
            : null),
      cooperative: coop ?? null,
      province:
        req.province_id === null ? null : (ctx.reference.provinceById(req.province_id)?.nameFa ?? null),
      county: req.county_id === null ? null : (ctx.reference.countyById(req.county_id)?.nameFa ?? null),
      office: req.office,
      submittedAt: req.submitted_at,
      dueOn: req.due_on,
      daysLeft:
        open && req.due_on !== null && req.status !== 'more_info' ? daysBetween(today, req.due_on) : null,
      overdue: open && req.status !== 'more_info' && req.due_on !== null && req.due_on < today,
      escalated: req.escalated_at !== null,
      decidedAt: req.decided_at,
      assignedTo:
        req.assigned_to === null ? null : { id: req.assigned_to, name: names.get(req.assigned_to) ?? null },
      updatedAt: req.updated_at,
    };
  });
}

/** Use case: a request's page, for its applicant or its office. */
export async function getRequest(ctx: Context, actor: Actor, code: string) {
  const req = await requestByCode(ctx.db, code);
  if (!mayRead(actor, req)) throw new AppError('NOT_FOUND');
  const service = serviceOf(req.service_id);
  const viewer: 'applicant' | 'office' = isApplicant(actor, req) ? 'applicant' : 'office';
  const [names, events, documents, certificate] = await Promise.all([
    repo.personNames(
      ctx.db,
      [req.proposed_by, req.applicant_person_id].filter((id): id is number => id !== null),
    ),
    repo.listEvents(ctx.db, req.id),
    repo.listDocuments(ctx.db, req.id),
    repo.findCertificateOfRequest(ctx.db, req.id),
  ]);

  const [head] = await summarizeAll(ctx.db, ctx, [req]);
  if (!head) throw new AppError('NOT_FOUND');

  return {
    ...head,
    viewer,
    answers: JSON.parse(req.answers) as Record<string, unknown>,
    proposal:
      req.proposed_by === null ? null : { by: names.get(req.proposed_by) ?? null, text: req.proposal_text },
    applicant: viewer === 'office' ? (names.get(req.applicant_person_id) ?? null) : null,
    result: req.result === null ? null : (JSON.parse(req.result) as Record<string, unknown>),
    events: events.map((e) => ({
      action: e.action,
      from: e.from_status,
      to: e.to_status,
      text: e.text,
      at: e.at,
      by:
        e.person_id === null
          ? null
          : e.person_id === req.applicant_person_id
            ? {
                role: 'applicant' as const,
                name: viewer === 'applicant' ? null : `${e.first_name} ${e.last_name}`,
              }
            : { role: 'office' as const, name: `${e.first_name} ${e.last_name}` },
    })),
    documents: documents.map((d) => ({
      id: d.id,
      requirement: d.requirement,
      name: d.display_name,
      mediaType: d.media_type,
      size: d.size,
      sha256: d.sha256,
      uploadedAt: d.created_at,
    })),
    certificate: certificate
      ? { code: certificate.code, kind: certificate.kind, validUntil: certificate.valid_until }
      : null,
    actions: allowedActions(actor, req),
    nextSteps: [...service.nextSteps],
  };
}

/** Use case: the signed-in person's requests, newest first. */
export async function listMyRequests(ctx: Context, actor: Actor) {
  const rows = await repo.listRequestsOfApplicant(ctx.db, actor.personId);

  return summarizeAll(ctx.db, ctx, rows);
}

export type InboxQuery = {
  status?: 'open' | 'final' | RequestStatus | undefined;
  service?: string | undefined;
  overdue?: boolean | undefined;
  assigned?: 'me' | 'none' | 'any' | undefined;
  province?: number | undefined;
  county?: number | undefined;
};

/**
 * Use case: the office's inbox — requests of the actor's regions (and complaints to the actor as
 * a cooperative's inspector), soonest deadline first, with filters.
 */
export async function listInbox(ctx: Context, actor: Actor, q: InboxQuery) {
  const statuses =
    q.status === undefined || q.status === 'open'
      ? OPEN_STATUSES
      : q.status === 'final'
        ? FINAL_STATUSES
        : [q.status];
  const assignedTo = q.assigned === 'me' ? actor.personId : q.assigned === 'none' ? null : undefined;
  const common = {
    statuses,
    serviceId: q.service,
    assignedTo,
    overdueOn: q.overdue ? ctx.clock.today() : undefined,
    limit: 500,
  };
  const rows = new Map<number, repo.RequestRow>();
  for (const s of actor.staff) {
    if (s.kind !== 'officer') continue;
    const provinceId = s.scope === 'nation' ? q.province : s.provinceId;
    const countyId = s.scope === 'county' ? s.countyId : q.county;
    if (q.province !== undefined && provinceId !== q.province) continue;
    if (q.county !== undefined && countyId !== q.county) continue;
    const offices = s.scope === 'county' ? ['county'] : ['county', 'province'];
    for (const r of await repo.listInbox(ctx.db, { ...common, offices, provinceId, countyId }))
      rows.set(r.id, r);
  }
  const inspected = [...actor.roles].filter(([, roles]) => roles.has('inspector')).map(([id]) => id);
  for (const r of await repo.listInspectorRequests(ctx.db, inspected)) {
    if (!statuses.includes(r.status as RequestStatus)) continue;
    if (q.service !== undefined && r.service_id !== q.service) continue;
    rows.set(r.id, r);
  }
  const list = [...rows.values()]
    .filter((r) => r.applicant_person_id !== actor.personId && isDecider(actor, r))
    .sort((a, b) => (a.due_on ?? '9').localeCompare(b.due_on ?? '9') || a.id - b.id);

  return summarizeAll(ctx.db, ctx, list);
}

/**
 * Use case: the public tracking page. The tracking code and the applicant's national code must
 * both match (else the same NOT_FOUND), and the answer carries no name, text or identifier.
 */
export async function trackRequest(ctx: Context, input: { trackingCode: string; nationalCode: string }) {
  const req = await requestByCode(ctx.db, input.trackingCode);
  const national = parseNationalCode(input.nationalCode);
  const applicant = await repo.personName(ctx.db, req.applicant_person_id);
  if (!national.ok || !applicant || applicant.national_code !== national.value || req.status === 'draft') {
    throw new AppError('NOT_FOUND', {
      message: {
        fa: 'درخواستی با این کد پیگیری و کد ملی پیدا نشد',
        en: 'No request matches this tracking code and national code',
      },
    });
  }
  const service = serviceOf(req.service_id);
  const events = await repo.listEvents(ctx.db, req.id);

  return {
    trackingCode: req.tracking_code,
    service: { id: service.id, title: service.title },
    status: { code: req.status, label: STATUS_LABELS[req.status as RequestStatus] },
    submittedAt: req.submitted_at,
    dueOn: req.due_on,
    decidedAt: req.decided_at,
    nextSteps: [...service.nextSteps],
    events: events
      .filter((e) => e.from_status !== e.to_status || e.action === 'registered')
      .map((e) => ({ action: e.action, to: e.to_status, at: e.at })),
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);

  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Use case: public statistics per service (open data): requests submitted, decided, median days
 * from submission to decision, and the share decided by the due date.
 */
export async function serviceStatistics(ctx: Context) {
  const rows = await repo.listForStatistics(ctx.db);

  return SERVICES.map((s) => {
    const mine = rows.filter((r) => r.service_id === s.id);
    const decided = mine.filter((r) => r.decided_at !== null && r.submitted_at !== null);
    const days = decided.map(
      (r) => (Date.parse(r.decided_at as string) - Date.parse(r.submitted_at as string)) / 86_400_000,
    );
    const inTime = decided.filter(
      (r) => r.due_on === null || (r.decided_at as string).slice(0, 10) <= r.due_on,
    ).length;

    return {
      serviceId: s.id,
      title: s.title,
      submitted: mine.length,
      open: mine.filter((r) => OPEN_STATUSES.includes(r.status as RequestStatus)).length,
      decided: decided.length,
      medianDaysToDecision: (() => {
        const m = median(days);
        return m === null ? null : Math.round(m * 10) / 10;
      })(),
      decidedInTimeShare: decided.length === 0 ? null : Math.round((inTime / decided.length) * 1000) / 1000,
    };
  });
}

/**
 * Use case: whom an officer may assign requests to — the officers of the offices of their regions
 * (a county's and its province's for a county officer; the province's and its counties' for a
 * province officer; the nation's for a national one). Names only; empty for anyone else.
 */
export async function listColleagues(ctx: Context, actor: Actor) {
  const ids = new Set<number>();
  for (const s of actor.staff) {
    if (s.kind !== 'officer') continue;
    for (const id of await repo.officersOfRegion(ctx.db, s)) ids.add(id);
  }
  const names = await repo.personNames(ctx.db, [...ids]);

  return [...names].map(([id, name]) => ({ id, name })).sort((x, y) => x.name.localeCompare(y.name, 'fa'));
}

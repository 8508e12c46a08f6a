import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../access/index.ts';
import type { Context } from '../context/context.ts';
import { AppError } from '../errors/app-error.ts';
import { fieldError } from '../errors/field-messages.ts';
import type { ResolveActor } from '../http/cooperative-access.ts';
import { attachmentHeader, downloadHeaders } from '../storage/index.ts';
import { SERVICES, serviceOf } from './catalogue/index.ts';
import type { ServiceDefinition } from './definition.ts';
import { DEFAULT_MAX_UPLOAD_BYTES, downloadDocument, removeDocument, uploadDocument } from './documents.ts';
import { certificatePdf, receiptPdf, verifyCertificate } from './printouts.ts';
import {
  getRequest,
  listColleagues,
  listInbox,
  listMyRequests,
  serviceStatistics,
  trackRequest,
} from './read-requests.ts';
import { REQUEST_STATUSES, saveAnswers, startRequest, submitRequest } from './requests.ts';
import { actOnRequest, bulkAct, completeRegistration, REQUEST_ACTIONS } from './workflow.ts';

const bilingual = z.object({ fa: z.string(), en: z.string() });
const codeParams = z.object({ code: z.string().min(1).max(40) });
const anyJson = z.any();

const summarySchema = z.object({
  trackingCode: z.string(),
  service: z.object({ id: z.string(), title: bilingual }),
  status: z.object({ code: z.string(), label: bilingual }),
  subject: z.string().nullable(),
  cooperative: z
    .object({ id: z.number().int(), name: z.string(), legalId: z.string().nullable() })
    .nullable(),
  province: z.string().nullable(),
  county: z.string().nullable(),
  office: z.string(),
  submittedAt: z.string().nullable(),
  dueOn: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
  overdue: z.boolean(),
  escalated: z.boolean(),
  decidedAt: z.string().nullable(),
  assignedTo: z.object({ id: z.number().int(), name: z.string().nullable() }).nullable(),
  updatedAt: z.string(),
});

const requestSchema = summarySchema.extend({
  viewer: z.enum(['applicant', 'office']),
  answers: z.record(z.string(), anyJson),
  proposal: z.object({ by: z.string().nullable(), text: z.string().nullable() }).nullable(),
  applicant: z.string().nullable(),
  result: z.record(z.string(), anyJson).nullable(),
  events: z.array(
    z.object({
      action: z.string(),
      from: z.string().nullable(),
      to: z.string(),
      text: z.string().nullable(),
      at: z.string(),
      by: z.object({ role: z.enum(['applicant', 'office']), name: z.string().nullable() }).nullable(),
    }),
  ),
  documents: z.array(
    z.object({
      id: z.number().int(),
      requirement: z.string(),
      name: z.string(),
      mediaType: z.string(),
      size: z.number().int(),
      sha256: z.string(),
      uploadedAt: z.string(),
    }),
  ),
  certificate: z.object({ code: z.string(), kind: z.string(), validUntil: z.string() }).nullable(),
  actions: z.array(z.enum(REQUEST_ACTIONS)),
  nextSteps: z.array(bilingual),
});

const serviceSummarySchema = z.object({
  id: z.string(),
  group: z.string(),
  title: bilingual,
  summary: bilingual,
  applicant: z.string(),
  office: z.string(),
  outcome: z.string(),
  concernsCooperative: z.string(),
  timeLimitDays: z.number().int(),
});

const serviceSchema = serviceSummarySchema.extend({
  nextSteps: z.array(bilingual),
  sections: z.array(z.object({ id: z.string(), title: bilingual, questions: z.array(anyJson) })),
  documents: z.array(
    z.object({
      id: z.string(),
      label: bilingual,
      hint: bilingual.optional(),
      optional: z.boolean().optional(),
    }),
  ),
});

function presentSummary(s: ServiceDefinition) {
  return {
    id: s.id,
    group: s.group,
    title: s.title,
    summary: s.summary,
    applicant: s.applicant,
    office: s.office,
    outcome: s.outcome,
    concernsCooperative: s.concernsCooperative,
    timeLimitDays: s.timeLimitDays,
  };
}

function presentService(s: ServiceDefinition) {
  return {
    ...presentSummary(s),
    nextSteps: [...s.nextSteps],
    sections: s.sections.map((x) => ({ ...x, questions: [...x.questions] })),
    documents: [...s.documents],
  };
}

const inboxQuery = z
  .object({
    status: z.enum(['open', 'final', ...REQUEST_STATUSES]).optional(),
    service: z.string().max(40).optional(),
    overdue: z.enum(['true', 'false']).optional(),
    assigned: z.enum(['me', 'none', 'any']).optional(),
    /** A province by code (as the reference list names them, e.g. IR-07) or id. */
    province: z.string().max(20).optional(),
    county: z.coerce.number().int().positive().optional(),
  })
  .strict();

/**
 * The single window over HTTP. Public: the catalogue, each service's questions, the statistics,
 * tracking by code plus national code (POST, so the national code never sits in a URL).
 * Signed-in: start, answer, submit, follow and act on requests; the office's inbox. Every use
 * case checks who may act on the request itself; routes only find out who is asking.
 */
export function servicesRoutes(
  ctx: Context,
  resolveActor: ResolveActor,
  options: { maxUploadBytes?: number } = {},
): FastifyPluginAsyncZod {
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const signedIn = async (request: FastifyRequest): Promise<Actor> => {
    const actor = await resolveActor(request);
    if (!actor) throw new AppError('UNAUTHORIZED');

    return actor;
  };

  return async (app) => {
    app.get(
      '/services',
      {
        schema: {
          tags: ['services'],
          summary: 'The catalogue of services of the single window (public)',
          response: { 200: z.object({ items: z.array(serviceSummarySchema) }) },
        },
      },
      async () => ({ items: SERVICES.map(presentSummary) }),
    );

    app.get(
      '/services/statistics',
      {
        schema: {
          tags: ['services'],
          summary:
            'Per service: requests submitted, open and decided, median days to a decision, share decided in time (public)',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  serviceId: z.string(),
                  title: bilingual,
                  submitted: z.number().int(),
                  open: z.number().int(),
                  decided: z.number().int(),
                  medianDaysToDecision: z.number().nullable(),
                  decidedInTimeShare: z.number().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async () => ({ items: await serviceStatistics(ctx) }),
    );

    app.get(
      '/services/:serviceId',
      {
        schema: {
          tags: ['services'],
          summary: "A service's questions, documents, office, time limit and next steps (public)",
          params: z.object({ serviceId: z.string().max(40) }),
          response: { 200: serviceSchema },
        },
      },
      async (request) => presentService(serviceOf(request.params.serviceId)),
    );

    app.post(
      '/requests/track',
      {
        schema: {
          tags: ['services'],
          summary:
            "A request's status by tracking code and the applicant's national code (public; no names or texts)",
          body: z.object({ trackingCode: z.string().max(40), nationalCode: z.string().max(20) }).strict(),
          response: {
            200: z.object({
              trackingCode: z.string(),
              service: z.object({ id: z.string(), title: bilingual }),
              status: z.object({ code: z.string(), label: bilingual }),
              submittedAt: z.string().nullable(),
              dueOn: z.string().nullable(),
              decidedAt: z.string().nullable(),
              nextSteps: z.array(bilingual),
              events: z.array(z.object({ action: z.string(), to: z.string(), at: z.string() })),
            }),
          },
        },
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (request, reply) =>
        reply.header('cache-control', 'no-store').send(await trackRequest(ctx, request.body)),
    );

    app.post(
      '/requests',
      {
        schema: {
          tags: ['services'],
          summary: 'Start an application (a draft with its tracking code); answers may be given now or later',
          body: z
            .object({ serviceId: z.string().max(40), answers: z.record(z.string(), anyJson).optional() })
            .strict(),
          response: { 201: z.object({ trackingCode: z.string() }) },
        },
      },
      async (request, reply) => {
        const actor = await signedIn(request);

        return reply.code(201).send(await startRequest(ctx, actor, request.body));
      },
    );

    app.get(
      '/me/requests',
      {
        schema: {
          tags: ['services'],
          summary: "The signed-in person's requests, newest first",
          response: { 200: z.object({ items: z.array(summarySchema) }) },
        },
      },
      async (request, reply) => {
        const actor = await signedIn(request);

        return reply.header('cache-control', 'no-store').send({ items: await listMyRequests(ctx, actor) });
      },
    );

    app.get(
      '/requests/:code',
      {
        schema: {
          tags: ['services'],
          summary:
            'A request with its answers, documents, history and the actions open to the caller (applicant or deciding office)',
          params: codeParams,
          response: { 200: requestSchema },
        },
      },
      async (request, reply) => {
        const actor = await signedIn(request);

        return reply
          .header('cache-control', 'no-store')
          .send(await getRequest(ctx, actor, request.params.code));
      },
    );

    app.patch(
      '/requests/:code/answers',
      {
        schema: {
          tags: ['services'],
          summary: 'Save answers of a draft (each checked as given; blank removes an answer)',
          params: codeParams,
          body: z.record(z.string(), anyJson),
          response: { 200: z.object({ ok: z.literal(true) }) },
        },
      },
      async (request) => {
        const actor = await signedIn(request);
        await saveAnswers(ctx, actor, request.params.code, request.body);

        return { ok: true as const };
      },
    );

    app.post(
      '/requests/:code/submit',
      {
        schema: {
          tags: ['services'],
          summary: 'Submit a draft: every missing or invalid answer and document is reported at once',
          params: codeParams,
          response: { 200: z.object({ trackingCode: z.string(), dueOn: z.string().nullable() }) },
        },
      },
      async (request) => {
        const actor = await signedIn(request);

        return submitRequest(ctx, actor, request.params.code);
      },
    );

    app.post(
      '/requests/:code/actions/:action',
      {
        schema: {
          tags: ['services'],
          summary:
            'One step: take, assign, ask for more, reply, propose approval, confirm (another officer), return, reject, answer, withdraw',
          params: codeParams.extend({ action: z.enum(REQUEST_ACTIONS) }),
          body: z
            .object({ text: z.string().optional(), assignee: z.number().int().optional() })
            .strict()
            .optional(),
          response: { 200: z.object({ status: z.string() }) },
        },
      },
      async (request) => {
        const actor = await signedIn(request);

        return actOnRequest(ctx, actor, request.params.code, request.params.action, request.body ?? {});
      },
    );

    app.post(
      '/requests/:code/registration',
      {
        schema: {
          tags: ['services'],
          summary:
            "A formation's last step: the cooperative's legal ID, registration number and date (the office)",
          params: codeParams,
          body: z.record(z.string(), anyJson),
          response: { 200: z.object({ cooperativeId: z.number().int(), legalId: z.string() }) },
        },
      },
      async (request) => {
        const actor = await signedIn(request);

        return completeRegistration(ctx, actor, request.params.code, request.body);
      },
    );

    // Uploads: the raw file as the body, whatever its declared type (the content decides), its
    // name percent-encoded in X-File-Name. Its own scope, so the catch-all parser stays here.
    await app.register(async (instance) => {
      const uploads = instance.withTypeProvider<ZodTypeProvider>();
      // Every body is the file's bytes here, whatever type it claims (text/plain and JSON too).
      uploads.removeAllContentTypeParsers();
      uploads.addContentTypeParser(
        '*',
        { parseAs: 'buffer', bodyLimit: maxUploadBytes + 1 },
        (_req, body, done) => done(null, body),
      );
      uploads.post(
        '/requests/:code/documents/:requirement',
        {
          bodyLimit: maxUploadBytes + 1,
          // An expensive route: its own, lower limit per client (research/security.md T22).
          config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
          schema: {
            tags: ['services'],
            summary:
              'Upload a document the service asks for (PDF, PNG or JPEG by content; size limit; stored under a random name with its SHA-256)',
            params: codeParams.extend({ requirement: z.string().max(40) }),
            headers: z.object({ 'x-file-name': z.string().max(1000).optional() }).passthrough(),
            response: {
              201: z.object({
                id: z.number().int(),
                requirement: z.string(),
                name: z.string(),
                mediaType: z.string(),
                size: z.number().int(),
                sha256: z.string(),
                uploadedAt: z.string(),
              }),
            },
          },
        },
        async (request, reply) => {
          const actor = await signedIn(request);
          const body = request.body;
          const bytes = Buffer.isBuffer(body) ? new Uint8Array(body) : new Uint8Array();
          let name = 'document';
          try {
            name = decodeURIComponent(String(request.headers['x-file-name'] ?? 'document'));
          } catch {
            name = 'document';
          }
          const doc = await uploadDocument(ctx, actor, {
            code: request.params.code,
            requirement: request.params.requirement,
            name,
            bytes,
            maxBytes: maxUploadBytes,
          });

          return reply.code(201).send(doc);
        },
      );
    });

    app.get(
      '/requests/:code/documents/:id',
      {
        schema: {
          tags: ['services'],
          summary: 'A document, as an attachment with nosniff (applicant and deciding office)',
          params: codeParams.extend({
            id: z.coerce
              .number()
              .int()
              .positive()
              .max(2 ** 31),
          }),
        },
      },
      async (request, reply) => {
        const actor = await signedIn(request);
        const doc = await downloadDocument(ctx, actor, request.params.code, request.params.id);

        return reply.headers(downloadHeaders(doc.name, doc.mediaType)).send(Buffer.from(doc.bytes));
      },
    );

    app.delete(
      '/requests/:code/documents/:id',
      {
        schema: {
          tags: ['services'],
          summary: 'Remove a document from a draft (the applicant)',
          params: codeParams.extend({
            id: z.coerce
              .number()
              .int()
              .positive()
              .max(2 ** 31),
          }),
          response: { 200: z.object({ ok: z.literal(true) }) },
        },
      },
      async (request) => {
        const actor = await signedIn(request);
        await removeDocument(ctx, actor, request.params.code, request.params.id);

        return { ok: true as const };
      },
    );

    const baseUrl = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
    const pdf = (reply: import('fastify').FastifyReply, name: string, bytes: Buffer, cache: string) =>
      reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', attachmentHeader(name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', cache)
        .send(bytes);

    app.get(
      '/requests/:code/receipt.pdf',
      {
        schema: {
          tags: ['services'],
          summary: 'The receipt of a submitted request as a PDF (applicant and deciding office)',
          params: codeParams,
        },
      },
      async (request, reply) => {
        const actor = await signedIn(request);
        const bytes = await receiptPdf(ctx, actor, request.params.code, baseUrl(request));

        return pdf(reply, `receipt-${request.params.code}.pdf`, bytes, 'private, no-store');
      },
    );

    app.get(
      '/certificates/:code',
      {
        schema: {
          tags: ['services'],
          summary:
            'Check a certificate by its verification code (public): what it states and whether it is still valid',
          params: z.object({ code: z.string().max(40) }),
          response: {
            200: z.object({
              code: z.string(),
              kind: z.string(),
              issuedAt: z.string(),
              validUntil: z.string(),
              valid: z.boolean(),
              cooperative: z.object({
                name: z.string(),
                legalId: z.string().nullable(),
                registrationNo: z.string().nullable(),
                province: z.string(),
                county: z.string(),
                status: z.string(),
              }),
              member: z
                .object({
                  fullName: z.string(),
                  memberNo: z.string(),
                  joinedOn: z.string(),
                  shares: z.number(),
                })
                .nullable(),
              checks: z.array(z.string()),
            }),
          },
        },
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (request, reply) =>
        reply.header('cache-control', 'no-store').send(await verifyCertificate(ctx, request.params.code)),
    );

    app.get(
      '/certificates/:code/pdf',
      {
        schema: {
          tags: ['services'],
          summary: 'A certificate as a PDF, by its verification code (public: the code is the key)',
          params: z.object({ code: z.string().max(40) }),
        },
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const bytes = await certificatePdf(ctx, request.params.code, baseUrl(request));

        return pdf(reply, `certificate-${request.params.code}.pdf`, bytes, 'private, no-store');
      },
    );

    app.get(
      '/inbox',
      {
        schema: {
          tags: ['services'],
          summary:
            "The office's inbox: requests of the caller's regions (and complaints to them as inspector), soonest deadline first",
          querystring: inboxQuery,
          response: { 200: z.object({ items: z.array(summarySchema) }) },
        },
      },
      async (request, reply) => {
        const actor = await signedIn(request);
        const q = request.query;
        const province = q.province === undefined ? undefined : ctx.reference.findProvince(q.province);
        if (q.province !== undefined && !province) {
          throw new AppError('INVALID_INPUT', { fields: [fieldError('province', 'unknown_province')] });
        }
        const items = await listInbox(ctx, actor, {
          status: q.status,
          service: q.service,
          overdue: q.overdue === 'true' ? true : undefined,
          assigned: q.assigned,
          province: province?.id,
          county: q.county,
        });

        return reply.header('cache-control', 'no-store').send({ items });
      },
    );

    app.get(
      '/inbox/officers',
      {
        schema: {
          tags: ['services'],
          summary: "The officers of the caller's regions, to assign requests to (ministry officers only)",
          response: {
            200: z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string() })) }),
          },
        },
      },
      async (request, reply) => {
        const actor = await signedIn(request);

        return reply.header('cache-control', 'no-store').send({ items: await listColleagues(ctx, actor) });
      },
    );

    app.post(
      '/inbox/bulk',
      {
        schema: {
          tags: ['services'],
          summary: 'Take up or assign many requests at once (all or none)',
          body: z
            .object({
              codes: z.array(z.string().max(40)).min(1).max(200),
              action: z.enum(['take', 'assign']),
              assignee: z.number().int().optional(),
            })
            .strict(),
          response: {
            200: z.object({ items: z.array(z.object({ trackingCode: z.string(), status: z.string() })) }),
          },
        },
      },
      async (request) => {
        const actor = await signedIn(request);
        const { codes, action, assignee } = request.body;

        return {
          items: await bulkAct(ctx, actor, codes, action, assignee === undefined ? {} : { assignee }),
        };
      },
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../access/index.ts';
import type { Context } from '../context/context.ts';
import { runWrite, type Write } from '../context/write.ts';
import { AppError } from '../errors/app-error.ts';
import { fieldErrorFromIssue } from '../errors/field-messages.ts';
import { cooperativeAuthorizer, type OnDenied, type ResolveActor } from '../http/cooperative-access.ts';
import {
  contractSchema,
  correctionSchema,
  inspectorReportSchema,
  paymentSchema,
  resolutionSchema,
  shareMovementSchema,
  statementSchema,
} from './books.schemas.ts';
import { BOOKS_IMPORT_KINDS, importBooks } from './import-books.ts';
import {
  listBoard,
  listPaymentsWithApprovals,
  listRecentContracts,
  listRecentResolutions,
} from './read-books.ts';
import {
  approvePayment,
  type Recorded,
  recordContract,
  recordCorrection,
  recordInspectorReport,
  recordPayment,
  recordResolution,
  recordShareMovement,
  recordStatement,
} from './record-books.ts';

const legalIdParams = z.object({ legalId: z.string().regex(/^\d{11}$/) });
const scopeKeys = { cooperativeLegalId: true, actorPersonId: true } as const;

const recordedSchema = z.object({
  ok: z.literal(true),
  id: z.number().int(),
  entry: z.object({ index: z.number().int(), leafHash: z.string() }),
  receipt: z.object({
    origin: z.string(),
    firstIndex: z.number().int(),
    leafHashes: z.array(z.string()),
    keyId: z.string(),
    signature: z.string(),
  }),
});

type AnyWrite = Write<never, Recorded>;

/** The largest CSV the import route reads (the rest of the API keeps the server's 1 MB). */
export const BOOKS_IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

const importQuery = z
  .object({
    kind: z.enum(BOOKS_IMPORT_KINDS),
    partial: z.enum(['true', 'false']).default('false'),
  })
  .strict();

const bilingual = z.object({ fa: z.string(), en: z.string() });
const importFieldSchema = z.object({ column: z.string(), code: z.string(), message: bilingual });
const importReportShape = {
  kind: z.enum(BOOKS_IMPORT_KINDS),
  rows: z.number().int(),
  accepted: z.number().int(),
  rejected: z.array(
    z.object({
      row: z.number().int(),
      externalId: z.string().nullable(),
      fields: z.array(importFieldSchema),
    }),
  ),
  committed: z.boolean(),
  firstIndex: z.number().int().nullable(),
  lastIndex: z.number().int().nullable(),
};
/**
 * Every 400 of the import route: IMPORT_REJECTED with the report, or another problem (a bad
 * query, a body that is not CSV) with its fields — one schema serialises both.
 */
const importProblemSchema = z
  .object(importReportShape)
  .partial()
  .extend({
    type: z.string(),
    status: z.number().int(),
    code: z.string(),
    title: z.string(),
    message: bilingual,
    fields: z.array(z.object({ path: z.string(), code: z.string(), message: bilingual })),
  });

const IMPORT_REJECTED = {
  fa: 'هیچ ردیفی وارد نشد؛ ردیف‌های ردشده و ستون‌های نادرست هر کدام در گزارش آمده است',
  en: 'Nothing was imported; the report names every rejected row and column',
};
const NOT_CSV = {
  fa: 'پروندهٔ CSV را به‌عنوان بدنهٔ درخواست با نوع محتوای text/csv بفرستید',
  en: 'Send the CSV file as the request body, with Content-Type: text/csv',
};

const WRITES: Array<{ path: string; action: Action; body: z.ZodType; write: AnyWrite }> = [
  {
    path: 'resolutions',
    action: 'books.record',
    body: resolutionSchema.omit(scopeKeys),
    write: recordResolution as AnyWrite,
  },
  {
    path: 'contracts',
    action: 'books.record',
    body: contractSchema.omit({ ...scopeKeys, recordedOn: true, resolutionRef: true }),
    write: recordContract as AnyWrite,
  },
  {
    path: 'payments',
    action: 'books.record',
    body: paymentSchema.omit({ ...scopeKeys, recordedOn: true, resolutionRef: true }),
    write: recordPayment as AnyWrite,
  },
  {
    path: 'statements',
    action: 'books.record',
    body: statementSchema.omit(scopeKeys),
    write: recordStatement as AnyWrite,
  },
  {
    path: 'share-movements',
    action: 'books.record',
    body: shareMovementSchema.omit(scopeKeys),
    write: recordShareMovement as AnyWrite,
  },
  {
    path: 'corrections',
    action: 'books.record',
    body: correctionSchema.omit(scopeKeys),
    write: recordCorrection as AnyWrite,
  },
  {
    path: 'inspector-reports',
    action: 'books.record_inspector_report',
    body: inspectorReportSchema.omit(scopeKeys),
    write: recordInspectorReport as AnyWrite,
  },
];

/**
 * What managers record — resolutions, contracts, payments and their approvals, statements,
 * share movements, corrections — and the inspector's report. Each write appends its ledger
 * entry in its own transaction and answers with the entry and its signed receipt. The body never
 * names the cooperative (the path does) nor the author (the session does); live records cannot
 * carry `recordedOn` or an external resolution reference — only imported books can.
 */
export function booksRoutes(
  ctx: Context,
  resolveActor: ResolveActor,
  onDenied: OnDenied,
): FastifyPluginAsyncZod {
  const authorize = cooperativeAuthorizer(ctx, resolveActor, onDenied);
  const respond = (r: Recorded) => ({ ok: true as const, id: r.id, entry: r.entry, receipt: r.receipt });

  return async (app) => {
    // CSV bodies as text, for the import route; registered here, so only this plugin accepts them.
    app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    app.post(
      '/cooperatives/:legalId/books/import',
      {
        bodyLimit: BOOKS_IMPORT_BODY_LIMIT,
        // Authorisation comes first; the query and the body are checked after it, in the handler.
        attachValidation: true,
        schema: {
          tags: ['books'],
          summary:
            'Import existing payments and receipts, or contracts, from a CSV body (text/csv; docs/import-books.md); all or nothing unless partial=true; entries appended in date order (policy: books.record)',
          consumes: ['text/csv'],
          params: legalIdParams,
          querystring: importQuery,
          body: z.string(),
          response: { 201: z.object(importReportShape), 400: importProblemSchema },
        },
      },
      async (request, reply) => {
        const { legalId } = request.params;
        const { actor } = await authorize(request, 'books.record', legalId);
        const query = importQuery.safeParse(request.query);
        if (!query.success) {
          throw new AppError('INVALID_INPUT', {
            fields: query.error.issues.flatMap((issue) => fieldErrorFromIssue(issue)),
          });
        }
        if (typeof request.body !== 'string') throw new AppError('INVALID_INPUT', { message: NOT_CSV });
        const report = await importBooks(ctx, {
          cooperativeLegalId: legalId,
          kind: query.data.kind,
          csv: request.body,
          partial: query.data.partial === 'true',
          actorPersonId: actor.personId,
        });
        if (report.committed) return reply.status(201).send(report);

        return reply
          .status(400)
          .type('application/problem+json')
          .send({
            type: 'about:blank',
            status: 400,
            code: 'IMPORT_REJECTED',
            title: IMPORT_REJECTED.en,
            message: IMPORT_REJECTED,
            fields: [],
            ...report,
          });
      },
    );

    for (const { path, action, body, write } of WRITES) {
      app.post(
        `/cooperatives/:legalId/books/${path}`,
        {
          // The use case validates the body itself, reporting schema errors and the rules that
          // need today's date together; the schema here documents it and shapes nothing.
          attachValidation: true,
          schema: {
            tags: ['books'],
            summary: `Record ${path} (policy: ${action}); appends a ledger entry`,
            params: legalIdParams,
            body,
            response: { 201: recordedSchema },
          },
        },
        async (request, reply) => {
          const { legalId } = request.params;
          const { actor } = await authorize(request, action, legalId);
          const recorded = await runWrite(write, ctx, {
            ...(request.body as object),
            cooperativeLegalId: legalId,
            actorPersonId: actor.personId,
          });

          return reply.status(201).send(respond(recorded));
        },
      );
    }

    app.post(
      '/cooperatives/:legalId/books/payments/:paymentId/approvals',
      {
        schema: {
          tags: ['books'],
          summary: 'Sign off a payment as a director (policy: books.approve_payment; never its author)',
          params: legalIdParams.extend({
            paymentId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
          }),
          body: z.object({}).strict().optional(),
          response: { 201: recordedSchema },
        },
      },
      async (request, reply) => {
        const { legalId, paymentId } = request.params;
        const { actor } = await authorize(request, 'books.approve_payment', legalId);
        const recorded = await runWrite(approvePayment, ctx, {
          cooperativeLegalId: legalId,
          actorPersonId: actor.personId,
          paymentId,
        });

        return reply.status(201).send(respond(recorded));
      },
    );

    app.get(
      '/cooperatives/:legalId/books/board',
      {
        schema: {
          tags: ['books'],
          summary: 'Directors who vote on board resolutions now (policy: ledger.read)',
          params: legalIdParams,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  officerId: z.number().int(),
                  name: z.string(),
                  role: z.string(),
                  position: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request, reply) => {
        const { coop } = await authorize(request, 'ledger.read', request.params.legalId);

        return reply.header('cache-control', 'no-store').send({ items: await listBoard(ctx, coop.id) });
      },
    );

    app.get(
      '/cooperatives/:legalId/books/resolutions',
      {
        schema: {
          tags: ['books'],
          summary: 'Recent resolutions, to cite as authority (policy: ledger.read)',
          params: legalIdParams,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.number().int(),
                  number: z.string(),
                  meetingOn: z.string(),
                  motion: z.string(),
                  outcome: z.string(),
                  body: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request, reply) => {
        const { coop } = await authorize(request, 'ledger.read', request.params.legalId);

        return reply
          .header('cache-control', 'no-store')
          .send({ items: await listRecentResolutions(ctx, coop.id) });
      },
    );

    app.get(
      '/cooperatives/:legalId/books/contracts',
      {
        schema: {
          tags: ['books'],
          summary: 'Recent contracts, for a payment to name (policy: ledger.read)',
          params: legalIdParams,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.number().int(),
                  title: z.string(),
                  partyName: z.string(),
                  amountRials: z.number().int(),
                  startsOn: z.string(),
                  endsOn: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request, reply) => {
        const { coop } = await authorize(request, 'ledger.read', request.params.legalId);

        return reply
          .header('cache-control', 'no-store')
          .send({ items: await listRecentContracts(ctx, coop.id) });
      },
    );

    app.get(
      '/cooperatives/:legalId/books/payments',
      {
        schema: {
          tags: ['books'],
          summary:
            'Payments with their sign-offs; `status=pending` for those awaiting approval (policy: ledger.read)',
          params: legalIdParams,
          querystring: z.object({ status: z.enum(['pending', 'all']).optional() }).strict(),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.number().int(),
                  direction: z.string(),
                  partyName: z.string(),
                  amountRials: z.number().int(),
                  paidOn: z.string(),
                  category: z.string(),
                  requiredApprovals: z.number().int(),
                  approvals: z.array(z.object({ name: z.string(), approvedAt: z.string() })),
                  approved: z.boolean(),
                  recordedByMe: z.boolean(),
                }),
              ),
            }),
          },
        },
      },
      async (request, reply) => {
        const { coop, actor } = await authorize(request, 'ledger.read', request.params.legalId);
        const items = await listPaymentsWithApprovals(ctx, coop.id, actor.personId);

        return reply
          .header('cache-control', 'no-store')
          .send({ items: request.query.status === 'pending' ? items.filter((p) => !p.approved) : items });
      },
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../context/context.ts';
import { AppError } from '../errors/app-error.ts';
import { cooperativeAuthorizer, type OnDenied, type ResolveActor } from '../http/cooperative-access.ts';
import { auditRequest } from '../http/plugins/session.ts';
import * as registry from '../registry/registry.repository.ts';
import { zInt, zRials } from '../validation/fields.ts';
import { parseInput } from '../validation/parse.ts';
import { consistencyProof } from './checkpoints.ts';
import { ENTRY_KINDS } from './entry.ts';
import { listWitnessKeys } from './ledger.repository.ts';
import {
  ensureLog,
  ledgerEntry,
  ledgerFeed,
  ledgerOverview,
  ledgerSummary,
  openIdentifiers,
} from './read-ledger.ts';
import { cosignatureSchema, cosignCheckpoint, registerWitnessKey, witnessKeySchema } from './witnesses.ts';

const legalIdParams = z.object({ legalId: z.string().regex(/^\d{11}$/) });
const entryParams = legalIdParams.extend({
  index: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

const checkpointSchema = z.object({
  origin: z.string(),
  size: z.number().int(),
  rootHash: z.string(),
  keyId: z.string(),
  createdAt: z.string(),
  note: z.string(),
  witnesses: z.array(z.object({ name: z.string(), keyId: z.string(), signedAt: z.string() })),
});
const itemSchema = z.object({
  index: z.number().int(),
  kind: z.string(),
  subject: z.string().nullable(),
  recordedAt: z.string(),
  body: z.string(),
  leafHash: z.string(),
  proof: z.array(z.string()),
});
const receiptSchema = z.object({
  origin: z.string(),
  firstIndex: z.number().int(),
  leafHashes: z.array(z.string()),
  keyId: z.string(),
  signature: z.string(),
});

/** Query of the members' feed: kinds, a name, an amount range, paging. */
const feedQuerySchema = z
  .object({
    kind: z
      .string()
      .transform((s) => s.split(',').filter((k) => k !== ''))
      .pipe(z.array(z.enum(ENTRY_KINDS, { error: 'unknown_value' })))
      .optional(),
    q: z.string().max(100).optional(),
    minAmount: zRials.optional(),
    maxAmount: zRials.optional(),
    before: zInt(0, Number.MAX_SAFE_INTEGER).optional(),
    limit: zInt(1, 100).optional(),
  })
  .strict();

/**
 * The transparency ledger over HTTP. Public: each log's checkpoint (JSON and the signed note
 * as a download), aggregates, consistency proofs and the published keys. Members (and the
 * inspector and the region's officers): the feed with inclusion proofs and one entry with its
 * receipt. The inspector and the region's officers: the identifiers behind commitments
 * (audited). Witnesses: keys and cosignatures. Nothing edits or deletes an entry: those
 * methods answer 405.
 */
export function ledgerRoutes(
  ctx: Context,
  resolveActor: ResolveActor,
  onDenied: OnDenied,
): FastifyPluginAsyncZod {
  const authorize = cooperativeAuthorizer(ctx, resolveActor, onDenied);
  const publicCooperative = async (legalId: string) => {
    const coop = await registry.findCooperativeByLegalId(ctx.db, legalId);
    if (!coop)
      throw new AppError('NOT_FOUND', { message: { fa: 'تعاونی پیدا نشد', en: 'Cooperative not found' } });

    return coop;
  };

  return async (app) => {
    app.get(
      '/cooperatives/:legalId/ledger',
      {
        schema: {
          tags: ['ledger'],
          summary: "A cooperative's log: size, root and the latest signed checkpoint (public)",
          params: legalIdParams,
          response: {
            200: z.object({
              origin: z.string(),
              size: z.number().int(),
              rootHash: z.string(),
              checkpoint: checkpointSchema,
            }),
          },
        },
      },
      async (request, reply) => {
        const coop = await publicCooperative(request.params.legalId);

        return reply.header('cache-control', 'no-cache').send(await ledgerOverview(ctx, coop.id));
      },
    );

    app.get(
      '/cooperatives/:legalId/ledger/checkpoint.txt',
      {
        schema: {
          tags: ['ledger'],
          summary: 'The latest checkpoint as a signed note (download; keep it to check the log later)',
          params: legalIdParams,
        },
      },
      async (request, reply) => {
        const coop = await publicCooperative(request.params.legalId);
        const { checkpoint } = await ledgerOverview(ctx, coop.id);

        return reply
          .type('text/plain; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="taavon-${request.params.legalId}-${checkpoint.size}.txt"`,
          )
          .send(checkpoint.note);
      },
    );

    app.get(
      '/cooperatives/:legalId/ledger/summary',
      {
        schema: {
          tags: ['ledger'],
          summary:
            'Aggregate figures of a log (public): entries per kind, payments per fiscal year and category',
          params: legalIdParams,
          response: {
            200: z.object({
              entries: z.array(z.object({ kind: z.string(), count: z.number().int() })),
              payments: z.array(
                z.object({
                  fiscalYear: z.number().int(),
                  direction: z.string(),
                  category: z.string(),
                  count: z.number().int(),
                  totalRials: z.number().int(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const coop = await publicCooperative(request.params.legalId);
        await ensureLog(ctx, coop.id);

        return ledgerSummary(ctx, coop.id, coop.fiscal_year_end_month);
      },
    );

    app.get(
      '/cooperatives/:legalId/ledger/consistency',
      {
        schema: {
          tags: ['ledger'],
          summary: 'Consistency proof between two checkpoint sizes (public): the log only grew',
          params: legalIdParams,
          querystring: z.object({ from: z.string(), to: z.string() }),
          response: {
            200: z.object({ from: z.number().int(), to: z.number().int(), proof: z.array(z.string()) }),
          },
        },
      },
      async (request) => {
        const coop = await publicCooperative(request.params.legalId);
        const q = parseInput(
          z.object({ from: zInt(1, Number.MAX_SAFE_INTEGER), to: zInt(1, Number.MAX_SAFE_INTEGER) }),
          request.query,
        );

        return { from: q.from, to: q.to, proof: await consistencyProof(ctx.db, coop.id, q.from, q.to) };
      },
    );

    app.get(
      '/ledger/keys',
      {
        schema: {
          tags: ['ledger'],
          summary: "The log signing keys (with history) and the witnesses' keys (public)",
          response: {
            200: z.object({
              log: z.array(
                z.object({
                  name: z.string(),
                  keyId: z.string(),
                  publicKey: z.string(),
                  activeFrom: z.string(),
                  retiredAt: z.string().nullable(),
                }),
              ),
              witnesses: z.array(z.object({ name: z.string(), keyId: z.string(), publicKey: z.string() })),
            }),
          },
        },
      },
      async () => ({
        log: ctx.ledger.signer.history,
        witnesses: (await listWitnessKeys(ctx.db)).map((k) => ({
          name: k.name,
          keyId: k.key_id,
          publicKey: k.public_key,
        })),
      }),
    );

    app.get(
      '/cooperatives/:legalId/ledger/entries',
      {
        schema: {
          tags: ['ledger'],
          summary:
            "The members' feed: entries newest first, each with its inclusion proof (policy: ledger.read)",
          params: legalIdParams,
          querystring: z
            .record(z.string(), z.string())
            .describe(Object.keys(feedQuerySchema.shape).join(', ')),
          response: {
            200: z.object({
              checkpoint: checkpointSchema,
              items: z.array(itemSchema),
              nextBefore: z.number().int().nullable(),
            }),
          },
        },
      },
      async (request, reply) => {
        const { coop } = await authorize(request, 'ledger.read', request.params.legalId);
        const q = parseInput(feedQuerySchema, request.query);
        const feed = await ledgerFeed(ctx, coop.id, {
          ...(q.kind ? { kinds: q.kind } : {}),
          ...(q.q !== undefined ? { q: q.q } : {}),
          ...(q.minAmount !== undefined ? { minAmount: q.minAmount } : {}),
          ...(q.maxAmount !== undefined ? { maxAmount: q.maxAmount } : {}),
          ...(q.before !== undefined ? { before: q.before } : {}),
          limit: q.limit ?? 25,
        });

        return reply.header('cache-control', 'no-store').send(feed);
      },
    );

    app.get(
      '/cooperatives/:legalId/ledger/entries/:index',
      {
        schema: {
          tags: ['ledger'],
          summary: 'One entry with its inclusion proof and signed receipt (policy: ledger.read)',
          params: entryParams,
          response: {
            200: z.object({
              checkpoint: checkpointSchema,
              item: itemSchema,
              receipt: receiptSchema.nullable(),
            }),
          },
        },
      },
      async (request, reply) => {
        const { coop } = await authorize(request, 'ledger.read', request.params.legalId);

        return reply
          .header('cache-control', 'no-store')
          .send(await ledgerEntry(ctx, coop.id, request.params.index));
      },
    );

    app.get(
      '/cooperatives/:legalId/ledger/entries/:index/identifiers',
      {
        schema: {
          tags: ['ledger'],
          summary:
            "The identifiers behind an entry's commitments, with their salts (policy: ledger.open_identifiers; audited)",
          params: entryParams,
          response: {
            200: z.object({
              items: z.array(z.object({ path: z.string(), value: z.string(), salt: z.string() })),
            }),
          },
        },
      },
      async (request, reply) => {
        const { coop } = await authorize(request, 'ledger.open_identifiers', request.params.legalId);
        const opened = await openIdentifiers(ctx, coop.id, request.params.index);
        await auditRequest(request, {
          action: 'ledger.identifiers_opened',
          target: `cooperative:${request.params.legalId}/entry:${request.params.index}`,
          outcome: 'success',
          details: { paths: opened.items.map((i) => i.path).join(',') },
        });

        return reply.header('cache-control', 'no-store').send(opened);
      },
    );

    // Append-only: there is no way to edit or delete an entry, and asking says so.
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      for (const url of [
        '/cooperatives/:legalId/ledger/entries/:index',
        '/cooperatives/:legalId/ledger/entries',
      ]) {
        app.route({
          method,
          url,
          schema: { tags: ['ledger'], summary: 'Refused: the ledger is append-only (405)', hide: true },
          handler: async () => {
            throw new AppError('APPEND_ONLY');
          },
        });
      }
    }

    app.post(
      '/me/witness-keys',
      {
        schema: {
          tags: ['ledger'],
          summary: 'Register my witness key (inspectors and ministry officers)',
          body: witnessKeySchema,
          response: { 201: z.object({ keyId: z.string() }) },
        },
      },
      async (request, reply) => {
        const actor = await resolveActor(request);
        if (!actor) throw new AppError('UNAUTHORIZED');
        const witness =
          actor.staff.some((s) => s.kind === 'officer') ||
          [...actor.roles.values()].some((r) => r.has('inspector'));
        if (!witness) {
          await onDenied(request, 'ledger.cosign', 'witness-keys');
          throw new AppError('FORBIDDEN');
        }

        return reply.status(201).send(await registerWitnessKey(ctx, actor.personId, request.body));
      },
    );

    app.post(
      '/cooperatives/:legalId/ledger/checkpoints/:size/cosignatures',
      {
        schema: {
          tags: ['ledger'],
          summary: 'Co-sign a checkpoint as a witness (policy: ledger.cosign)',
          params: legalIdParams.extend({ size: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
          body: cosignatureSchema,
          response: { 201: z.object({ ok: z.literal(true) }) },
        },
      },
      async (request, reply) => {
        const { coop, actor } = await authorize(request, 'ledger.cosign', request.params.legalId);
        await cosignCheckpoint(ctx, coop.id, request.params.size, actor.personId, request.body);
        await auditRequest(request, {
          action: 'ledger.cosigned',
          target: `cooperative:${request.params.legalId}/checkpoint:${request.params.size}`,
          outcome: 'success',
          details: { keyId: request.body.keyId },
        });

        return reply.status(201).send({ ok: true as const });
      },
    );
  };
}

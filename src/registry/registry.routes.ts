import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../context/context.ts';
import { latestCooperativeEventId, latestRegistryEventId } from '../feed/registry-events.ts';
import { serializerCompiler } from '../http/plugins/serializer.ts';
import type { ResponseCache } from '../http/response-cache.ts';
import { findCooperatives } from './find-cooperatives.ts';
import { getCooperativeProfile, getFilingHistory } from './get-cooperative-profile.ts';
import {
  cooperativeProfileSchema,
  filingHistoryItemSchema,
  searchResultSchema,
} from './registry.responses.ts';

const keyParams = z.object({
  key: z
    .string()
    .max(20)
    .describe('The 11-digit legal national ID, or the id of a cooperative not yet registered'),
});

/** Sends JSON that was serialised through the route's response schema already (and cached). */
function sendJsonText(reply: FastifyReply, body: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(body);
}

/**
 * The public registry: search, profile, filing history. Anyone may read; nothing is private here.
 * Responses are cached by request, today's date and the data version (see ResponseCache).
 */
export function registryRoutes(ctx: Context, cache: ResponseCache): FastifyPluginAsyncZod {
  const serializeSearch = serializerCompiler({ schema: searchResultSchema });
  const serializeProfile = serializerCompiler({ schema: cooperativeProfileSchema });
  const cached = async (key: string, compute: () => Promise<string>): Promise<string> => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const body = await compute();
    cache.set(key, body);

    return body;
  };
  const coopVersion = (key: string) =>
    latestCooperativeEventId(ctx.db, /^\d{11}$/.test(key) ? { legalId: key } : { id: Number(key) || 0 });

  return async (app) => {
    app.get(
      '/cooperatives',
      {
        schema: {
          tags: ['registry'],
          summary: 'Search the register of cooperatives',
          querystring: z.object({
            q: z.string().max(200).optional(),
            province: z.string().max(80).optional(),
            county: z.string().max(80).optional(),
            field: z.string().max(80).optional(),
            form: z.string().max(40).optional(),
            status: z.string().max(40).optional(),
            page: z.string().max(6).optional(),
            pageSize: z.string().max(4).optional(),
          }),
          response: { 200: searchResultSchema },
        },
      },
      async (request, reply) => {
        const version = await latestRegistryEventId(ctx.db);
        const body = await cached(`search|${ctx.clock.today()}|${version}|${request.url}`, async () =>
          serializeSearch(await findCooperatives(ctx, request.query)),
        );

        return sendJsonText(reply, body);
      },
    );

    app.get(
      '/cooperatives/:key',
      {
        schema: {
          tags: ['registry'],
          summary: "A cooperative's public profile: officers, obligations, health card, filings",
          params: keyParams,
          response: { 200: cooperativeProfileSchema },
        },
      },
      async (request, reply) => {
        const { key } = request.params;
        const version = await coopVersion(key);
        const body = await cached(`profile|${ctx.clock.today()}|${version}|${key}`, async () =>
          serializeProfile(await getCooperativeProfile(ctx, key)),
        );

        return sendJsonText(reply, body);
      },
    );

    app.get(
      '/cooperatives/:key/filings',
      {
        schema: {
          tags: ['registry'],
          summary: "A cooperative's filing history (filings and assemblies, newest first)",
          params: keyParams,
          response: { 200: z.object({ items: z.array(filingHistoryItemSchema) }) },
        },
      },
      async (request) => ({ items: await getFilingHistory(ctx, request.params.key) }),
    );
  };
}

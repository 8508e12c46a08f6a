import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../context/context.ts';
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

/** The public registry: search, profile, filing history. Anyone may read; nothing is private here. */
export function registryRoutes(ctx: Context): FastifyPluginAsyncZod {
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
      async (request) => findCooperatives(ctx, request.query),
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
      async (request) => getCooperativeProfile(ctx, request.params.key),
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

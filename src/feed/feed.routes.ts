import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../context/context.ts';
import { OPEN_DATA_DICTIONARY, openRegisterCsv, openRegisterJson } from './open-data.ts';
import { readChangeFeed } from './read-change-feed.ts';

/** Open data: bulk register (CSV, JSON), its dictionary, and the resumable change feed. */
export function feedRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/open-data/cooperatives.csv',
      { schema: { tags: ['open data'], summary: 'The whole public register as CSV (UTF-8)' } },
      async (_request, reply) =>
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="taavon-cooperatives.csv"')
          .send(openRegisterCsv(ctx)),
    );
    app.get(
      '/open-data/cooperatives.json',
      { schema: { tags: ['open data'], summary: 'The whole public register as a JSON array' } },
      async (_request, reply) =>
        reply
          .type('application/json; charset=utf-8')
          .header('content-disposition', 'attachment; filename="taavon-cooperatives.json"')
          .send(openRegisterJson(ctx)),
    );
    app.get(
      '/open-data/dictionary',
      {
        schema: {
          tags: ['open data'],
          summary: 'The data dictionary of the bulk files',
          response: {
            200: z.object({
              columns: z.array(
                z.object({ name: z.string(), type: z.string(), fa: z.string(), en: z.string() }),
              ),
            }),
          },
        },
      },
      async () => ({ columns: OPEN_DATA_DICTIONARY }),
    );
    app.get(
      '/stream/events',
      {
        schema: {
          tags: ['open data'],
          summary: 'Registry change feed; resume from the last timepoint you saw',
          querystring: z.object({
            timepoint: z.string().max(20).optional(),
            limit: z.string().max(5).optional(),
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  timepoint: z.number().int(),
                  kind: z.string(),
                  occurredAt: z.string(),
                  legalId: z.string().nullable(),
                  data: z.record(z.string(), z.unknown()),
                }),
              ),
              nextTimepoint: z.number().int(),
              latestTimepoint: z.number().int(),
            }),
          },
        },
      },
      async (request) => readChangeFeed(ctx, request.query),
    );
  };
}

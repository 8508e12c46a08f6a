import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../context/context.ts';

const named = { nameFa: z.string(), nameEn: z.string() };

/** Reference data for forms and filters: provinces with counties, fields with sub-fields. */
export function referenceRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/reference/provinces',
      {
        schema: {
          tags: ['reference'],
          summary: 'The 31 provinces and their counties (© OpenStreetMap contributors, ODbL)',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  code: z.string(),
                  ...named,
                  counties: z.array(z.object({ id: z.number().int(), ...named })),
                }),
              ),
            }),
          },
        },
      },
      async () => ({
        items: ctx.reference.provinces.map((p) => ({
          code: p.code,
          nameFa: p.nameFa,
          nameEn: p.nameEn,
          counties: ctx.reference.counties
            .filter((c) => c.provinceId === p.id)
            .map((c) => ({ id: c.id, nameFa: c.nameFa, nameEn: c.nameEn })),
        })),
      }),
    );
    app.get(
      '/reference/fields',
      {
        schema: {
          tags: ['reference'],
          summary: 'Fields of activity (رشته) and their sub-fields (گرایش)',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  code: z.string(),
                  ...named,
                  subfields: z.array(z.object({ code: z.string(), ...named })),
                }),
              ),
            }),
          },
        },
      },
      async () => ({
        items: ctx.reference.fields
          .filter((f) => f.parentCode === null)
          .map((f) => ({
            code: f.code,
            nameFa: f.nameFa,
            nameEn: f.nameEn,
            subfields: ctx.reference.fields
              .filter((s) => s.parentCode === f.code)
              .map((s) => ({ code: s.code, nameFa: s.nameFa, nameEn: s.nameEn })),
          })),
      }),
    );
  };
}

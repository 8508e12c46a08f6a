import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Mode } from '../config/config.ts';
import type { Context } from '../context/context.ts';
import { listRecentOutbox } from './outbox.repository.ts';

const bilingual = z.object({ fa: z.string(), en: z.string() });

const demoOutboxItem = z.object({
  id: z.number().int(),
  channel: z.string(),
  to: z.string(),
  kind: z.string(),
  subject: bilingual.nullable(),
  body: bilingual,
  status: z.string(),
  attempts: z.number().int(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

/**
 * Notification routes. In demo mode only, `GET /demo/outbox` shows the recent messages (the demo
 * banner and browser tests read sign-in codes there); in production the route does not exist.
 * The person's own inbox, preferences and e-mail routes need a session and are mounted with the
 * accounts routes.
 */
export function notificationsRoutes(
  ctx: Pick<Context, 'db'>,
  options: { mode: Mode },
): FastifyPluginAsyncZod {
  return async (app) => {
    if (options.mode !== 'demo') return;
    app.get(
      '/demo/outbox',
      {
        schema: {
          tags: ['demo'],
          summary: 'Demo mode only: the messages the system would have sent (SMS, e-mail, in-app)',
          querystring: z.object({
            to: z.string().trim().min(1).max(254).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: { 200: z.object({ items: z.array(demoOutboxItem) }) },
        },
      },
      async (request) => {
        const rows = await listRecentOutbox(ctx.db, { to: request.query.to, limit: request.query.limit });

        return {
          items: rows.map((r) => ({
            id: r.id,
            channel: r.channel,
            // Masked even in demo mode: no public answer carries a phone number or an address.
            to: maskAddress(r.to_address),
            kind: r.kind,
            subject:
              r.subject_fa !== null || r.subject_en !== null
                ? { fa: r.subject_fa ?? '', en: r.subject_en ?? '' }
                : null,
            body: { fa: r.body_fa, en: r.body_en },
            status: r.status,
            attempts: r.attempts,
            createdAt: r.created_at,
            sentAt: r.sent_at,
          })),
        };
      },
    );
  };
}

/** `09121234567` → `0912•••4567`; `maryam@example.ir` → `m•••@example.ir`. */
export function maskAddress(address: string): string {
  const at = address.indexOf('@');
  if (at > 0) return `${address.slice(0, 1)}•••${address.slice(at)}`;

  return address.length >= 8 ? `${address.slice(0, 4)}•••${address.slice(-4)}` : '•••';
}

import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../context/context.ts';
import { AppError } from '../errors/app-error.ts';
import { requireAuth } from '../http/plugins/session.ts';
import {
  addEmailAddress,
  listEmailAddresses,
  removeEmailAddress,
  verifyEmailAddress,
} from './email-addresses.ts';
import { listInbox, markInboxMessagesRead } from './inbox.ts';
import { listNotificationPreferences, setNotificationPreference } from './preferences.ts';

const bilingual = z.object({ fa: z.string(), en: z.string() });
const emailAddress = z.object({ id: z.number().int(), email: z.string(), verifiedAt: z.string().nullable() });
const preference = z.object({ kind: z.string(), channel: z.string(), enabled: z.boolean() });

function personOf(request: FastifyRequest): number {
  if (!request.auth) throw new AppError('UNAUTHORIZED');

  return request.auth.personId;
}

/**
 * The signed-in person's own notification settings: e-mail addresses (add, verify, remove),
 * preferences per kind and channel, and the in-app inbox. Every route needs a session and acts
 * only on the session's person; private answers are never cached.
 */
export function notificationsMeRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preHandler', requireAuth);
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });

    app.get(
      '/me/emails',
      { schema: { tags: ['me'], response: { 200: z.object({ items: z.array(emailAddress) }) } } },
      async (request) => ({ items: await listEmailAddresses(ctx, personOf(request)) }),
    );
    app.post(
      '/me/emails',
      {
        schema: {
          tags: ['me'],
          summary: 'Add an e-mail address; a code is e-mailed to verify it',
          body: z.strictObject({ email: z.string().max(254) }),
          response: { 201: z.object({ id: z.number().int(), email: z.string(), expiresAt: z.string() }) },
        },
      },
      async (request, reply) => {
        const added = await addEmailAddress(ctx, personOf(request), request.body.email);

        return reply.status(201).send({ id: added.id, email: added.email, expiresAt: added.expiresAt });
      },
    );
    app.post(
      '/me/emails/verify',
      {
        schema: {
          tags: ['me'],
          body: z.strictObject({ code: z.string().max(20) }),
          response: { 200: emailAddress },
        },
      },
      async (request) => verifyEmailAddress(ctx, personOf(request), request.body.code),
    );
    app.delete(
      '/me/emails/:id',
      {
        schema: {
          tags: ['me'],
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 200: z.object({ ok: z.literal(true) }) },
        },
      },
      async (request) => {
        await removeEmailAddress(ctx, personOf(request), request.params.id);

        return { ok: true as const };
      },
    );
    app.get(
      '/me/notification-preferences',
      { schema: { tags: ['me'], response: { 200: z.object({ items: z.array(preference) }) } } },
      async (request) => ({ items: await listNotificationPreferences(ctx.db, personOf(request)) }),
    );
    app.put(
      '/me/notification-preferences',
      {
        schema: {
          tags: ['me'],
          body: z.strictObject({
            kind: z.string().max(64),
            channel: z.string().max(10),
            enabled: z.boolean(),
          }),
          response: { 200: preference },
        },
      },
      async (request) => setNotificationPreference(ctx, personOf(request), request.body),
    );
    app.get(
      '/me/inbox',
      {
        schema: {
          tags: ['me'],
          querystring: z.object({ unreadOnly: z.enum(['true', 'false']).optional() }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.number().int(),
                  kind: z.string(),
                  subject: bilingual.nullable(),
                  body: bilingual,
                  createdAt: z.string(),
                  readAt: z.string().nullable(),
                }),
              ),
              unread: z.number().int(),
            }),
          },
        },
      },
      async (request) =>
        listInbox(ctx, personOf(request), { unreadOnly: request.query.unreadOnly === 'true' }),
    );
    app.post(
      '/me/inbox/read',
      {
        schema: {
          tags: ['me'],
          body: z.strictObject({ ids: z.array(z.number().int()).max(500).optional() }),
          response: { 200: z.object({ marked: z.number().int() }) },
        },
      },
      async (request) => ({ marked: await markInboxMessagesRead(ctx, personOf(request), request.body.ids) }),
    );
  };
}

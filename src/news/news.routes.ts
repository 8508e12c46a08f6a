import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isAllowed } from '../access/index.ts';
import type { Context } from '../context/context.ts';
import { AppError } from '../errors/app-error.ts';
import { cooperativeAuthorizer, type OnDenied, type ResolveActor } from '../http/cooperative-access.ts';
import { attachmentHeader } from '../storage/index.ts';
import {
  createAnnouncement,
  createArticle,
  MAX_COVER_BYTES,
  readCover,
  transitionArticle,
  updateArticle,
  uploadCover,
} from './articles.ts';
import { newsAtomFeed } from './atom-feed.ts';
import { issueNewsChallenge } from './challenges.ts';
import { listCommentsForModeration, moderateComment, postComment } from './comments.ts';
import { rateArticle, reactToArticle, recordView } from './engagement.ts';
import {
  getArticle,
  listAnnouncements,
  listForEditors,
  listNews,
  listTags,
  visibleArticle,
} from './read-news.ts';
import { formatTehranInstant } from './tehran-time.ts';
import type { Visitor } from './visitors.ts';
import { ARTICLE_STATUSES, AUDIENCES, COMMENT_STATUSES } from './vocabulary.ts';

const bilingual = z.object({ fa: z.string(), en: z.string() });
const articleParams = z.object({
  articleId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
});
const legalIdParams = z.object({ legalId: z.string().regex(/^\d{11}$/) });

const summarySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  lead: z.string(),
  audience: z.enum(AUDIENCES),
  province: z.object({ id: z.number().int(), name: bilingual }).nullable(),
  status: z.enum(ARTICLE_STATUSES),
  publishedAt: z.string().nullable(),
  /** Jalali date and Tehran time with ASCII digits, `1399/05/14 23:03`. */
  publishedAtJalali: z.string().nullable(),
  source: z.string().nullable(),
  tags: z.array(z.string()),
  coverUrl: z.string().nullable(),
  views: z.number().int(),
  rating: z.object({
    average: z.number().nullable(),
    averageText: z.string().nullable(),
    count: z.number().int(),
  }),
  reactions: z.object({ likes: z.number().int(), dislikes: z.number().int() }),
  comments: z.number().int(),
});

const commentAuthorSchema = z.object({ name: z.string(), verified: z.boolean() });

const articleSchema = summarySchema.extend({
  bodyHtml: z.string(),
  cooperative: z.object({ legalId: z.string().nullable(), name: z.string() }).nullable(),
  updatedAt: z.string(),
  editable: z.boolean(),
  moderatable: z.boolean(),
  related: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      publishedAt: z.string().nullable(),
      publishedAtJalali: z.string().nullable(),
      sharedTags: z.number().int(),
    }),
  ),
  commentList: z.array(
    z.object({
      id: z.number().int(),
      author: commentAuthorSchema,
      body: z.string(),
      createdAt: z.string(),
      createdAtJalali: z.string(),
    }),
  ),
  mine: z
    .object({ rating: z.number().int().nullable(), reaction: z.enum(['like', 'dislike']).nullable() })
    .nullable(),
});

const votesSchema = z.object({
  rating: summarySchema.shape.rating,
  reactions: summarySchema.shape.reactions,
});

/**
 * The article's fields as documentation; the use case checks them (normalised, sanitised, every
 * bad field at once), so the route lets any value through to it.
 */
const articleBody = z.looseObject({
  title: z.unknown().optional().describe('1–200 characters; no bidi controls'),
  lead: z.unknown().optional().describe('1–600 characters'),
  body: z
    .unknown()
    .optional()
    .describe('HTML; sanitised on the server to p, br, strong, em, ul, ol, li, h2, h3, blockquote, a, img'),
  source: z.unknown().optional().describe('where it comes from (e.g. ایسنا); optional'),
  tags: z.unknown().optional().describe('1–8 tags, each one or a few words'),
  audience: z.unknown().optional().describe('`nation` or `province` (ministry articles only)'),
  province: z
    .unknown()
    .optional()
    .describe('the province (name, code or id) when the audience is a province'),
});

function visitorOf(request: FastifyRequest): Visitor {
  return { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '').slice(0, 500) };
}

/**
 * News and announcements over HTTP (issue #7). Public: the list (tag, province, search), an
 * article's page, tags, the cover, views, rating and like/dislike (rate-limited), comments
 * (anonymous ones with an arithmetic challenge and moderation). Ministry officers and
 * administrators write articles and moderate comments; a cooperative's board announces to its
 * members. Routes only find out who is asking; the use cases decide.
 */
export function newsRoutes(
  ctx: Context,
  resolveActor: ResolveActor,
  onDenied: OnDenied,
): FastifyPluginAsyncZod {
  const authorize = cooperativeAuthorizer(ctx, resolveActor, onDenied);

  return async (app) => {
    app.get(
      '/news',
      {
        schema: {
          tags: ['news'],
          summary:
            'Published news, newest first: national, plus a province’s with `province`; by `tag`; `q` searches title, lead and body (public)',
          querystring: z.object({
            q: z.string().max(200).optional(),
            tag: z.string().max(80).optional(),
            province: z.string().max(60).optional(),
            page: z.string().max(6).optional(),
            pageSize: z.string().max(4).optional(),
          }),
          response: {
            200: z.object({
              items: z.array(summarySchema),
              total: z.number().int(),
              page: z.number().int(),
              pageSize: z.number().int(),
            }),
          },
        },
      },
      async (request) => listNews(ctx, request.query),
    );

    app.get(
      '/news/tags',
      {
        schema: {
          tags: ['news'],
          summary: 'Tags of published news with how many articles use each (public)',
          response: {
            200: z.object({ items: z.array(z.object({ tag: z.string(), count: z.number().int() })) }),
          },
        },
      },
      async () => ({ items: await listTags(ctx) }),
    );

    app.get(
      '/news/challenge',
      {
        schema: {
          tags: ['news'],
          summary: 'An arithmetic question for an anonymous comment (one answer per question; public)',
          response: {
            200: z.object({ challengeId: z.string(), question: bilingual, expiresAt: z.string() }),
          },
        },
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (_request, reply) =>
        reply.header('cache-control', 'no-store').send(await issueNewsChallenge(ctx)),
    );

    app.get(
      '/news/manage',
      {
        schema: {
          tags: ['news'],
          summary: 'Ministry articles the caller may edit, in every status (officers and administrators)',
          querystring: z.object({ status: z.enum(ARTICLE_STATUSES).optional() }),
          response: { 200: z.object({ items: z.array(summarySchema) }) },
        },
      },
      async (request, reply) => {
        const actor = await resolveActor(request);
        if (!actor) throw new AppError('UNAUTHORIZED');
        if (!isAllowed(actor, 'news.write', null)) throw new AppError('FORBIDDEN');

        return reply
          .header('cache-control', 'no-store')
          .send(await listForEditors(ctx, actor, request.query));
      },
    );

    app.post(
      '/news',
      {
        schema: {
          tags: ['news'],
          summary:
            'Write a draft article for the nation (its officers, administrators) or a province (its and the nation’s officers, administrators)',
          body: articleBody,
          response: { 201: z.object({ id: z.number().int() }) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createArticle(ctx, await resolveActor(request), request.body)),
    );

    app.get(
      '/news/:articleId',
      {
        schema: {
          tags: ['news'],
          summary:
            'An article’s page: body, tags, counters, approved comments, related articles; drafts to their editors, announcements to the cooperative’s members',
          params: articleParams,
          response: { 200: articleSchema },
        },
      },
      async (request, reply) => {
        const actor = await resolveActor(request);
        const page = await getArticle(ctx, actor, request.params.articleId);

        // Counters change and the answer depends on who asks (`mine`, `editable`): never reused unchecked.
        return reply.header('cache-control', actor ? 'no-store' : 'no-cache').send(page);
      },
    );

    app.patch(
      '/news/:articleId',
      {
        schema: {
          tags: ['news'],
          summary: 'Change an article’s text, tags or audience (its editors; not once archived)',
          params: articleParams,
          body: articleBody.partial(),
          response: { 200: z.object({ ok: z.literal(true) }) },
        },
      },
      async (request) => {
        await updateArticle(ctx, await resolveActor(request), request.params.articleId, request.body);

        return { ok: true as const };
      },
    );

    app.post(
      '/news/:articleId/status',
      {
        schema: {
          tags: ['news'],
          summary:
            'Schedule (with a future `publishAt`), publish, take back to draft or archive an article (its editors; 409 when the status does not allow it)',
          params: articleParams,
          body: z.looseObject({
            to: z.unknown().optional().describe('`draft`, `scheduled`, `published` or `archived`'),
            publishAt: z
              .unknown()
              .optional()
              .describe(
                'for `scheduled`: an ISO instant or a Jalali date and Tehran time (1405/09/10 09:30)',
              ),
          }),
          response: {
            200: z.object({
              status: z.enum(ARTICLE_STATUSES),
              publishedAt: z.string().nullable(),
              publishedAtJalali: z.string().nullable(),
            }),
          },
        },
      },
      async (request) => {
        const r = await transitionArticle(
          ctx,
          await resolveActor(request),
          request.params.articleId,
          request.body,
        );

        return {
          ...r,
          publishedAtJalali: r.publishedAt === null ? null : formatTehranInstant(r.publishedAt),
        };
      },
    );

    // The cover: the raw image as the body (PNG or JPEG by content), like the single window's uploads.
    await app.register(async (instance) => {
      const uploads = instance.withTypeProvider<ZodTypeProvider>();
      uploads.addContentTypeParser(
        '*',
        { parseAs: 'buffer', bodyLimit: MAX_COVER_BYTES + 1 },
        (_req, body, done) => done(null, body),
      );
      uploads.put(
        '/news/:articleId/cover',
        {
          bodyLimit: MAX_COVER_BYTES + 1,
          config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
          schema: {
            tags: ['news'],
            summary:
              'Set the cover image: PNG or JPEG checked by content, stored under a random name (its editors)',
            params: articleParams,
            headers: z.object({ 'x-file-name': z.string().max(1000).optional() }).passthrough(),
            response: {
              201: z.object({ url: z.string(), mediaType: z.string(), size: z.number().int() }),
            },
          },
        },
        async (request, reply) => {
          const body = request.body;
          let name = 'cover';
          try {
            name = decodeURIComponent(String(request.headers['x-file-name'] ?? 'cover'));
          } catch {
            name = 'cover';
          }
          const stored = await uploadCover(ctx, await resolveActor(request), request.params.articleId, {
            name,
            bytes: Buffer.isBuffer(body) ? new Uint8Array(body) : new Uint8Array(),
          });

          return reply.code(201).send(stored);
        },
      );
    });

    app.get(
      '/news/:articleId/cover',
      {
        schema: {
          tags: ['news'],
          summary: 'The cover image, with nosniff and a sandboxing CSP (whoever may read the article)',
          params: articleParams,
        },
      },
      async (request, reply) => {
        const actor = await resolveActor(request);
        const { article, status } = await visibleArticle(ctx, actor, request.params.articleId);
        const cover = await readCover(ctx.documents, article);
        if (!cover)
          throw new AppError('NOT_FOUND', { message: { fa: 'این خبر تصویر ندارد', en: 'No image' } });
        const open = article.audience !== 'cooperative' && (status === 'published' || status === 'archived');
        const extension = cover.mediaType === 'image/png' ? 'png' : 'jpg';

        return reply
          .headers({
            'content-type': cover.mediaType,
            'content-disposition': attachmentHeader(`cover-${article.id}.${extension}`).replace(
              /^attachment/,
              'inline',
            ),
            'x-content-type-options': 'nosniff',
            'content-security-policy': "default-src 'none'; sandbox",
            'cross-origin-resource-policy': 'same-origin',
            'cache-control': open ? 'public, max-age=300' : 'private, no-store',
          })
          .send(Buffer.from(cover.bytes));
      },
    );

    app.post(
      '/news/:articleId/views',
      {
        schema: {
          tags: ['news'],
          summary:
            'Count a view: each visitor once a day, known by a daily keyed hash of IP and user agent, no cookie (public)',
          params: articleParams,
          response: { 200: z.object({ views: z.number().int() }) },
        },
        config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      },
      async (request) =>
        recordView(ctx, await resolveActor(request), request.params.articleId, visitorOf(request)),
    );

    app.post(
      '/news/:articleId/rating',
      {
        schema: {
          tags: ['news'],
          summary: 'Rate 1–5, once per person (or anonymous visitor per day); 409 the second time',
          params: articleParams,
          body: z.looseObject({ value: z.unknown().optional().describe('1 to 5') }),
          response: { 201: votesSchema },
        },
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await rateArticle(
              ctx,
              await resolveActor(request),
              request.params.articleId,
              request.body,
              visitorOf(request),
            ),
          ),
    );

    app.post(
      '/news/:articleId/reaction',
      {
        schema: {
          tags: ['news'],
          summary: 'Like or dislike, once per person (or anonymous visitor per day); 409 the second time',
          params: articleParams,
          body: z.looseObject({ value: z.unknown().optional().describe('`like` or `dislike`') }),
          response: { 201: votesSchema },
        },
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await reactToArticle(
              ctx,
              await resolveActor(request),
              request.params.articleId,
              request.body,
              visitorOf(request),
            ),
          ),
    );

    app.post(
      '/news/:articleId/comments',
      {
        schema: {
          tags: ['news'],
          summary:
            'Comment: signed in, published at once under the register’s name; anonymous, with a name, the challenge’s answer, and moderated',
          params: articleParams,
          body: z.looseObject({
            body: z.unknown().optional().describe('plain text, 1–2000 characters, at most two links'),
            displayName: z.unknown().optional().describe('anonymous commenters: the name to show'),
            challengeId: z.unknown().optional().describe('anonymous commenters: from GET /news/challenge'),
            answer: z.unknown().optional().describe('anonymous commenters: the answer (any digits)'),
            website: z.unknown().optional().describe('leave empty (a trap for bots)'),
          }),
          response: {
            201: z.object({ id: z.number().int(), status: z.enum(COMMENT_STATUSES), message: bilingual }),
          },
        },
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await postComment(ctx, await resolveActor(request), request.params.articleId, request.body)),
    );

    app.get(
      '/news/moderation/comments',
      {
        schema: {
          tags: ['news'],
          summary:
            'Comments waiting for a decision (or in `status`), oldest first (officers and administrators)',
          querystring: z.object({ status: z.enum(COMMENT_STATUSES).optional() }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.number().int(),
                  article: z.object({ id: z.number().int(), title: z.string() }),
                  author: commentAuthorSchema,
                  body: z.string(),
                  status: z.enum(COMMENT_STATUSES),
                  reason: z.string().nullable(),
                  createdAt: z.string(),
                  createdAtJalali: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request, reply) =>
        reply
          .header('cache-control', 'no-store')
          .send(await listCommentsForModeration(ctx, await resolveActor(request), request.query)),
    );

    app.post(
      '/news/comments/:commentId/moderation',
      {
        schema: {
          tags: ['news'],
          summary:
            'Approve or reject a pending comment, or hide a published one, with a reason for rejecting and hiding (moderators)',
          params: z.object({
            commentId: z.coerce
              .number()
              .int()
              .positive()
              .max(2 ** 31),
          }),
          body: z.looseObject({
            decision: z.unknown().optional().describe('`approve`, `reject` or `hide`'),
            reason: z.unknown().optional().describe('required to reject or hide; the author is told'),
          }),
          response: { 200: z.object({ id: z.number().int(), status: z.enum(COMMENT_STATUSES) }) },
        },
      },
      async (request) =>
        moderateComment(ctx, await resolveActor(request), request.params.commentId, request.body),
    );

    app.get(
      '/cooperatives/:legalId/announcements',
      {
        schema: {
          tags: ['news'],
          summary:
            'A cooperative’s announcements to its members (members, officers, the region’s ministry officers); its board sees drafts too',
          params: legalIdParams,
          response: { 200: z.object({ items: z.array(summarySchema), editable: z.boolean() }) },
        },
      },
      async (request, reply) => {
        const { actor, coop } = await authorize(
          request,
          'cooperative.read_member_view',
          request.params.legalId,
        );

        return reply.header('cache-control', 'no-store').send(await listAnnouncements(ctx, actor, coop.id));
      },
    );

    app.post(
      '/cooperatives/:legalId/announcements',
      {
        schema: {
          tags: ['news'],
          summary:
            'Write a draft announcement to the cooperative’s members (its board members and managing director); publish it like an article',
          params: legalIdParams,
          body: articleBody.omit({ audience: true, province: true }),
          response: { 201: z.object({ id: z.number().int() }) },
        },
      },
      async (request, reply) => {
        const { actor, coop } = await authorize(request, 'news.announce', request.params.legalId);

        return reply.code(201).send(await createAnnouncement(ctx, actor, coop.id, request.body));
      },
    );
  };
}

/** The origin the request was made to, normalised (a malformed Host header falls back to localhost). */
function originOf(request: FastifyRequest): string {
  try {
    return new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return 'http://localhost';
  }
}

/**
 * The Atom feed at the root (`/news/feed.xml`, not under /api/v1, where feed readers expect it):
 * public national and provincial articles, `?tag=` for one tag. Registered before the web app's
 * catch-all.
 */
export function newsFeedRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/news/feed.xml',
      {
        schema: {
          tags: ['news'],
          summary: 'Atom feed of published national and provincial news (public); `tag` for one tag',
          querystring: z.object({ tag: z.string().max(80).optional() }),
        },
      },
      async (request, reply) => {
        const xml = await newsAtomFeed(ctx, {
          baseUrl: originOf(request),
          tag: request.query.tag,
        });

        return reply
          .header('content-type', 'application/atom+xml; charset=utf-8')
          .header('cache-control', 'public, max-age=300')
          .send(xml);
      },
    );
  };
}

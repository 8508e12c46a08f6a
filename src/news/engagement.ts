import { z } from 'zod';
import type { Actor } from '../access/index.ts';
import type { Context } from '../context/context.ts';
import { AppError } from '../errors/app-error.ts';
import { zEnum, zInt } from '../validation/fields.ts';
import { parseInput } from '../validation/parse.ts';
import * as repo from './news.repository.ts';
import { visibleArticle, votesSummary } from './read-news.ts';
import { type Visitor, visitorKey, voterKey } from './visitors.ts';
import { NEWS_ERRORS } from './vocabulary.ts';

/** Views, ratings and likes of an article (the article page calls these). */

/**
 * Use case: the page was seen. Each visitor (daily keyed hash of IP and user agent, ADR 11) is
 * counted once per article per Tehran day; drafts and scheduled ones are not counted. Returns
 * the count.
 */
export async function recordView(ctx: Context, actor: Actor | null, id: number, visitor: Visitor) {
  const { article, status } = await visibleArticle(ctx, actor, id);
  if (status !== 'published' && status !== 'archived') return { views: Number(article.views) };

  return ctx.db.transaction().execute(async (tx) => {
    const { day, key } = await visitorKey(tx, ctx, visitor);
    if (await repo.insertViewKey(tx, { day, article_id: article.id, visitor_key: key })) {
      await repo.incrementViews(tx, article.id);
    }

    return { views: await repo.viewsOf(tx, article.id) };
  });
}

/** Votes are taken on published articles only (not drafts, not the archive). */
async function openArticle(ctx: Context, actor: Actor | null, id: number) {
  const { article, status } = await visibleArticle(ctx, actor, id);
  if (status !== 'published') throw new AppError('INVALID_TRANSITION', { message: NEWS_ERRORS.notOpen });

  return article;
}

const ratingSchema = z.strictObject({ value: zInt(1, 5) });
const reactionSchema = z.strictObject({ value: zEnum(['like', 'dislike'] as const) });

/**
 * Use case: a 1–5 rating, once per voter — a signed-in person by person id, an anonymous
 * visitor by today's keyed hash. A second one is a 409. Returns the average (one decimal) and counts.
 */
export async function rateArticle(ctx: Context, actor: Actor | null, id: number, input: unknown, v: Visitor) {
  const { value } = parseInput(ratingSchema, input);
  const article = await openArticle(ctx, actor, id);
  const recorded = await ctx.db.transaction().execute(async (tx) =>
    repo.insertVote(tx, {
      article_id: article.id,
      kind: 'rating',
      voter_key: await voterKey(tx, ctx, actor, v),
      value,
      created_at: ctx.clock.now().toISOString(),
    }),
  );
  if (!recorded) throw new AppError('CONFLICT', { message: NEWS_ERRORS.alreadyRated });

  return votesSummary(ctx.db, article);
}

/** Use case: like or dislike, once per voter as for ratings; a second one is a 409. */
export async function reactToArticle(
  ctx: Context,
  actor: Actor | null,
  id: number,
  input: unknown,
  v: Visitor,
) {
  const { value } = parseInput(reactionSchema, input);
  const article = await openArticle(ctx, actor, id);
  const recorded = await ctx.db.transaction().execute(async (tx) =>
    repo.insertVote(tx, {
      article_id: article.id,
      kind: 'reaction',
      voter_key: await voterKey(tx, ctx, actor, v),
      value: value === 'like' ? 1 : -1,
      created_at: ctx.clock.now().toISOString(),
    }),
  );
  if (!recorded) throw new AppError('CONFLICT', { message: NEWS_ERRORS.alreadyReacted });

  return votesSummary(ctx.db, article);
}

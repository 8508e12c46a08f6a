import { z } from 'zod';
import type { Actor } from '../access/index.ts';
import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { fieldError } from '../errors/field-messages.ts';
import { findCooperativeById } from '../registry/registry.repository.ts';
import { normalizeText, searchKey, tokenize } from '../text/index.ts';
import { zInt } from '../validation/fields.ts';
import { check } from '../validation/parse.ts';
import { mayEdit, mayModerate, mayRead } from './access.ts';
import { coverUrl, effectiveStatus } from './articles.ts';
import * as repo from './news.repository.ts';
import { formatTehranInstant } from './tehran-time.ts';
import { type ArticleStatus, NEWS_ERRORS } from './vocabulary.ts';

/** Reading news: the public list with filters and search, an article's page, tags, announcements. */

export const DEFAULT_PAGE_SIZE = 10;
const MAX_RELATED = 5;

type Counters = {
  views: number;
  rating: { average: number | null; averageText: string | null; count: number };
  reactions: { likes: number; dislikes: number };
  comments: number;
};

/** Votes and comment counts of several articles in two queries. */
async function countersOf(db: Executor, rows: readonly repo.ArticleRow[]): Promise<Map<number, Counters>> {
  const ids = rows.map((r) => r.id);
  const [totals, comments] = await Promise.all([
    repo.voteTotals(db, ids),
    repo.countApprovedComments(db, ids),
  ]);
  const out = new Map<number, Counters>();
  for (const r of rows) {
    const mine = totals.filter((t) => t.article_id === r.id);
    const ratings = mine.filter((t) => t.kind === 'rating');
    const count = ratings.reduce((n, t) => n + Number(t.n), 0);
    const sum = ratings.reduce((n, t) => n + Number(t.total), 0);
    const average = count === 0 ? null : Math.round((sum * 10) / count) / 10;
    const reaction = (value: number) =>
      Number(mine.find((t) => t.kind === 'reaction' && Number(t.value) === value)?.n ?? 0);
    out.set(r.id, {
      views: Number(r.views),
      rating: { average, averageText: average === null ? null : average.toFixed(1), count },
      reactions: { likes: reaction(1), dislikes: reaction(-1) },
      comments: comments.get(r.id) ?? 0,
    });
  }

  return out;
}

/** Rating and reactions of one article, as the vote routes answer them. */
export async function votesSummary(db: Executor, article: repo.ArticleRow) {
  const c = (await countersOf(db, [article])).get(article.id);

  return {
    rating: c?.rating ?? { average: null, averageText: null, count: 0 },
    reactions: c?.reactions ?? { likes: 0, dislikes: 0 },
  };
}

export type ArticleSummary = ReturnType<typeof presentSummary>;

function presentSummary(
  ctx: Context,
  a: repo.ArticleRow,
  tags: readonly { tag: string }[],
  counters: Counters | undefined,
  now: string,
) {
  const province = a.province_id === null ? undefined : ctx.reference.provinceById(a.province_id);

  return {
    id: a.id,
    title: a.title,
    lead: a.lead,
    audience: a.audience as 'nation' | 'province' | 'cooperative',
    province: province ? { id: province.id, name: { fa: province.nameFa, en: province.nameEn } } : null,
    status: effectiveStatus(a, now),
    publishedAt: a.published_at,
    publishedAtJalali: a.published_at === null ? null : formatTehranInstant(a.published_at),
    source: a.source,
    tags: tags.map((t) => t.tag),
    coverUrl: a.cover_key === null ? null : coverUrl(a.id),
    views: counters?.views ?? Number(a.views),
    rating: counters?.rating ?? { average: null, averageText: null, count: 0 },
    reactions: counters?.reactions ?? { likes: 0, dislikes: 0 },
    comments: counters?.comments ?? 0,
  };
}

async function presentMany(ctx: Context, rows: readonly repo.ArticleRow[]) {
  const now = ctx.clock.now().toISOString();
  const [tags, counters] = await Promise.all([
    repo.tagsOf(
      ctx.db,
      rows.map((r) => r.id),
    ),
    countersOf(ctx.db, rows),
  ]);

  return rows.map((r) => presentSummary(ctx, r, tags.get(r.id) ?? [], counters.get(r.id), now));
}

const listQuery = z.strictObject({
  q: z.string().max(200).optional(),
  tag: z.string().max(80).optional(),
  province: z.string().max(60).optional(),
  page: zInt(1, 10_000).optional(),
  pageSize: zInt(1, 50).optional(),
});

/**
 * Use case: the public list, newest first — national articles, and with `province` that
 * province's as well; by tag; searched (every word, tolerant to ي/ك, digits and ZWNJ, over title,
 * lead and body). Cooperative announcements are never here.
 */
export async function listNews(ctx: Context, query: unknown) {
  const checked = check(listQuery, query);
  const raw = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const fields = checked.ok ? [] : [...checked.fields];
  const provinceText = typeof raw.province === 'string' && raw.province !== '' ? raw.province : undefined;
  const province = provinceText === undefined ? undefined : ctx.reference.findProvince(provinceText);
  if (provinceText !== undefined && !province) fields.push(fieldError('province', 'unknown_province'));
  if (!checked.ok || fields.length > 0) throw new AppError('INVALID_INPUT', { fields });
  const q = checked.value;
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE;
  const tagKey = q.tag === undefined || q.tag.trim() === '' ? undefined : searchKey(q.tag);
  const filter: repo.PublicFilter = {
    now: ctx.clock.now().toISOString(),
    provinceId: province?.id,
    tagKey,
    words: tokenize(normalizeText(q.q ?? '')).slice(0, 10),
  };
  const [rows, total] = await Promise.all([
    repo.listPublic(ctx.db, filter, { limit: pageSize, offset: (page - 1) * pageSize }),
    repo.countPublic(ctx.db, filter),
  ]);

  return { items: await presentMany(ctx, rows), total, page, pageSize };
}

/** Use case: the tags of public articles, most used first. */
export async function listTags(ctx: Context) {
  const rows = await repo.listPublicTagCounts(ctx.db, ctx.clock.now().toISOString());

  return rows.map((r) => ({ tag: String(r.tag), count: Number(r.n) }));
}

/**
 * The article as the caller may see it: published (or archived) ones to their readers —
 * everyone, or for an announcement the cooperative's members and officers — drafts and
 * scheduled ones to those who may edit them. Anything else is "not found".
 */
export async function visibleArticle(ctx: Context, actor: Actor | null, id: number) {
  const a = await repo.findArticle(ctx.db, id);
  if (!a) throw new AppError('NOT_FOUND', { message: NEWS_ERRORS.articleNotFound });
  const status = effectiveStatus(a, ctx.clock.now().toISOString());
  const editor = await mayEdit(ctx.db, actor, a);
  const readable = (status === 'published' || status === 'archived') && (await mayRead(ctx.db, actor, a));
  if (!editor && !readable) throw new AppError('NOT_FOUND', { message: NEWS_ERRORS.articleNotFound });

  return { article: a, status, editor };
}

export function commentAuthor(c: repo.CommentRow) {
  return c.person_id === null
    ? { name: c.display_name ?? '', verified: false }
    : { name: `${c.first_name ?? ''} ${c.last_name ?? ''}`.trim(), verified: true };
}

/**
 * Use case: an article's page — the body, tags, counters, approved comments, up to five related
 * articles (most shared tags, then newest), and for a signed-in reader their own votes.
 */
export async function getArticle(ctx: Context, actor: Actor | null, id: number) {
  const { article: a, editor } = await visibleArticle(ctx, actor, id);
  const now = ctx.clock.now().toISOString();
  const [summary] = await presentMany(ctx, [a]);
  const tags = (await repo.tagsOf(ctx.db, [a.id])).get(a.id) ?? [];
  const related = await repo.listRelated(ctx.db, {
    articleId: a.id,
    tagKeys: tags.map((t) => t.key),
    now,
    provinceId: a.province_id,
    cooperativeId: a.cooperative_id,
    limit: MAX_RELATED,
  });
  const comments = await repo.listCommentsOfArticle(ctx.db, a.id, ['approved']);
  const votes = actor ? await repo.votesOf(ctx.db, a.id, `person:${actor.personId}`) : [];
  const coop = a.cooperative_id === null ? undefined : await findCooperativeById(ctx.db, a.cooperative_id);
  const reaction = votes.find((v) => v.kind === 'reaction')?.value;

  return {
    ...(summary as ArticleSummary),
    bodyHtml: a.body_html,
    cooperative: coop ? { legalId: coop.legal_id, name: coop.name } : null,
    updatedAt: a.updated_at,
    editable: editor,
    moderatable: await mayModerate(ctx.db, actor, a),
    related: related.map((r) => ({
      id: r.id,
      title: r.title,
      publishedAt: r.published_at,
      publishedAtJalali: r.published_at === null ? null : formatTehranInstant(r.published_at),
      sharedTags: Number(r.shared),
    })),
    commentList: comments.map((c) => ({
      id: c.id,
      author: commentAuthor(c),
      body: c.body,
      createdAt: c.created_at,
      createdAtJalali: formatTehranInstant(c.created_at),
    })),
    mine: actor
      ? {
          rating: votes.find((v) => v.kind === 'rating')?.value ?? null,
          reaction: reaction === undefined ? null : reaction > 0 ? ('like' as const) : ('dislike' as const),
        }
      : null,
  };
}

/**
 * Use case: a cooperative's announcements for its members and officers, newest first; its board
 * and managing director (who may write them) see drafts, scheduled and archived ones too.
 */
export async function listAnnouncements(ctx: Context, actor: Actor, cooperativeId: number) {
  const all = await mayEdit(ctx.db, actor, {
    audience: 'cooperative',
    province_id: null,
    cooperative_id: cooperativeId,
  });
  const rows = await repo.listOfCooperative(ctx.db, cooperativeId, {
    now: ctx.clock.now().toISOString(),
    all,
    limit: 200,
  });

  return { items: await presentMany(ctx, rows), editable: all };
}

const manageQuery = z.strictObject({
  status: z.enum(['draft', 'scheduled', 'published', 'archived']).optional(),
});

/** Use case: the ministry articles the caller may edit (every status), most recently changed first. */
export async function listForEditors(ctx: Context, actor: Actor, query: unknown) {
  const checked = check(manageQuery, query);
  if (!checked.ok) throw new AppError('INVALID_INPUT', { fields: checked.fields });
  const rows = await repo.listMinistryArticles(ctx.db, { status: checked.value.status, limit: 500 });
  const editable: repo.ArticleRow[] = [];
  for (const r of rows) if (await mayEdit(ctx.db, actor, r)) editable.push(r);

  return { items: await presentMany(ctx, editable.slice(0, 200)) };
}

export type { ArticleStatus };

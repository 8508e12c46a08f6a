import { z } from 'zod';
import { type Actor, isAllowed } from '../access/index.ts';
import type { Context } from '../context/context.ts';
import { AppError, type Bilingual, type FieldError } from '../errors/app-error.ts';
import { fieldError } from '../errors/field-messages.ts';
import { notifyPerson } from '../notifications/notify-person.ts';
import { blankToUndefined, zEnum, zText } from '../validation/fields.ts';
import { mayModerate } from './access.ts';
import { answerNewsChallenge } from './challenges.ts';
import * as repo from './news.repository.ts';
import { commentAuthor, visibleArticle } from './read-news.ts';
import { formatTehranInstant } from './tehran-time.ts';
import { checkNews, zMultiline } from './validation.ts';
import {
  COMMENT_STATUSES,
  type CommentStatus,
  LIMITS,
  MODERATION_DECISIONS,
  type ModerationDecision,
  NEWS_ERRORS,
  newsFieldError,
} from './vocabulary.ts';

/**
 * Readers' comments. Anyone may comment on a published article: a signed-in person's comment
 * carries their name from the register and is published at once; an anonymous one carries the
 * name they typed and waits for a moderator. Anonymous comments answer an arithmetic question
 * (src/news/challenges.ts), leave the hidden `website` field empty (a honeypot: bots fill every
 * field) and are rate-limited per IP by their route. Bodies are plain text; the web escapes them.
 */

const URL_LIKE = /\b(?:https?:\/\/|www\.)\S+/gi;

const commentSchema = z.strictObject({
  body: zMultiline(LIMITS.comment),
  displayName: blankToUndefined(zText(LIMITS.displayName)),
  challengeId: blankToUndefined(z.string().max(100)),
  answer: blankToUndefined(z.union([z.string().max(20), z.number()])),
  website: z.unknown().optional(),
});

const PENDING_NOTE: Bilingual = {
  fa: 'نظر شما ثبت شد و پس از بررسی منتشر می‌شود',
  en: 'Your comment was received and will appear once a moderator has checked it',
};
const PUBLISHED_NOTE: Bilingual = { fa: 'نظر شما منتشر شد', en: 'Your comment was published' };

/**
 * Use case: a comment. Checks, in order: the article is visible (404) and open (published; 409
 * for the archive and drafts); the honeypot (400, a generic spam message naming no field, so a
 * bot learns nothing); then every bad field at once — the body (1–2000 characters, no bidi
 * controls, at most two links), and for anonymous commenters their name and the challenge. Any
 * anonymous attempt that names a challenge uses it up, right or wrong: the web asks for a new one
 * after every answer. Nothing is written unless everything holds.
 */
export async function postComment(ctx: Context, actor: Actor | null, articleId: number, input: unknown) {
  const { article, status } = await visibleArticle(ctx, actor, articleId);
  if (status !== 'published') throw new AppError('INVALID_TRANSITION', { message: NEWS_ERRORS.notOpen });
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const challengeId = typeof raw.challengeId === 'string' ? raw.challengeId : '';
  const answer = typeof raw.answer === 'string' || typeof raw.answer === 'number' ? String(raw.answer) : '';
  const honeypot = raw.website !== undefined && raw.website !== null && raw.website !== '';
  const verdict =
    actor === null && challengeId !== '' ? await answerNewsChallenge(ctx, challengeId, answer) : null;
  if (honeypot) throw new AppError('INVALID_INPUT', { message: NEWS_ERRORS.spam });

  const checked = checkNews(commentSchema, input);
  const fields: FieldError[] = checked.ok ? [] : [...checked.fields];
  if (checked.ok && (checked.value.body.match(URL_LIKE)?.length ?? 0) > LIMITS.commentLinks) {
    fields.push(newsFieldError('body', 'too_many_links'));
  }
  if (actor === null) {
    const named = typeof raw.displayName === 'string' && raw.displayName.trim() !== '';
    if (!named && !fields.some((f) => f.path === 'displayName'))
      fields.push(fieldError('displayName', 'required'));
    if (verdict === null || answer === '') fields.push(newsFieldError('answer', 'challenge_required'));
    else if (verdict === 'wrong') fields.push(newsFieldError('answer', 'challenge_wrong'));
    else if (verdict === 'used') fields.push(newsFieldError('answer', 'challenge_used'));
  }
  if (!checked.ok || fields.length > 0) throw new AppError('INVALID_INPUT', { fields });

  const v = checked.value;
  const now = ctx.clock.now().toISOString();
  const commentStatus: CommentStatus = actor ? 'approved' : 'pending';
  const id = await ctx.db.transaction().execute((tx) =>
    repo.insertComment(tx, {
      article_id: article.id,
      person_id: actor?.personId ?? null,
      display_name: actor ? null : (v.displayName ?? null),
      body: v.body,
      status: commentStatus,
      reason: null,
      moderated_by: null,
      moderated_at: null,
      created_at: now,
    }),
  );

  return { id, status: commentStatus, message: actor ? PUBLISHED_NOTE : PENDING_NOTE };
}

const queueQuery = z.strictObject({ status: z.enum(COMMENT_STATUSES).optional() });

/**
 * Use case: the moderation queue — comments in a status (pending by default), oldest first, on
 * the articles the caller moderates (ministry officers and administrators per the policy table).
 */
export async function listCommentsForModeration(ctx: Context, actor: Actor | null, query: unknown) {
  if (!actor) throw new AppError('UNAUTHORIZED');
  if (!isAllowed(actor, 'news.moderate', null)) throw new AppError('FORBIDDEN');
  const checked = checkNews(queueQuery, query);
  if (!checked.ok) throw new AppError('INVALID_INPUT', { fields: checked.fields });
  const rows = await repo.listCommentsByStatus(ctx.db, checked.value.status ?? 'pending', 1000);
  const allowed = new Map<number, boolean>();
  const items = [];
  for (const c of rows) {
    let ok = allowed.get(c.article_id);
    if (ok === undefined) {
      ok = await mayModerate(ctx.db, actor, c);
      allowed.set(c.article_id, ok);
    }
    if (!ok) continue;
    items.push({
      id: c.id,
      article: { id: c.article_id, title: c.article_title },
      author: commentAuthor(c),
      body: c.body,
      status: c.status as CommentStatus,
      reason: c.reason,
      createdAt: c.created_at,
      createdAtJalali: formatTehranInstant(c.created_at),
    });
    if (items.length >= 200) break;
  }

  return { items };
}

const moderationSchema = z.strictObject({
  decision: zEnum(MODERATION_DECISIONS),
  reason: blankToUndefined(zText(LIMITS.reason)),
});

/** Which decision applies to which status, and the status it leads to. */
const DECISIONS: Record<ModerationDecision, { from: CommentStatus; to: CommentStatus; reason: boolean }> = {
  approve: { from: 'pending', to: 'approved', reason: false },
  reject: { from: 'pending', to: 'rejected', reason: true },
  hide: { from: 'approved', to: 'hidden', reason: true },
};

const NOTICE: Record<ModerationDecision, (title: string, reason: string | undefined) => Bilingual> = {
  approve: (t) => ({
    fa: `نظر شما دربارهٔ «${t}» منتشر شد. — سامانه تعاون`,
    en: `Your comment on "${t}" was published.`,
  }),
  reject: (t, r) => ({
    fa: `نظر شما دربارهٔ «${t}» منتشر نشد. دلیل: ${r ?? ''} — سامانه تعاون`,
    en: `Your comment on "${t}" was not published. Reason: ${r ?? ''}`,
  }),
  hide: (t, r) => ({
    fa: `نظر شما دربارهٔ «${t}» پنهان شد. دلیل: ${r ?? ''} — سامانه تعاون`,
    en: `Your comment on "${t}" was hidden. Reason: ${r ?? ''}`,
  }),
};

/**
 * Use case: approve or reject a pending comment, or hide a published one — with a reason for
 * rejecting and hiding (400 without). A decision its status does not allow is a 409. A signed-in
 * author hears of it in the app (`news.comment`, through the outbox in the same transaction).
 */
export async function moderateComment(ctx: Context, actor: Actor | null, commentId: number, input: unknown) {
  if (!actor) throw new AppError('UNAUTHORIZED');
  const comment = await repo.findComment(ctx.db, commentId);
  const article = comment ? await repo.findArticle(ctx.db, comment.article_id) : undefined;
  if (!comment || !article) {
    throw new AppError(isAllowed(actor, 'news.moderate', null) ? 'NOT_FOUND' : 'FORBIDDEN', {
      message: NEWS_ERRORS.commentNotFound,
    });
  }
  if (!(await mayModerate(ctx.db, actor, article))) throw new AppError('FORBIDDEN');
  const checked = checkNews(moderationSchema, input);
  if (!checked.ok) throw new AppError('INVALID_INPUT', { fields: checked.fields });
  const { decision, reason } = checked.value;
  const rule = DECISIONS[decision];
  if (rule.reason && reason === undefined) {
    throw new AppError('INVALID_INPUT', { fields: [newsFieldError('reason', 'reason_required')] });
  }
  const now = ctx.clock.now().toISOString();

  return ctx.db.transaction().execute(async (tx) => {
    const current = await repo.findComment(tx, commentId);
    if (!current || current.status !== rule.from) {
      throw new AppError('INVALID_TRANSITION', {
        message: {
          fa: 'این تصمیم در وضعیت کنونی نظر ممکن نیست',
          en: `A comment that is ${current?.status ?? 'gone'} cannot be given this decision`,
        },
      });
    }
    await repo.updateComment(tx, commentId, {
      status: rule.to,
      reason: reason ?? null,
      moderated_by: actor.personId,
      moderated_at: now,
    });
    if (current.person_id !== null) {
      const body = NOTICE[decision](article.title, reason);
      await notifyPerson(
        tx,
        {
          personId: current.person_id,
          kind: 'news.comment',
          subject: { fa: 'نظر شما در اخبار تعاون', en: 'Your comment in Taavon news' },
          body,
          channels: ['inapp'],
        },
        { now: ctx.clock.now() },
      );
    }

    return { id: commentId, status: rule.to };
  });
}

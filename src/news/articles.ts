import { z } from 'zod';
import { type Actor, isAllowed } from '../access/index.ts';
import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { fieldError } from '../errors/field-messages.ts';
import {
  type DocumentStore,
  inspectUpload,
  newDocumentKey,
  readDocument,
  uploadError,
} from '../storage/index.ts';
import { hasBidiControls, searchKey } from '../text/index.ts';
import { blankToUndefined, zEnum, zText } from '../validation/fields.ts';
import { mayEdit, mayRead } from './access.ts';
import * as repo from './news.repository.ts';
import { htmlToText, sanitizeArticleHtml } from './sanitize.ts';
import { parseInstantInput } from './tehran-time.ts';
import { checkNews, type Tag, zTags } from './validation.ts';
import { type ArticleStatus, LIMITS, NEWS_ERRORS, newsFieldError, transitionError } from './vocabulary.ts';

/**
 * Writing news: ministry officers and administrators write articles for the nation or one
 * province; a cooperative's board and managing director write announcements to its members.
 * Every article starts as a draft; `transitionArticle` schedules, publishes and archives it.
 * Bodies are sanitised here, on the server, when they are written.
 */

/** The body: HTML, no bidi controls, cleaned to the allowed tags; something must be left. */
const zBody = z.string({ error: 'required' }).transform((input, ctx) => {
  if (hasBidiControls(input)) {
    ctx.addIssue({ code: 'custom', message: 'bidi' });
    return z.NEVER;
  }
  if (input.length > LIMITS.bodyHtml) {
    ctx.addIssue({ code: 'custom', message: 'too_long' });
    return z.NEVER;
  }
  const html = sanitizeArticleHtml(input);
  const text = htmlToText(html);
  if (text === '' && !html.includes('<img')) {
    ctx.addIssue({ code: 'custom', message: 'body_empty' });
    return z.NEVER;
  }

  return { html, text };
});

function articleShape(ctx: Context) {
  return {
    title: zText(LIMITS.title),
    lead: zText(LIMITS.lead),
    body: zBody,
    source: z.preprocess((v) => (v === '' ? null : v), zText(LIMITS.source).nullable().optional()),
    tags: zTags,
    audience: zEnum(['nation', 'province'] as const),
    province: blankToUndefined(
      z.union([z.string(), z.number()]).transform((input, c) => {
        const province = ctx.reference.findProvince(String(input));
        if (!province) {
          c.addIssue({ code: 'custom', message: 'unknown_province' });
          return z.NEVER;
        }
        return province.id;
      }),
    ),
  };
}

type ArticleFields = {
  title: string;
  lead: string;
  body: { html: string; text: string };
  source?: string | null | undefined;
  tags: Tag[];
  audience: 'nation' | 'province' | 'cooperative';
  province?: number | undefined;
};

type Mode = 'ministry' | 'announcement' | 'ministry-patch' | 'announcement-patch';

/** The article's input, every bad field at once; an announcement has no audience of its own. */
function validateArticle(ctx: Context, input: unknown, mode: Mode): Partial<ArticleFields> {
  const shape = articleShape(ctx);
  const { audience: _a, province: _p, ...announcement } = shape;
  const base = mode.startsWith('announcement') ? z.strictObject(announcement) : z.strictObject(shape);
  const schema = mode.endsWith('-patch') ? base.partial() : base;
  const checked = checkNews(schema, input);
  const fields = checked.ok ? [] : [...checked.fields];
  // A province audience names its province (a patch may keep the article's own: updateArticle).
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const noProvince = raw.province === undefined || raw.province === null || raw.province === '';
  if (mode === 'ministry' && raw.audience === 'province' && noProvince) {
    fields.push(fieldError('province', 'required'));
  }
  if (fields.length > 0 || !checked.ok) throw new AppError('INVALID_INPUT', { fields });

  return checked.value as Partial<ArticleFields>;
}

function searchKeyOf(a: { title: string; lead: string; text: string }): string {
  return searchKey(`${a.title} ${a.lead} ${a.text}`);
}

/** What `createArticle` and `createAnnouncement` write; the demo writes the same with its own dates. */
export type NewArticle = {
  audience: 'nation' | 'province' | 'cooperative';
  provinceId: number | null;
  cooperativeId: number | null;
  title: string;
  lead: string;
  html: string;
  text: string;
  source: string | null;
  tags: Tag[];
  authorPersonId: number | null;
  status: ArticleStatus;
  publishedAt: string | null;
  views?: number;
  at: string;
};

export async function insertArticle(tx: Executor, a: NewArticle): Promise<number> {
  const id = await repo.insertArticle(tx, {
    audience: a.audience,
    province_id: a.provinceId,
    cooperative_id: a.cooperativeId,
    title: a.title,
    lead: a.lead,
    body_html: a.html,
    body_text: a.text,
    source: a.source,
    search_key: searchKeyOf({ title: a.title, lead: a.lead, text: a.text }),
    status: a.status,
    published_at: a.publishedAt,
    archived_at: null,
    cover_key: null,
    cover_media_type: null,
    cover_sha256: null,
    cover_size: null,
    views: a.views ?? 0,
    author_person_id: a.authorPersonId,
    created_at: a.at,
    updated_at: a.at,
  });
  await repo.replaceTags(tx, id, a.tags);

  return id;
}

/**
 * The input of an article checked and cleaned, for the demo and imports: throws INVALID_INPUT
 * naming every bad field, exactly as the routes do.
 */
export function checkArticleInput(ctx: Context, input: unknown) {
  const v = validateArticle(ctx, input, 'ministry') as ArticleFields;

  return {
    audience: v.audience,
    provinceId: v.audience === 'province' ? (v.province ?? null) : null,
    title: v.title,
    lead: v.lead,
    html: v.body.html,
    text: v.body.text,
    source: v.source ?? null,
    tags: v.tags,
  };
}

/**
 * Use case: a ministry officer or administrator writes a draft for the nation or one province.
 * Someone who may write no news at all is refused first (403); then every bad field (400); then
 * whether they may write for the audience named (403: a county's officer, another province).
 */
export async function createArticle(
  ctx: Context,
  actor: Actor | null,
  input: unknown,
): Promise<{ id: number }> {
  if (!actor) throw new AppError('UNAUTHORIZED');
  if (!isAllowed(actor, 'news.write', null)) throw new AppError('FORBIDDEN');
  const v = checkArticleInput(ctx, input);
  if (
    !(await mayEdit(ctx.db, actor, { audience: v.audience, province_id: v.provinceId, cooperative_id: null }))
  )
    throw new AppError('FORBIDDEN');
  const now = ctx.clock.now().toISOString();
  const id = await ctx.db.transaction().execute((tx) =>
    insertArticle(tx, {
      ...v,
      cooperativeId: null,
      authorPersonId: actor.personId,
      status: 'draft',
      publishedAt: null,
      at: now,
    }),
  );

  return { id };
}

/** Use case: a cooperative's board or managing director writes a draft announcement to its members. */
export async function createAnnouncement(
  ctx: Context,
  actor: Actor,
  cooperativeId: number,
  input: unknown,
): Promise<{ id: number }> {
  const v = validateArticle(ctx, input, 'announcement') as ArticleFields;
  const now = ctx.clock.now().toISOString();
  const id = await ctx.db.transaction().execute((tx) =>
    insertArticle(tx, {
      audience: 'cooperative',
      provinceId: null,
      cooperativeId,
      title: v.title,
      lead: v.lead,
      html: v.body.html,
      text: v.body.text,
      source: v.source ?? null,
      tags: v.tags,
      authorPersonId: actor.personId,
      status: 'draft',
      publishedAt: null,
      at: now,
    }),
  );

  return { id };
}

/** The status readers see: a scheduled article whose time has come is published. */
export function effectiveStatus(
  a: Pick<repo.ArticleRow, 'status' | 'published_at'>,
  now: string,
): ArticleStatus {
  if (a.status === 'scheduled' && a.published_at !== null && a.published_at <= now) return 'published';

  return a.status as ArticleStatus;
}

/** The article for someone who may change it: 404 when they cannot even see it, 403 when they can. */
export async function articleForEditor(
  ctx: Context,
  tx: Executor,
  actor: Actor | null,
  id: number,
): Promise<repo.ArticleRow> {
  if (!actor) throw new AppError('UNAUTHORIZED');
  const a = await repo.findArticle(tx, id, { forUpdate: true });
  if (!a) throw new AppError('NOT_FOUND', { message: NEWS_ERRORS.articleNotFound });
  if (await mayEdit(tx, actor, a)) return a;
  const seen = effectiveStatus(a, ctx.clock.now().toISOString());
  if ((seen === 'published' || seen === 'archived') && (await mayRead(tx, actor, a)))
    throw new AppError('FORBIDDEN');
  throw new AppError('NOT_FOUND', { message: NEWS_ERRORS.articleNotFound });
}

/**
 * Use case: change an article's text, tags or audience (not once archived). Only the fields given
 * change; a ministry article may move to another audience the editor may also write for.
 */
export async function updateArticle(ctx: Context, actor: Actor | null, id: number, input: unknown) {
  await ctx.db.transaction().execute(async (tx) => {
    const a = await articleForEditor(ctx, tx, actor, id);
    if (a.status === 'archived') throw transitionError('archived', 'published');
    const v = validateArticle(
      ctx,
      input,
      a.cooperative_id === null ? 'ministry-patch' : 'announcement-patch',
    );
    let audience = a.audience;
    let provinceId = a.province_id;
    if (a.cooperative_id === null && (v.audience !== undefined || v.province !== undefined)) {
      audience = v.audience ?? a.audience;
      provinceId = audience === 'province' ? (v.province ?? a.province_id) : null;
      if (audience === 'province' && provinceId === null) {
        throw new AppError('INVALID_INPUT', { fields: [fieldError('province', 'required')] });
      }
      if (!(await mayEdit(tx, actor, { audience, province_id: provinceId, cooperative_id: null })))
        throw new AppError('FORBIDDEN');
    }
    const title = v.title ?? a.title;
    const lead = v.lead ?? a.lead;
    const html = v.body?.html ?? a.body_html;
    const text = v.body?.text ?? a.body_text;
    await repo.updateArticle(tx, a.id, {
      audience,
      province_id: provinceId,
      title,
      lead,
      body_html: html,
      body_text: text,
      source: v.source === undefined ? a.source : v.source,
      search_key: searchKeyOf({ title, lead, text }),
      updated_at: ctx.clock.now().toISOString(),
    });
    if (v.tags !== undefined) await repo.replaceTags(tx, a.id, v.tags);
  });
}

export const TRANSITION_TARGETS = ['draft', 'scheduled', 'published', 'archived'] as const;

/** From each status readers would see, where an article may go. */
const NEXT: Record<ArticleStatus, readonly ArticleStatus[]> = {
  draft: ['scheduled', 'published'],
  scheduled: ['draft', 'scheduled', 'published'],
  published: ['archived'],
  archived: [],
};

const transitionSchema = z.strictObject({
  to: zEnum(TRANSITION_TARGETS),
  publishAt: blankToUndefined(z.string().max(40)),
});

/**
 * Use case: draft → scheduled (a `publishAt` in the future) → published → archived; a scheduled
 * article may be published at once, moved, or taken back to draft; nothing leaves the archive.
 * A scheduled article whose time has come counts as published (computed on read). Bad input:
 * 400; a change its status does not allow: 409.
 */
export async function transitionArticle(ctx: Context, actor: Actor | null, id: number, input: unknown) {
  return ctx.db.transaction().execute(async (tx) => {
    const a = await articleForEditor(ctx, tx, actor, id);
    const checked = checkNews(transitionSchema, input);
    if (!checked.ok) throw new AppError('INVALID_INPUT', { fields: checked.fields });
    const { to, publishAt } = checked.value;
    const now = ctx.clock.now().toISOString();
    let at: string | null = null;
    if (to === 'scheduled') {
      const parsed = publishAt === undefined ? null : parseInstantInput(publishAt);
      const problem =
        publishAt === undefined
          ? 'publish_at_required'
          : parsed === null
            ? 'publish_at_format'
            : parsed <= now
              ? 'publish_at_past'
              : null;
      if (problem) throw new AppError('INVALID_INPUT', { fields: [newsFieldError('publishAt', problem)] });
      at = parsed;
    }
    const from = effectiveStatus(a, now);
    if (!NEXT[from].includes(to)) throw transitionError(from, to);
    const patch =
      to === 'draft'
        ? { status: 'draft', published_at: null }
        : to === 'scheduled'
          ? { status: 'scheduled', published_at: at }
          : to === 'published'
            ? { status: 'published', published_at: now }
            : { status: 'archived', archived_at: now };
    await repo.updateArticle(tx, a.id, { ...patch, updated_at: now });
    const after = { ...a, ...patch };

    return { status: effectiveStatus(after, now), publishedAt: after.published_at };
  });
}

/** The largest cover image accepted. */
export const MAX_COVER_BYTES = 5 * 1024 * 1024;

/**
 * Use case: the article's cover image — PNG or JPEG by content (src/storage), stored under a
 * random name with its SHA-256; it replaces the previous one, which is deleted once the new one
 * is recorded. A refused file is never stored; a stored file whose record fails is deleted.
 */
export async function uploadCover(
  ctx: Context,
  actor: Actor | null,
  id: number,
  file: { name: string; bytes: Uint8Array },
) {
  const before = await ctx.db.transaction().execute((tx) => articleForEditor(ctx, tx, actor, id));
  if (before.status === 'archived') throw transitionError('archived', 'published');
  const inspection = await inspectUpload(file.bytes, file.name || 'cover', {
    maxBytes: MAX_COVER_BYTES,
    allowed: ['png', 'jpeg'],
  });
  if (!inspection.ok) {
    throw inspection.code === 'file_type_not_allowed' && inspection.reason !== 'eicar'
      ? new AppError('INVALID_INPUT', { fields: [newsFieldError('file', 'image_only')] })
      : uploadError(inspection, 'file');
  }
  const key = newDocumentKey();
  await ctx.documents.put(key, file.bytes);
  let previous: string | null = null;
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const a = await articleForEditor(ctx, tx, actor, id);
      previous = a.cover_key;
      await repo.updateArticle(tx, a.id, {
        cover_key: key,
        cover_media_type: inspection.mediaType,
        cover_sha256: inspection.sha256,
        cover_size: inspection.size,
        updated_at: ctx.clock.now().toISOString(),
      });
    });
  } catch (error) {
    await ctx.documents.delete(key);
    throw error;
  }
  if (previous) await ctx.documents.delete(previous);

  return { url: coverUrl(id), mediaType: inspection.mediaType, size: inspection.size };
}

export function coverUrl(id: number): string {
  return `/api/v1/news/${id}/cover`;
}

/** The bytes of a cover, checked against its SHA-256; null when there is none. */
export async function readCover(store: DocumentStore, a: repo.ArticleRow) {
  if (!a.cover_key || !a.cover_sha256 || !a.cover_media_type) return null;
  const bytes = await readDocument(store, { key: a.cover_key, sha256: a.cover_sha256 });

  return bytes ? { bytes, mediaType: a.cover_media_type } : null;
}

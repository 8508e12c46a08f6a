import { keepPreviousData, type QueryClient, queryOptions } from '@tanstack/react-query';
import { ApiProblem, getJson, sendJson } from '../api/client.ts';
import { PRIVATE } from '../api/session.ts';
import type {
  Announcements,
  Article,
  ArticleInput,
  ArticleStatus,
  ArticleSummary,
  CommentStatus,
  ModerationDecision,
  ModerationItem,
  NewsChallenge,
  NewsList,
  PostedComment,
  Reaction,
  TagCount,
  Votes,
} from './types.ts';

/**
 * The news API (src/news/news.routes.ts): the public list, tags, an article's page and what
 * readers do on it (views, rating, like/dislike, comments); the editors' and moderators' lists
 * under the PRIVATE key (dropped at sign-out).
 */

export const NEWS = 'news';

/** After a change: the public answers (list, article) and the private ones (editors', moderators', board's). */
export function refreshNews(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: [NEWS] }),
    queryClient.invalidateQueries({ queryKey: [PRIVATE, NEWS] }),
  ]);
}

/** The Atom feed, at the root where feed readers look for it (not a page of the app). */
export const FEED_URL = '/news/feed.xml';

/** The public list: `params` is the page's query string as the API takes it (q, tag, province, page). */
export function newsListQuery(params: string) {
  return queryOptions({
    queryKey: [NEWS, 'list', params],
    queryFn: ({ signal }) => getJson<NewsList>(`/news?${params}`, signal),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export const tagsQuery = queryOptions({
  queryKey: [NEWS, 'tags'],
  queryFn: ({ signal }) => getJson<{ items: TagCount[] }>('/news/tags', signal),
  staleTime: 5 * 60_000,
});

/** An article's page; it depends on who asks (their votes, whether they may edit): asked again on each visit. */
export function articleQuery(id: string) {
  return queryOptions({
    queryKey: [NEWS, 'article', id],
    queryFn: ({ signal }) => getJson<Article>(`/news/${encodeURIComponent(id)}`, signal),
    retry: false,
    staleTime: 0,
  });
}

/** The arithmetic question of an anonymous comment: single use, so never cached. */
export const challengeQuery = queryOptions({
  queryKey: [NEWS, 'challenge'],
  queryFn: ({ signal }) => getJson<NewsChallenge>('/news/challenge', signal),
  retry: false,
  staleTime: Number.POSITIVE_INFINITY,
  gcTime: 0,
});

const article = (id: number | string) => `/news/${encodeURIComponent(String(id))}`;

/** Counts the page's view (once a day per visitor, on the server); returns the count. */
export function recordView(id: string): Promise<{ views: number }> {
  return sendJson('POST', `${article(id)}/views`);
}

/** A 1–5 rating; none chosen is sent as none, and the server names what is missing. */
export function rate(id: number, value: number | undefined): Promise<Votes> {
  return sendJson('POST', `${article(id)}/rating`, { value });
}

export function react(id: number, value: Reaction): Promise<Votes> {
  return sendJson('POST', `${article(id)}/reaction`, { value });
}

export type CommentInput = {
  body: string;
  displayName?: string;
  challengeId?: string;
  answer?: string;
  /** The honeypot: people never see it, so it stays empty. */
  website: string;
};

export function postComment(id: number, input: CommentInput): Promise<PostedComment> {
  return sendJson('POST', `${article(id)}/comments`, input);
}

// Editors (ministry officers and administrators).

export function manageQuery(status: string) {
  return queryOptions({
    queryKey: [PRIVATE, NEWS, 'manage', status],
    queryFn: ({ signal }) =>
      getJson<{ items: ArticleSummary[] }>(`/news/manage${status ? `?status=${status}` : ''}`, signal),
    retry: false,
    staleTime: 0,
  });
}

export function createArticle(input: ArticleInput): Promise<{ id: number }> {
  return sendJson('POST', '/news', input);
}

/** PATCH (the shared client sends POST, PUT and DELETE). */
export async function updateArticle(id: number, input: Partial<ArticleInput>): Promise<void> {
  const response = await fetch(`/api/v1${article(id)}`, {
    method: 'PATCH',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(input),
    credentials: 'same-origin',
  });
  if (!response.ok) throw await problemOf(response);
}

export function changeStatus(
  id: number,
  to: ArticleStatus,
  publishAt?: string,
): Promise<{ status: ArticleStatus; publishedAt: string | null; publishedAtJalali: string | null }> {
  return sendJson('POST', `${article(id)}/status`, publishAt === undefined ? { to } : { to, publishAt });
}

/** The cover: the raw bytes as the body (the server checks the content), the name in a header. */
export async function uploadCover(id: number, file: File): Promise<{ url: string }> {
  const response = await fetch(`/api/v1${article(id)}/cover`, {
    method: 'PUT',
    headers: {
      accept: 'application/json',
      'content-type': /^image\//.test(file.type) ? file.type : 'application/octet-stream',
      'x-file-name': encodeURIComponent(file.name),
    },
    body: file,
    credentials: 'same-origin',
  });
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as { url: string };
}

// Moderators.

export function moderationQuery(status: CommentStatus) {
  return queryOptions({
    queryKey: [PRIVATE, NEWS, 'moderation', status],
    queryFn: ({ signal }) =>
      getJson<{ items: ModerationItem[] }>(`/news/moderation/comments?status=${status}`, signal),
    retry: false,
    staleTime: 0,
  });
}

export function moderate(
  commentId: number,
  decision: ModerationDecision,
  reason: string,
): Promise<{ id: number; status: CommentStatus }> {
  return sendJson('POST', `/news/comments/${commentId}/moderation`, {
    decision,
    ...(reason.trim() === '' ? {} : { reason }),
  });
}

// A cooperative's board: announcements to its members.

export function announcementsQuery(legalId: string) {
  return queryOptions({
    queryKey: [PRIVATE, NEWS, 'announcements', legalId],
    queryFn: ({ signal }) =>
      getJson<Announcements>(`/cooperatives/${encodeURIComponent(legalId)}/announcements`, signal),
    retry: false,
    staleTime: 0,
  });
}

export function createAnnouncement(legalId: string, input: ArticleInput): Promise<{ id: number }> {
  return sendJson('POST', `/cooperatives/${encodeURIComponent(legalId)}/announcements`, input);
}

async function problemOf(response: Response): Promise<ApiProblem> {
  const body: unknown = await response.json().catch(() => ({}));
  return new ApiProblem(response.status, typeof body === 'object' && body !== null ? body : {});
}

/** Tags as typed: separated by commas (Latin «,» or Persian «،»), blanks dropped. */
export function splitTags(text: string): string[] {
  return text
    .split(/[,،]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

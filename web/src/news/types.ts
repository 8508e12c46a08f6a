/**
 * Answers of the news API (src/news/news.routes.ts; the zod response schemas there are the
 * reference). Stored titles, leads and tags have ASCII digits and `publishedAtJalali` is
 * `1399/05/14 23:03` in ASCII digits: the pages show them in the reader's digits.
 */

export type Bilingual = { fa: string; en: string };

export type ArticleStatus = 'draft' | 'scheduled' | 'published' | 'archived';
export const ARTICLE_STATUSES: readonly ArticleStatus[] = ['draft', 'scheduled', 'published', 'archived'];

export type Audience = 'nation' | 'province' | 'cooperative';

export type CommentStatus = 'pending' | 'approved' | 'rejected' | 'hidden';
export const COMMENT_STATUSES: readonly CommentStatus[] = ['pending', 'approved', 'rejected', 'hidden'];

export type ModerationDecision = 'approve' | 'reject' | 'hide';

export type Rating = { average: number | null; averageText: string | null; count: number };
export type Reactions = { likes: number; dislikes: number };
export type Reaction = 'like' | 'dislike';

/** An article in a list (GET /news, /news/manage, a cooperative's announcements). */
export type ArticleSummary = {
  id: number;
  title: string;
  lead: string;
  audience: Audience;
  province: { id: number; name: Bilingual } | null;
  status: ArticleStatus;
  publishedAt: string | null;
  /** Jalali date and Tehran time, ASCII digits: `1399/05/14 23:03`. */
  publishedAtJalali: string | null;
  source: string | null;
  tags: string[];
  coverUrl: string | null;
  views: number;
  rating: Rating;
  reactions: Reactions;
  comments: number;
};

export type CommentAuthor = { name: string; verified: boolean };

export type ArticleComment = {
  id: number;
  author: CommentAuthor;
  /** Plain text: shown as text, never as HTML. */
  body: string;
  createdAt: string;
  createdAtJalali: string;
};

export type RelatedArticle = {
  id: number;
  title: string;
  publishedAt: string | null;
  publishedAtJalali: string | null;
  sharedTags: number;
};

/** GET /news/:articleId */
export type Article = ArticleSummary & {
  /** Sanitised by the server when it was written (ADR 11): the only HTML the pages render. */
  bodyHtml: string;
  cooperative: { legalId: string | null; name: string } | null;
  updatedAt: string;
  editable: boolean;
  moderatable: boolean;
  related: RelatedArticle[];
  commentList: ArticleComment[];
  mine: { rating: number | null; reaction: Reaction | null } | null;
};

export type NewsList = { items: ArticleSummary[]; total: number; page: number; pageSize: number };
export type TagCount = { tag: string; count: number };
export type NewsChallenge = { challengeId: string; question: Bilingual; expiresAt: string };
export type Votes = { rating: Rating; reactions: Reactions };
export type PostedComment = { id: number; status: CommentStatus; message: Bilingual };

/** GET /news/moderation/comments */
export type ModerationItem = {
  id: number;
  article: { id: number; title: string };
  author: CommentAuthor;
  body: string;
  status: CommentStatus;
  reason: string | null;
  createdAt: string;
  createdAtJalali: string;
};

/** GET /cooperatives/:legalId/announcements */
export type Announcements = { items: ArticleSummary[]; editable: boolean };

/** What an editor sends for an article (POST /news, PATCH /news/:id, announcements). */
export type ArticleInput = {
  title: string;
  lead: string;
  body: string;
  source?: string;
  tags: string[];
  audience?: 'nation' | 'province';
  province?: string;
};

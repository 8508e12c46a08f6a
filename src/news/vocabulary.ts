import { AppError, type Bilingual, type FieldError } from '../errors/app-error.ts';

/** The life of an article: a draft, scheduled for a time, published, archived. */
export const ARTICLE_STATUSES = ['draft', 'scheduled', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** Who an article is for: the nation, one province, or one cooperative's members (an announcement). */
export const AUDIENCES = ['nation', 'province', 'cooperative'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const COMMENT_STATUSES = ['pending', 'approved', 'rejected', 'hidden'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const MODERATION_DECISIONS = ['approve', 'reject', 'hide'] as const;
export type ModerationDecision = (typeof MODERATION_DECISIONS)[number];

export const STATUS_LABELS: Record<ArticleStatus, Bilingual> = {
  draft: { fa: 'پیش‌نویس', en: 'Draft' },
  scheduled: { fa: 'زمان‌بندی‌شده', en: 'Scheduled' },
  published: { fa: 'منتشرشده', en: 'Published' },
  archived: { fa: 'بایگانی‌شده', en: 'Archived' },
};

/** Limits of what people type. */
export const LIMITS = {
  title: 200,
  lead: 600,
  bodyHtml: 100_000,
  source: 200,
  tag: 40,
  tagsMin: 1,
  tagsMax: 8,
  comment: 2000,
  displayName: 80,
  reason: 1000,
  /** URLs in a comment above which it is refused as spam. */
  commentLinks: 2,
} as const;

/** News's own field messages (the rest are in src/errors/field-messages.ts). */
export const NEWS_MESSAGES = {
  tags_count: {
    fa: 'بین ۱ تا ۸ برچسب وارد کنید',
    en: 'Give between 1 and 8 tags',
  },
  tag_word: {
    fa: 'برچسب باید یک یا چند واژه (حروف، بدون نشانه) باشد',
    en: 'A tag is one or a few words (letters, no punctuation)',
  },
  publish_at_past: {
    fa: 'زمان انتشار باید در آینده باشد',
    en: 'The publication time must be in the future',
  },
  publish_at_format: {
    fa: 'زمان را به شکل 2026-12-01T09:30:00Z یا ۱۴۰۵/۰۹/۱۰ ۰۹:۳۰ وارد کنید',
    en: 'Enter a time like 2026-12-01T09:30:00Z or 1405/09/10 09:30',
  },
  publish_at_required: {
    fa: 'برای زمان‌بندی، زمان انتشار را وارد کنید',
    en: 'Give the publication time to schedule the article',
  },
  body_empty: {
    fa: 'متن خبر پس از پاک‌سازی خالی است',
    en: 'The body is empty once cleaned',
  },
  too_many_links: {
    fa: 'نظر بیش از دو پیوند دارد؛ پیوندهای اضافه را حذف کنید',
    en: 'The comment has more than two links; remove the extra ones',
  },
  challenge_wrong: {
    fa: 'پاسخ پرسش امنیتی درست نیست؛ پرسش تازه را پاسخ دهید',
    en: 'The answer to the security question is wrong; answer the new question',
  },
  challenge_used: {
    fa: 'این پرسش امنیتی منقضی شده یا قبلاً پاسخ داده شده است؛ پرسش تازه را پاسخ دهید',
    en: 'This security question has expired or was already answered; answer the new question',
  },
  challenge_required: {
    fa: 'پاسخ پرسش امنیتی را وارد کنید',
    en: 'Answer the security question',
  },
  reason_required: {
    fa: 'دلیل را بنویسید',
    en: 'Give the reason',
  },
  image_only: {
    fa: 'فقط تصویر PNG یا JPEG پذیرفته می‌شود',
    en: 'Only a PNG or JPEG image is accepted',
  },
} as const satisfies Record<string, Bilingual>;

export type NewsMessageCode = keyof typeof NEWS_MESSAGES;

export function newsFieldError(path: string, code: NewsMessageCode): FieldError {
  return { path, code, message: NEWS_MESSAGES[code] };
}

/** Errors that are not about one field. */
export const NEWS_ERRORS = {
  articleNotFound: { fa: 'خبر پیدا نشد', en: 'Article not found' },
  commentNotFound: { fa: 'نظر پیدا نشد', en: 'Comment not found' },
  notOpen: {
    fa: 'این مطلب بایگانی شده یا هنوز منتشر نشده است؛ نظر و امتیاز پذیرفته نمی‌شود',
    en: 'This article is archived or not yet published; it takes no comments or votes',
  },
  alreadyRated: {
    fa: 'شما پیش‌تر به این مطلب امتیاز داده‌اید؛ هر نفر یک بار امتیاز می‌دهد',
    en: 'You have already rated this article; everyone rates once',
  },
  alreadyReacted: {
    fa: 'شما پیش‌تر پسندیدن یا نپسندیدن این مطلب را ثبت کرده‌اید',
    en: 'You have already said whether you like this article',
  },
  spam: {
    fa: 'پیام شما هرزنامه تشخیص داده شد و ثبت نشد',
    en: 'Your message was taken for spam and was not saved',
  },
  coverNotFound: { fa: 'این خبر تصویر ندارد', en: 'This article has no image' },
} as const satisfies Record<string, Bilingual>;

/** A 409 for a status change that the article's current status does not allow. */
export function transitionError(from: ArticleStatus, to: ArticleStatus): AppError {
  return new AppError('INVALID_TRANSITION', {
    message: {
      fa: `تغییر وضعیت از «${STATUS_LABELS[from].fa}» به «${STATUS_LABELS[to].fa}» مجاز نیست`,
      en: `An article cannot go from ${STATUS_LABELS[from].en.toLowerCase()} to ${STATUS_LABELS[to].en.toLowerCase()}`,
    },
  });
}

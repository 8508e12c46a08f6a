import { type ExpressionBuilder, type Insertable, PostgresAdapter, type Updateable } from 'kysely';
import type {
  Database,
  Executor,
  NewsArticleTable,
  NewsCommentTable,
  NewsVoteTable,
} from '../db/database.ts';

/** SQL of news: articles, tags, votes, views and their daily salt, comments, challenges. */

export async function insertArticle(db: Executor, row: Insertable<NewsArticleTable>): Promise<number> {
  const r = await db.insertInto('news_articles').values(row).returning('id').executeTakeFirstOrThrow();

  return r.id;
}

export async function updateArticle(db: Executor, id: number, patch: Updateable<NewsArticleTable>) {
  await db.updateTable('news_articles').set(patch).where('id', '=', id).execute();
}

/** An article by id; `forUpdate` locks it on PostgreSQL (SQLite's writers are serial already). */
export async function findArticle(db: Executor, id: number, options: { forUpdate?: boolean } = {}) {
  return db
    .selectFrom('news_articles')
    .selectAll()
    .where('id', '=', id)
    .$if(options.forUpdate === true && db.getExecutor().adapter instanceof PostgresAdapter, (q) =>
      q.forUpdate(),
    )
    .executeTakeFirst();
}

export type ArticleRow = NonNullable<Awaited<ReturnType<typeof findArticle>>>;

/**
 * Published for readers at `now`: published, or scheduled for a time that has come (computed on
 * read, so no job has to flip the status).
 */
function liveAt(now: string) {
  return (eb: ExpressionBuilder<Database, 'news_articles'>) =>
    eb.or([
      eb('news_articles.status', '=', 'published'),
      eb.and([eb('news_articles.status', '=', 'scheduled'), eb('news_articles.published_at', '<=', now)]),
    ]);
}

export type PublicFilter = {
  now: string;
  /** National articles, and with a province also that province's (`all`: every province's: the feed). */
  provinceId?: number | 'all' | undefined;
  tagKey?: string | undefined;
  /** Every word must occur in the article's search key. */
  words: readonly string[];
};

function publicQuery(db: Executor, f: PublicFilter) {
  return db
    .selectFrom('news_articles')
    .where(liveAt(f.now))
    .where((eb) =>
      f.provinceId === undefined
        ? eb('audience', '=', 'nation')
        : f.provinceId === 'all'
          ? eb('audience', 'in', ['nation', 'province'])
          : eb.or([
              eb('audience', '=', 'nation'),
              eb.and([eb('audience', '=', 'province'), eb('province_id', '=', f.provinceId)]),
            ]),
    )
    .$if(f.tagKey !== undefined, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('news_tags')
            .select('news_tags.article_id')
            .whereRef('news_tags.article_id', '=', 'news_articles.id')
            .where('news_tags.tag_key', '=', f.tagKey as string),
        ),
      ),
    )
    .$call((q) => f.words.reduce((acc, w) => acc.where('search_key', 'like', `%${w}%`), q));
}

/** Public articles, newest first. */
export async function listPublic(db: Executor, f: PublicFilter, page: { limit: number; offset: number }) {
  return publicQuery(db, f)
    .selectAll()
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countPublic(db: Executor, f: PublicFilter): Promise<number> {
  const r = await publicQuery(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();

  return Number(r?.n ?? 0);
}

/** A cooperative's announcements, newest first; drafts and archived ones only when asked. */
export async function listOfCooperative(
  db: Executor,
  cooperativeId: number,
  o: { now: string; all: boolean; limit: number },
) {
  return db
    .selectFrom('news_articles')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .$if(!o.all, (q) => q.where(liveAt(o.now)))
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(o.limit)
    .execute();
}

/** The ministry's articles (not announcements) for editors, most recently changed first. */
export async function listMinistryArticles(db: Executor, o: { status?: string | undefined; limit: number }) {
  return db
    .selectFrom('news_articles')
    .selectAll()
    .where('audience', 'in', ['nation', 'province'])
    .$if(o.status !== undefined, (q) => q.where('status', '=', o.status as string))
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(o.limit)
    .execute();
}

/**
 * Articles sharing tags with one, for its page: the most shared tags first, then the newest;
 * among public articles (national, and the given province's) or one cooperative's announcements.
 */
export async function listRelated(
  db: Executor,
  a: {
    articleId: number;
    tagKeys: readonly string[];
    now: string;
    provinceId: number | null;
    cooperativeId: number | null;
    limit: number;
  },
) {
  if (a.tagKeys.length === 0) return [];

  return db
    .selectFrom('news_tags as t')
    .innerJoin('news_articles', 'news_articles.id', 't.article_id')
    .select((eb) => [
      'news_articles.id',
      'news_articles.title',
      'news_articles.published_at',
      eb.fn.countAll<number>().as('shared'),
    ])
    .where('t.tag_key', 'in', [...a.tagKeys])
    .where('news_articles.id', '!=', a.articleId)
    .where(liveAt(a.now))
    .where((eb) =>
      a.cooperativeId !== null
        ? eb('news_articles.cooperative_id', '=', a.cooperativeId)
        : eb.or([
            eb('news_articles.audience', '=', 'nation'),
            ...(a.provinceId === null
              ? []
              : [
                  eb.and([
                    eb('news_articles.audience', '=', 'province'),
                    eb('news_articles.province_id', '=', a.provinceId),
                  ]),
                ]),
          ]),
    )
    .groupBy(['news_articles.id', 'news_articles.title', 'news_articles.published_at'])
    .orderBy('shared', 'desc')
    .orderBy('news_articles.published_at', 'desc')
    .orderBy('news_articles.id', 'desc')
    .limit(a.limit)
    .execute();
}

/** Tags of public articles with how many use each (for the tag list), most used first. */
export async function listPublicTagCounts(db: Executor, now: string) {
  return db
    .selectFrom('news_tags as t')
    .innerJoin('news_articles', 'news_articles.id', 't.article_id')
    .select((eb) => ['t.tag_key', eb.fn.min('t.tag').as('tag'), eb.fn.countAll<number>().as('n')])
    .where(liveAt(now))
    .where('news_articles.audience', 'in', ['nation', 'province'])
    .groupBy('t.tag_key')
    .orderBy('n', 'desc')
    .orderBy('t.tag_key')
    .limit(200)
    .execute();
}

export async function replaceTags(
  db: Executor,
  articleId: number,
  tags: readonly { tag: string; key: string }[],
) {
  await db.deleteFrom('news_tags').where('article_id', '=', articleId).execute();
  if (tags.length === 0) return;
  await db
    .insertInto('news_tags')
    .values(tags.map((t, i) => ({ article_id: articleId, tag: t.tag, tag_key: t.key, position: i })))
    .execute();
}

/** Tags per article, in the order they were given. */
export async function tagsOf(db: Executor, articleIds: readonly number[]) {
  if (articleIds.length === 0) return new Map<number, { tag: string; key: string }[]>();
  const rows = await db
    .selectFrom('news_tags')
    .select(['article_id', 'tag', 'tag_key'])
    .where('article_id', 'in', [...articleIds])
    .orderBy('article_id')
    .orderBy('position')
    .execute();
  const byArticle = new Map<number, { tag: string; key: string }[]>();
  for (const r of rows) {
    byArticle.set(r.article_id, [...(byArticle.get(r.article_id) ?? []), { tag: r.tag, key: r.tag_key }]);
  }

  return byArticle;
}

// --- votes ---------------------------------------------------------------------------------

/** Records a vote unless this voter already cast one of this kind: true when it was recorded. */
export async function insertVote(db: Executor, row: Insertable<NewsVoteTable>): Promise<boolean> {
  const r = await db
    .insertInto('news_votes')
    .values(row)
    .onConflict((oc) => oc.columns(['article_id', 'kind', 'voter_key']).doNothing())
    .returning('article_id')
    .executeTakeFirst();

  return r !== undefined;
}

/** Per article and kind: the number of votes and the sum of their values; likes and dislikes apart. */
export async function voteTotals(db: Executor, articleIds: readonly number[]) {
  if (articleIds.length === 0) return [];

  return db
    .selectFrom('news_votes')
    .select((eb) => [
      'article_id',
      'kind',
      'value',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('value').as('total'),
    ])
    .where('article_id', 'in', [...articleIds])
    .groupBy(['article_id', 'kind', 'value'])
    .execute();
}

/** One voter's votes on an article. */
export async function votesOf(db: Executor, articleId: number, voterKey: string) {
  return db
    .selectFrom('news_votes')
    .select(['kind', 'value'])
    .where('article_id', '=', articleId)
    .where('voter_key', '=', voterKey)
    .execute();
}

// --- views and the daily salt --------------------------------------------------------------

export async function findSalt(db: Executor, day: string) {
  const r = await db.selectFrom('news_daily_salts').select('salt').where('day', '=', day).executeTakeFirst();

  return r?.salt ?? null;
}

/** Stores the day's salt unless another process did first; true when this one was stored. */
export async function insertSalt(db: Executor, row: { day: string; salt: string; created_at: string }) {
  const r = await db
    .insertInto('news_daily_salts')
    .values(row)
    .onConflict((oc) => oc.column('day').doNothing())
    .returning('day')
    .executeTakeFirst();

  return r !== undefined;
}

/** Forgets earlier days: their salts (so yesterday's visitor keys can never be recomputed) and view keys. */
export async function deleteBefore(db: Executor, day: string) {
  await db.deleteFrom('news_daily_salts').where('day', '<', day).execute();
  await db.deleteFrom('news_view_keys').where('day', '<', day).execute();
}

/** Notes that a visitor saw an article today: true the first time today. */
export async function insertViewKey(
  db: Executor,
  row: { day: string; article_id: number; visitor_key: string },
) {
  const r = await db
    .insertInto('news_view_keys')
    .values(row)
    .onConflict((oc) => oc.columns(['day', 'article_id', 'visitor_key']).doNothing())
    .returning('article_id')
    .executeTakeFirst();

  return r !== undefined;
}

export async function incrementViews(db: Executor, articleId: number) {
  await db
    .updateTable('news_articles')
    .set((eb) => ({ views: eb('views', '+', 1) }))
    .where('id', '=', articleId)
    .execute();
}

export async function viewsOf(db: Executor, articleId: number): Promise<number> {
  const r = await db
    .selectFrom('news_articles')
    .select('views')
    .where('id', '=', articleId)
    .executeTakeFirst();

  return Number(r?.views ?? 0);
}

// --- comments ------------------------------------------------------------------------------

export async function insertComment(db: Executor, row: Insertable<NewsCommentTable>): Promise<number> {
  const r = await db.insertInto('news_comments').values(row).returning('id').executeTakeFirstOrThrow();

  return r.id;
}

export async function findComment(db: Executor, id: number) {
  return db.selectFrom('news_comments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateComment(db: Executor, id: number, patch: Updateable<NewsCommentTable>) {
  await db.updateTable('news_comments').set(patch).where('id', '=', id).execute();
}

/** Comments with their authors' names from the register (signed-in authors) or as typed (anonymous). */
function commentsQuery(db: Executor) {
  return db
    .selectFrom('news_comments as c')
    .leftJoin('persons as p', 'p.id', 'c.person_id')
    .select([
      'c.id',
      'c.article_id',
      'c.person_id',
      'c.display_name',
      'c.body',
      'c.status',
      'c.reason',
      'c.moderated_at',
      'c.created_at',
      'p.first_name',
      'p.last_name',
    ]);
}

export async function listCommentsOfArticle(db: Executor, articleId: number, statuses: readonly string[]) {
  return commentsQuery(db)
    .where('c.article_id', '=', articleId)
    .where('c.status', 'in', [...statuses])
    .orderBy('c.id')
    .limit(500)
    .execute();
}

export type CommentRow = Awaited<ReturnType<typeof listCommentsOfArticle>>[number];

/** The moderation queue: comments in a status with their article's audience, oldest first. */
export async function listCommentsByStatus(db: Executor, status: string, limit: number) {
  return commentsQuery(db)
    .innerJoin('news_articles as a', 'a.id', 'c.article_id')
    .select(['a.title as article_title', 'a.audience', 'a.province_id', 'a.cooperative_id'])
    .where('c.status', '=', status)
    .orderBy('c.id')
    .limit(limit)
    .execute();
}

export async function countApprovedComments(db: Executor, articleIds: readonly number[]) {
  if (articleIds.length === 0) return new Map<number, number>();
  const rows = await db
    .selectFrom('news_comments')
    .select((eb) => ['article_id', eb.fn.countAll<number>().as('n')])
    .where('article_id', 'in', [...articleIds])
    .where('status', '=', 'approved')
    .groupBy('article_id')
    .execute();

  return new Map(rows.map((r) => [r.article_id, Number(r.n)]));
}

// --- challenges ----------------------------------------------------------------------------

export async function insertChallenge(
  db: Executor,
  row: { key: string; answer: number; expires_at: string; created_at: string },
) {
  await db.insertInto('news_challenges').values(row).execute();
}

/** Takes a challenge out (whatever the answer turns out to be): its answer and expiry, or undefined. */
export async function takeChallenge(db: Executor, key: string) {
  return db
    .deleteFrom('news_challenges')
    .where('key', '=', key)
    .returning(['answer', 'expires_at'])
    .executeTakeFirst();
}

export async function deleteExpiredChallenges(db: Executor, now: string) {
  await db.deleteFrom('news_challenges').where('expires_at', '<', now).execute();
}

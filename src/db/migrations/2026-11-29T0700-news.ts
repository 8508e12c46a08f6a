import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * News and announcements (issue #7): articles of the ministry (national or one province) and
 * announcements of a cooperative's board to its members; their tags; ratings and likes (one per
 * voter: a person, or an anonymous visitor's daily keyed hash); readers' comments with their
 * moderation; the arithmetic challenges of anonymous comments; the daily salt of visitor keys
 * and the per-day view keys that count a visitor once a day without cookies. Frozen in time.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against any schema (Kysely docs)
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (c: ColumnDefinitionBuilder) => (isPg ? c.primaryKey() : c.primaryKey().autoIncrement());
  const idType = isPg ? sql`serial` : sql`integer`;

  await db.schema
    .createTable('news_articles')
    .addColumn('id', idType, id)
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('province_id', 'integer', (c) => c.references('provinces.id'))
    .addColumn('cooperative_id', 'integer', (c) => c.references('cooperatives.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lead', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('search_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('archived_at', 'text')
    .addColumn('cover_key', 'text', (c) => c.unique())
    .addColumn('cover_media_type', 'text')
    .addColumn('cover_sha256', 'text')
    .addColumn('cover_size', 'integer')
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('author_person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'news_articles_status',
      sql`status in ('draft', 'scheduled', 'published', 'archived')`,
    )
    .addCheckConstraint(
      'news_articles_audience',
      sql`(audience = 'nation' and province_id is null and cooperative_id is null)
        or (audience = 'province' and province_id is not null and cooperative_id is null)
        or (audience = 'cooperative' and cooperative_id is not null)`,
    )
    .addCheckConstraint('news_articles_published_at', sql`status = 'draft' or published_at is not null`)
    .execute();
  await db.schema
    .createIndex('news_articles_public')
    .on('news_articles')
    .columns(['audience', 'status', 'published_at', 'id'])
    .execute();
  await db.schema
    .createIndex('news_articles_cooperative')
    .on('news_articles')
    .columns(['cooperative_id', 'id'])
    .execute();

  await db.schema
    .createTable('news_tags')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('news_articles.id'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('tag_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('news_tags_pk', ['article_id', 'tag_key'])
    .execute();
  await db.schema.createIndex('news_tags_key').on('news_tags').columns(['tag_key', 'article_id']).execute();

  await db.schema
    .createTable('news_votes')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('news_articles.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('voter_key', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('news_votes_pk', ['article_id', 'kind', 'voter_key'])
    .addCheckConstraint(
      'news_votes_value',
      sql`(kind = 'rating' and value between 1 and 5) or (kind = 'reaction' and value in (-1, 1))`,
    )
    .execute();

  await db.schema
    .createTable('news_comments')
    .addColumn('id', idType, id)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('news_articles.id'))
    .addColumn('person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('display_name', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('moderated_by', 'integer', (c) => c.references('persons.id'))
    .addColumn('moderated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('news_comments_status', sql`status in ('pending', 'approved', 'rejected', 'hidden')`)
    .addCheckConstraint('news_comments_author', sql`person_id is not null or display_name is not null`)
    .execute();
  await db.schema
    .createIndex('news_comments_article')
    .on('news_comments')
    .columns(['article_id', 'status', 'id'])
    .execute();
  await db.schema.createIndex('news_comments_status').on('news_comments').columns(['status', 'id']).execute();

  await db.schema
    .createTable('news_challenges')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('answer', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('news_challenges_expiry').on('news_challenges').column('expires_at').execute();

  await db.schema
    .createTable('news_daily_salts')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('salt', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('news_view_keys')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('news_articles.id'))
    .addColumn('visitor_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('news_view_keys_pk', ['day', 'article_id', 'visitor_key'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'news_view_keys',
    'news_daily_salts',
    'news_challenges',
    'news_comments',
    'news_votes',
    'news_tags',
    'news_articles',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

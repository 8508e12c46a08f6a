import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { ApiProblem } from '../api/client.ts';
import { colours } from '../app/theme.ts';
import { BackLink } from '../components/BackLink.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { InsetText } from '../components/Panel.tsx';
import { articleQuery, recordView } from './api.ts';
import { CommentForm, CommentList } from './Comments.tsx';
import { Rating, Reactions } from './Engagement.tsx';
import { ArticleStatusTag, FeedAlternate, JalaliTime, useNewsFormat } from './parts.tsx';
import type { Article } from './types.ts';

/**
 * /news/:articleId — an article laid out as on the ministry's original page: the title, lead and
 * body, its source, date and time (Jalali, Tehran), rating «۵٫۰ / ۵», views and tags
 * («تگ‌های خبر: …»), «این مطلب را می‌پسندید؟» with like and dislike, a 1–5 rating, the latest
 * related articles, the readers' approved comments and the comment form with its arithmetic
 * question. The view is counted once when the page opens.
 */
export function ArticlePage() {
  const { articleId = '' } = useParams();
  const { t } = useTranslation();
  const article = useQuery(articleQuery(articleId));
  const views = useRecordView(articleId);

  if (article.error instanceof ApiProblem && [400, 404].includes(article.error.status)) {
    return (
      <Box sx={{ maxWidth: '40rem' }} data-testid="not-found">
        <PageTitle title={t('news.article.notFoundTitle')} />
        <BackLink to="/news" label={t('news.article.back')} />
        <Typography variant="h1" sx={{ mb: 2 }}>
          {t('news.article.notFoundTitle')}
        </Typography>
        <Typography sx={{ mb: 2 }}>{t('news.article.notFoundText')}</Typography>
        <Link component={RouterLink} to="/news">
          {t('news.article.allNews')}
        </Link>
      </Box>
    );
  }
  if (article.isPending) return <Loading />;
  if (article.error || !article.data) {
    return <Alert severity="error">{t('news.article.loadFailed')}</Alert>;
  }

  return <ArticleView key={articleId} article={article.data} counted={views} />;
}

/** Counts this page's view once when it opens (the server counts each visitor once a day). */
function useRecordView(articleId: string): number | undefined {
  const [views, setViews] = useState<number>();
  const counted = useRef<string | null>(null);
  useEffect(() => {
    if (!/^\d{1,10}$/.test(articleId) || counted.current === articleId) return;
    counted.current = articleId;
    recordView(articleId)
      .then((answer) => setViews(answer.views))
      .catch(() => {
        // Not counted (a draft, a lost connection): the page shows the count it has.
      });
  }, [articleId]);
  return views;
}

function Section({
  id,
  title,
  children,
  testId,
}: {
  id: string;
  title: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Box
      component="section"
      aria-labelledby={id}
      data-testid={testId}
      sx={{ mt: 5, pt: 2, borderTop: `1px solid ${colours.border}` }}
    >
      <Typography variant="h2" id={id} sx={{ mb: 2 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

function ArticleView({ article, counted }: { article: Article; counted: number | undefined }) {
  const { t } = useTranslation();
  const format = useNewsFormat();
  const views = Math.max(article.views, counted ?? 0);
  const title = format.text(article.title);
  const coop = article.cooperative;
  const back = coop?.legalId
    ? { to: `/cooperatives/${coop.legalId}/announcements`, label: t('news.article.backToAnnouncements') }
    : { to: '/news', label: t('news.article.back') };
  const open = article.status === 'published';

  return (
    <Box sx={{ maxWidth: '46rem' }}>
      <PageTitle title={title} />
      {article.audience !== 'cooperative' && <FeedAlternate />}
      <BackLink to={back.to} label={back.label} />

      {article.status !== 'published' && (
        <InsetText testId="status-note">
          <Box sx={{ mb: 1 }}>
            <ArticleStatusTag status={article.status} />
          </Box>
          <Typography>
            {article.status === 'scheduled' && article.publishedAtJalali
              ? t('news.article.statusNote.scheduled', { at: format.jalaliKept(article.publishedAtJalali) })
              : t(`news.article.statusNote.${article.status}`)}
          </Typography>
        </InsetText>
      )}

      <Box component="article" aria-labelledby="article-title" data-testid="article">
        {coop && (
          <Typography
            component="p"
            data-testid="announcement-of"
            sx={{ color: colours.secondaryText, fontSize: '1.1rem', mb: 0.5 }}
          >
            {t('news.article.announcementOf', { name: coop.name })}
          </Typography>
        )}
        <Typography
          variant="h1"
          id="article-title"
          dir={format.dir(article.title)}
          sx={{ fontSize: { xs: '1.6rem', md: '2rem' }, mb: 1.5 }}
        >
          {format.rich(article.title)}
        </Typography>
        <Typography
          component="p"
          dir={format.dir(article.lead)}
          data-testid="article-lead"
          sx={{ fontSize: '1.15rem', fontWeight: 700, lineHeight: 1.9, mb: 2 }}
        >
          {format.rich(article.lead)}
        </Typography>
        {article.coverUrl && (
          <Box
            component="img"
            src={`${article.coverUrl}?v=${encodeURIComponent(article.updatedAt)}`}
            alt=""
            sx={{ display: 'block', width: '100%', height: 'auto', aspectRatio: '16 / 9', mb: 3 }}
          />
        )}
        <Box
          data-testid="article-body"
          dir="auto"
          sx={{
            fontSize: '1.05rem',
            lineHeight: 2,
            overflowWrap: 'anywhere',
            '& p': { mt: 0, mb: 2 },
            '& h2': { fontSize: '1.35rem', mt: 3, mb: 1 },
            '& h3': { fontSize: '1.15rem', mt: 2.5, mb: 1 },
            '& ul, & ol': { mt: 0, mb: 2, paddingInlineStart: 3 },
            '& li': { mb: 0.5 },
            '& blockquote': {
              mx: 0,
              my: 2,
              paddingInlineStart: 2,
              borderInlineStart: `6px solid ${colours.border}`,
            },
            '& a': { color: colours.link, textUnderlineOffset: '0.2em' },
            '& img': { maxWidth: '100%', height: 'auto' },
          }}
          // The body is the one HTML the pages render: sanitised by the server when it was written
          // (src/news/sanitize.ts, ADR 11). Comments and every other text are rendered as text.
          // biome-ignore lint/security/noDangerouslySetInnerHtml: server-sanitised article body (ADR 11)
          dangerouslySetInnerHTML={{ __html: article.bodyHtml }}
        />

        <Facts article={article} views={views} />
      </Box>

      <Box component="section" aria-labelledby="like-title" sx={{ mt: 3 }} data-testid="engagement">
        <Reactions article={article} open={open} />
        <Rating article={article} open={open} />
      </Box>

      <Section id="related-title" title={t('news.related.title')} testId="related">
        {article.related.length === 0 ? (
          <Typography>{t('news.related.none')}</Typography>
        ) : (
          <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
            {article.related.map((r) => (
              <Box
                component="li"
                key={r.id}
                data-testid="related-item"
                sx={{ py: 1, borderBottom: `1px solid ${colours.border}` }}
              >
                <Link
                  component={RouterLink}
                  to={`/news/${r.id}`}
                  dir={format.dir(r.title)}
                  sx={{ fontWeight: 700 }}
                >
                  {format.rich(r.title)}
                </Link>
                {r.publishedAt && r.publishedAtJalali && (
                  <Typography variant="body2" sx={{ color: colours.secondaryText }}>
                    <JalaliTime iso={r.publishedAt} jalali={r.publishedAtJalali} />
                  </Typography>
                )}
              </Box>
            ))}
          </Box>
        )}
      </Section>

      <Section
        id="comments-title"
        title={
          <>
            {t('news.comments.title')}{' '}
            <Box component="span" sx={{ fontWeight: 400 }}>
              {t('news.comments.count', { n: format.number(article.commentList.length) })}
            </Box>
          </>
        }
        testId="comments"
      >
        <CommentList comments={article.commentList} />
      </Section>

      {open ? (
        <Section id="comment-form-title" title={t('news.commentForm.title')} testId="comment-section">
          <CommentForm article={article} />
        </Section>
      ) : null}

      {(article.editable || article.moderatable) && (
        <Box
          component="p"
          sx={{ mt: 5, display: 'flex', flexWrap: 'wrap', columnGap: 3, rowGap: 1 }}
          data-testid="staff-links"
        >
          {article.editable && article.audience !== 'cooperative' && (
            <Link component={RouterLink} to={`/news/manage/${article.id}`}>
              {t('news.article.edit')}
            </Link>
          )}
          {article.moderatable && article.audience !== 'cooperative' && (
            <Link component={RouterLink} to="/news/moderation">
              {t('news.article.moderate')}
            </Link>
          )}
        </Box>
      )}
    </Box>
  );
}

/** Source, date and time, rating and views, and the tags — as the original page lists them. */
function Facts({ article, views }: { article: Article; views: number }) {
  const { t } = useTranslation();
  const format = useNewsFormat();
  const rating = article.rating;
  const row = {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: 1,
    py: 1,
    borderBottom: `1px solid ${colours.border}`,
  } as const;
  const key = { fontWeight: 700 } as const;

  return (
    <Box
      component="dl"
      data-testid="article-facts"
      sx={{ mt: 3, mb: 0, '& dd': { m: 0 }, borderTop: `1px solid ${colours.border}` }}
    >
      {article.source && (
        <Box sx={row}>
          <Box component="dt" sx={key}>
            {t('news.article.source')}
          </Box>
          <Box component="dd" data-testid="article-source" dir={format.dir(article.source)}>
            {format.rich(article.source)}
          </Box>
        </Box>
      )}
      {article.publishedAt && article.publishedAtJalali && (
        <Box sx={row}>
          <Box component="dt" sx={key}>
            {t('news.article.publishedAt')}
          </Box>
          <Box component="dd">
            <JalaliTime iso={article.publishedAt} jalali={article.publishedAtJalali} testId="article-time" />
          </Box>
        </Box>
      )}
      <Box sx={row}>
        <Box component="dt" sx={key}>
          {t('news.article.rating')}
        </Box>
        <Box component="dd" data-testid="article-rating">
          {rating.average === null ? (
            t('news.article.noRating')
          ) : (
            <>
              <Box component="span" sx={{ whiteSpace: 'nowrap' }} data-testid="rating-value">
                {t('news.article.ratingValue', {
                  average: format.decimal(rating.average),
                  max: format.number(5),
                })}
              </Box>{' '}
              <Box component="span" sx={{ color: colours.secondaryText }}>
                {t('news.article.ratingCount', { count: rating.count, n: format.number(rating.count) })}
              </Box>
            </>
          )}
        </Box>
      </Box>
      <Box sx={row}>
        <Box component="dt" sx={key}>
          {t('news.article.views')}
        </Box>
        <Box component="dd" data-testid="article-views" data-views={views}>
          {format.number(views)}
        </Box>
      </Box>
      {article.tags.length > 0 && (
        <Box sx={row}>
          <Box component="dt" sx={key}>
            {t('news.article.tags')}
          </Box>
          <Box component="dd" data-testid="article-tags">
            {article.tags.map((tag, i) => (
              <span key={tag}>
                {i > 0 && t('news.article.tagSeparator')}
                {article.audience === 'cooperative' ? (
                  format.text(tag)
                ) : (
                  <Link component={RouterLink} to={`/news?${new URLSearchParams({ tag })}`}>
                    {format.text(tag)}
                  </Link>
                )}
              </span>
            ))}
          </Box>
        </Box>
      )}
    </Box>
  );
}

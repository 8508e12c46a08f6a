import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { isFieldProblem } from '../api/client.ts';
import { myCooperativesQuery } from '../api/private-queries.ts';
import { provincesQuery } from '../api/queries.ts';
import { useSessionHint } from '../api/session.ts';
import { colours } from '../app/theme.ts';
import { type ErrorItem, ErrorSummary } from '../components/ErrorSummary.tsx';
import { SelectInput, TextInput } from '../components/FormFields.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageLinks } from '../components/PageLinks.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { newsListQuery, tagsQuery } from './api.ts';
import {
  FeedAlternate,
  FeedLink,
  FilterLinks,
  JalaliTime,
  useAudience,
  useNewsFormat,
  visuallyHidden,
} from './parts.tsx';
import type { ArticleSummary, NewsList } from './types.ts';

/** The list's inputs, as in the URL: `/news?q=&tag=&province=&page=`. */
type Filters = { q: string; tag: string; province: string };

function filtersOf(params: URLSearchParams): Filters {
  return { q: params.get('q') ?? '', tag: params.get('tag') ?? '', province: params.get('province') ?? '' };
}

function paramsOf(filters: Filters, page?: string): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['q', 'tag', 'province'] as const) {
    const value = filters[key].trim();
    if (value !== '') params.set(key, value);
  }
  if (page && page !== '1') params.set('page', page);
  return params;
}

function listUrl(params: URLSearchParams): string {
  const search = params.toString();
  return search ? `/news?${search}` : '/news';
}

/**
 * /news — published news, newest first: national articles, and with a province that province's
 * as well; filtered by tag, searched (Persian-normalised on the server), a page at a time. The
 * URL holds the whole query, so a list can be shared. Links to the Atom feed.
 */
export function NewsListPage() {
  const [searchParams] = useSearchParams();
  const apiParams = paramsOf(filtersOf(searchParams), searchParams.get('page') ?? '');
  const list = useQuery(newsListQuery(apiParams.toString()));

  return <NewsListView key={searchParams.toString()} params={searchParams} list={list} />;
}

function NewsListView({ params, list }: { params: URLSearchParams; list: UseQueryResult<NewsList> }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fa';
  const format = useNewsFormat();
  const navigate = useNavigate();
  const submitted = filtersOf(params);
  const [draft, setDraft] = useState<Filters>(submitted);
  const provinces = useQuery(provincesQuery);
  const en = language === 'en';

  const problem = isFieldProblem(list.error) ? list.error : undefined;
  const fieldError = (path: string) => problem?.fields.find((f) => f.path === path)?.message[language];
  const errorItems: ErrorItem[] = (problem?.fields ?? []).map((f) => ({
    text: f.message[language],
    fieldId: f.path === 'q' || f.path === 'province' ? `field-${f.path}` : undefined,
  }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(listUrl(paramsOf({ ...draft, tag: submitted.tag })));
  };
  const filtered = submitted.q !== '' || submitted.tag !== '' || submitted.province !== '';
  const title = submitted.q
    ? t('news.list.searchTitle', { q: submitted.q })
    : submitted.tag
      ? t('news.list.tagTitle', { tag: format.text(submitted.tag) })
      : t('news.list.title');

  return (
    <>
      <PageTitle title={title} error={Boolean(problem)} />
      <FeedAlternate />
      {problem && <ErrorSummary key={list.errorUpdatedAt} errors={errorItems} />}
      <Grid container spacing={4}>
        <Grid size={{ xs: 12, md: 8 }}>
          <Typography variant="h1" sx={{ mb: 2 }}>
            {title}
          </Typography>
          <Typography sx={{ fontSize: '1.15rem', mb: 2 }}>{t('news.list.lead')}</Typography>
          <Box component="p" sx={{ mt: 0, mb: 3 }}>
            <FeedLink />
            <Box
              component="span"
              sx={{ display: 'block', fontSize: '0.95rem', color: colours.secondaryText }}
            >
              {t('news.list.feedHint')}
            </Box>
          </Box>

          <Box
            component="form"
            role="search"
            noValidate
            onSubmit={submit}
            action="/news"
            method="get"
            aria-label={t('news.list.searchLabel')}
            sx={{ backgroundColor: colours.panel, p: { xs: 2, sm: 3 }, mb: 3 }}
          >
            <TextInput
              id="field-q"
              name="q"
              type="search"
              label={t('news.list.searchLabel')}
              hint={t('news.list.searchHint')}
              error={fieldError('q')}
              value={draft.q}
              onChange={(q) => setDraft((d) => ({ ...d, q }))}
              autoComplete="off"
            />
            <SelectInput
              id="field-province"
              name="province"
              label={t('news.list.province')}
              hint={t('news.list.provinceHint')}
              error={fieldError('province')}
              value={draft.province}
              onChange={(province) => setDraft((d) => ({ ...d, province }))}
              emptyLabel={t('news.list.anyProvince')}
              options={(provinces.data?.items ?? []).map((p) => ({
                value: p.code,
                label: en ? p.nameEn : p.nameFa,
              }))}
            />
            <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 2 }}>
              <Button
                type="submit"
                variant="contained"
                color="secondary"
                sx={{ minHeight: 48, px: 3, boxShadow: '0 2px 0 #002d18' }}
              >
                {t('news.list.submit')}
              </Button>
              {filtered && (
                <Link component={RouterLink} to="/news">
                  {t('news.list.clear')}
                </Link>
              )}
            </Box>
          </Box>

          <Tags current={submitted.tag} filters={submitted} />

          <Results
            hidden={Boolean(problem)}
            failed={Boolean(list.error) && !problem}
            query={list}
            params={paramsOf(submitted)}
            page={Number(params.get('page')) || 1}
          />
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <MyAnnouncements />
        </Grid>
      </Grid>
    </>
  );
}

/** The tags of published news as filter links: «همه», «خدمات (۳)», … */
function Tags({ current, filters }: { current: string; filters: Filters }) {
  const { t } = useTranslation();
  const format = useNewsFormat();
  const tags = useQuery(tagsQuery);
  const items = tags.data?.items ?? [];
  if (items.length === 0) return null;
  const to = (tag: string) => listUrl(paramsOf({ ...filters, tag }));

  return (
    <Box component="section" aria-labelledby="tags-title" sx={{ mb: 3 }}>
      <Typography variant="h2" id="tags-title" sx={{ fontSize: '1.1rem', mb: 1 }}>
        {t('news.list.tags')}
      </Typography>
      <FilterLinks
        label={t('news.list.tags')}
        testId="tag-filter"
        items={[
          { to: to(''), label: t('news.list.allTags'), current: current === '' },
          ...items.map((item) => ({
            to: to(item.tag),
            value: item.tag,
            label: t('news.list.tagCount', { tag: format.text(item.tag), n: format.number(item.count) }),
            current: current === item.tag,
          })),
        ]}
      />
    </Box>
  );
}

function Results({
  hidden,
  failed,
  query,
  params,
  page,
}: {
  hidden: boolean;
  failed: boolean;
  query: UseQueryResult<NewsList>;
  params: URLSearchParams;
  page: number;
}) {
  const { t } = useTranslation();
  const format = useNewsFormat();
  if (hidden) return null;
  if (failed) return <Alert severity="error">{t('news.list.loadFailed')}</Alert>;
  if (query.isPending) return <Loading />;
  const data = query.data;
  if (!data) return null;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    if (n > 1) next.set('page', String(n));
    return listUrl(next);
  };

  return (
    <Box
      component="section"
      aria-labelledby="news-count"
      aria-busy={query.isFetching}
      sx={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}
    >
      <Typography
        variant="h2"
        id="news-count"
        aria-live="polite"
        data-testid="news-count"
        sx={{ fontSize: '1.2rem', mb: 1 }}
      >
        {t('news.list.found', { count: data.total, n: format.number(data.total) })}
      </Typography>
      {data.total === 0 ? (
        <>
          <Typography sx={{ fontWeight: 700 }}>{t('news.list.none')}</Typography>
          <Typography>{t('news.list.noneHelp')}</Typography>
        </>
      ) : (
        <Box component="ol" data-testid="news-items" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {data.items.map((item) => (
            <NewsItem key={item.id} item={item} />
          ))}
        </Box>
      )}
      {data.items.length === 0 && data.total > 0 && (
        <Typography sx={{ mt: 2 }}>{t('news.list.pageOutOfRange')}</Typography>
      )}
      {pages > 1 && (
        <PageLinks page={Math.min(page, pages)} pages={pages} pageLink={pageLink} labels="news.list" />
      )}
    </Box>
  );
}

/** One article in the list: its title, lead, date and time, views and tags. */
export function NewsItem({ item, heading = 'h3' }: { item: ArticleSummary; heading?: 'h2' | 'h3' }) {
  const { t } = useTranslation();
  const format = useNewsFormat();
  const audience = useAudience();

  return (
    <Box component="li" data-testid="news-item" sx={{ borderTop: `1px solid ${colours.border}`, py: 2 }}>
      <Typography variant="h3" component={heading} sx={{ mb: 0.5 }}>
        <Link component={RouterLink} to={`/news/${item.id}`} dir={format.dir(item.title)}>
          {format.rich(item.title)}
        </Link>
      </Typography>
      <Typography sx={{ mb: 0.5 }} dir={format.dir(item.lead)}>
        {format.rich(item.lead)}
      </Typography>
      <Typography
        variant="body2"
        component="p"
        sx={{
          color: colours.secondaryText,
          display: 'flex',
          flexWrap: 'wrap',
          columnGap: 1.5,
          rowGap: 0.25,
        }}
      >
        {item.publishedAt && item.publishedAtJalali && (
          <span>
            <Box component="span" sx={visuallyHidden}>
              {t('news.item.published')}:{' '}
            </Box>
            <JalaliTime iso={item.publishedAt} jalali={item.publishedAtJalali} />
          </span>
        )}
        <span data-testid="news-item-views">
          {t('news.item.views', { count: item.views, n: format.number(item.views) })}
        </span>
        {item.audience === 'province' && <span>{audience(item)}</span>}
        {item.tags.length > 0 && (
          <span data-testid="news-item-tags">{t('news.item.tags', { tags: format.tags(item.tags) })}</span>
        )}
      </Typography>
    </Box>
  );
}

/** For the signed-in: their cooperatives' board announcements (members only, never in the public list). */
function MyAnnouncements() {
  const { t } = useTranslation();
  const signedIn = useSessionHint();
  const mine = useQuery({ ...myCooperativesQuery, enabled: signedIn });
  const items = (mine.data?.items ?? []).filter((item) => item.cooperative.legalId);
  if (!signedIn || items.length === 0) return null;

  return (
    <Box
      component="aside"
      aria-labelledby="my-announcements-title"
      data-testid="my-announcements"
      sx={{ borderTop: `4px solid ${colours.link}`, pt: 2 }}
    >
      <Typography variant="h2" id="my-announcements-title" sx={{ mb: 1 }}>
        {t('news.list.mineTitle')}
      </Typography>
      <Typography variant="body2" sx={{ mb: 1.5 }}>
        {t('news.list.mineText')}
      </Typography>
      <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', '& li': { mb: 1 } }}>
        {items.map((item) => (
          <li key={item.cooperative.id}>
            <Link component={RouterLink} to={`/cooperatives/${item.cooperative.legalId}/announcements`}>
              {item.cooperative.name}
            </Link>
          </li>
        ))}
      </Box>
    </Box>
  );
}

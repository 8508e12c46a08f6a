import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormLabel from '@mui/material/FormLabel';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiProblem, isForbidden, isUnauthorized } from '../api/client.ts';
import { provincesQuery } from '../api/queries.ts';
import type { Me, Province } from '../api/types.ts';
import { colours } from '../app/theme.ts';
import { BackLink } from '../components/BackLink.tsx';
import { PrimaryButton, SecondaryButton, WarningButton } from '../components/Buttons.tsx';
import { Denied } from '../components/Denied.tsx';
import { type ErrorItem, ErrorSummary } from '../components/ErrorSummary.tsx';
import { describedBy, TextInput } from '../components/FormFields.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { SignInAgain, useMe } from '../pages/RequireSignIn.tsx';
import {
  type ArticleDraft,
  ArticleFields,
  EMPTY_DRAFT,
  inputOf,
  useArticleErrors,
} from './ArticleFields.tsx';
import {
  articleQuery,
  changeStatus,
  createArticle,
  manageQuery,
  refreshNews,
  updateArticle,
  uploadCover,
} from './api.ts';
import {
  ArticleStatusTag,
  DoneBanner,
  FilterLinks,
  fieldMessage,
  JalaliTime,
  problemItems,
  StaffNav,
  useAudience,
  useNewsFormat,
} from './parts.tsx';
import { ARTICLE_STATUSES, type Article, type ArticleStatus, type ArticleSummary } from './types.ts';

/**
 * /news/manage — the ministry articles the signed-in officer or administrator may edit, in every
 * status (drafts, scheduled, published, archived), with a way to write a new one.
 */
export function ManageListPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const asked = params.get('status') ?? '';
  const status = (ARTICLE_STATUSES as readonly string[]).includes(asked) ? asked : '';
  const list = useQuery(manageQuery(status));

  if (isUnauthorized(list.error)) return <SignInAgain />;
  if (isForbidden(list.error)) {
    return (
      <Denied links={[{ to: '/news', label: t('news.list.title') }]}>
        <Typography sx={{ mb: 2 }}>{t('news.manage.denied')}</Typography>
      </Denied>
    );
  }

  return (
    <>
      <PageTitle title={t('news.manage.title')} />
      <StaffNav />
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t('news.manage.title')}
      </Typography>
      <Typography sx={{ mb: 3, maxWidth: '44rem' }}>{t('news.manage.lead')}</Typography>
      <Box sx={{ mb: 4 }}>
        <Button
          component={RouterLink}
          to="/news/manage/new"
          variant="contained"
          color="secondary"
          data-testid="new-article"
          sx={{ minHeight: 48, px: 3, boxShadow: '0 2px 0 #002d18' }}
        >
          {t('news.manage.new')}
        </Button>
      </Box>
      <FilterLinks
        label={t('news.manage.filter')}
        items={[
          { to: '/news/manage', label: t('news.manage.all'), current: status === '' },
          ...ARTICLE_STATUSES.map((s) => ({
            to: `/news/manage?status=${s}`,
            label: t(`news.status.${s}`),
            current: status === s,
          })),
        ]}
      />
      {list.isPending ? (
        <Loading />
      ) : list.error || !list.data ? (
        <Alert severity="error">{t('news.manage.loadFailed')}</Alert>
      ) : list.data.items.length === 0 ? (
        <Typography data-testid="manage-empty">{t('news.manage.none')}</Typography>
      ) : (
        <Box
          component="ol"
          data-testid="manage-items"
          sx={{ m: 0, p: 0, listStyle: 'none', maxWidth: '50rem' }}
        >
          {list.data.items.map((item) => (
            <ManagedItem key={item.id} item={item} />
          ))}
        </Box>
      )}
    </>
  );
}

function ManagedItem({ item }: { item: ArticleSummary }) {
  const { t } = useTranslation();
  const format = useNewsFormat();
  const audience = useAudience();

  return (
    <Box component="li" data-testid="managed-item" sx={{ borderTop: `1px solid ${colours.border}`, py: 2 }}>
      <Typography variant="h2" sx={{ fontSize: '1.15rem', mb: 0.5 }}>
        <Link component={RouterLink} to={`/news/manage/${item.id}`} dir={format.dir(item.title)}>
          {format.rich(item.title)}
        </Link>
      </Typography>
      <Box
        sx={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          columnGap: 1.5,
          rowGap: 0.5,
          color: colours.secondaryText,
          fontSize: '0.95rem',
        }}
      >
        <ArticleStatusTag status={item.status} />
        <span>{audience(item)}</span>
        {item.publishedAt && item.publishedAtJalali ? (
          <span>
            {item.status === 'scheduled' ? t('news.manage.scheduledAt') : t('news.manage.publishedAt')}{' '}
            <JalaliTime iso={item.publishedAt} jalali={item.publishedAtJalali} />
          </span>
        ) : (
          <span>{t('news.manage.notPublished')}</span>
        )}
        <span>{t('news.item.views', { count: item.views, n: format.number(item.views) })}</span>
        <span>{t('news.item.comments', { count: item.comments, n: format.number(item.comments) })}</span>
      </Box>
    </Box>
  );
}

/** /news/manage/new — a new draft. */
export function NewArticlePage() {
  const me = useMe();
  const provinces = useQuery(provincesQuery);
  if (!provinces.data) return <Loading />;

  return <Editor article={null} me={me} provinces={provinces.data.items} />;
}

/** /news/manage/:articleId — an article's text, its status (publish, schedule, archive) and cover. */
export function EditArticlePage() {
  const { articleId = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const article = useQuery(articleQuery(articleId));
  const provinces = useQuery(provincesQuery);

  if (isUnauthorized(article.error)) return <SignInAgain />;
  if (article.error instanceof ApiProblem && [400, 404].includes(article.error.status)) {
    return (
      <>
        <PageTitle title={t('news.article.notFoundTitle')} />
        <BackLink to="/news/manage" label={t('news.editor.back')} />
        <Typography variant="h1" sx={{ mb: 2 }}>
          {t('news.article.notFoundTitle')}
        </Typography>
        <Typography>{t('news.article.notFoundText')}</Typography>
      </>
    );
  }
  if (article.isPending || provinces.isPending) return <Loading />;
  if (article.error || !article.data) return <Alert severity="error">{t('news.article.loadFailed')}</Alert>;
  if (!article.data.editable || article.data.audience === 'cooperative') {
    return (
      <Denied links={[{ to: '/news/manage', label: t('news.manage.title') }]}>
        <Typography sx={{ mb: 2 }}>{t('news.editor.denied')}</Typography>
      </Denied>
    );
  }

  return <Editor key={articleId} article={article.data} me={me} provinces={provinces.data?.items ?? []} />;
}

type Outcome = { text: string; key: number } | null;
/** What failed last: the text's save (its summary is worded from the save's error) or another part. */
type Failure = { from: 'save'; key: number } | { from: 'part'; items: ErrorItem[]; key: number } | null;

function draftOf(
  article: Article | null,
  me: Me,
  provinces: Province[],
  text: (s: string) => string,
  separator: string,
): ArticleDraft {
  if (!article) {
    // A province's officer writes for their province; the nation's officers and administrators for everyone.
    const national = me.staffRoles.some((r) => r.role === 'admin' || r.scope === 'nation');
    return { ...EMPTY_DRAFT, audience: national ? 'nation' : 'province' };
  }
  const province = article.province
    ? (provinces.find((p) => p.nameFa === article.province?.name.fa)?.code ?? '')
    : '';
  return {
    title: text(article.title),
    lead: text(article.lead),
    body: article.bodyHtml,
    source: article.source ?? '',
    tags: article.tags.map(text).join(separator),
    audience: article.audience === 'province' ? 'province' : 'nation',
    province,
  };
}

function Editor({ article, me, provinces }: { article: Article | null; me: Me; provinces: Province[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fa';
  const format = useNewsFormat();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ArticleDraft>(() =>
    draftOf(article, me, provinces, format.text, language === 'fa' ? '، ' : ', '),
  );
  const created = (location.state as { done?: string } | null)?.done === 'created';
  const [outcome, setOutcome] = useState<Outcome>(
    created ? { text: t('news.editor.created'), key: 0 } : null,
  );
  const [failure, setFailure] = useState<Failure>(null);
  const done = (text: string) => {
    setFailure(null);
    setOutcome({ text, key: Date.now() });
  };
  const failed = (items: ErrorItem[]) => {
    setOutcome(null);
    setFailure({ from: 'part', items, key: Date.now() });
  };
  const refresh = () => refreshNews(queryClient);

  const save = useMutation({
    mutationFn: async (sent: ArticleDraft) => {
      const input = inputOf(sent, true);
      if (article) {
        await updateArticle(article.id, input);
        return article.id;
      }
      return (await createArticle(input)).id;
    },
    onSuccess: async (id) => {
      if (!article) {
        navigate(`/news/manage/${id}`, { state: { done: 'created' } });
        return;
      }
      done(t('news.editor.saved'));
      await refresh();
    },
  });
  const errors = useArticleErrors(save.error, save.variables);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft, {
      onError: () => {
        setOutcome(null);
        setFailure({ from: 'save', key: Date.now() });
      },
    });
  };
  const summaryItems = failure === null ? [] : failure.from === 'save' ? errors.items : failure.items;
  const archived = article?.status === 'archived';
  const title = article ? t('news.editor.editTitle') : t('news.editor.newTitle');

  return (
    <Box sx={{ maxWidth: '44rem' }}>
      <PageTitle title={title} error={Boolean(failure)} />
      <StaffNav />
      <BackLink to="/news/manage" label={t('news.editor.back')} />
      {outcome && <DoneBanner key={outcome.key}>{outcome.text}</DoneBanner>}
      {failure && summaryItems.length > 0 && <ErrorSummary key={failure.key} errors={summaryItems} />}
      <Typography variant="h1" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {article && (
        <Typography sx={{ mb: 3 }}>
          <Link component={RouterLink} to={`/news/${article.id}`} data-testid="view-article">
            {t('news.manage.view')}
          </Link>
        </Typography>
      )}

      {article && (
        <StatusPanel
          article={article}
          onDone={async (text) => {
            done(text);
            await refresh();
          }}
          onFailed={failed}
        />
      )}

      {archived ? (
        <Typography sx={{ mb: 3 }} data-testid="archived-note">
          {t('news.editor.archivedNote')}
        </Typography>
      ) : (
        <Box
          component="form"
          noValidate
          onSubmit={submit}
          aria-labelledby="text-title"
          data-testid="article-form"
          // Each line takes the direction of its first letter: HTML lines read left to right.
          sx={{ mb: 5, '& textarea': { unicodeBidi: 'plaintext' } }}
        >
          <Typography variant="h2" id="text-title" sx={{ mb: 2 }}>
            {t('news.editor.textTitle')}
          </Typography>
          <ArticleFields
            draft={draft}
            set={(field, value) => setDraft((d) => ({ ...d, [field]: value }))}
            errorOf={save.isError ? errors.of : () => undefined}
            provinces={provinces}
            withAudience
          />
          <PrimaryButton disabled={save.isPending} data-testid="article-save">
            {article ? t('news.editor.save') : t('news.editor.create')}
          </PrimaryButton>
        </Box>
      )}

      {article && !archived && (
        <Cover
          article={article}
          onDone={async (text) => {
            done(text);
            await refresh();
          }}
          onFailed={failed}
        />
      )}
    </Box>
  );
}

type Report = { onDone: (text: string) => void | Promise<void>; onFailed: (items: ErrorItem[]) => void };

function Part({
  id,
  title,
  children,
  testId,
}: {
  id: string;
  title: string;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Box
      component="section"
      aria-labelledby={id}
      data-testid={testId}
      sx={{ backgroundColor: colours.panel, p: { xs: 2, sm: 3 }, mb: 4 }}
    >
      <Typography variant="h2" id={id} sx={{ mb: 2 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/**
 * Publish now, schedule for a Jalali date and Tehran time, take back to draft, archive — only
 * what the article's status allows; the server's refusal (a time in the past, a status that
 * moved on) reaches the error summary in its own words.
 */
function StatusPanel({ article, onDone, onFailed }: { article: Article } & Report) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fa';
  const format = useNewsFormat();
  const [publishAt, setPublishAt] = useState('');
  const mutation = useMutation({
    mutationFn: ({ to, at }: { to: ArticleStatus; at?: string }) => changeStatus(article.id, to, at),
    onSuccess: (answer, sent) => {
      setPublishAt('');
      void onDone(
        sent.to === 'scheduled'
          ? t('news.publish.done.scheduled', { at: format.jalaliKept(answer.publishedAtJalali ?? '') })
          : t(`news.publish.done.${sent.to}`),
      );
    },
    onError: (error) =>
      onFailed(problemItems(error, language, t('news.failed'), { publishAt: 'field-publishAt' })),
  });
  const status = article.status;
  const busy = mutation.isPending;
  const atError =
    mutation.variables?.to === 'scheduled' ? fieldMessage(mutation.error, 'publishAt', language) : undefined;

  return (
    <Part id="status-title" title={t('news.publish.title')} testId="status-panel">
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1.5, mb: 2 }}>
        <span>{t('news.publish.current')}</span>
        <ArticleStatusTag status={status} />
        {article.publishedAt && article.publishedAtJalali && status !== 'draft' && (
          <span>
            {status === 'scheduled' ? t('news.manage.scheduledAt') : t('news.manage.publishedAt')}{' '}
            <JalaliTime iso={article.publishedAt} jalali={article.publishedAtJalali} />
          </span>
        )}
      </Box>
      {(status === 'draft' || status === 'scheduled') && (
        <>
          <Box sx={{ mb: 3 }}>
            <PrimaryButton
              type="button"
              disabled={busy}
              onClick={() => mutation.mutate({ to: 'published' })}
              data-testid="publish-now"
            >
              {t('news.publish.publishNow')}
            </PrimaryButton>
          </Box>
          <Box
            component="form"
            noValidate
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              mutation.mutate({ to: 'scheduled', at: publishAt });
            }}
            aria-labelledby="schedule-title"
          >
            <Typography variant="h3" id="schedule-title" sx={{ mb: 1 }}>
              {status === 'scheduled' ? t('news.publish.reschedule') : t('news.publish.schedule')}
            </Typography>
            <TextInput
              id="field-publishAt"
              name="publishAt"
              label={t('news.publish.publishAt')}
              hint={t('news.publish.publishAtHint', { example: format.jalaliKept('1405/09/10 09:30') })}
              error={atError}
              value={publishAt}
              onChange={setPublishAt}
              autoComplete="off"
              inputMode="numeric"
              width="14em"
              dir="ltr"
            />
            <SecondaryButton type="submit" disabled={busy} data-testid="schedule">
              {t('news.publish.scheduleSubmit')}
            </SecondaryButton>
          </Box>
          {status === 'scheduled' && (
            <Box sx={{ mt: 3 }}>
              <SecondaryButton
                disabled={busy}
                onClick={() => mutation.mutate({ to: 'draft' })}
                data-testid="to-draft"
              >
                {t('news.publish.toDraft')}
              </SecondaryButton>
            </Box>
          )}
        </>
      )}
      {status === 'published' && (
        <>
          <Typography sx={{ mb: 2 }}>{t('news.publish.archiveHint')}</Typography>
          <WarningButton
            disabled={busy}
            onClick={() => mutation.mutate({ to: 'archived' })}
            data-testid="archive"
          >
            {t('news.publish.archive')}
          </WarningButton>
        </>
      )}
      {status === 'archived' && <Typography>{t('news.publish.archivedText')}</Typography>}
    </Part>
  );
}

/** The cover image: PNG or JPEG, checked by content on the server. */
function Cover({ article, onDone, onFailed }: { article: Article } & Report) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fa';
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const mutation = useMutation({
    mutationFn: (chosen: File) => uploadCover(article.id, chosen),
    onSuccess: () => {
      setFile(null);
      void onDone(t('news.cover.uploaded'));
    },
    onError: (error) => onFailed(problemItems(error, language, t('news.failed'), { file: 'field-cover' })),
  });
  const error = missing ? t('news.cover.choose') : fieldMessage(mutation.error, 'file', language);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setMissing(true);
      onFailed([{ text: t('news.cover.choose'), fieldId: 'field-cover' }]);
      return;
    }
    setMissing(false);
    mutation.mutate(file);
  };

  return (
    <Part id="cover-title" title={t('news.cover.title')} testId="cover-panel">
      {article.coverUrl ? (
        <Box
          component="img"
          src={`${article.coverUrl}?v=${encodeURIComponent(article.updatedAt)}`}
          alt={t('news.cover.alt')}
          sx={{ display: 'block', width: '100%', maxWidth: '24rem', height: 'auto', mb: 2 }}
        />
      ) : (
        <Typography sx={{ mb: 2 }}>{t('news.cover.none')}</Typography>
      )}
      <Box component="form" noValidate onSubmit={submit}>
        <FormLabel
          htmlFor="field-cover"
          sx={{ display: 'block', color: colours.text, fontWeight: 700, mb: 0.5 }}
        >
          {t('news.cover.file')}
        </FormLabel>
        <Typography id="field-cover-hint" variant="body2" sx={{ color: colours.secondaryText, mb: 1 }}>
          {t('news.cover.fileHint')}
        </Typography>
        {error && (
          <Typography id="field-cover-error" sx={{ color: colours.red, fontWeight: 700, mb: 1 }}>
            {error}
          </Typography>
        )}
        <Box
          component="input"
          id="field-cover"
          name="cover"
          type="file"
          accept="image/png,image/jpeg"
          aria-describedby={describedBy('field-cover', 'hint', error)}
          aria-invalid={error ? true : undefined}
          onChange={(event: { target: HTMLInputElement }) => {
            setFile(event.target.files?.[0] ?? null);
            setMissing(false);
          }}
          sx={{ display: 'block', mb: 2, maxWidth: '100%' }}
        />
        <SecondaryButton type="submit" disabled={mutation.isPending} data-testid="cover-upload">
          {t('news.cover.upload')}
        </SecondaryButton>
      </Box>
    </Part>
  );
}

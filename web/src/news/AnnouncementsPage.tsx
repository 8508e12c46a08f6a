import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isForbidden, isUnauthorized } from '../api/client.ts';
import { profileQuery } from '../api/queries.ts';
import { colours } from '../app/theme.ts';
import { BackLink } from '../components/BackLink.tsx';
import { PrimaryButton, SecondaryButton } from '../components/Buttons.tsx';
import { Denied } from '../components/Denied.tsx';
import { type ErrorItem, ErrorSummary } from '../components/ErrorSummary.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { SignInAgain } from '../pages/RequireSignIn.tsx';
import {
  type ArticleDraft,
  ArticleFields,
  EMPTY_DRAFT,
  inputOf,
  useArticleErrors,
} from './ArticleFields.tsx';
import { announcementsQuery, changeStatus, createAnnouncement, refreshNews } from './api.ts';
import { NewsItem } from './NewsListPage.tsx';
import { ArticleStatusTag, DoneBanner, problemItems, useNewsFormat } from './parts.tsx';
import type { ArticleSummary } from './types.ts';

/**
 * /cooperatives/:legalId/announcements — the board's and managing director's announcements to
 * the cooperative's members (never in the public list or the feed). The board and managing
 * director also see their drafts, and write and publish new ones here.
 */
export function AnnouncementsPage() {
  const { legalId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fa';
  const queryClient = useQueryClient();
  const list = useQuery(announcementsQuery(legalId));
  const profile = useQuery(profileQuery(legalId));
  const [done, setDone] = useState<{ text: string; key: number } | null>(null);
  const [failure, setFailure] = useState<{ items: ErrorItem[]; key: number } | null>(null);
  const publish = useMutation({
    mutationFn: (id: number) => changeStatus(id, 'published'),
    onSuccess: async () => {
      setFailure(null);
      setDone({ text: t('news.announcements.published'), key: Date.now() });
      await refreshNews(queryClient);
    },
    onError: (error) => {
      setDone(null);
      setFailure({ items: problemItems(error, language, t('news.failed')), key: Date.now() });
    },
  });

  if (isUnauthorized(list.error)) return <SignInAgain />;
  if (isForbidden(list.error)) {
    return (
      <Denied>
        <Typography sx={{ mb: 2 }}>{t('news.announcements.denied')}</Typography>
      </Denied>
    );
  }
  if (list.isPending) return <Loading />;
  if (list.error || !list.data) return <Alert severity="error">{t('news.announcements.loadFailed')}</Alert>;
  const name = profile.data?.name;
  const title = t('news.announcements.title');
  const items = list.data.items;

  return (
    <Box sx={{ maxWidth: '46rem' }}>
      <PageTitle title={name ? `${title}: ${name}` : title} error={Boolean(failure)} />
      <BackLink to="/me" label={t('news.announcements.back')} />
      {done && <DoneBanner key={done.key}>{done.text}</DoneBanner>}
      {failure && <ErrorSummary key={failure.key} errors={failure.items} />}
      {name && (
        <Typography component="p" sx={{ color: colours.secondaryText, fontSize: '1.1rem', mb: 0.5 }}>
          {name}
        </Typography>
      )}
      <Typography variant="h1" sx={{ mb: 2 }}>
        {title}
      </Typography>
      <Typography sx={{ mb: 3 }}>{t('news.announcements.lead')}</Typography>
      {items.length === 0 ? (
        <Typography data-testid="announcements-empty" sx={{ mb: 4 }}>
          {t('news.announcements.none')}
        </Typography>
      ) : (
        <Box component="ol" data-testid="announcements" sx={{ m: 0, mb: 5, p: 0, listStyle: 'none' }}>
          {items.map((item) =>
            item.status === 'published' ? (
              <NewsItem key={item.id} item={item} heading="h2" />
            ) : (
              <Unpublished
                key={item.id}
                item={item}
                pending={publish.isPending}
                onPublish={() => publish.mutate(item.id)}
              />
            ),
          )}
        </Box>
      )}
      {list.data.editable && (
        <Write
          legalId={legalId}
          onDone={async () => {
            setFailure(null);
            setDone({ text: t('news.announcements.published'), key: Date.now() });
            await refreshNews(queryClient);
          }}
        />
      )}
    </Box>
  );
}

/** A draft, scheduled or archived announcement, as its board sees it. */
function Unpublished({
  item,
  pending,
  onPublish,
}: {
  item: ArticleSummary;
  pending: boolean;
  onPublish: () => void;
}) {
  const { t } = useTranslation();
  const format = useNewsFormat();
  return (
    <Box component="li" data-testid="unpublished" sx={{ borderTop: `1px solid ${colours.border}`, py: 2 }}>
      <Typography variant="h2" sx={{ fontSize: '1.1rem', mb: 0.5 }} dir={format.dir(item.title)}>
        {format.rich(item.title)}
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1.5 }}>
        <ArticleStatusTag status={item.status} />
        {(item.status === 'draft' || item.status === 'scheduled') && (
          <SecondaryButton disabled={pending} onClick={onPublish}>
            {t('news.announcements.publish')}
          </SecondaryButton>
        )}
      </Box>
    </Box>
  );
}

/** «نوشتن اطلاعیه»: written as a draft and published at once. */
function Write({ legalId, onDone }: { legalId: string; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ArticleDraft>({
    ...EMPTY_DRAFT,
    tags: t('news.announcements.tagsDefault'),
  });
  const [stage, setStage] = useState<'write' | 'publish'>('write');
  const mutation = useMutation({
    mutationFn: async (sent: ArticleDraft) => {
      setStage('write');
      const { id } = await createAnnouncement(legalId, inputOf(sent, false));
      setStage('publish');
      await changeStatus(id, 'published');
    },
    onSuccess: async () => {
      setDraft({ ...EMPTY_DRAFT, tags: t('news.announcements.tagsDefault') });
      await onDone();
    },
  });
  const errors = useArticleErrors(stage === 'write' ? mutation.error : null, mutation.variables);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(draft);
  };

  return (
    <Box
      component="form"
      noValidate
      onSubmit={submit}
      aria-labelledby="write-title"
      data-testid="announcement-form"
      // Each line takes the direction of its first letter: HTML lines read left to right.
      sx={{ borderTop: `4px solid ${colours.link}`, pt: 2, '& textarea': { unicodeBidi: 'plaintext' } }}
    >
      <Typography variant="h2" id="write-title" sx={{ mb: 2 }}>
        {t('news.announcements.writeTitle')}
      </Typography>
      {mutation.isError && (errors.items.length > 0 || stage === 'publish') && (
        <ErrorSummary
          key={mutation.submittedAt}
          errors={stage === 'publish' ? [{ text: t('news.announcements.publishFailed') }] : errors.items}
        />
      )}
      <ArticleFields
        draft={draft}
        set={(field, value) => setDraft((d) => ({ ...d, [field]: value }))}
        errorOf={mutation.isError ? errors.of : () => undefined}
        withAudience={false}
        withSource={false}
      />
      <PrimaryButton disabled={mutation.isPending} data-testid="announcement-submit">
        {t('news.announcements.submit')}
      </PrimaryButton>
    </Box>
  );
}

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { isForbidden, isUnauthorized } from '../api/client.ts';
import { colours } from '../app/theme.ts';
import { PrimaryButton, SecondaryButton, WarningButton } from '../components/Buttons.tsx';
import { Denied } from '../components/Denied.tsx';
import { type ErrorItem, ErrorSummary } from '../components/ErrorSummary.tsx';
import { TextInput } from '../components/FormFields.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { SignInAgain } from '../pages/RequireSignIn.tsx';
import { moderate, moderationQuery, refreshNews } from './api.ts';
import {
  DoneBanner,
  FilterLinks,
  fieldMessage,
  JalaliTime,
  problemItems,
  StaffNav,
  useNewsFormat,
} from './parts.tsx';
import {
  COMMENT_STATUSES,
  type CommentStatus,
  type ModerationDecision,
  type ModerationItem,
} from './types.ts';

/** The decisions each status allows (src/news/comments.ts). */
const DECISIONS: Record<CommentStatus, readonly ModerationDecision[]> = {
  pending: ['approve', 'reject'],
  approved: ['hide'],
  rejected: [],
  hidden: [],
};

type Sent = { comment: ModerationItem; decision: ModerationDecision; reason: string };

/**
 * /news/moderation — readers' comments waiting for a decision (anonymous ones wait before they
 * are published), oldest first: approve, or reject with a reason; published ones may be hidden
 * with a reason. The signed-in author is told in the app. Comments are shown as text.
 */
export function ModerationPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fa';
  const format = useNewsFormat();
  const [params] = useSearchParams();
  const asked = params.get('status') ?? '';
  const status: CommentStatus = (COMMENT_STATUSES as readonly string[]).includes(asked)
    ? (asked as CommentStatus)
    : 'pending';
  const queue = useQuery(moderationQuery(status));
  const queryClient = useQueryClient();
  const [done, setDone] = useState<{ text: string; key: number } | null>(null);
  const [failure, setFailure] = useState<{ items: ErrorItem[]; key: number } | null>(null);
  const mutation = useMutation({
    mutationFn: (sent: Sent) => moderate(sent.comment.id, sent.decision, sent.reason),
    onSuccess: async (_answer, sent) => {
      setFailure(null);
      setDone({ text: t(`news.moderation.done.${sent.decision}`), key: Date.now() });
      await refreshNews(queryClient);
    },
    onError: (error, sent) => {
      setDone(null);
      setFailure({
        items: problemItems(error, language, t('news.failed'), { reason: `reason-${sent.comment.id}` }),
        key: Date.now(),
      });
      void queryClient.invalidateQueries({ queryKey: moderationQuery(status).queryKey });
    },
  });

  if (isUnauthorized(queue.error)) return <SignInAgain />;
  if (isForbidden(queue.error)) {
    return (
      <Denied links={[{ to: '/news', label: t('news.list.title') }]}>
        <Typography sx={{ mb: 2 }}>{t('news.moderation.denied')}</Typography>
      </Denied>
    );
  }

  return (
    <>
      <PageTitle title={t('news.moderation.title')} error={Boolean(failure)} />
      <StaffNav />
      {done && <DoneBanner key={done.key}>{done.text}</DoneBanner>}
      {failure && <ErrorSummary key={failure.key} errors={failure.items} />}
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t('news.moderation.title')}
      </Typography>
      <Typography sx={{ mb: 3, maxWidth: '44rem' }}>{t('news.moderation.lead')}</Typography>
      <FilterLinks
        label={t('news.moderation.filter')}
        items={COMMENT_STATUSES.map((s) => ({
          to: s === 'pending' ? '/news/moderation' : `/news/moderation?status=${s}`,
          label: t(`news.moderation.statuses.${s}`),
          current: status === s,
        }))}
      />
      {queue.isPending ? (
        <Loading />
      ) : queue.error || !queue.data ? (
        <Alert severity="error">{t('news.moderation.loadFailed')}</Alert>
      ) : (
        <Box component="section" aria-labelledby="queue-count" sx={{ maxWidth: '46rem' }}>
          <Typography
            variant="h2"
            id="queue-count"
            sx={{ fontSize: '1.2rem', mb: 1 }}
            data-testid="queue-count"
          >
            {t('news.moderation.count', {
              count: queue.data.items.length,
              n: format.number(queue.data.items.length),
              status: t(`news.moderation.statuses.${status}`),
            })}
          </Typography>
          {queue.data.items.length === 0 ? (
            <Typography data-testid="queue-empty">{t('news.moderation.none')}</Typography>
          ) : (
            <Box component="ol" sx={{ m: 0, p: 0, listStyle: 'none' }} data-testid="queue">
              {queue.data.items.map((comment) => (
                <QueuedComment
                  key={comment.id}
                  comment={comment}
                  pending={mutation.isPending}
                  error={
                    mutation.variables?.comment.id === comment.id
                      ? fieldMessage(mutation.error, 'reason', language)
                      : undefined
                  }
                  onDecide={(decision, reason) => mutation.mutate({ comment, decision, reason })}
                />
              ))}
            </Box>
          )}
        </Box>
      )}
    </>
  );
}

function QueuedComment({
  comment,
  pending,
  error,
  onDecide,
}: {
  comment: ModerationItem;
  pending: boolean;
  error: string | undefined;
  onDecide: (decision: ModerationDecision, reason: string) => void;
}) {
  const { t } = useTranslation();
  const format = useNewsFormat();
  const [reason, setReason] = useState('');
  const decisions = DECISIONS[comment.status];
  const titleId = `comment-${comment.id}-title`;

  return (
    <Box
      component="li"
      data-testid="queued-comment"
      data-comment-id={comment.id}
      sx={{ borderTop: `1px solid ${colours.border}`, py: 2.5 }}
    >
      <Box component="article" aria-labelledby={titleId}>
        <Typography variant="h3" id={titleId} sx={{ fontSize: '1.05rem', mb: 0.5 }}>
          <Box component="span" dir={format.dir(comment.author.name)}>
            {format.rich(comment.author.name)}
          </Box>
          {comment.author.verified && (
            <>
              {' '}
              <StatusTag tone="grey">{t('news.comments.verified')}</StatusTag>
            </>
          )}
        </Typography>
        <Typography variant="body2" sx={{ color: colours.secondaryText, mb: 1 }}>
          {t('news.moderation.on')}{' '}
          <Link
            component={RouterLink}
            to={`/news/${comment.article.id}`}
            dir={format.dir(comment.article.title)}
          >
            {format.rich(comment.article.title)}
          </Link>
          <Box component="span" sx={{ display: 'block' }}>
            <JalaliTime iso={comment.createdAt} jalali={comment.createdAtJalali} />
          </Box>
        </Typography>
        <Typography
          dir={format.dir(comment.body)}
          data-testid="queued-comment-body"
          sx={{
            whiteSpace: 'pre-line',
            overflowWrap: 'anywhere',
            backgroundColor: colours.panel,
            p: 1.5,
            mb: 1.5,
          }}
        >
          {format.rich(comment.body)}
        </Typography>
        {comment.reason && (
          <Typography variant="body2" sx={{ mb: 1.5 }}>
            {t('news.moderation.previousReason', { reason: comment.reason })}
          </Typography>
        )}
      </Box>
      {decisions.length > 0 && (
        <Box role="group" aria-labelledby={titleId}>
          <TextInput
            id={`reason-${comment.id}`}
            name="reason"
            label={t('news.moderation.reason')}
            hint={t('news.moderation.reasonHint')}
            error={error}
            value={reason}
            onChange={setReason}
            multiline
            rows={2}
          />
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, mt: -1 }}>
            {decisions.includes('approve') && (
              <PrimaryButton
                type="button"
                disabled={pending}
                onClick={() => onDecide('approve', reason)}
                data-testid="approve"
              >
                {t('news.moderation.approve')}
              </PrimaryButton>
            )}
            {decisions.includes('reject') && (
              <WarningButton
                disabled={pending}
                onClick={() => onDecide('reject', reason)}
                data-testid="reject"
              >
                {t('news.moderation.reject')}
              </WarningButton>
            )}
            {decisions.includes('hide') && (
              <SecondaryButton disabled={pending} onClick={() => onDecide('hide', reason)} data-testid="hide">
                {t('news.moderation.hide')}
              </SecondaryButton>
            )}
          </Box>
        </Box>
      )}
    </Box>
  );
}

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meQuery, useSessionHint } from '../api/session.ts';
import { colours } from '../app/theme.ts';
import { PrimaryButton } from '../components/Buttons.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { TextInput } from '../components/FormFields.tsx';
import { Loading } from '../components/Loading.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { useFormErrors } from '../components/use-form-errors.ts';
import { articleQuery, type CommentInput, challengeQuery, postComment } from './api.ts';
import { DoneBanner, JalaliTime, useNewsFormat, visuallyHidden } from './parts.tsx';
import type { Article, ArticleComment, PostedComment } from './types.ts';

/**
 * «نظرات بینندگان در مورد این مطلب»: the approved comments, oldest first. Their bodies are plain
 * text and are rendered as text (React escapes them): markup in a comment shows as typed.
 */
export function CommentList({ comments }: { comments: ArticleComment[] }) {
  const { t } = useTranslation();
  const format = useNewsFormat();
  if (comments.length === 0)
    return <Typography data-testid="no-comments">{t('news.comments.none')}</Typography>;

  return (
    <Box component="ol" data-testid="comment-list" sx={{ m: 0, p: 0, listStyle: 'none' }}>
      {comments.map((comment) => (
        <Box
          component="li"
          key={comment.id}
          data-testid="comment"
          sx={{ py: 1.5, borderBottom: `1px solid ${colours.border}` }}
        >
          <Box
            sx={{
              display: 'flex',
              flexWrap: 'wrap',
              alignItems: 'baseline',
              columnGap: 1.5,
              rowGap: 0.5,
              mb: 0.5,
            }}
          >
            <Box component="strong" dir={format.dir(comment.author.name)} data-testid="comment-author">
              {format.rich(comment.author.name)}
            </Box>
            {comment.author.verified && <StatusTag tone="grey">{t('news.comments.verified')}</StatusTag>}
            <Typography component="span" variant="body2" sx={{ color: colours.secondaryText }}>
              <JalaliTime iso={comment.createdAt} jalali={comment.createdAtJalali} />
            </Typography>
          </Box>
          <Typography
            dir={format.dir(comment.body)}
            data-testid="comment-body"
            sx={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}
          >
            {format.rich(comment.body)}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

const FIELD_IDS = { displayName: 'comment-name', body: 'comment-body', answer: 'comment-answer' };

/**
 * «لطفاً شما هم نظر دهید»: a signed-in reader's comment is published at once under the name the
 * register holds; an anonymous reader gives a name and answers an arithmetic question in words
 * and digits a screen reader can read («۵ بعلاوه ۳ = ؟»), and the comment waits for a moderator.
 * Each question takes one answer: a new one is fetched after every attempt. A field hidden from
 * people (`website`) catches bots that fill every field.
 */
export function CommentForm({ article }: { article: Article }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fa';
  const queryClient = useQueryClient();
  const hinted = useSessionHint();
  const me = useQuery({ ...meQuery, enabled: hinted });
  const knowing = hinted && me.isPending;
  const signedIn = hinted && Boolean(me.data);
  const challenge = useQuery({ ...challengeQuery, enabled: !signedIn && !knowing });
  const [body, setBody] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [answer, setAnswer] = useState('');
  const [website, setWebsite] = useState('');
  const [posted, setPosted] = useState<{ comment: PostedComment; key: number } | null>(null);

  const mutation = useMutation({
    mutationFn: (input: CommentInput) => postComment(article.id, input),
    onSuccess: async (comment) => {
      setPosted({ comment, key: Date.now() });
      setBody('');
      if (comment.status === 'approved') {
        await queryClient.invalidateQueries({ queryKey: articleQuery(String(article.id)).queryKey });
      }
    },
    onError: () => setPosted(null),
    onSettled: () => {
      // The question was used up, right or wrong: a new one for the next attempt.
      if (!signedIn) {
        setAnswer('');
        void challenge.refetch();
      }
    },
  });
  const labels = {
    displayName: t('news.commentForm.name'),
    body: t('news.commentForm.body'),
    answer: t('news.commentForm.answer'),
  };
  const errors = useFormErrors(mutation.error, FIELD_IDS, {
    values: mutation.variables as Record<string, unknown> | undefined,
    labels,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(
      signedIn
        ? { body, website }
        : { body, displayName, challengeId: challenge.data?.challengeId ?? '', answer, website },
    );
  };
  if (knowing) return <Loading />;

  return (
    <>
      {posted && (
        <DoneBanner
          key={posted.key}
          title={
            posted.comment.status === 'approved'
              ? t('news.commentForm.publishedTitle')
              : t('news.commentForm.receivedTitle')
          }
        >
          <span data-testid="comment-posted">{posted.comment.message[language]}</span>
        </DoneBanner>
      )}
      {errors.shown && <ErrorSummary key={mutation.submittedAt} errors={errors.items} />}
      <Typography sx={{ mb: 2 }} data-testid="comment-note">
        {signedIn && me.data
          ? t('news.commentForm.signedInNote', { name: `${me.data.firstName} ${me.data.lastName}` })
          : t('news.commentForm.anonymousNote')}
      </Typography>
      <Box
        component="form"
        noValidate
        onSubmit={submit}
        data-testid="comment-form"
        // Each line of a comment takes the direction of its first letter, as it will be shown.
        sx={{ maxWidth: '36rem', '& textarea': { unicodeBidi: 'plaintext' } }}
      >
        {!signedIn && (
          <TextInput
            id={FIELD_IDS.displayName}
            name="displayName"
            label={labels.displayName}
            hint={t('news.commentForm.nameHint')}
            error={errors.of('displayName')}
            value={displayName}
            onChange={setDisplayName}
            autoComplete="name"
          />
        )}
        <TextInput
          id={FIELD_IDS.body}
          name="body"
          label={labels.body}
          hint={t('news.commentForm.bodyHint')}
          error={errors.of('body')}
          value={body}
          onChange={setBody}
          multiline
          rows={5}
        />
        {/* The honeypot: out of sight, out of the tab order and of the accessibility tree. */}
        <Box aria-hidden="true" sx={visuallyHidden}>
          <label htmlFor="comment-website">{t('news.commentForm.website')}</label>
          <input
            id="comment-website"
            name="website"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            value={website}
            onChange={(event) => setWebsite(event.target.value)}
          />
        </Box>
        {!signedIn && (
          <Box data-testid="challenge">
            {challenge.data && !challenge.isFetching ? (
              <TextInput
                id={FIELD_IDS.answer}
                name="answer"
                label={challenge.data.question[language]}
                hint={t('news.commentForm.answerHint')}
                error={errors.of('answer')}
                value={answer}
                onChange={setAnswer}
                inputMode="numeric"
                autoComplete="off"
                width="8em"
              />
            ) : challenge.isError ? (
              <Alert severity="error" sx={{ mb: 3 }}>
                {t('news.commentForm.questionFailed')}
              </Alert>
            ) : (
              <Typography sx={{ mb: 3 }}>{t('news.commentForm.questionLoading')}</Typography>
            )}
          </Box>
        )}
        <PrimaryButton
          disabled={mutation.isPending || (!signedIn && (!challenge.data || challenge.isFetching))}
          data-testid="comment-submit"
        >
          {t('news.commentForm.submit')}
        </PrimaryButton>
      </Box>
    </>
  );
}

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client.ts';
import { colours } from '../app/theme.ts';
import { SecondaryButton } from '../components/Buttons.tsx';
import { RadioInput } from '../components/RadioInput.tsx';
import { useFormErrors } from '../components/use-form-errors.ts';
import { articleQuery, rate, react } from './api.ts';
import { problemItems, useNewsFormat } from './parts.tsx';
import type { Article, Reaction, Votes } from './types.ts';

/** The page's counters after a vote: the server answers with the new rating and reactions. */
function showVotes(queryClient: QueryClient, id: number, votes: Votes): void {
  queryClient.setQueryData(articleQuery(String(id)).queryKey, (old) =>
    old ? { ...old, rating: votes.rating, reactions: votes.reactions } : old,
  );
}

/** The server's refusal in its own words (a second vote, an archived article). */
function useRefusal(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fa';
  return (error) =>
    problemItems(error, language, t('news.failed'))
      .map((item) => item.text)
      .join(' ');
}

function Thumb({ down = false }: { down?: boolean }) {
  return (
    <Box
      component="svg"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      sx={{ width: 22, height: 22, transform: down ? 'rotate(180deg)' : undefined, flexShrink: 0 }}
    >
      <path
        fill="currentColor"
        d="M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l.9-4.6.1-.3a1.5 1.5 0 0 0-.4-1L13.2 1 6.6 7.6A2 2 0 0 0 6 9v10a2 2 0 0 0 2 2h9a2 2 0 0 0 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z"
      />
    </Box>
  );
}

/**
 * «این مطلب را می‌پسندید؟»: like and dislike with their counts, once per reader. A second vote is
 * refused by the server (409) and its message shows here.
 */
export function Reactions({ article, open }: { article: Article; open: boolean }) {
  const { t } = useTranslation();
  const format = useNewsFormat();
  const queryClient = useQueryClient();
  const refusal = useRefusal();
  const [chosen, setChosen] = useState<Reaction | null>(article.mine?.reaction ?? null);
  const mutation = useMutation({
    mutationFn: (value: Reaction) => react(article.id, value),
    onSuccess: (votes, value) => {
      setChosen(value);
      showVotes(queryClient, article.id, votes);
    },
  });
  const counts = { like: article.reactions.likes, dislike: article.reactions.dislikes };

  return (
    <Box sx={{ mb: 3 }}>
      <Typography variant="h2" id="like-title" sx={{ fontSize: '1.2rem', mb: 1.5 }}>
        {t('news.like.title')}
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5 }}>
        {(['like', 'dislike'] as const).map((value) => (
          <Button
            key={value}
            variant="outlined"
            data-testid={`reaction-${value}`}
            aria-pressed={chosen === value}
            disabled={!open || mutation.isPending}
            onClick={() => mutation.mutate(value)}
            sx={{
              minHeight: 44,
              px: 2,
              gap: 1,
              color: colours.text,
              borderColor: colours.text,
              borderWidth: 2,
              '&:hover': { borderWidth: 2, backgroundColor: colours.panel },
              '&[aria-pressed="true"]': { backgroundColor: colours.greenBg, borderColor: colours.green },
            }}
          >
            <Thumb down={value === 'dislike'} />
            {t(`news.like.${value}`)}{' '}
            <span data-testid={`reaction-${value}-count`}>
              {t('news.like.count', { n: format.number(counts[value]) })}
            </span>
          </Button>
        ))}
      </Box>
      <Box role="status" sx={{ mt: 1 }} data-testid="reaction-status">
        {mutation.isSuccess && <Typography sx={{ fontWeight: 700 }}>{t('news.like.done')}</Typography>}
      </Box>
      {mutation.isError && (
        <Alert severity="error" data-testid="reaction-error" sx={{ mt: 1 }}>
          {refusal(mutation.error)}
        </Alert>
      )}
    </Box>
  );
}

/**
 * A 1–5 rating in radio buttons (a fieldset with its legend), once per reader: after it, the
 * reader's own rating instead of the form. A second rating is refused by the server (409): its
 * message shows here.
 */
export function Rating({ article, open }: { article: Article; open: boolean }) {
  const { t } = useTranslation();
  const format = useNewsFormat();
  const queryClient = useQueryClient();
  const refusal = useRefusal();
  const [value, setValue] = useState('');
  const [done, setDone] = useState<number | null>(null);
  const mutation = useMutation({
    mutationFn: (chosen: number | undefined) => rate(article.id, chosen),
    onSuccess: (votes, chosen) => {
      setDone(chosen ?? null);
      showVotes(queryClient, article.id, votes);
    },
  });
  const label = t('news.rate.legend');
  const errors = useFormErrors(
    mutation.error,
    { value: 'rating-value' },
    { values: { value: mutation.variables }, choices: ['value'], labels: { value: t('news.rate.what') } },
  );
  const fieldProblem = mutation.error instanceof ApiProblem && mutation.error.fields.length > 0;
  if (!open) return null;
  const mine = article.mine?.rating ?? null;
  if (mine !== null) {
    return (
      <Typography data-testid="my-rating" sx={{ fontWeight: 700 }}>
        {t('news.rate.yours', { n: format.number(mine) })}
      </Typography>
    );
  }
  if (done !== null) {
    return (
      <Box role="status" data-testid="rating-done">
        <Typography sx={{ fontWeight: 700 }}>{t('news.rate.done', { n: format.number(done) })}</Typography>
      </Box>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(value === '' ? undefined : Number(value));
  };

  return (
    <Box
      component="form"
      noValidate
      onSubmit={submit}
      data-testid="rating-form"
      aria-labelledby="rating-title"
      sx={{ backgroundColor: colours.panel, p: { xs: 2, sm: 2.5 } }}
    >
      <Typography variant="h3" id="rating-title" sx={{ mb: 1 }}>
        {t('news.rate.title')}
      </Typography>
      <RadioInput
        id="rating-value"
        name="rating"
        label={label}
        hint={t('news.rate.hint')}
        error={fieldProblem ? errors.of('value') : undefined}
        value={value}
        onChange={setValue}
        inline
        options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: format.number(n) }))}
      />
      <SecondaryButton type="submit" disabled={mutation.isPending} data-testid="rating-submit">
        {t('news.rate.submit')}
      </SecondaryButton>
      {mutation.isError && !fieldProblem && (
        <Alert severity="error" data-testid="rating-error" sx={{ mt: 2 }}>
          {refusal(mutation.error)}
        </Alert>
      )}
    </Box>
  );
}

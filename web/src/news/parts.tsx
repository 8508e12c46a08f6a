import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation } from 'react-router';
import { ApiProblem } from '../api/client.ts';
import { colours } from '../app/theme.ts';
import type { ErrorItem } from '../components/ErrorSummary.tsx';
import { SuccessBanner } from '../components/Panel.tsx';
import { StatusTag, type Tone } from '../components/StatusTag.tsx';
import { useFormat } from '../format/use-format.ts';
import { FEED_URL } from './api.ts';
import { isolatedText, textDirection } from './bidi.tsx';
import type { ArticleStatus, ArticleSummary } from './types.ts';

/** The formatters of the news pages: the reader's digits in stored text, Jalali times, the rating. */
export function useNewsFormat() {
  const format = useFormat();
  const decimal = new Intl.NumberFormat(format.language === 'fa' ? 'fa-IR' : 'en-GB', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });

  return {
    ...format,
    /** A stored text (title, lead, tag, comment) with the reader's digits, as a string (titles of the page). */
    text: (text: string) => format.digits(text),
    /** Text people wrote, for the page: runs of the other script isolated, the reader's digits (bidi.tsx). */
    rich: (text: string) => isolatedText(text, format.language),
    /** The direction of text people wrote, for its element's `dir`. */
    dir: (text: string) => textDirection(text),
    /** `1399/05/14 23:03` as `۱۳۹۹/۰۵/۱۴ ۲۳:۰۳` in Persian. */
    jalali: (text: string) => format.digits(text),
    /** The same inside a sentence: date and time kept on one line (a no-break space between them). */
    jalaliKept: (text: string) => format.digits(text).replace(' ', '\u00a0'),
    /** An average with one decimal: `۵٫۰`. */
    decimal: (n: number) => decimal.format(n),
    /** Tags as a list in running text: `آموزش، تولید`. */
    tags: (tags: readonly string[]) => tags.map(format.digits).join(format.language === 'fa' ? '، ' : ', '),
  };
}

/**
 * A Jalali date and Tehran time as the server wrote it (`1399/05/14 23:03`), in the reader's digits,
 * with the instant for machines. Its digits and slashes keep their order in a Persian sentence.
 */
export function JalaliTime({ iso, jalali, testId }: { iso: string; jalali: string; testId?: string }) {
  const format = useNewsFormat();
  return (
    <Box component="time" dateTime={iso} data-testid={testId} sx={{ whiteSpace: 'nowrap' }}>
      {format.jalali(jalali)}
    </Box>
  );
}

const STATUS_TONES: Record<ArticleStatus, Tone> = {
  draft: 'grey',
  scheduled: 'blue',
  published: 'green',
  archived: 'orange',
};

export function ArticleStatusTag({ status }: { status: ArticleStatus }) {
  const { t } = useTranslation();
  return (
    <StatusTag tone={STATUS_TONES[status]} testId="article-status">
      <span data-status={status}>{t(`news.status.${status}`)}</span>
    </StatusTag>
  );
}

/** Who an article is for: «سراسر کشور» or «استان فارس». */
export function useAudience(): (article: Pick<ArticleSummary, 'audience' | 'province'>) => string {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (article) => {
    if (article.audience === 'province' && article.province) {
      return t('news.audience.province', {
        province: en ? article.province.name.en : article.province.name.fa,
      });
    }
    return t(`news.audience.${article.audience === 'cooperative' ? 'cooperative' : 'nation'}`);
  };
}

/** The feed for browsers and feed readers: `<link rel="alternate">` (React puts it in the head). */
export function FeedAlternate() {
  const { t } = useTranslation();
  return (
    <link rel="alternate" type="application/atom+xml" href={FEED_URL} title={t('news.list.feedTitle')} />
  );
}

/** The visible «خبرخوان» link (a file of the server, not a page of the app: no client-side routing). */
export function FeedLink() {
  const { t } = useTranslation();
  return (
    <Link href={FEED_URL} type="application/atom+xml" data-testid="feed-link" sx={{ fontWeight: 700 }}>
      <Box
        component="svg"
        viewBox="0 0 16 16"
        aria-hidden="true"
        focusable="false"
        sx={{ width: '1em', height: '1em', verticalAlign: '-0.125em', marginInlineEnd: 0.75 }}
      >
        <rect width="16" height="16" rx="3" fill="#b3501e" />
        <circle cx="4.5" cy="11.5" r="1.6" fill="#fff" />
        <path
          d="M3 7.2a5.8 5.8 0 0 1 5.8 5.8M3 3.6A9.4 9.4 0 0 1 12.4 13"
          fill="none"
          stroke="#fff"
          strokeWidth="1.8"
        />
      </Box>
      {t('news.list.feed')}
    </Link>
  );
}

/**
 * The server's verdict as lines of the error summary: every field it names (linked to its input
 * when `fieldIds` has it), or its own message — never a made-up one.
 */
export function problemItems(
  error: unknown,
  language: 'fa' | 'en',
  fallback: string,
  fieldIds: Record<string, string> = {},
): ErrorItem[] {
  if (!(error instanceof ApiProblem)) return [{ text: fallback }];
  if (error.fields.length > 0) {
    return error.fields.map((f) => ({ text: f.message[language], fieldId: fieldIds[f.path] }));
  }
  return [{ text: error.messages[language] }];
}

/** The inline message of a field the server named. */
export function fieldMessage(error: unknown, path: string, language: 'fa' | 'en'): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  return error.fields.find((f) => f.path === path)?.message[language];
}

/** What was just done: the success banner, focused and brought into view (a new `key` each time). */
export function DoneBanner({ children, title }: { children: ReactNode; title?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'center' });
    ref.current?.focus({ preventScroll: true });
  }, []);

  return (
    <Box ref={ref} tabIndex={-1} sx={{ '&:focus': { outline: `3px solid ${colours.focus}` } }}>
      <SuccessBanner title={title ?? t('news.doneTitle')}>{children}</SuccessBanner>
    </Box>
  );
}

/** The two parts of the newsroom for staff: the articles and the comments waiting for a decision. */
export function StaffNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const items = [
    { to: '/news/manage', label: t('news.staffNav.articles') },
    { to: '/news/moderation', label: t('news.staffNav.moderation') },
  ];

  return (
    <Box component="nav" aria-label={t('news.staffNav.label')} sx={{ mb: 3 }}>
      <Box
        component="ul"
        sx={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 0,
          m: 0,
          p: 0,
          listStyle: 'none',
          borderBottom: `1px solid ${colours.border}`,
        }}
      >
        {items.map((item) => {
          const current =
            pathname === item.to || (item.to === '/news/manage' && pathname.startsWith(item.to));
          return (
            <li key={item.to}>
              <Link
                component={RouterLink}
                to={item.to}
                aria-current={current ? 'page' : undefined}
                underline={current ? 'none' : 'always'}
                sx={{
                  display: 'inline-block',
                  px: 2,
                  py: 1,
                  fontWeight: 700,
                  color: current ? colours.text : colours.link,
                  borderBottom: current ? `4px solid ${colours.link}` : '4px solid transparent',
                }}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </Box>
    </Box>
  );
}

/** Links that filter a list, one of them current (status of articles or comments, tags). */
export function FilterLinks({
  label,
  items,
  testId,
}: {
  label: string;
  items: { to: string; label: string; current: boolean; value?: string }[];
  testId?: string;
}) {
  return (
    <Box component="nav" aria-label={label} data-testid={testId} sx={{ mb: 3 }}>
      <Box component="ul" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, m: 0, p: 0, listStyle: 'none' }}>
        {items.map((item) => (
          <li key={item.to}>
            <Link
              component={RouterLink}
              to={item.to}
              aria-current={item.current ? 'true' : undefined}
              data-value={item.value}
              underline="none"
              sx={{
                display: 'inline-block',
                px: 1.5,
                py: 0.5,
                minHeight: 36,
                border: `2px solid ${colours.link}`,
                borderRadius: '18px',
                fontWeight: 700,
                ...(item.current
                  ? { backgroundColor: colours.brand, borderColor: colours.brand, color: '#fff' }
                  : { color: colours.link, '&:hover': { backgroundColor: colours.blueBg } }),
              }}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </Box>
    </Box>
  );
}

export const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  m: '-1px',
  p: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

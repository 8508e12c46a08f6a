import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { colours } from '../app/theme.ts';
import { useFormat } from '../format/use-format.ts';
import { FEED_URL, newsListQuery } from './api.ts';
import { isolatedText, textDirection } from './bidi.tsx';

/**
 * «تازه‌ترین اخبار» on the home page: the three newest articles. A chunk of its own, loaded after
 * the home page shows (the public pages' budget); its few words live here, not in the news
 * pages' messages.
 */
const WORDS = {
  title: { fa: 'تازه‌ترین اخبار', en: 'Latest news' },
  all: { fa: 'همهٔ اخبار', en: 'All news' },
  feed: { fa: 'خبرخوان', en: 'News feed' },
  feedTitle: { fa: 'اخبار تعاون (Atom)', en: 'Taavon news (Atom)' },
  published: { fa: 'تاریخ انتشار', en: 'Published' },
} as const;

export function LatestNews() {
  const { i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fa';
  const word = (key: keyof typeof WORDS) => WORDS[key][language];
  const format = useFormat();
  const latest = useQuery(newsListQuery('pageSize=3'));
  const items = latest.data?.items ?? [];
  // Nothing to say while it loads, or when there is no news (the home page does not need it).
  if (items.length === 0) return null;

  return (
    <Box
      component="section"
      aria-labelledby="latest-news-title"
      data-testid="latest-news"
      sx={{ borderTop: `4px solid ${colours.link}`, pt: 2, mt: 3, mb: 3 }}
    >
      <link rel="alternate" type="application/atom+xml" href={FEED_URL} title={word('feedTitle')} />
      <Typography variant="h2" id="latest-news-title" sx={{ mb: 1 }}>
        {word('title')}
      </Typography>
      <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
        {items.map((item) => (
          <Box
            component="li"
            key={item.id}
            data-testid="latest-news-item"
            sx={{ py: 1.25, borderBottom: `1px solid ${colours.border}` }}
          >
            <Link
              component={RouterLink}
              to={`/news/${item.id}`}
              sx={{ fontWeight: 700 }}
              dir={textDirection(item.title)}
            >
              {isolatedText(item.title, format.language)}
            </Link>
            {item.publishedAtJalali && item.publishedAt && (
              <Typography variant="body2" sx={{ color: colours.secondaryText }}>
                <Box component="span" sx={visuallyHidden}>
                  {word('published')}:{' '}
                </Box>
                <time dateTime={item.publishedAt}>{format.digits(item.publishedAtJalali)}</time>
              </Typography>
            )}
          </Box>
        ))}
      </Box>
      <Box component="p" sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 3, rowGap: 1, mt: 1.5, mb: 0 }}>
        <Link component={RouterLink} to="/news" sx={{ fontWeight: 700 }} data-testid="all-news-link">
          {word('all')}
        </Link>
        <Link href={FEED_URL} type="application/atom+xml">
          {word('feed')}
        </Link>
      </Box>
    </Box>
  );
}

const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

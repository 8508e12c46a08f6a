import Link from '@mui/material/Link';
import type { SxProps, Theme } from '@mui/material/styles';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { Me } from '../api/types.ts';

/**
 * The header's «اخبار» for everyone and «مدیریت اخبار» for ministry staff. They are part of the
 * frame on every page, so their few words live here rather than in the news pages' messages,
 * which load with those pages.
 */
const WORDS = {
  news: { fa: 'اخبار', en: 'News' },
  manage: { fa: 'مدیریت اخبار', en: 'Manage news' },
} as const;

function useWord() {
  const { i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fa';
  return (key: keyof typeof WORDS) => WORDS[key][language];
}

/** «اخبار» in the header. */
export function NewsNavLink({ sx }: { sx: SxProps<Theme> }) {
  const word = useWord();
  return (
    <li>
      <Link component={RouterLink} to="/news" sx={sx} data-testid="news-link">
        {word('news')}
      </Link>
    </li>
  );
}

/** «مدیریت اخبار» in the header, for ministry officers and administrators (articles and comments). */
export function NewsStaffNavLink({ me, sx }: { me: Me; sx: SxProps<Theme> }) {
  const word = useWord();
  if (me.staffRoles.length === 0) return null;
  return (
    <li>
      <Link component={RouterLink} to="/news/manage" sx={sx} data-testid="news-manage-link">
        {word('manage')}
      </Link>
    </li>
  );
}

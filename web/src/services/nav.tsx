import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import type { SxProps, Theme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { colours } from '../app/theme.ts';

/**
 * The single window's ways in from pages that are not its own: the header's «خدمات» and
 * «درخواست‌های من», the home page's entry and the sign-in page's «ثبت‌نام». They are part of the
 * frame and of public pages, so their few words live here (a few hundred bytes) rather than in
 * the services' messages, which load with the services' pages.
 */
const WORDS = {
  services: { fa: 'خدمات', en: 'Services' },
  myRequests: { fa: 'درخواست‌های من', en: 'My requests' },
  homeTitle: { fa: 'خدمات پنجرهٔ واحد', en: 'Single window services' },
  homeText: {
    fa: 'تشکیل تعاونی، ثبت تغییرات و صورتجلسه‌ها، گواهی عضویت و حسن انجام تکالیف، و شکایت؛ همه برخط و با کد پیگیری.',
    en: 'Form a cooperative, record changes and minutes, get certificates or complain; all online, with a tracking code.',
  },
  homeLink: { fa: 'دیدن همهٔ خدمات و شروع درخواست', en: 'See every service and start a request' },
  track: { fa: 'پیگیری درخواست', en: 'Track a request' },
  verify: { fa: 'بررسی اعتبار گواهی', en: 'Check a certificate' },
  noAccount: { fa: 'نامتان در سامانه نیست؟', en: 'Not on the register?' },
  register: { fa: 'حساب ندارید؟ ثبت‌نام کنید', en: 'No account? Register' },
  registerText: {
    fa: 'اگر می‌خواهید تعاونی تازه‌ای تشکیل دهید و عضو هیچ تعاونی‌ای نیستید، با کد ملی و تلفن همراه خود ثبت‌نام کنید.',
    en: 'If you want to form a new cooperative and are not a member of any, register with your national code and mobile.',
  },
} as const;

function useWords() {
  const { i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fa';
  return (key: keyof typeof WORDS) => WORDS[key][language];
}

/** «خدمات» in the header, for everyone. */
export function ServicesNavLink({ sx }: { sx: SxProps<Theme> }) {
  const word = useWords();
  return (
    <li>
      <Link component={RouterLink} to="/services" sx={sx} data-testid="services-link">
        {word('services')}
      </Link>
    </li>
  );
}

/** «درخواست‌های من» in the header, for the signed-in. */
export function MyRequestsNavLink({ sx }: { sx: SxProps<Theme> }) {
  const word = useWords();
  return (
    <li>
      <Link component={RouterLink} to="/me/requests" sx={sx} data-testid="my-requests-nav">
        {word('myRequests')}
      </Link>
    </li>
  );
}

/** The home page's entry to the services: what they are, and the ways to track and check. */
export function ServicesHomeEntry() {
  const word = useWords();
  return (
    <Box
      component="section"
      aria-labelledby="services-entry-title"
      data-testid="services-entry"
      sx={{
        borderInlineStart: `6px solid ${colours.button}`,
        backgroundColor: colours.panel,
        p: { xs: 2, sm: 3 },
        mt: 3,
        mb: 3,
      }}
    >
      <Typography variant="h2" id="services-entry-title" sx={{ mb: 1 }}>
        {word('homeTitle')}
      </Typography>
      <Typography sx={{ mb: 1.5 }}>{word('homeText')}</Typography>
      <Box
        component="ul"
        sx={{ m: 0, p: 0, listStyle: 'none', display: 'flex', flexWrap: 'wrap', columnGap: 3, rowGap: 1 }}
      >
        <li>
          <Link component={RouterLink} to="/services" sx={{ fontWeight: 700 }}>
            {word('homeLink')}
          </Link>
        </li>
        <li>
          <Link component={RouterLink} to="/track">
            {word('track')}
          </Link>
        </li>
        <li>
          <Link component={RouterLink} to="/verify">
            {word('verify')}
          </Link>
        </li>
      </Box>
    </Box>
  );
}

/** The sign-in page's way to registration, keeping where the person was going. */
export function RegisterLink({ next }: { next: string | null }) {
  const word = useWords();
  return (
    <>
      <Typography variant="h2" sx={{ mt: 4, mb: 1 }}>
        {word('noAccount')}
      </Typography>
      <Typography sx={{ mb: 1 }}>{word('registerText')}</Typography>
      <Link
        component={RouterLink}
        to={next ? `/register?next=${encodeURIComponent(next)}` : '/register'}
        data-testid="register-link"
      >
        {word('register')}
      </Link>
    </>
  );
}

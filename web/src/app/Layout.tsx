import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Container from '@mui/material/Container';
import Link from '@mui/material/Link';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, Link as RouterLink, ScrollRestoration, useLocation, useNavigate } from 'react-router';
import { isUnauthorized } from '../api/client.ts';
import { meQuery, setSessionHint, signOut, useSessionHint } from '../api/session.ts';
import type { Me } from '../api/types.ts';
import { Bidi } from '../components/Bidi.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { currentLanguage, setLanguage } from '../i18n/i18n.ts';
import { NewsNavLink, NewsStaffNavLink } from '../news/nav.tsx';
import { MyRequestsNavLink, ServicesNavLink } from '../services/nav.tsx';
import { InboxNavLink } from '../services/office/nav.tsx';
import { colours } from './theme.ts';

function SkipLink() {
  const { t } = useTranslation();

  return (
    <Box
      component="a"
      href="#main-content"
      sx={{
        position: 'absolute',
        insetInlineStart: 8,
        top: -100,
        zIndex: 10,
        p: 1.5,
        backgroundColor: colours.focus,
        color: colours.text,
        fontWeight: 700,
        '&:focus': { top: 8, outline: `3px solid ${colours.text}` },
      }}
    >
      {t('layout.skipLink')}
    </Box>
  );
}

function LanguageSwitch() {
  const { t } = useTranslation();
  const other = currentLanguage() === 'fa' ? 'en' : 'fa';

  return (
    <Button
      lang={other}
      onClick={() => void setLanguage(other)}
      data-testid="language-switch"
      sx={{
        color: '#fff',
        border: '2px solid #fff',
        px: 1.5,
        py: 0.25,
        minWidth: 0,
        fontFamily: 'inherit',
        '&:hover': { backgroundColor: 'rgba(255,255,255,0.15)' },
      }}
    >
      {t('layout.switchLanguage')}
    </Button>
  );
}

const headerLink = {
  color: '#fff',
  fontWeight: 700,
  textDecorationThickness: '2px',
  '&:hover': { textDecorationThickness: '3px' },
} as const;

/** Who is signed in, if anyone: asked of the server only when this browser signed in before. */
function useSignedIn(): Me | undefined {
  const hinted = useSessionHint();
  const me = useQuery({ ...meQuery, enabled: hinted });
  useEffect(() => {
    if (isUnauthorized(me.error)) setSessionHint(false);
  }, [me.error]);

  return hinted ? me.data : undefined;
}

function SignOutButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();

  return (
    <Button
      data-testid="sign-out"
      onClick={() => void signOut().finally(() => navigate('/signed-out'))}
      sx={{
        ...headerLink,
        p: 0,
        minWidth: 0,
        fontSize: 'inherit',
        lineHeight: 'inherit',
        textDecoration: 'underline',
        textUnderlineOffset: '0.2em',
        '&:hover': { backgroundColor: 'transparent', textDecorationThickness: '3px' },
      }}
    >
      {t('layout.signOut')}
    </Button>
  );
}

function Header() {
  const { t } = useTranslation();
  const me = useSignedIn();
  const staff = (me?.staffRoles.length ?? 0) > 0;

  return (
    <Box
      component="header"
      sx={{ backgroundColor: colours.brand, color: '#fff', borderBottom: `8px solid ${colours.focus}` }}
    >
      <Container maxWidth="lg" sx={{ py: 1.5 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 2 }}>
          <Link component={RouterLink} to="/" underline="hover" sx={{ ...headerLink, display: 'block' }}>
            <Box component="span" sx={{ display: 'block', fontSize: '1.5rem', lineHeight: 1.4 }}>
              {t('service.short')}
            </Box>
            <Box
              component="span"
              sx={{ display: 'block', fontSize: '0.9rem', fontWeight: 400, lineHeight: 1.5 }}
            >
              {t('service.name')}
            </Box>
          </Link>
          <LanguageSwitch />
        </Box>
        <Box component="nav" aria-label={t('layout.mainNav')} sx={{ mt: 1 }}>
          <Box
            component="ul"
            sx={{
              display: 'flex',
              flexWrap: 'wrap',
              columnGap: 3,
              rowGap: 0.5,
              m: 0,
              p: 0,
              listStyle: 'none',
            }}
          >
            <ServicesNavLink sx={headerLink} />
            <li>
              <Link component={RouterLink} to="/search" sx={headerLink}>
                {t('layout.search')}
              </Link>
            </li>
            <li>
              <Link component={RouterLink} to="/open-data" sx={headerLink}>
                {t('layout.openData')}
              </Link>
            </li>
            <NewsNavLink sx={headerLink} />
            {me ? (
              <>
                <li>
                  <Link component={RouterLink} to="/me" sx={headerLink}>
                    {t('layout.myCooperatives')}
                  </Link>
                </li>
                <MyRequestsNavLink sx={headerLink} />
                <InboxNavLink me={me} sx={headerLink} />
                <NewsStaffNavLink me={me} sx={headerLink} />
                {staff && (
                  <li>
                    <Link component={RouterLink} to="/supervision" sx={headerLink}>
                      {t('layout.supervision')}
                    </Link>
                  </li>
                )}
                <li>
                  <Link component={RouterLink} to="/account" sx={headerLink}>
                    {t('layout.account')}
                  </Link>
                </li>
              </>
            ) : (
              <li>
                <Link component={RouterLink} to="/sign-in" sx={headerLink} data-testid="sign-in-link">
                  {t('layout.signIn')}
                </Link>
              </li>
            )}
          </Box>
        </Box>
        {me && (
          <Box
            data-testid="signed-in-as"
            sx={{
              display: 'flex',
              flexWrap: 'wrap',
              alignItems: 'baseline',
              columnGap: 2,
              mt: 1,
              pt: 1,
              borderTop: '1px solid rgba(255,255,255,0.35)',
            }}
          >
            <span>
              {t('layout.signedInAs')}{' '}
              <Box component="strong" sx={{ fontWeight: 700 }}>
                {me.firstName} {me.lastName}
              </Box>
            </span>
            <SignOutButton />
          </Box>
        )}
      </Container>
    </Box>
  );
}

function PhaseBanner() {
  const { t } = useTranslation();

  return (
    <Container maxWidth="lg">
      <Box
        component="p"
        sx={{
          display: 'flex',
          gap: 1,
          alignItems: 'baseline',
          borderBottom: `1px solid ${colours.border}`,
          py: 1,
          m: 0,
        }}
      >
        <StatusTag tone="blue">{t('layout.phase')}</StatusTag>
        <Box component="span" sx={{ fontSize: '0.9rem' }}>
          {t('layout.phaseText')}
        </Box>
      </Box>
    </Container>
  );
}

function Footer() {
  const { t } = useTranslation();

  return (
    <Box
      component="footer"
      sx={{ mt: 'auto', backgroundColor: colours.panel, borderTop: `1px solid ${colours.border}`, py: 4 }}
    >
      <Container maxWidth="lg">
        <Box component="nav" aria-label={t('layout.footerNav')}>
          <Box
            component="ul"
            sx={{ display: 'flex', flexWrap: 'wrap', gap: 3, m: 0, p: 0, listStyle: 'none' }}
          >
            <li>
              <Link component={RouterLink} to="/open-data" sx={{ color: colours.text }}>
                {t('layout.openData')}
              </Link>
            </li>
            <li>
              <Link href="/api/docs" sx={{ color: colours.text }}>
                {t('layout.apiDocs')}
              </Link>
            </li>
          </Box>
        </Box>
        <Box component="p" sx={{ fontSize: '0.9rem', mb: 0 }}>
          <Bidi>{t('layout.osm')}</Bidi>
          <br />
          <Bidi>{t('layout.source')}</Bidi>
        </Box>
      </Container>
    </Box>
  );
}

/**
 * After a client-side navigation, focus moves to the new page's heading (as a full page load
 * would put the reader at the top) — unless something on the page took focus already.
 */
function useFocusOnNavigation() {
  const location = useLocation();
  const previous = useRef(location.key);
  useEffect(() => {
    if (previous.current === location.key) return;
    previous.current = location.key;
    if (location.hash) return;
    const active = document.activeElement;
    if (active && active !== document.body && document.body.contains(active)) return;
    const heading = document.querySelector<HTMLElement>('#main-content h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  }, [location.key, location.hash]);
}

/** The frame of every page: skip link, header, phase banner, main, footer. */
export function Layout() {
  useFocusOnNavigation();
  // The page shown, for browser tests to wait on: the address changes before the page does.
  const { pathname } = useLocation();

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', minHeight: '100vh' }}>
      <SkipLink />
      <Header />
      <PhaseBanner />
      <Container
        component="main"
        id="main-content"
        tabIndex={-1}
        maxWidth="lg"
        data-path={pathname}
        sx={{ py: { xs: 3, md: 5 }, outline: 'none' }}
      >
        <Outlet />
      </Container>
      <Footer />
      <ScrollRestoration />
    </Box>
  );
}

import { CacheProvider } from '@emotion/react';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { directionOf } from '../i18n/i18n.ts';
import { router } from './router.tsx';
import { createAppTheme, emotionCache } from './theme.ts';

const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, staleTime: 60_000 } },
});

/** Theme and styles follow the language: right-to-left for Persian, left-to-right for English. */
export function App() {
  const { i18n } = useTranslation();
  const direction = directionOf(i18n.language === 'en' ? 'en' : 'fa');
  const theme = useMemo(() => createAppTheme(direction), [direction]);

  return (
    <CacheProvider value={emotionCache(direction)}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </ThemeProvider>
    </CacheProvider>
  );
}

import { createBrowserRouter } from 'react-router';
import { RouteError } from '../pages/RouteError.tsx';
import { Layout } from './Layout.tsx';

/**
 * Public pages, each its own chunk (loaded before the page renders). Signed-in pages are added
 * here the same way when the accounts API is there.
 */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    // The first page's chunk loads before anything shows (a few kilobytes; no spinner flash).
    HydrateFallback: () => null,
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('../pages/HomePage.tsx')).HomePage }),
      },
      {
        path: 'search',
        lazy: async () => ({ Component: (await import('../pages/SearchPage.tsx')).SearchPage }),
      },
      {
        path: 'cooperatives/:key',
        lazy: async () => ({ Component: (await import('../pages/CooperativePage.tsx')).CooperativePage }),
      },
      {
        path: 'open-data',
        lazy: async () => ({ Component: (await import('../pages/OpenDataPage.tsx')).OpenDataPage }),
      },
      {
        path: '*',
        lazy: async () => ({ Component: (await import('../pages/NotFoundPage.tsx')).NotFoundPage }),
      },
    ],
  },
]);

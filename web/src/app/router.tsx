import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { loadAccountMessages, loadLedgerMessages, loadMonitoringMessages } from '../i18n/i18n.ts';
import { RouteError } from '../pages/RouteError.tsx';
import { Layout } from './Layout.tsx';

/**
 * A page of the sign-in journeys or a signed-in page: its chunk and the messages of those pages
 * (a chunk of their own, so the public pages never carry them) load before it renders.
 */
function accountPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return async () => {
    const [module] = await Promise.all([load(), loadAccountMessages()]);
    return { Component: pick(module) };
  };
}

/** A page of the transparency ledger: its chunk, the signed-in pages' messages and the ledger's. */
function ledgerPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return async () => {
    const [module] = await Promise.all([load(), loadAccountMessages(), loadLedgerMessages()]);
    return { Component: pick(module) };
  };
}

/** A page of smart monitoring: its chunk, the signed-in pages', the ledger's and monitoring's messages. */
function monitoringPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return async () => {
    const [module] = await Promise.all([
      load(),
      loadAccountMessages(),
      loadLedgerMessages(),
      loadMonitoringMessages(),
    ]);
    return { Component: pick(module) };
  };
}

const signIn = () => import('../pages/SignInPage.tsx');
const activation = () => import('../pages/ActivationPages.tsx');

/** Every page is its own chunk, loaded before the page renders. */
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
      // Sign-in, activation and recovery: question pages, one step each.
      { path: 'sign-in', lazy: accountPage(signIn, (m) => m.SignInPage) },
      { path: 'sign-in/code', lazy: accountPage(signIn, (m) => m.SignInCodePage) },
      { path: 'activate', lazy: accountPage(activation, (m) => m.ActivationStartPage) },
      { path: 'activate/code', lazy: accountPage(activation, (m) => m.ActivationCodePage) },
      { path: 'activate/password', lazy: accountPage(activation, (m) => m.ActivationPasswordPage) },
      { path: 'recover', lazy: accountPage(activation, (m) => m.RecoveryStartPage) },
      { path: 'recover/code', lazy: accountPage(activation, (m) => m.RecoveryCodePage) },
      { path: 'recover/password', lazy: accountPage(activation, (m) => m.RecoveryPasswordPage) },
      {
        path: 'signed-out',
        lazy: accountPage(
          () => import('../pages/SignedOutPage.tsx'),
          (m) => m.SignedOutPage,
        ),
      },
      // Signed-in pages: the frame sends anyone not signed in to /sign-in?next=….
      {
        lazy: accountPage(
          () => import('../pages/RequireSignIn.tsx'),
          (m) => m.RequireSignIn,
        ),
        children: [
          {
            path: 'me',
            lazy: ledgerPage(
              () => import('../pages/MyCooperativesPage.tsx'),
              (m) => m.MyCooperativesPage,
            ),
          },
          {
            path: 'cooperatives/:legalId/record/:kind',
            lazy: accountPage(
              () => import('../pages/RecordPage.tsx'),
              (m) => m.RecordPage,
            ),
          },
          {
            path: 'cooperatives/:legalId/ledger',
            lazy: ledgerPage(
              () => import('../pages/LedgerPage.tsx'),
              (m) => m.LedgerPage,
            ),
          },
          {
            path: 'cooperatives/:legalId/alerts',
            lazy: monitoringPage(
              () => import('../pages/AlertsPage.tsx'),
              (m) => m.AlertsPage,
            ),
          },
          {
            path: 'cooperatives/:legalId/books/:form',
            lazy: ledgerPage(
              () => import('../pages/BooksPage.tsx'),
              (m) => m.BooksPage,
            ),
          },
          {
            path: 'supervision',
            lazy: accountPage(
              () => import('../pages/SupervisionPage.tsx'),
              (m) => m.SupervisionPage,
            ),
          },
          {
            path: 'supervision/risk',
            lazy: monitoringPage(
              () => import('../pages/RiskPage.tsx'),
              (m) => m.RiskPage,
            ),
          },
          {
            path: 'account',
            lazy: accountPage(
              () => import('../pages/AccountPage.tsx'),
              (m) => m.AccountPage,
            ),
          },
        ],
      },
      {
        path: '*',
        lazy: async () => ({ Component: (await import('../pages/NotFoundPage.tsx')).NotFoundPage }),
      },
    ],
  },
]);

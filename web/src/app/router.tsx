import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import {
  loadAccountMessages,
  loadLedgerMessages,
  loadMonitoringMessages,
  loadNewsMessages,
  loadOfficeMessages,
  loadServicesMessages,
} from '../i18n/i18n.ts';
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

/** A page of the single window's office (inbox, case page): its chunk, the signed-in pages' and the office's messages. */
function officePage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return async () => {
    const [module] = await Promise.all([load(), loadAccountMessages(), loadOfficeMessages()]);
    return { Component: pick(module) };
  };
}

/**
 * A page of the single window for applicants (catalogue, start pages, a request's pages,
 * tracking, certificates, registration): its chunk, the signed-in pages' and the services' messages.
 */
function servicesPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return async () => {
    const [module] = await Promise.all([load(), loadAccountMessages(), loadServicesMessages()]);
    return { Component: pick(module) };
  };
}

/**
 * A page of the news (the list, an article, the editors' and moderators' pages, a cooperative's
 * announcements): its chunk, the signed-in pages' messages (forms) and the news messages.
 */
function newsPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return async () => {
    const [module] = await Promise.all([load(), loadAccountMessages(), loadNewsMessages()]);
    return { Component: pick(module) };
  };
}

const newsManage = () => import('../news/ManagePages.tsx');

const register = () => import('../pages/RegisterPages.tsx');
const requestPages = () => import('../services/RequestPage.tsx');
const verify = () => import('../services/VerifyPage.tsx');
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
      // News, public: the list (tag, province, search) and an article's page.
      {
        path: 'news',
        lazy: newsPage(
          () => import('../news/NewsListPage.tsx'),
          (m) => m.NewsListPage,
        ),
      },
      {
        path: 'news/:articleId',
        lazy: newsPage(
          () => import('../news/ArticlePage.tsx'),
          (m) => m.ArticlePage,
        ),
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
      // The single window, public: the catalogue, start pages, tracking, certificates, registration.
      {
        path: 'services',
        lazy: servicesPage(
          () => import('../services/CataloguePage.tsx'),
          (m) => m.CataloguePage,
        ),
      },
      {
        path: 'services/:serviceId',
        lazy: servicesPage(
          () => import('../services/StartPage.tsx'),
          (m) => m.ServiceStartPage,
        ),
      },
      {
        path: 'track',
        lazy: servicesPage(
          () => import('../services/TrackPage.tsx'),
          (m) => m.TrackPage,
        ),
      },
      { path: 'verify', lazy: servicesPage(verify, (m) => m.VerifyPage) },
      { path: 'verify/:code', lazy: servicesPage(verify, (m) => m.VerifyPage) },
      { path: 'register', lazy: servicesPage(register, (m) => m.RegisterStartPage) },
      { path: 'register/code', lazy: servicesPage(register, (m) => m.RegisterCodePage) },
      { path: 'register/password', lazy: servicesPage(register, (m) => m.RegisterPasswordPage) },
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
            path: 'inbox',
            lazy: officePage(
              () => import('../services/office/InboxPage.tsx'),
              (m) => m.InboxPage,
            ),
          },
          {
            path: 'inbox/:code',
            lazy: officePage(
              () => import('../services/office/CasePage.tsx'),
              (m) => m.CasePage,
            ),
          },
          {
            path: 'account',
            lazy: accountPage(
              () => import('../pages/AccountPage.tsx'),
              (m) => m.AccountPage,
            ),
          },
          // News for ministry staff (articles, comments) and a cooperative's board (announcements).
          { path: 'news/manage', lazy: newsPage(newsManage, (m) => m.ManageListPage) },
          { path: 'news/manage/new', lazy: newsPage(newsManage, (m) => m.NewArticlePage) },
          { path: 'news/manage/:articleId', lazy: newsPage(newsManage, (m) => m.EditArticlePage) },
          {
            path: 'news/moderation',
            lazy: newsPage(
              () => import('../news/ModerationPage.tsx'),
              (m) => m.ModerationPage,
            ),
          },
          {
            path: 'cooperatives/:legalId/announcements',
            lazy: newsPage(
              () => import('../news/AnnouncementsPage.tsx'),
              (m) => m.AnnouncementsPage,
            ),
          },
          // The single window, for applicants: start a request, answer it page by page, follow it.
          {
            path: 'services/:serviceId/start',
            lazy: servicesPage(
              () => import('../services/StartPage.tsx'),
              (m) => m.StartRequestPage,
            ),
          },
          {
            path: 'me/requests',
            lazy: servicesPage(
              () => import('../services/MyRequestsPage.tsx'),
              (m) => m.MyRequestsPage,
            ),
          },
          { path: 'requests/:code', lazy: servicesPage(requestPages, (m) => m.RequestPage) },
          { path: 'requests/:code/withdraw', lazy: servicesPage(requestPages, (m) => m.WithdrawPage) },
          {
            path: 'requests/:code/check',
            lazy: servicesPage(
              () => import('../services/CheckPage.tsx'),
              (m) => m.CheckPage,
            ),
          },
          {
            path: 'requests/:code/documents',
            lazy: servicesPage(
              () => import('../services/DocumentsPage.tsx'),
              (m) => m.DocumentsPage,
            ),
          },
          {
            path: 'requests/:code/confirmation',
            lazy: servicesPage(
              () => import('../services/ConfirmationPage.tsx'),
              (m) => m.ConfirmationPage,
            ),
          },
          {
            path: 'requests/:code/:sectionId/:questionId',
            lazy: servicesPage(
              () => import('../services/QuestionPage.tsx'),
              (m) => m.QuestionPage,
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

import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { fa } from './fa.ts';

export type Language = 'fa' | 'en';

/** The reader's language choice is kept in localStorage: a preference, not personal data. */
const STORAGE_KEY = 'taavon.language';

export function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fa';
  } catch {
    return 'fa';
  }
}

export function directionOf(language: Language): 'rtl' | 'ltr' {
  return language === 'fa' ? 'rtl' : 'ltr';
}

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'fa';
}

/** Persian is bundled; English is fetched the first time someone asks for it. */
async function ensureLoaded(language: Language): Promise<void> {
  if (language === 'en' && !i18next.hasResourceBundle('en', 'translation')) {
    const { en } = await import('./en.ts');
    i18next.addResourceBundle('en', 'translation', en);
  }
  await Promise.all([...wanted].map((group) => ensureGroup(group, language)));
}

/**
 * Messages of some pages are chunks of their own, so the public pages do not carry them: the
 * sign-in and signed-in pages' (`account`), the transparency ledger's (`ledger`: the ledger
 * pages and the ledger card of a public profile, loaded after the profile shows) and smart
 * monitoring's (`monitoring`: the alerts pages, the risk dashboard and a profile's governance
 * flags). Those pages call `loadAccountMessages()` / `loadLedgerMessages()` /
 * `loadMonitoringMessages()` before they render.
 */
type Group = 'account' | 'ledger' | 'monitoring' | 'office' | 'services' | 'news';
const GROUPS: Record<Group, Record<Language, () => Promise<Record<string, unknown>>>> = {
  account: {
    fa: async () => (await import('./account.fa.ts')).accountFa,
    en: async () => (await import('./account.en.ts')).accountEn,
  },
  ledger: {
    fa: async () => (await import('./ledger.fa.ts')).ledgerFa,
    en: async () => (await import('./ledger.en.ts')).ledgerEn,
  },
  monitoring: {
    fa: async () => (await import('./monitoring.fa.ts')).monitoringFa,
    en: async () => (await import('./monitoring.en.ts')).monitoringEn,
  },
  // The single window's office pages (inbox, case page) and the services' statistics.
  office: {
    fa: async () => (await import('./office.fa.ts')).officeFa,
    en: async () => (await import('./office.en.ts')).officeEn,
  },
  // The single window's applicant pages: catalogue, requests, tracking, certificates, registration.
  services: {
    fa: async () => (await import('./services.fa.ts')).servicesFa,
    en: async () => (await import('./services.en.ts')).servicesEn,
  },
  // News: the list, an article's page, the editors' and moderators' pages, board announcements.
  news: {
    fa: async () => (await import('./news.fa.ts')).newsFa,
    en: async () => (await import('./news.en.ts')).newsEn,
  },
};
const wanted = new Set<Group>();
const loaded = new Set<string>();

async function ensureGroup(group: Group, language: Language): Promise<void> {
  if (loaded.has(`${group}:${language}`)) return;
  const messages = await GROUPS[group][language]();
  i18next.addResourceBundle(language, 'translation', messages, true, true);
  loaded.add(`${group}:${language}`);
}

export async function loadAccountMessages(): Promise<void> {
  wanted.add('account');
  await ensureGroup('account', currentLanguage());
}

export async function loadLedgerMessages(): Promise<void> {
  wanted.add('ledger');
  await ensureGroup('ledger', currentLanguage());
}

/** Smart monitoring's messages: the alerts pages, a profile's governance flags, the risk dashboard. */
export async function loadMonitoringMessages(): Promise<void> {
  wanted.add('monitoring');
  await ensureGroup('monitoring', currentLanguage());
}

/** The single window's office pages (inbox, case page) and the services' statistics of open data. */
export async function loadOfficeMessages(): Promise<void> {
  wanted.add('office');
  await ensureGroup('office', currentLanguage());
}

/** The single window's applicant pages: catalogue, start pages, requests, tracking, certificates, registration. */
export async function loadServicesMessages(): Promise<void> {
  wanted.add('services');
  await ensureGroup('services', currentLanguage());
}

/** News: the list, an article's page, the editors' and moderators' pages, a cooperative's announcements. */
export async function loadNewsMessages(): Promise<void> {
  wanted.add('news');
  await ensureGroup('news', currentLanguage());
}

function applyToDocument(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

export async function initI18n(language: Language): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { fa: { translation: fa } },
    lng: 'fa',
    fallbackLng: 'fa',
    interpolation: { escapeValue: false },
  });
  if (language !== 'fa') await setLanguage(language);
  else applyToDocument('fa');
}

export async function setLanguage(language: Language): Promise<void> {
  await ensureLoaded(language);
  await i18next.changeLanguage(language);
  applyToDocument(language);
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

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
  if (accountMessagesWanted) await ensureAccountMessages(language);
}

/**
 * The messages of the sign-in and signed-in pages are a chunk of their own, so the public pages
 * do not carry them: those pages' routes call `loadAccountMessages()` before they render.
 */
let accountMessagesWanted = false;
const accountMessagesLoaded = new Set<Language>();

async function ensureAccountMessages(language: Language): Promise<void> {
  if (accountMessagesLoaded.has(language)) return;
  const messages =
    language === 'fa'
      ? (await import('./account.fa.ts')).accountFa
      : (await import('./account.en.ts')).accountEn;
  i18next.addResourceBundle(language, 'translation', messages, true, true);
  accountMessagesLoaded.add(language);
}

export async function loadAccountMessages(): Promise<void> {
  accountMessagesWanted = true;
  await ensureAccountMessages(currentLanguage());
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

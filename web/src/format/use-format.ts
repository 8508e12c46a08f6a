import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n/i18n.ts';
import { formatDate, formatInstant, formatNumber, formatTime, localDigits } from './format.ts';

/** The formatters of the current language, for components. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'fa';

  return {
    language,
    number: (n: number) => formatNumber(n, language),
    date: (iso: string) => formatDate(iso, language),
    digits: (text: string) => localDigits(text, language),
    time: (instant: string) => formatTime(instant, language),
    instant: (instant: string) => formatInstant(instant, language),
  };
}

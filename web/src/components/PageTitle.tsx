import { useTranslation } from 'react-i18next';

/** The document title: "<page> — Taavon", prefixed with "Error: " when the page shows errors. */
export function PageTitle({ title, error = false }: { title: string; error?: boolean }) {
  const { t } = useTranslation();
  const text = `${error ? `${t('layout.errorTitle')}: ` : ''}${title} — ${t('service.titleSuffix')}`;

  return <title>{text}</title>;
}

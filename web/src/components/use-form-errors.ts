import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client.ts';
import type { ErrorItem } from './ErrorSummary.tsx';

export type FormErrors = {
  /** Whether there is anything to show (the page title then starts with "Error: "). */
  shown: boolean;
  /** The error summary's lines, each linked to its field when the field is on this page. */
  items: ErrorItem[];
  /** The inline message of the field answering for API path `path`, worded as in the summary. */
  of: (path: string) => string | undefined;
};

/**
 * The server's verdict on a form, for the error summary and the inline messages. `fieldIds` maps
 * each API path (`filedOn`, `person.nationalCode`) to the id of its input; `values` are the
 * answers as sent, so that a blank answer reads "enter the first name" rather than "not valid".
 * A problem that names no field (a wrong password, too many tries) links to `generalFieldId`.
 */
export function useFormErrors(
  error: unknown,
  fieldIds: Record<string, string>,
  options: {
    values?: Record<string, unknown>;
    /** Paths answered by choosing (radios, selects): a blank one reads "choose…". */
    choices?: readonly string[];
    /** Each field's label, to name it when it was left blank. */
    labels?: Record<string, string>;
    generalFieldId?: string;
    /** Sign-in forms: a 401 is a wrong password or code, the form's own error. */
    authForm?: boolean;
  } = {},
): FormErrors {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fa';
  if (!(error instanceof ApiProblem) || (error.status === 401 && !options.authForm) || error.status === 403) {
    // Elsewhere 401 and 403 are the page's business (sign in again; not allowed), not the form's.
    return { shown: false, items: [], of: () => undefined };
  }
  const blank = (path: string) => {
    const value = options.values?.[path];
    return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  };
  // A blank answer can only be missing: say which one, as GOV.UK does ("Enter your first name").
  const missing = (path: string) => {
    const label = options.labels?.[path];
    const choice = options.choices?.includes(path) ?? false;
    if (label) {
      // "Enter the first name": an English label is capitalised on its own, not mid-sentence.
      const named = language === 'en' ? label.charAt(0).toLowerCase() + label.slice(1) : label;
      return t(choice ? 'forms.chooseField' : 'forms.enterField', { label: named });
    }
    return choice ? t('forms.chooseOne') : t('forms.required');
  };
  // Inline, a message sits under its label; in the summary it names the field unless it does already.
  const messages = new Map<string, { inline: string; summary: string }>();
  for (const field of error.fields) {
    if (messages.has(field.path)) continue;
    const label = options.labels?.[field.path];
    const inline = blank(field.path) ? missing(field.path) : field.message[language];
    const named = label !== undefined && inline.toLowerCase().includes(label.toLowerCase());
    const summary = label && !named ? `${label}: ${inline}` : inline;
    messages.set(field.path, { inline, summary });
  }
  if (messages.size > 0) {
    return {
      shown: true,
      items: [...messages].map(([path, m]) => ({ text: m.summary, fieldId: fieldIds[path] })),
      of: (path) => messages.get(path)?.inline,
    };
  }
  // No field named: the problem's own message, shown at the general field too.
  const text = error.messages[language];

  return {
    shown: true,
    items: [{ text, fieldId: options.generalFieldId }],
    of: (path) =>
      options.generalFieldId !== undefined && fieldIds[path] === options.generalFieldId ? text : undefined,
  };
}

import type { TFunction } from 'i18next';
import { type Located, questionPath } from './model.ts';
import type { Problem } from './parts.tsx';
import type { Service } from './types.ts';

/**
 * A line of the error summary for a problem of a submitted (or replied) request: the question's
 * label (and the row of a table) with the server's message, linked to the page that fixes it.
 */
export function problemLine(
  t: TFunction,
  language: 'fa' | 'en',
  located: Located,
  code: string,
  service: Service,
  returnTo?: string,
): Problem {
  const message = located.problem.message[language];
  const suffix = returnTo ? `?return=${returnTo}` : '';
  const state = { problems: [located.problem] };
  if (located.document !== undefined) {
    const requirement = service.documents.find((d) => d.id === located.document);
    const label = requirement ? (language === 'en' ? requirement.label.en : requirement.label.fa) : '';
    return { text: label ? `${label}: ${message}` : message, to: `/requests/${code}/documents${suffix}` };
  }
  if (located.place) {
    const label = language === 'en' ? located.place.question.label.en : located.place.question.label.fa;
    const row =
      located.row !== undefined
        ? `${t('services.people.row', { n: language === 'fa' ? toFa(located.row + 1) : located.row + 1 })}${
            located.column
              ? `${language === 'fa' ? '، ' : ', '}${t(`services.columns.${located.column}`)}`
              : ''
          }`
        : '';
    const named = language === 'en' ? label.charAt(0).toLowerCase() + label.slice(1) : label;
    const text =
      located.problem.code === 'required' && located.row === undefined
        ? t(CHOSEN.includes(located.place.question.kind) ? 'forms.chooseField' : 'forms.enterField', {
            label: named,
          })
        : `${label}${row ? ` (${row})` : ''}: ${message}`;
    return { text, to: `${questionPath(code, located.place)}${suffix}`, state };
  }
  if (located.path === 'text') return { text: message, fieldId: 'field-text' };
  return { text: message };
}

/** Questions answered by choosing: a blank one reads «… را برگزینید». */
export const CHOSEN: readonly string[] = ['choice', 'province', 'county', 'field', 'subfield'];

const toFa = (n: number) => String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));

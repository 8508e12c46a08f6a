import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client.ts';
import type { Province } from '../api/types.ts';
import type { ErrorItem } from '../components/ErrorSummary.tsx';
import { SelectInput, TextInput } from '../components/FormFields.tsx';
import { RadioInput } from '../components/RadioInput.tsx';
import { splitTags } from './api.ts';
import type { ArticleInput } from './types.ts';

/** The article form as typed: tags as one line, the province by its code. */
export type ArticleDraft = {
  title: string;
  lead: string;
  body: string;
  source: string;
  tags: string;
  audience: 'nation' | 'province';
  province: string;
};

export const EMPTY_DRAFT: ArticleDraft = {
  title: '',
  lead: '',
  body: '',
  source: '',
  tags: '',
  audience: 'nation',
  province: '',
};

type Field = keyof ArticleDraft;

export const FIELD_IDS: Record<Field, string> = {
  title: 'field-title',
  lead: 'field-lead',
  body: 'field-body',
  source: 'field-source',
  tags: 'field-tags',
  audience: 'field-audience',
  province: 'field-province',
};

/** What the API takes: an announcement has no audience of its own (its cooperative's members). */
export function inputOf(draft: ArticleDraft, withAudience: boolean): ArticleInput {
  return {
    title: draft.title,
    lead: draft.lead,
    body: draft.body,
    source: draft.source,
    tags: splitTags(draft.tags),
    ...(withAudience
      ? { audience: draft.audience, ...(draft.audience === 'province' ? { province: draft.province } : {}) }
      : {}),
  };
}

function labelsOf(t: TFunction): Record<Field, string> {
  return {
    title: t('news.editor.title'),
    lead: t('news.editor.lead'),
    body: t('news.editor.body'),
    source: t('news.editor.source'),
    tags: t('news.editor.tags'),
    audience: t('news.editor.audience'),
    province: t('news.editor.provinceLabel'),
  };
}

/**
 * The server's verdict on an article form: a line of the error summary per field (a tag's
 * problem `tags.1` belongs to the tags field), worded "enter the title" when it was left blank,
 * and the inline message of each field. A problem that names no field is the summary's only line.
 */
export function useArticleErrors(error: unknown, sent: ArticleDraft | undefined) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fa';
  const labels = labelsOf(t);
  const inline = new Map<Field, string>();
  const items: ErrorItem[] = [];
  if (error instanceof ApiProblem) {
    for (const problem of error.fields) {
      const head = (problem.path.split('.')[0] ?? '') as Field;
      if (!(head in FIELD_IDS)) {
        items.push({ text: problem.message[language] });
        continue;
      }
      if (inline.has(head)) continue;
      const blank = sent !== undefined && sent[head].trim() === '';
      const label = labels[head];
      const named = language === 'en' ? label.charAt(0).toLowerCase() + label.slice(1) : label;
      const text = blank ? t('forms.enterField', { label: named }) : problem.message[language];
      inline.set(head, text);
      items.push({
        text: blank || text.includes(label) ? text : `${label}: ${text}`,
        fieldId: FIELD_IDS[head],
      });
    }
    if (error.fields.length === 0) items.push({ text: error.messages[language] });
  } else if (error) {
    items.push({ text: t('news.failed') });
  }

  return { items, of: (field: Field) => inline.get(field) };
}

/**
 * The fields of an article: title, lead, body (simple HTML, cleaned by the server), source, tags
 * separated by commas («،» or «,»), and for ministry articles the audience — the nation or one province.
 */
export function ArticleFields({
  draft,
  set,
  errorOf,
  provinces,
  withAudience,
  withSource = true,
}: {
  draft: ArticleDraft;
  set: (field: Field, value: string) => void;
  errorOf: (field: Field) => string | undefined;
  provinces?: Province[];
  withAudience: boolean;
  withSource?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const labels = labelsOf(t);

  return (
    <>
      <TextInput
        id={FIELD_IDS.title}
        name="title"
        label={labels.title}
        error={errorOf('title')}
        value={draft.title}
        onChange={(v) => set('title', v)}
      />
      <TextInput
        id={FIELD_IDS.lead}
        name="lead"
        label={labels.lead}
        hint={t('news.editor.leadHint')}
        error={errorOf('lead')}
        value={draft.lead}
        onChange={(v) => set('lead', v)}
        multiline
        rows={3}
      />
      <TextInput
        id={FIELD_IDS.body}
        name="body"
        label={labels.body}
        hint={t('news.editor.bodyHint')}
        error={errorOf('body')}
        value={draft.body}
        onChange={(v) => set('body', v)}
        multiline
        rows={12}
      />
      {withSource && (
        <TextInput
          id={FIELD_IDS.source}
          name="source"
          label={`${labels.source} ${t('forms.optional')}`}
          hint={t('news.editor.sourceHint')}
          error={errorOf('source')}
          value={draft.source}
          onChange={(v) => set('source', v)}
          width="24em"
        />
      )}
      <TextInput
        id={FIELD_IDS.tags}
        name="tags"
        label={labels.tags}
        hint={t('news.editor.tagsHint')}
        error={errorOf('tags')}
        value={draft.tags}
        onChange={(v) => set('tags', v)}
        autoComplete="off"
      />
      {withAudience && (
        <>
          <RadioInput
            id={FIELD_IDS.audience}
            name="audience"
            label={labels.audience}
            error={errorOf('audience')}
            value={draft.audience}
            onChange={(v) => set('audience', v)}
            options={[
              { value: 'nation', label: t('news.editor.nation') },
              { value: 'province', label: t('news.editor.province') },
            ]}
          />
          {draft.audience === 'province' && (
            <SelectInput
              id={FIELD_IDS.province}
              name="province"
              label={labels.province}
              hint={t('news.editor.provinceHint')}
              error={errorOf('province')}
              value={draft.province}
              onChange={(v) => set('province', v)}
              emptyLabel={t('forms.choose')}
              options={(provinces ?? []).map((p) => ({ value: p.code, label: en ? p.nameEn : p.nameFa }))}
            />
          )}
        </>
      )}
    </>
  );
}

import type { Choice, Question } from '../definition.ts';

/** Questions several services ask, worded once. */

export const cooperativeQuestion: Question = {
  id: 'cooperativeLegalId',
  kind: 'cooperative',
  label: { fa: 'شناسهٔ ملی تعاونی', en: "The cooperative's legal national ID" },
  hint: {
    fa: 'یازده رقم؛ در صفحهٔ تعاونی در سامانه آمده است',
    en: "Eleven digits; shown on the cooperative's page",
  },
};

export const provinceQuestion: Question = {
  id: 'province',
  kind: 'province',
  label: { fa: 'استان', en: 'Province' },
};

export const countyQuestion: Question = {
  id: 'county',
  kind: 'county',
  provinceQuestion: 'province',
  label: { fa: 'شهرستان', en: 'County' },
};

export const ASSEMBLY_KIND_CHOICES: readonly Choice[] = [
  { value: 'ordinary', label: { fa: 'مجمع عمومی عادی', en: 'Ordinary general assembly' } },
  {
    value: 'ordinary_extraordinary',
    label: { fa: 'مجمع عمومی عادی به‌طور فوق‌العاده', en: 'Ordinary assembly convened extraordinarily' },
  },
  { value: 'extraordinary', label: { fa: 'مجمع عمومی فوق‌العاده', en: 'Extraordinary general assembly' } },
];

export const fiscalYearQuestion: Question = {
  id: 'fiscalYear',
  kind: 'integer',
  min: 1380,
  max: 1500,
  label: { fa: 'سال مالی', en: 'Fiscal year' },
  hint: { fa: 'سال خورشیدی، مانند ۱۴۰۴', en: 'The Solar Hijri year, e.g. 1404' },
};

import type { Bilingual, FieldError } from '../errors/app-error.ts';

/** Problems only a CSV file can have, beside the field codes every input shares. */
export const IMPORT_MESSAGES = {
  unknown_column: {
    fa: 'این ستون از ستون‌های مستند نیست',
    en: 'This column is not one of the documented columns',
  },
  missing_column: {
    fa: 'این ستون الزامی در سطر عنوان نیامده است',
    en: 'This required column is missing from the header row',
  },
  duplicate_column: {
    fa: 'این ستون دو بار در سطر عنوان آمده است',
    en: 'This column appears twice in the header row',
  },
  empty_file: {
    fa: 'پرونده خالی است؛ سطر اول باید نام ستون‌ها باشد',
    en: 'The file is empty; its first line must name the columns',
  },
  cell_count: {
    fa: 'تعداد خانه‌های این سطر با تعداد ستون‌های سطر عنوان برابر نیست',
    en: 'This row does not have as many cells as the header has columns',
  },
  csv_syntax: {
    fa: 'قالب CSV در این سطر خراب است و خواندن پرونده متوقف شد',
    en: 'The CSV is malformed on this line; reading stopped here',
  },
  boolean: {
    fa: 'یکی از بله/خیر یا ۱/۰ را وارد کنید',
    en: 'Enter yes/no, true/false or 1/0',
  },
} as const satisfies Record<string, Bilingual>;

export type ImportMessageCode = keyof typeof IMPORT_MESSAGES;

/** A field error with one of the import's own codes; `path` is a column name, or '' for the whole row. */
export function importError(path: string, code: ImportMessageCode): FieldError {
  return { path, code, message: IMPORT_MESSAGES[code] };
}

/** A message in both languages of the service: Persian first, English second. */
export type Bilingual = { fa: string; en: string };

/** One bad input field: its path (e.g. `officers.2.termEnd` or CSV column), a code and a message. */
export type FieldError = { path: string; code: string; message: Bilingual };

/**
 * Every error the domain raises on purpose. The HTTP layer maps each code to one status.
 * - INVALID_INPUT: the request or a row is malformed; `fields` names every bad field.
 * - NOT_FOUND: no such object, or not visible to the caller (never distinguishes the two).
 * - CONFLICT: the object exists already or a uniqueness rule would break.
 * - INVALID_TRANSITION: a status change not allowed from the current status.
 * - FORBIDDEN / UNAUTHORIZED: authorisation and authentication failures.
 * - RATE_LIMITED, PAYLOAD_TOO_LARGE: protective limits.
 * - APPEND_ONLY: an attempt to edit or delete a ledger entry (corrections are new entries).
 */
export type AppErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'FORBIDDEN'
  | 'UNAUTHORIZED'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'APPEND_ONLY';

export const STATUS_OF: Record<AppErrorCode, number> = {
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  FORBIDDEN: 403,
  UNAUTHORIZED: 401,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  APPEND_ONLY: 405,
};

const DEFAULT_MESSAGE: Record<AppErrorCode, Bilingual> = {
  INVALID_INPUT: {
    fa: 'اطلاعات واردشده مشکل دارد',
    en: 'There is a problem with the information you entered',
  },
  NOT_FOUND: { fa: 'پیدا نشد', en: 'Not found' },
  CONFLICT: { fa: 'این مورد قبلاً ثبت شده است', en: 'This already exists' },
  INVALID_TRANSITION: { fa: 'این تغییر وضعیت مجاز نیست', en: 'This status change is not allowed' },
  FORBIDDEN: { fa: 'اجازهٔ این کار را ندارید', en: 'You are not allowed to do this' },
  UNAUTHORIZED: { fa: 'ابتدا وارد شوید', en: 'Sign in first' },
  RATE_LIMITED: {
    fa: 'درخواست‌ها بیش از حد مجاز است؛ کمی بعد دوباره تلاش کنید',
    en: 'Too many requests; try again later',
  },
  PAYLOAD_TOO_LARGE: { fa: 'حجم درخواست بیش از حد مجاز است', en: 'The request is too large' },
  APPEND_ONLY: {
    fa: 'دفتر شفافیت فقط افزودنی است؛ برای اصلاح، یک ردیف اصلاحی ثبت کنید',
    en: 'The ledger is append-only; record a correction entry instead',
  },
};

/** The one error type of the domain: a code, a bilingual message and the bad fields. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly messages: Bilingual;
  readonly fields: FieldError[];

  constructor(code: AppErrorCode, options: { message?: Bilingual; fields?: FieldError[] } = {}) {
    const messages = options.message ?? DEFAULT_MESSAGE[code];
    super(messages.en);
    this.name = 'AppError';
    this.code = code;
    this.messages = messages;
    this.fields = options.fields ?? [];
  }

  get status(): number {
    return STATUS_OF[this.code];
  }
}

/** Shorthand for an INVALID_INPUT error naming the given fields. */
export function invalidInput(fields: FieldError[]): AppError {
  return new AppError('INVALID_INPUT', { fields });
}

/** Shorthand for NOT_FOUND with a message naming what was looked for. */
export function notFound(what: Bilingual): AppError {
  return new AppError('NOT_FOUND', { message: what });
}

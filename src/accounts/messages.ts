import type { Bilingual, FieldError } from '../errors/app-error.ts';

/** Field messages of accounts and sign-in (Persian first), in the shape of FIELD_MESSAGES. */
export const ACCOUNT_FIELD_MESSAGES = {
  password_too_short: {
    fa: 'گذرواژه باید دست‌کم ۸ نویسه باشد',
    en: 'A password has at least 8 characters',
  },
  password_too_long: {
    fa: 'گذرواژه نباید بیش از ۱۲۸ نویسه باشد',
    en: 'A password has at most 128 characters',
  },
  password_common: {
    fa: 'این گذرواژه بسیار رایج است و به‌آسانی حدس زده می‌شود؛ گذرواژهٔ دیگری برگزینید',
    en: 'This password is too common and easily guessed; choose another',
  },
  wrong_password: { fa: 'گذرواژهٔ فعلی درست نیست', en: 'The current password is not right' },
} as const satisfies Record<string, Bilingual>;

export type AccountFieldCode = keyof typeof ACCOUNT_FIELD_MESSAGES;

export function accountFieldError(path: string, code: AccountFieldCode): FieldError {
  return { path, code, message: ACCOUNT_FIELD_MESSAGES[code] };
}

/** Messages of the errors sign-in raises. Deliberately vague: they never say which part was wrong. */
export const AUTH_MESSAGES = {
  badCredentials: {
    fa: 'کد ملی یا گذرواژه درست نیست',
    en: 'The national code or password is not right',
  },
  badCode: {
    fa: 'کد تأیید درست نیست یا منقضی شده است؛ در صورت نیاز کد تازه بگیرید',
    en: 'The code is wrong or has expired; ask for a new code if needed',
  },
  tooManyFailures: {
    fa: 'تلاش‌های ناموفق بیش از حد مجاز است؛ یک ساعت دیگر دوباره تلاش کنید',
    en: 'Too many failed attempts; try again in an hour',
  },
  tooManyCodes: {
    fa: 'کدهای تأیید بسیاری فرستاده شده است؛ کمی بعد دوباره تلاش کنید',
    en: 'Too many codes have been sent; try again later',
  },
  signInFirst: {
    fa: 'نشست شما پایان یافته است؛ دوباره وارد شوید',
    en: 'Your session has ended; sign in again',
  },
  crossOrigin: {
    fa: 'این درخواست از نشانی دیگری فرستاده شده و پذیرفته نیست',
    en: 'This request came from another site and is refused',
  },
} as const satisfies Record<string, Bilingual>;

/** What the client is told after asking for a code, whether or not one was sent (no enumeration). */
export const CODE_SENT_MESSAGE: Record<'activation' | 'recovery', Bilingual> = {
  activation: {
    fa: 'اگر این کد ملی در سامانه ثبت شده و حسابی ندارد، کد تأیید به تلفن همراه ثبت‌شده فرستاده شد',
    en: 'If this national code is on the register without an account, a code was sent to its registered mobile',
  },
  recovery: {
    fa: 'اگر حسابی با این کد ملی وجود دارد، کد تأیید به تلفن همراه تأییدشدهٔ آن فرستاده شد',
    en: 'If an account with this national code exists, a code was sent to its verified mobile',
  },
};

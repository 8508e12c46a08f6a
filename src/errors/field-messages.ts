import type { z } from 'zod';
import type { Bilingual, FieldError } from './app-error.ts';

/** Field error codes of our own, with the message shown beside the field (GOV.UK style). */
export const FIELD_MESSAGES = {
  required: { fa: 'این مورد را وارد کنید', en: 'Enter this value' },
  national_code: { fa: 'کد ملی معتبر نیست', en: 'Enter a valid national code' },
  legal_id: { fa: 'شناسهٔ ملی معتبر نیست', en: 'Enter a valid legal national ID' },
  iban: { fa: 'شمارهٔ شبا معتبر نیست', en: 'Enter a valid IBAN (sheba)' },
  mobile: { fa: 'شمارهٔ همراه معتبر نیست', en: 'Enter a valid mobile number' },
  postal_code: { fa: 'کد پستی باید ۱۰ رقم باشد', en: 'A postal code has 10 digits' },
  date_format: {
    fa: 'تاریخ را به شکل ۱۴۰۳/۰۵/۱۴ یا 2024-08-04 وارد کنید',
    en: 'Enter a date like 1403/05/14 or 2024-08-04',
  },
  date_invalid: { fa: 'چنین تاریخی وجود ندارد', en: 'This date does not exist' },
  date_future: { fa: 'تاریخ نمی‌تواند در آینده باشد', en: 'The date cannot be in the future' },
  date_order: {
    fa: 'تاریخ پایان باید بعد از تاریخ شروع باشد',
    en: 'The end date must be after the start date',
  },
  bidi: {
    fa: 'نویسه‌های کنترل جهت متن مجاز نیستند',
    en: 'Text direction control characters are not allowed',
  },
  too_long: { fa: 'متن بیش از حد طولانی است', en: 'The text is too long' },
  too_short: { fa: 'متن بیش از حد کوتاه است', en: 'The text is too short' },
  unknown_province: { fa: 'استان شناخته‌شده نیست', en: 'Unknown province' },
  unknown_county: { fa: 'شهرستان در این استان شناخته‌شده نیست', en: 'Unknown county in this province' },
  unknown_field: { fa: 'رشتهٔ فعالیت شناخته‌شده نیست', en: 'Unknown field of activity' },
  unknown_subfield: { fa: 'گرایش در این رشته شناخته‌شده نیست', en: 'Unknown sub-field for this field' },
  unknown_value: { fa: 'این مقدار از گزینه‌های مجاز نیست', en: 'This is not one of the allowed values' },
  unknown_cooperative: { fa: 'تعاونی با این شناسه پیدا نشد', en: 'No cooperative with this ID' },
  unknown_person: { fa: 'شخصی با این کد ملی پیدا نشد', en: 'No person with this national code' },
  unknown_officer: {
    fa: 'این شخص از ارکان این تعاونی نیست',
    en: 'This person is not an officer of this cooperative',
  },
  integer: { fa: 'یک عدد صحیح وارد کنید', en: 'Enter a whole number' },
  too_small: { fa: 'مقدار کمتر از حد مجاز است', en: 'The value is too small' },
  too_big: { fa: 'مقدار بیشتر از حد مجاز است', en: 'The value is too large' },
  money: {
    fa: 'مبلغ باید عدد صحیح و نامنفی به ریال باشد',
    en: 'An amount is a non-negative whole number of rials',
  },
  duplicate: { fa: 'این مقدار قبلاً ثبت شده است', en: 'This value is already registered' },
  unknown_key: { fa: 'این فیلد شناخته‌شده نیست', en: 'This field is not recognised' },
  invalid: { fa: 'مقدار نامعتبر است', en: 'The value is not valid' },
  registration_required: {
    fa: 'تعاونی فعال باید شناسهٔ ملی، شمارهٔ ثبت و تاریخ ثبت داشته باشد',
    en: 'An active cooperative needs a legal ID, registration number and registration date',
  },
  member_or_entity: {
    fa: 'یکی از کد ملی یا شناسهٔ ملی را وارد کنید',
    en: 'Enter either a national code or a legal national ID',
  },
  unknown_resolution: {
    fa: 'مصوبه‌ای با این شماره در این تعاونی ثبت نشده است',
    en: 'No recorded resolution of this cooperative has this number',
  },
  resolution_required: {
    fa: 'این مبلغ بدون مصوبهٔ ثبت‌شدهٔ هیئت‌مدیره یا مجمع پرداخت نمی‌شود',
    en: 'A payment of this amount needs a recorded resolution of the board or the assembly',
  },
  resolution_rejected: {
    fa: 'این مصوبه رد شده است و مجوز پرداخت نیست',
    en: 'This resolution was rejected and authorises nothing',
  },
  resolution_both: {
    fa: 'یکی از مصوبهٔ ثبت‌شده یا مرجع مصوبه را وارد کنید، نه هر دو',
    en: 'Cite either a recorded resolution or an external reference, not both',
  },
  unknown_contract: { fa: 'قراردادی با این شماره ثبت نشده است', en: 'No recorded contract has this number' },
  unknown_member: { fa: 'عضوی با این شمارهٔ عضویت پیدا نشد', en: 'No member has this member number' },
  not_a_director: {
    fa: 'این شخص عضو فعلی هیئت‌مدیرهٔ این تعاونی نیست',
    en: 'This person is not a current director of this cooperative',
  },
  conflict_vote: {
    fa: 'مدیری که تعارض منافع اعلام کرده است رأی موافق یا مخالف نمی‌دهد',
    en: 'A director who declared a conflict of interest cannot vote for or against',
  },
  self_approval: {
    fa: 'ثبت‌کنندهٔ پرداخت نمی‌تواند آن را تأیید کند',
    en: 'The person who recorded a payment cannot approve it',
  },
  already_approved: { fa: 'این پرداخت قبلاً تأیید شده است', en: 'This payment is already approved' },
  unknown_entry: { fa: 'ردیفی با این شماره در دفتر نیست', en: 'The ledger has no entry with this number' },
  unbalanced: {
    fa: 'جمع دارایی‌ها باید با جمع بدهی‌ها و حقوق صاحبان سهام برابر باشد',
    en: 'Total assets must equal liabilities plus equity',
  },
  net_income: { fa: 'سود خالص باید درآمد منهای هزینه باشد', en: 'Net income must be revenue minus expenses' },
  not_enough_shares: {
    fa: 'سهام این عضو کمتر از این مقدار است',
    en: 'The member holds fewer shares than this',
  },
} as const satisfies Record<string, Bilingual>;

export type FieldMessageCode = keyof typeof FIELD_MESSAGES;

/** A field error with one of our codes. */
export function fieldError(path: string, code: FieldMessageCode): FieldError {
  return { path, code, message: FIELD_MESSAGES[code] };
}

function isFieldMessageCode(s: string): s is FieldMessageCode {
  return Object.hasOwn(FIELD_MESSAGES, s);
}

/**
 * Turns a zod issue into a field error. Our own refinements put a `FieldMessageCode` in the
 * issue's message; zod's built-in issues are worded here in both languages.
 */
export function fieldErrorFromIssue(issue: z.core.$ZodIssue, prefix = ''): FieldError[] {
  const base = [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => fieldError(base ? `${base}.${k}` : k, 'unknown_key'));
  }
  if (isFieldMessageCode(issue.message)) return [fieldError(base, issue.message)];
  switch (issue.code) {
    case 'invalid_type':
      return [fieldError(base, issue.expected === 'int' ? 'integer' : 'required')];
    case 'too_big':
      return [fieldError(base, issue.origin === 'string' ? 'too_long' : 'too_big')];
    case 'too_small':
      return [fieldError(base, issue.origin === 'string' ? 'too_short' : 'too_small')];
    case 'invalid_value':
      return [fieldError(base, 'unknown_value')];
    default:
      return [fieldError(base, 'invalid')];
  }
}

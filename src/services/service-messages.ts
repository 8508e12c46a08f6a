import type { Bilingual, FieldError } from '../errors/app-error.ts';

/** The single window's own field messages (the rest are in src/errors/field-messages.ts). */
export const SERVICE_MESSAGES = {
  not_eligible_member: {
    fa: 'این خدمت ویژهٔ اعضای همین تعاونی است و شما عضو آن نیستید',
    en: 'This service is for members of this cooperative, and you are not one',
  },
  not_eligible_board: {
    fa: 'این خدمت را فقط هیئت‌مدیره یا مدیرعامل همین تعاونی درخواست می‌کند',
    en: "Only this cooperative's board or managing director can apply for this service",
  },
  document_required: { fa: 'این مدرک را بارگذاری کنید', en: 'Upload this document' },
  unknown_document: { fa: 'این خدمت چنین مدرکی نمی‌خواهد', en: 'This service asks for no such document' },
  applicant_not_founder: {
    fa: 'کد ملی شما باید در فهرست مؤسسان باشد',
    en: 'Your national code must be in the list of founders',
  },
  founder_repeated: { fa: 'این کد ملی دو بار در فهرست آمده است', en: 'This national code is listed twice' },
  name_taken: {
    fa: 'تعاونی دیگری با همین نام در این استان ثبت شده است',
    en: 'Another cooperative in this province has this name',
  },
  paid_capital_low: {
    fa: 'دست‌کم یک‌سوم سرمایه باید پیش از ثبت پرداخت شده باشد',
    en: 'At least one third of the capital must be paid before registration',
  },
  not_registered: {
    fa: 'این تعاونی هنوز ثبت نشده یا فعال نیست',
    en: 'This cooperative is not registered or not active',
  },
  not_in_good_standing: {
    fa: 'تعاونی تکلیف عقب‌افتاده دارد و گواهی صادر نمی‌شود',
    en: 'The cooperative has overdue obligations, so no certificate can be issued',
  },
  no_inspector: {
    fa: 'این تعاونی بازرس فعالی ندارد؛ شکایت را به ادارهٔ تعاون بفرستید',
    en: 'This cooperative has no serving inspector; send the complaint to the ministry office',
  },
  text_required: { fa: 'توضیح را بنویسید', en: 'Write an explanation' },
  not_an_officer_here: {
    fa: 'این شخص کارشناس ادارهٔ رسیدگی‌کننده به این درخواست نیست',
    en: 'This person is not an officer of the office handling this request',
  },
} as const satisfies Record<string, Bilingual>;

export type ServiceMessageCode = keyof typeof SERVICE_MESSAGES;

export function serviceFieldError(path: string, code: ServiceMessageCode): FieldError {
  return { path, code, message: SERVICE_MESSAGES[code] };
}

/** A field error whose message names a number (the law's minimum, a limit). */
export function countFieldError(path: string, code: string, message: Bilingual): FieldError {
  return { path, code, message };
}

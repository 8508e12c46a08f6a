/**
 * Sample documents for the PDF tests and for previews (docs/screenshots/pdf-*.png). The texts mix
 * what goes wrong in RTL PDFs: ZWNJ («محمدی‌نژاد»), hamza above («شمارهٔ»), the lam-alef
 * ligature («اطلاعات»), dates, a dashed tracking code, Latin codes and URLs, brackets.
 */
import type { CertificateInput, ReceiptInput } from './certificates.ts';

/** 14:30 in Tehran on 8 Azar 1405. */
export const SAMPLE_INSTANT = new Date('2026-11-29T11:00:00Z');

export const SAMPLE_MEMBERSHIP: CertificateInput = {
  kind: 'membership',
  verificationCode: 'K7QF-29XM',
  verifyUrl: 'https://taavon.mcls.gov.ir/verify/K7QF-29XM',
  issuedAt: SAMPLE_INSTANT,
  cooperative: {
    name: 'تعاونی مصرف کارکنان اداره کل تعاون، کار و رفاه اجتماعی استان خراسان رضوی',
    legalId: '10380284790',
    registrationNo: '12345',
    provinceFa: 'خراسان رضوی',
    countyFa: 'مشهد',
    statusFa: 'فعال',
  },
  member: { fullName: 'زهرا محمدی‌نژاد', memberNo: '1024', joinedOnJalali: '1398/07/15', shares: 1250 },
};

export const SAMPLE_GOOD_STANDING: CertificateInput = {
  kind: 'good_standing',
  verificationCode: 'P3RW-8D2C',
  verifyUrl: 'https://taavon.mcls.gov.ir/verify/P3RW-8D2C',
  issuedAt: SAMPLE_INSTANT,
  cooperative: {
    name: 'تعاونی تولیدی فرش دستباف کاشان',
    legalId: null,
    registrationNo: '882',
    provinceFa: 'اصفهان',
    countyFa: 'کاشان',
    statusFa: 'فعال',
  },
  lines: [
    'صورت‌های مالی سال ۱۴۰۴ در موعد به سامانه فرستاده شده است.',
    'گزارش بازرس قانونی سال ۱۴۰۴ ثبت شده است.',
    'مجمع عمومی عادی سالانه در ۱۴۰۵/۰۴/۲۰ برگزار شده است.',
  ],
};

export const SAMPLE_RECEIPT: ReceiptInput = {
  trackingCode: '123-456-7890',
  serviceTitleFa: 'ثبت تغییر نشانی',
  applicantName: 'علی رضایی',
  submittedAt: SAMPLE_INSTANT,
  dueOnJalali: '1405/09/22',
  trackUrl: 'https://taavon.mcls.gov.ir/track',
  nextStepsFa: [
    'کارشناس ادارهٔ تعاون شهرستان درخواست را بررسی می‌کند و اگر مدرکی کم باشد با پیامک خبر می‌دهد.',
    'نتیجه با پیامک به شمارهٔ همراه شما اعلام می‌شود و نسخهٔ PDF آن در کارتابل شما قرار می‌گیرد.',
  ],
  answers: [
    ['شناسهٔ ملی تعاونی', '۱۰۳۸۰۲۸۴۷۹۰'],
    ['نشانی تازه', 'مشهد، بلوار سجاد، خیابان بهار ۱۲، پلاک ۴۵ (طبقهٔ دوم)'],
    ['کد پستی', '۹۱۸۶۷-۵۳۴۱۲'],
    ['پست الکترونیک', 'info@kashan-coop.ir'],
  ],
};

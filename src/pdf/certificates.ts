/**
 * The single window's printable documents: certificates (membership; legal standing) that anyone
 * can check on the site with their verification code, and the receipt an applicant gets on
 * submitting a request. Dates are Jalali with Persian digits on Tehran's clock.
 */
import { formatJalali, tehranDate, toPersianDigits } from '../calendar/index.ts';
import { PersianPdf } from './document.ts';
import { ltr } from './persian-text.ts';

/** What a certificate states; `member` is required for a membership certificate. */
export type CertificateInput = {
  kind: 'membership' | 'good_standing';
  verificationCode: string;
  verifyUrl: string;
  issuedAt: Date;
  cooperative: {
    name: string;
    legalId: string | null;
    registrationNo: string | null;
    provinceFa: string;
    countyFa: string;
    statusFa: string;
  };
  member?: { fullName: string; memberNo: string; joinedOnJalali: string; shares: number };
  /** For good standing: the checks the cooperative passed, one sentence each. */
  lines?: string[];
};

/** What a receipt confirms. `trackingCode` as shown to the applicant (e.g. 123-456-7890). */
export type ReceiptInput = {
  trackingCode: string;
  serviceTitleFa: string;
  applicantName: string;
  submittedAt: Date;
  dueOnJalali: string;
  nextStepsFa: string[];
  trackUrl: string;
  answers: [string, string][];
};

/** The Persian titles, also the PDFs' metadata titles. */
export const CERTIFICATE_TITLES = {
  membership: 'گواهی عضویت',
  good_standing: 'گواهی حسن انجام تکالیف قانونی', // as the service catalogue names it
} as const;
export const RECEIPT_TITLE = 'رسید ثبت درخواست';

const NOT_RECORDED = 'ثبت نشده';

const tehranClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Tehran',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * An instant as a Jalali date and Tehran time: «۱۴۰۵/۰۹/۰۸ ساعت ۱۴:۳۰», joined by no-break
 * spaces so a wrapped line never separates the date from its time.
 */
export function formatTehranDateTime(instant: Date): string {
  return `${formatJalali(tehranDate(instant))}\u00A0ساعت\u00A0${toPersianDigits(tehranClock.format(instant))}`;
}

/** A count with Persian digits and the Persian thousands separator: «۱٬۲۵۰». */
function formatCount(n: number): string {
  return toPersianDigits(n.toLocaleString('en-US')).replace(/,/g, '\u066C');
}

/**
 * A code or identifier as printed: digits in Persian when it is all digits (and dashes or
 * spaces), as given otherwise (a code mixing Latin letters keeps Latin digits, as typed on the
 * site); always isolated left to right so «۱۲۳-۴۵۶-۷۸۹۰» keeps its order inside Persian text.
 */
function code(value: string): string {
  return ltr(displayCode(value));
}

/** A certificate as a PDF: title, statement, facts about the member and cooperative, verification box. */
export async function renderCertificate(c: CertificateInput): Promise<Buffer> {
  const title = CERTIFICATE_TITLES[c.kind];
  const issued = formatTehranDateTime(c.issuedAt);
  const coop = c.cooperative;
  const pdf = new PersianPdf({
    title,
    subject: `${title} — ${coop.name}`,
    keywords: [title, coop.name, c.verificationCode],
    createdAt: c.issuedAt,
  });
  pdf.heading(title);

  if (c.kind === 'membership') {
    const m = c.member;
    if (!m) throw new TypeError('a membership certificate needs a member');
    pdf.paragraph(
      `بدین‌وسیله گواهی می‌شود که ${m.fullName} با شمارهٔ عضویت ${code(m.memberNo)} از تاریخ ` +
        `${toPersianDigits(m.joinedOnJalali)} عضو «${coop.name}» است و ${formatCount(m.shares)} سهم ` +
        `این تعاونی را در اختیار دارد. این گواهی بر پایهٔ اطلاعات ثبت‌شده در سامانه در ${issued} صادر شده است.`,
    );
    pdf.heading('مشخصات عضو', 2).facts([
      ['نام و نام خانوادگی', m.fullName],
      ['شمارهٔ عضویت', code(m.memberNo)],
      ['تاریخ عضویت', toPersianDigits(m.joinedOnJalali)],
      ['تعداد سهام', formatCount(m.shares)],
    ]);
  } else {
    pdf.paragraph(
      `بدین‌وسیله گواهی می‌شود که «${coop.name}» بر پایهٔ اطلاعات ثبت‌شده در سامانه تا ${issued} ` +
        'تکالیف قانونی زیر را انجام داده و منعی برای ادامهٔ فعالیت آن ثبت نشده است:',
    );
    if (c.lines && c.lines.length > 0) pdf.list(c.lines, 'check');
  }

  pdf.heading('مشخصات تعاونی', 2).facts([
    ['نام تعاونی', coop.name],
    ['شناسهٔ ملی', coop.legalId ? code(coop.legalId) : NOT_RECORDED],
    ['شمارهٔ ثبت', coop.registrationNo ? code(coop.registrationNo) : NOT_RECORDED],
    ['استان و شهرستان', `${coop.provinceFa}، ${coop.countyFa}`],
    ['وضعیت', coop.statusFa],
    ['زمان صدور گواهی', issued],
  ]);

  pdf.verificationBox({
    title: 'بررسی اصالت این گواهی',
    codeLabel: 'کد تصدیق',
    code: displayCode(c.verificationCode),
    urlLabel: 'نشانی بررسی',
    url: c.verifyUrl,
    note:
      'این گواهی به‌صورت الکترونیکی صادر شده و بدون مهر و امضا معتبر است. هر کس می‌تواند با وارد کردن ' +
      'کد تصدیق در نشانی بالا، اعتبار و محتوای آن را با آنچه در سامانه ثبت است مقایسه کند.',
  });

  return pdf.end();
}

/** The receipt for a submitted request: tracking code, what happens next and the answers given. */
export function renderReceipt(r: ReceiptInput): Promise<Buffer> {
  const submitted = formatTehranDateTime(r.submittedAt);
  const pdf = new PersianPdf({
    title: RECEIPT_TITLE,
    subject: `${RECEIPT_TITLE} — ${r.serviceTitleFa}`,
    keywords: [RECEIPT_TITLE, r.serviceTitleFa, r.trackingCode],
    createdAt: r.submittedAt,
  });
  pdf
    .heading(RECEIPT_TITLE)
    .paragraph(
      `درخواست «${r.serviceTitleFa}» به نام ${r.applicantName} در ${submitted} ثبت شد. ` +
        'وضعیت آن را با کد رهگیری زیر در سامانه پیگیری کنید.',
    )
    .facts([
      ['کد رهگیری', code(r.trackingCode)],
      ['خدمت', r.serviceTitleFa],
      ['متقاضی', r.applicantName],
      ['زمان ثبت', submitted],
      ['موعد پاسخ', toPersianDigits(r.dueOnJalali)],
    ]);
  if (r.nextStepsFa.length > 0) pdf.heading('مراحل بعد', 2).list(r.nextStepsFa);
  if (r.answers.length > 0) pdf.heading('اطلاعاتی که وارد کردید', 2).facts(r.answers);

  pdf.verificationBox({
    title: 'پیگیری درخواست',
    codeLabel: 'کد رهگیری',
    code: displayCode(r.trackingCode),
    urlLabel: 'نشانی پیگیری',
    url: r.trackUrl,
    note: 'این رسید نشان می‌دهد درخواست شما ثبت شده است؛ نتیجهٔ بررسی از طریق سامانه و پیامک اعلام می‌شود.',
  });

  return pdf.end();
}

/** A code for the verification box, which isolates it itself: Persian digits when all digits. */
function displayCode(value: string): string {
  return /^[0-9\u06F0-\u06F9\s-]+$/.test(value) ? toPersianDigits(value) : value;
}

import { randomInt } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DemoAccount } from '../../src/accounts/index.ts';
import { createIdentifierSource } from '../../src/demo/demo-identifiers.ts';
import {
  arrived,
  collectErrors,
  expectPersianDigitsOnly,
  heading,
  launchBrowser,
  newContext,
  open,
  photograph,
  screenshotOf,
  textOf,
  type ViewportName,
} from './browser.ts';
import { demoAccount, signInThroughPages } from './demo-sign-in.ts';
import { caseStatus, decide, grouped, MINIMAL_PDF, openCase, persian, plain } from './single-window.ts';

const baseUrl = inject('baseUrl');
const skip = inject('e2eSkip');
const demoAccounts = inject('demoAccounts');
const databaseFile = inject('databaseFile');

const LONG = { timeout: 300_000 };

/** A valid national code no one on the demo register has: nine random digits and their check digit. */
function newNationalCode(db: Database.Database): string {
  for (;;) {
    const body = String(randomInt(10_000_000, 999_999_999)).padStart(9, '0');
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i);
    const r = sum % 11;
    const code = `${body}${r < 2 ? r : 11 - r}`;
    if (/^(.)\1*$/.test(code) || body.slice(3, 9) === '000000') continue;
    if (db.prepare('select 1 from persons where national_code = ?').get(code)) continue;
    return code;
  }
}

/** A valid legal national ID no cooperative on the demo register has. */
function newLegalId(db: Database.Database): string {
  const ids = createIdentifierSource(randomInt(1, 1_000_000));
  for (;;) {
    const code = ids.legalId();
    if (!db.prepare('select 1 from cooperatives where legal_id = ?').get(code)) return code;
  }
}

type OutboxItem = { id: number; body: { fa: string; en: string } };

async function outboxTo(to: string, limit = 20): Promise<OutboxItem[]> {
  const response = await fetch(`${baseUrl}/api/v1/demo/outbox?to=${encodeURIComponent(to)}&limit=${limit}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: OutboxItem[] }).items;
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

type Named = { code: string; nameFa: string };
type Province = Named & { counties: { id: number; nameFa: string }[] };

/**
 * The single window for applicants, in Chromium at phone width: a newcomer registers (the code
 * from the demo outbox), applies to form a cooperative through the question pages with its
 * founders, uploads the statute, is refused with six founders (the error summary names the
 * law's minimum), adds the seventh, submits, and follows the request: the confirmation with
 * its tracking code, the SMS carrying it, the receipt PDF, «درخواست‌های من», and public tracking
 * (a mistyped code refused by its check digit). A member's certificate of membership is issued
 * at once and checks out on /verify/:code.
 */
describe.skipIf(skip !== '')('the single window in Chromium', () => {
  let browser: Browser;
  let db: Database.Database;
  const contexts: BrowserContext[] = [];
  /** The newcomer's page and request, kept for the office's question (the third test). */
  const newcomer: { page?: Page; errors?: string[]; code?: string; mobile?: string } = {};

  async function freshPage(viewport: ViewportName): Promise<{ page: Page; errors: string[] }> {
    const context = await newContext(browser, baseUrl, viewport);
    contexts.push(context);
    const page = await context.newPage();
    return { page, errors: collectErrors(page) };
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    db?.close();
  });

  /** «ذخیره و ادامه» on a question page, then wait for the next page. */
  async function saveAndContinue(page: Page, next: string | RegExp): Promise<void> {
    await page.getByRole('button', { name: 'ذخیره و ادامه' }).click();
    await arrived(page, next);
  }

  it(
    'a newcomer registers, applies to form a cooperative with seven founders, submits and tracks it',
    LONG,
    async () => {
      const { page, errors } = await freshPage('phone');
      // In the demo cooperative's county, so that its demo officers are the office that decides.
      const place = await getJson<{ province: { code: string }; county: { code: string } }>(
        `/cooperatives/${demoAccount(demoAccounts, 'Managing director').cooperative?.key ?? ''}`,
      );
      const provinces = (await getJson<{ items: Province[] }>('/reference/provinces')).items;
      const fars = provinces.find((p) => p.code === place.province.code);
      const county = fars?.counties.find((c) => String(c.id) === place.county.code);
      const field = (await getJson<{ items: Named[] }>('/reference/fields')).items[0];
      expect(fars && county && field).toBeTruthy();

      // The catalogue, grouped, with the public ways in; «خدمات» in the header.
      await open(page, '/');
      await page.getByTestId('services-entry').waitFor();
      await page.getByTestId('services-link').click();
      await arrived(page, '/services');
      expect(await heading(page)).toBe('خدمات');
      expect(await page.getByTestId('service-group').count()).toBe(6);
      expect(await page.getByTestId('service').count()).toBe(12);
      await page.getByTestId('track-link').waitFor();
      await page.getByTestId('verify-link').waitFor();
      await expectPersianDigitsOnly(page, 'the catalogue');
      await photograph(page, 'services-catalogue', 'phone');

      // The start page: who, what, how long, what next; «شروع», or register first.
      await page.getByRole('link', { name: 'تشکیل تعاونی جدید' }).click();
      await arrived(page, '/services/formation');
      expect(await heading(page)).toBe('تشکیل تعاونی جدید');
      expect(await textOf(page.getByTestId('time-limit'))).toBe('حداکثر ۳۰ روز');
      expect(await textOf(page.getByTestId('needs'))).toContain('اساسنامهٔ امضاشده');
      await photograph(page, 'services-start', 'phone');

      // Registration: refused field by field, then national code, name and mobile → code → password.
      await page.getByTestId('register-link').click();
      await arrived(page, '/register');
      expect(await heading(page)).toBe('ثبت‌نام در تعاون');
      await page.getByRole('button', { name: 'ادامه' }).click();
      await page.getByTestId('error-summary').waitFor();
      const refused = await textOf(page.getByTestId('error-summary'));
      expect(refused).toContain('کد ملی را وارد کنید');
      expect(refused).toContain('شمارهٔ تلفن همراه را وارد کنید');
      await photograph(page, 'services-register-error', 'phone');
      const nationalCode = newNationalCode(db);
      const mobile = `0913${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
      await page.locator('#field-nationalCode').fill(persian(nationalCode));
      await page.locator('#field-firstName').fill('شیرین');
      await page.locator('#field-lastName').fill('کاشانی');
      await page.locator('#field-mobile').fill(mobile);
      const before = (await outboxTo(mobile, 1))[0]?.id ?? 0;
      await page.getByRole('button', { name: 'ادامه' }).click();
      await arrived(page, '/register/code');
      await photograph(page, 'services-register-code', 'phone');
      let smsCode = '';
      await expect
        .poll(async () => {
          const message = (await outboxTo(mobile, 1))[0];
          smsCode = message && message.id > before ? (/(\d{6})/.exec(message.body.en)?.[1] ?? '') : '';
          return smsCode;
        })
        .toMatch(/^\d{6}$/);
      await page.locator('#field-code').fill(smsCode);
      await page.getByRole('button', { name: 'ادامه' }).click();
      await arrived(page, '/register/password');
      await page.locator('#field-password').fill('Baghe-Eram-Shiraz-1405');
      await page.getByRole('button', { name: 'ساخت حساب' }).click();

      // Back where the journey began: the draft's task list, with its tracking code.
      await arrived(page, /^\/requests\/\d{10}$/);
      const code = new URL(page.url()).pathname.split('/')[2] ?? '';
      Object.assign(newcomer, { page, errors, code, mobile });
      expect(await textOf(page.getByTestId('success-banner'))).toContain('حساب شما ساخته شد');
      expect(plain(await textOf(page.getByTestId('draft-code')))).toContain(persian(grouped(code)));
      const tasks = page.getByTestId('task');
      expect(await tasks.count()).toBe(5);
      expect(await page.locator('[data-testid="task"][data-complete="true"]').count()).toBe(0);
      expect(await textOf(tasks.first())).toContain('تکمیل‌نشده');
      await page.getByTestId('my-requests-nav').waitFor();
      await photograph(page, 'services-tasks', 'phone');
      const base = `/requests/${code}`;

      // The cooperative, one question per page.
      await page.getByRole('link', { name: 'مشخصات تعاونی' }).click();
      await arrived(page, `${base}/cooperative/name`);
      expect(await heading(page)).toBe('نام پیشنهادی تعاونی');
      await photograph(page, 'services-question', 'phone');
      await page.locator('#field-name').fill('تعاونی نانوایان سنتی کوچهٔ باغ');
      await saveAndContinue(page, `${base}/cooperative/field`);
      await page.locator('#field-field').selectOption(field?.code ?? '');
      await saveAndContinue(page, `${base}/cooperative/subfield`);
      await saveAndContinue(page, `${base}/cooperative/province`);
      await page.locator('#field-province').selectOption(fars?.code ?? '');
      await saveAndContinue(page, `${base}/cooperative/county`);
      await page.locator('#field-county').selectOption(String(county?.id ?? ''));
      await saveAndContinue(page, `${base}/cooperative/address`);
      await page.locator('#field-address').fill('شیراز، خیابان زند، کوچهٔ باغ');
      await saveAndContinue(page, `${base}/cooperative/postalCode`);
      // A bad answer is refused by the server, in the summary and beside the field.
      await page.locator('#field-postalCode').fill('۱۲۳');
      await page.getByRole('button', { name: 'ذخیره و ادامه' }).click();
      await page.getByTestId('error-summary').waitFor();
      expect(await textOf(page.getByTestId('error-summary'))).toContain('کد پستی باید ۱۰ رقم باشد');
      expect(await textOf(page.locator('#field-postalCode-error'))).toContain('کد پستی باید ۱۰ رقم باشد');
      await photograph(page, 'services-question-error', 'phone');
      await page.locator('#field-postalCode').fill('۷۱۳۴۸۶۵۹۱۴');
      await saveAndContinue(page, base);
      expect(await page.locator('[data-task="cooperative"][data-complete="true"]').count()).toBe(1);

      // The capital: rials, shown with toman as typed.
      await page.getByRole('link', { name: 'سرمایه' }).click();
      await arrived(page, `${base}/capital/capitalRials`);
      await page.locator('#field-capitalRials').fill('۱٬۰۰۰٬۰۰۰٬۰۰۰');
      expect(await textOf(page.locator('#field-capitalRials-hint'))).toContain('تومان');
      await saveAndContinue(page, `${base}/capital/paidCapitalRials`);
      await page.locator('#field-paidCapitalRials').fill('400000000');
      await saveAndContinue(page, base);

      // The founders: the applicant first, then five more — six, one short of the law's seven.
      await page.getByRole('link', { name: 'مؤسسان' }).click();
      await arrived(page, `${base}/founders/founders`);
      expect(await heading(page)).toBe('فهرست مؤسسان');
      expect(await page.locator('#field-founders-0-nationalCode').inputValue()).toBe(persian(nationalCode));
      const founderNames = ['مریم', 'رضا', 'زهرا', 'علی', 'فاطمه', 'حسین'];
      const fill = async (i: number) => {
        if (i > 0) {
          await page.getByTestId('add-person').click();
          await page.locator(`#field-founders-${i}-nationalCode`).waitFor();
          // Focus moves to the new row.
          await expect
            .poll(() => page.evaluate('document.activeElement && document.activeElement.id'))
            .toBe(`field-founders-${i}-nationalCode`);
          await page.locator(`#field-founders-${i}-nationalCode`).fill(newNationalCode(db));
          await page.locator(`#field-founders-${i}-firstName`).fill(founderNames[i] ?? 'نرگس');
          await page.locator(`#field-founders-${i}-lastName`).fill('باغبان');
        }
        await page.locator(`#field-founders-${i}-shares`).fill(persian('10'));
      };
      for (let i = 0; i < 6; i++) await fill(i);
      expect(await textOf(page.getByTestId('people-count'))).toBe('۶ نفر در فهرست؛ دست‌کم ۷ نفر لازم است');
      await photograph(page, 'services-founders', 'phone');
      await saveAndContinue(page, base);

      // The first general assembly: a Jalali date as people type it.
      await page.getByRole('link', { name: 'مجمع عمومی نخست' }).click();
      await arrived(page, `${base}/assembly/firstAssemblyOn`);
      await page.locator('#field-firstAssemblyOn').fill('۱۴۰۵/۱۰/۰۱');
      expect(await textOf(page.locator('#field-firstAssemblyOn-hint'))).toContain('۱ دی ۱۴۰۵');
      await saveAndContinue(page, `${base}/assembly/firstAssemblyPlace`);
      await page.locator('#field-firstAssemblyPlace').fill('شیراز، سالن اجتماعات محله');
      await saveAndContinue(page, base);

      // The documents: a file that is not a PDF or image is refused; the statute is taken.
      await page.getByRole('link', { name: 'مدارک' }).click();
      await arrived(page, `${base}/documents`);
      await page
        .locator('#field-documents-statute')
        .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a statute') });
      await page.getByTestId('error-summary').waitFor();
      expect(await textOf(page.locator('#field-documents-statute-error'))).toContain('نوع پرونده مجاز نیست');
      await photograph(page, 'services-documents-error', 'phone');
      await page
        .locator('#field-documents-statute')
        .setInputFiles({ name: 'statute.pdf', mimeType: 'application/pdf', buffer: MINIMAL_PDF });
      const statute = page.locator('[data-requirement="statute"]');
      await statute.getByTestId('files').waitFor();
      expect(await textOf(statute.getByTestId('files'))).toContain('statute.pdf');
      expect(await textOf(statute.getByTestId('document-status'))).toBe('بارگذاری‌شده');
      await expect.poll(() => page.getByTestId('error-summary').count()).toBe(0);
      await photograph(page, 'services-documents', 'phone');
      await page.getByTestId('documents-continue').click();
      await arrived(page, base);
      expect(await page.locator('[data-testid="task"][data-complete="true"]').count()).toBe(5);

      // Check and send: six founders are refused, with every problem in the summary.
      await page.getByTestId('check-link').click();
      await arrived(page, `${base}/check`);
      expect(await heading(page)).toBe('پیش از ارسال، پاسخ‌هایتان را بررسی کنید');
      await photograph(page, 'services-check', 'phone');
      await page.getByRole('button', { name: 'ارسال درخواست' }).click();
      await page.getByTestId('error-summary').waitFor();
      const problems = await textOf(page.getByTestId('error-summary'));
      expect(problems).toContain('دست‌کم ۷ مؤسس لازم است؛ ۶ نفر وارد شده است');
      await photograph(page, 'services-check-error', 'phone');
      // The summary links to the founders' page, which shows the problem again; a seventh founder fixes it.
      await page.getByTestId('error-summary').getByRole('link').first().click();
      await arrived(page, `${base}/founders/founders`);
      expect(await textOf(page.getByTestId('error-summary'))).toContain('دست‌کم ۷ مؤسس لازم است');
      await fill(6);
      expect(await textOf(page.getByTestId('people-count'))).toBe('۷ نفر در فهرست؛ دست‌کم ۷ نفر لازم است');
      await saveAndContinue(page, `${base}/check`);
      expect(await textOf(page.locator('#answer-founders'))).toContain('۷ نفر');
      await page.getByRole('button', { name: 'ارسال درخواست' }).click();

      // The confirmation: the tracking code, large and left to right, in Persian digits.
      await arrived(page, `${base}/confirmation`);
      const panel = page.getByTestId('confirmation');
      expect(await textOf(panel)).toContain('درخواست شما ثبت شد');
      const shown = panel.getByTestId('tracking-code');
      expect(plain(await textOf(shown))).toBe(persian(grouped(code)));
      expect(await shown.getAttribute('dir')).toBe('ltr');
      expect(await textOf(page.getByTestId('sms-sent'))).toBe('پیامک حاوی کد پیگیری برای شما فرستاده شد.');
      expect(await textOf(page.getByTestId('due-on'))).toMatch(/تا .*۱۴۰۵ /);
      await expectPersianDigitsOnly(page, 'the confirmation');
      await photograph(page, 'services-confirmation', 'phone');
      await screenshotOf(panel, 'services-confirmation-panel');

      // The SMS carries the tracking code; the receipt is a PDF.
      await expect
        .poll(async () => (await outboxTo(mobile)).some((m) => m.body.en.includes(grouped(code))))
        .toBe(true);
      const receipt = await page.request.get(`${baseUrl}/api/v1/requests/${code}/receipt.pdf`);
      expect(receipt.status()).toBe(200);
      expect(receipt.headers()['content-type']).toContain('application/pdf');
      expect((await receipt.body()).subarray(0, 5).toString()).toBe('%PDF-');

      // «درخواست‌های من» and the request's page: status, due date, history, answers.
      await page.getByTestId('my-requests-link').click();
      await arrived(page, '/me/requests');
      const item = page.locator(`[data-testid="my-request"][data-code="${code}"]`);
      expect(await textOf(item.getByTestId('request-status'))).toBe('ثبت‌شده');
      await photograph(page, 'services-my-requests', 'phone');
      await item.getByRole('link').first().click();
      await arrived(page, base);
      expect(await textOf(page.getByTestId('request-status'))).toBe('ثبت‌شده');
      expect(await page.getByTestId('history-event').count()).toBe(2);
      expect(await textOf(page.getByTestId('history'))).toContain('درخواست ثبت شد');
      await page.getByTestId('withdraw-link').waitFor();
      await expectPersianDigitsOnly(page, 'the request page');
      await photograph(page, 'services-request', 'phone');
      expect(errors, 'errors in the console').toEqual([]);

      // Public tracking, signed out: a mistyped code fails its check digit; the right one shows the status.
      const anonymous = await freshPage('phone');
      await open(anonymous.page, '/track');
      expect(await heading(anonymous.page)).toBe('پیگیری درخواست');
      const mistyped = `${code.slice(0, 9)}${(Number(code[9]) + 1) % 10}`;
      await anonymous.page.locator('#field-trackingCode').fill(persian(grouped(mistyped)));
      await anonymous.page.locator('#field-nationalCode').fill(nationalCode);
      await anonymous.page.getByRole('button', { name: 'پیگیری' }).click();
      await anonymous.page.getByTestId('error-summary').waitFor();
      expect(await textOf(anonymous.page.getByTestId('error-summary'))).toContain('رقم کنترل');
      await photograph(anonymous.page, 'services-track-error', 'phone');
      await anonymous.page.locator('#field-trackingCode').fill(persian(grouped(code)));
      await anonymous.page.getByRole('button', { name: 'پیگیری' }).click();
      const tracked = anonymous.page.getByTestId('tracked');
      await tracked.waitFor();
      expect(await textOf(tracked.getByTestId('request-status'))).toBe('ثبت‌شده');
      expect(await tracked.getByTestId('history-event').count()).toBeGreaterThan(0);
      expect(await textOf(tracked)).not.toContain('شیرین');
      await expectPersianDigitsOnly(anonymous.page, 'tracking');
      await photograph(anonymous.page, 'services-track', 'phone');
      // In English: the page's own words and the service's title from the server, left to right.
      await anonymous.page.getByTestId('language-switch').click();
      await expect.poll(() => heading(anonymous.page)).toBe('Track a request');
      expect(await textOf(tracked.getByTestId('request-status'))).toBe('Submitted');
      expect(await textOf(tracked)).toContain('Form a new cooperative');
      await photograph(anonymous.page, 'services-track-en', 'phone');
      expect(anonymous.errors, 'errors in the console (tracking)').toEqual([]);

      // The catalogue on a wide screen: the groups beside the ways to track and check.
      const wide = await freshPage('desktop');
      await open(wide.page, '/services');
      await photograph(wide.page, 'services-catalogue', 'desktop');
      expect(wide.errors, 'errors in the console (desktop)').toEqual([]);
    },
  );

  it(
    "a member's certificate of membership is issued at once and checks out on /verify/:code",
    LONG,
    async () => {
      const member: DemoAccount = demoAccount(demoAccounts, 'Member');
      const legalId = member.cooperative?.key ?? '';
      expect(legalId).toMatch(/^\d{11}$/);
      const { page, errors } = await freshPage('phone');
      await signInThroughPages(page, { baseUrl, db }, member);
      await open(page, '/services/membership_certificate');
      expect(await textOf(page.getByTestId('time-limit'))).toBe('بی‌درنگ');
      await page.getByTestId('start').click();
      await arrived(page, /^\/requests\/\d{10}$/);
      const base = new URL(page.url()).pathname;
      await page.getByTestId('task').first().getByRole('link').click();
      await arrived(page, `${base}/cooperative/cooperativeLegalId`);
      await page.locator('#field-cooperativeLegalId').fill(persian(legalId));
      await saveAndContinue(page, base);
      await page.getByTestId('check-link').click();
      await arrived(page, `${base}/check`);
      await page.getByRole('button', { name: 'ارسال درخواست' }).click();
      const outcome = await Promise.race([
        page.waitForURL(/\/confirmation$/, { timeout: 15_000 }).then(() => ''),
        page
          .getByTestId('error-summary')
          .waitFor({ timeout: 15_000 })
          .then(() => textOf(page.getByTestId('error-summary'))),
      ]);
      expect(outcome, 'the certificate was refused').toBe('');
      await arrived(page, `${base}/confirmation`);
      expect(await textOf(page.getByTestId('confirmation'))).toContain('گواهی شما صادر شد');
      await photograph(page, 'services-certificate-issued', 'phone');
      await page.getByTestId('certificate-link').click();
      await arrived(page, /^\/verify\/[0-9A-Z]{16}$/);
      const certificate = new URL(page.url()).pathname.split('/')[2] ?? '';
      expect(await page.getByTestId('certificate-verdict').getAttribute('data-valid')).toBe('true');
      expect(await textOf(page.getByTestId('certificate-verdict'))).toContain('این گواهی معتبر است');
      expect(errors, 'errors in the console (member)').toEqual([]);

      // Anyone checks it by its link, signed out; a wrong code is refused with the server's words.
      const anonymous = await freshPage('phone');
      await open(anonymous.page, `/verify/${certificate}`);
      expect(await heading(anonymous.page)).toBe('گواهی عضویت');
      const main = await textOf(anonymous.page.locator('main'));
      expect(main).toContain(member.cooperative?.name ?? '');
      expect(main).toContain(persian(legalId));
      await anonymous.page.getByTestId('certificate-pdf').waitFor();
      const pdf = await anonymous.page.request.get(`${baseUrl}/api/v1/certificates/${certificate}/pdf`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toContain('application/pdf');
      await expectPersianDigitsOnly(anonymous.page, 'the certificate');
      await photograph(anonymous.page, 'services-verify', 'phone');
      await open(anonymous.page, '/verify');
      await anonymous.page.locator('#field-code').fill('ABCD-EFGH-JKMN-PQRS');
      await anonymous.page.getByRole('button', { name: 'بررسی' }).click();
      await anonymous.page.getByTestId('error-summary').waitFor();
      expect(await textOf(anonymous.page.getByTestId('error-summary'))).toContain('گواهی‌ای با این کد تصدیق');
      await photograph(anonymous.page, 'services-verify-error', 'phone');
      expect(anonymous.errors, 'errors in the console (verify)').toEqual([]);
    },
  );
  it(
    'the county office asks for more, the founder answers, one officer proposes and the province confirms: the cooperative is on the register and in its ledger',
    LONG,
    async () => {
      const { page, errors, code, mobile } = newcomer;
      if (!page || !errors || !code || !mobile) throw new Error('the newcomer’s request is not there');
      const base = `/requests/${code}`;

      // The county officer of the cooperative's place finds it in the inbox and asks for more.
      const county = await freshPage('desktop');
      await signInThroughPages(
        county.page,
        { baseUrl, db },
        demoAccount(demoAccounts, 'Ministry officer — county'),
      );
      await openCase(county.page, code);
      expect(
        await decide(
          county.page,
          'درخواست اطلاعات بیشتر از متقاضی',
          'نشانی را با پلاک بنویسید و گواهی واریز سرمایه را هم بفرستید.',
        ),
      ).toContain('درخواست اطلاعات بیشتر');

      // The founder is told (SMS), sees the question, and the clock stopped.
      await expect
        .poll(async () => (await outboxTo(mobile)).some((m) => m.body.fa.includes('اطلاعات بیشتری لازم است')))
        .toBe(true);
      await open(page, base);
      expect(await textOf(page.getByTestId('request-status'))).toBe('نیاز به اطلاعات بیشتر');
      expect(await textOf(page.getByTestId('office-question'))).toContain('نشانی را با پلاک بنویسید');
      await photograph(page, 'services-more-info', 'phone');

      // A reply with no text is refused beside the field.
      await page.getByRole('button', { name: 'ارسال پاسخ' }).click();
      await page.getByTestId('error-summary').waitFor();
      expect(await textOf(page.getByTestId('error-summary'))).toContain('توضیح را بنویسید');
      await page.locator('#field-text-error').waitFor();

      // «تغییر» beside the address: its page, then back to the request.
      await page.locator('#answer-address').getByRole('link').click();
      await arrived(page, `${base}/cooperative/address`);
      await page.locator('#field-address').fill('شیراز، خیابان زند، کوچهٔ باغ، پلاک ۱۲');
      await saveAndContinue(page, base);
      expect(await textOf(page.locator('#answer-address'))).toContain('پلاک ۱۲');
      // And a document: the proof of the capital paid.
      await page.locator('#answer-documents-capital_receipt').getByRole('link').click();
      await arrived(page, `${base}/documents`);
      await page
        .locator('#field-documents-capital_receipt')
        .setInputFiles({ name: 'واریز سرمایه.pdf', mimeType: 'application/pdf', buffer: MINIMAL_PDF });
      await page.locator('[data-requirement="capital_receipt"]').getByTestId('files').waitFor();
      await page.getByTestId('documents-continue').click();
      await arrived(page, base);
      expect(await textOf(page.locator('#answer-documents-capital_receipt'))).toContain('واریز سرمایه.pdf');

      await page.locator('#field-text').fill('نشانی کامل شد و گواهی واریز سرمایه پیوست شد.');
      await page.getByRole('button', { name: 'ارسال پاسخ' }).click();
      await page.getByTestId('success-banner').waitFor();
      await expect.poll(() => textOf(page.getByTestId('request-status'))).toBe('در حال بررسی');
      expect(await page.getByTestId('reply').count()).toBe(0);
      const history = await textOf(page.getByTestId('history'));
      expect(history).toContain('اطلاعات بیشتری خواسته شد');
      expect(history).toContain('متقاضی پاسخ داد');
      expect(history).toContain('نشانی کامل شد');
      await photograph(page, 'services-replied', 'phone');

      // The county officer proposes approval; an officer of the province confirms it (maker-checker).
      await openCase(county.page, code);
      expect(await decide(county.page, 'پیشنهاد موافقت', 'مدارک کامل است.')).toContain('موافقت پیشنهاد شد');
      expect(
        await county.page.getByTestId('decision-form').getByLabel('تأیید نهایی', { exact: true }).count(),
      ).toBe(0);
      const province = await freshPage('desktop');
      await signInThroughPages(
        province.page,
        { baseUrl, db },
        demoAccount(demoAccounts, 'Ministry officer — province'),
      );
      await openCase(province.page, code);
      expect(await decide(province.page, 'تأیید نهایی')).toContain('موافقت تأیید شد');
      expect(await caseStatus(province.page)).toBe('موافقت شد');

      // The companies registry registered it: the office records its legal ID; it becomes active.
      const legalId = newLegalId(db);
      await province.page.locator('#registration-legalId').fill(persian(legalId));
      await province.page.locator('#registration-registrationNo').fill('۷۷۰۱');
      await province.page.locator('#registration-registeredOn').fill('۱۴۰۵/۰۹/۰۶');
      await province.page.getByTestId('registration-submit').click();
      await province.page.getByTestId('success-banner').waitFor();

      // The founder: approved, told by SMS; the cooperative on the public register.
      await open(page, base);
      await expect.poll(() => textOf(page.getByTestId('request-status'))).toBe('موافقت شد');
      await expect
        .poll(async () => (await outboxTo(mobile)).some((m) => m.body.fa.includes('موافقت شد')))
        .toBe(true);
      await open(page, `/cooperatives/${legalId}`);
      expect(await heading(page)).toBe('تعاونی نانوایان سنتی کوچهٔ باغ');
      await photograph(page, 'services-new-cooperative', 'phone');

      // …and in its ledger, which the founder (now a member) verifies in the browser.
      await open(page, `/cooperatives/${legalId}/ledger`);
      const decided = page.locator('[data-testid="ledger-entry"][data-kind="request.decided"]');
      await decided.first().waitFor();
      expect(await decided.first().getAttribute('data-state')).toBe('verified');
      expect(await page.locator('[data-testid="ledger-entry"][data-kind="member.admitted"]').count()).toBe(7);
      expect(await page.locator('[data-testid="ledger-entry"][data-state="failed"]').count()).toBe(0);
      expect(plain(await textOf(decided.first()))).toContain(persian(grouped(code)));
      await photograph(page, 'services-new-cooperative-ledger', 'phone');
      expect(errors, 'errors in the console (founder)').toEqual([]);
      expect(county.errors, 'errors in the console (county officer)').toEqual([]);
      expect(province.errors, 'errors in the console (province officer)').toEqual([]);
    },
  );

  it('a member complains to the inspector through the pages; the inspector answers it', LONG, async () => {
    const member = demoAccount(demoAccounts, 'Member');
    const legalId = member.cooperative?.key ?? '';
    const { page, errors } = await freshPage('phone');
    await signInThroughPages(page, { baseUrl, db }, member);
    await open(page, '/services/complaint_inspector');
    await page.getByTestId('start').click();
    await arrived(page, /^\/requests\/\d{10}$/);
    const base = new URL(page.url()).pathname;
    const code = base.split('/')[2] ?? '';
    await page.getByTestId('task').first().getByRole('link').click();
    await arrived(page, `${base}/cooperative/cooperativeLegalId`);
    await page.locator('#field-cooperativeLegalId').fill(persian(legalId));
    await saveAndContinue(page, base);
    await page.getByRole('link', { name: 'شکایت' }).click();
    await arrived(page, `${base}/complaint/subject`);
    await page.locator('#field-subject').fill('قرارداد بدون مناقصه');
    await saveAndContinue(page, `${base}/complaint/details`);
    await page
      .locator('#field-details')
      .fill('قرارداد خرید تجهیزات بدون استعلام قیمت با شرکت یکی از مدیران بسته شده است.');
    await saveAndContinue(page, base);
    await page.getByTestId('check-link').click();
    await arrived(page, `${base}/check`);
    await page.getByRole('button', { name: 'ارسال درخواست' }).click();
    await arrived(page, `${base}/confirmation`);

    const inspector = await freshPage('phone');
    await signInThroughPages(inspector.page, { baseUrl, db }, demoAccount(demoAccounts, 'Inspector'));
    await openCase(inspector.page, code);
    expect(
      await decide(
        inspector.page,
        'پاسخ و بستن درخواست',
        'قرارداد بررسی شد؛ گزارش آن در مجمع بعدی ارائه می‌شود.',
      ),
    ).toBeTruthy();
    expect(await caseStatus(inspector.page)).toBe('پاسخ داده شد');

    await open(page, base);
    await expect.poll(() => textOf(page.getByTestId('request-status'))).toBe('پاسخ داده شد');
    expect(await textOf(page.getByTestId('history'))).toContain('قرارداد بررسی شد');
    await photograph(page, 'services-complaint-answered', 'phone');
    expect(errors, 'errors in the console (member)').toEqual([]);
    expect(inspector.errors, 'errors in the console (inspector)').toEqual([]);
  });

  it('an applicant withdraws a request after confirming on a page of its own', LONG, async () => {
    const { page, errors } = newcomer;
    if (!page || !errors) throw new Error('the newcomer is not signed in');
    const started = await page.request.fetch(`${baseUrl}/api/v1/requests`, {
      method: 'POST',
      headers: { origin: baseUrl, accept: 'application/json' },
      data: {
        serviceId: 'complaint_ministry',
        answers: {
          cooperativeLegalId: demoAccount(demoAccounts, 'Member').cooperative?.key,
          subject: 'پرسش',
          details: 'شرح پرسش',
        },
      },
    });
    const code = ((await started.json()) as { trackingCode: string }).trackingCode;
    const submitted = await page.request.fetch(`${baseUrl}/api/v1/requests/${code}/submit`, {
      method: 'POST',
      headers: { origin: baseUrl, accept: 'application/json' },
    });
    expect(submitted.status(), await submitted.text()).toBe(200);
    const base = `/requests/${code}`;
    await open(page, base);
    await page.getByTestId('withdraw-link').click();
    await arrived(page, `${base}/withdraw`);
    expect(await heading(page)).toBe('آیا می‌خواهید از این درخواست انصراف دهید؟');
    await photograph(page, 'services-withdraw', 'phone');
    await page.getByRole('button', { name: 'بله، انصراف می‌دهم' }).click();
    await arrived(page, base);
    await page.getByTestId('success-banner').waitFor();
    await expect.poll(() => textOf(page.getByTestId('request-status'))).toBe('منصرف شد');
    expect(await textOf(page.getByTestId('history'))).toContain('متقاضی انصراف داد');
    expect(await page.getByTestId('withdraw-link').count()).toBe(0);
    await expectPersianDigitsOnly(page, 'the withdrawn request');
    await photograph(page, 'services-withdrawn', 'phone');
    expect(errors, 'errors in the console (withdraw)').toEqual([]);
  });
});

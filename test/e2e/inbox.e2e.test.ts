import Database from 'better-sqlite3';
import type { APIResponse, Browser, BrowserContext, Page } from 'playwright-core';
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
  settle,
  textOf,
  type ViewportName,
} from './browser.ts';
import { demoAccount, signInThroughPages } from './demo-sign-in.ts';
import {
  caseStatus,
  decide,
  grouped,
  inboxRow,
  MINIMAL_PDF,
  openCase,
  persian,
  plain,
} from './single-window.ts';

const baseUrl = inject('baseUrl');
const skip = inject('e2eSkip');
const demoAccounts = inject('demoAccounts');
const databaseFile = inject('databaseFile');

const LONG = { timeout: 240_000 };

const demo = (roleEn: string): DemoAccount => demoAccount(demoAccounts, roleEn);

/** A tracking code as the pages show it: ۱۲۳-۴۵۶-۷۸۹۰. */
const shownCode = (code: string) => persian(grouped(code));

/**
 * The single window's office in Chromium: a complaint to the county office found in the county
 * officer's inbox, asked about, replied to (through the API, as the member) and answered; a
 * complaint to the inspector answered by the inspector; a change of address taken up in bulk,
 * proposed by the county officer (who is not offered the final approval) and confirmed by the
 * province officer; and the services' statistics on the open-data page.
 */
describe.skipIf(skip !== '')('the office inbox in Chromium', () => {
  let browser: Browser;
  let db: Database.Database;
  const contexts: BrowserContext[] = [];
  const legalId = () => demo('Managing director').cooperative?.key ?? '';
  const signIn = (page: Page, account: DemoAccount) => signInThroughPages(page, { baseUrl, db }, account);

  async function freshPage(viewport: ViewportName): Promise<{ page: Page; errors: string[] }> {
    const context = await newContext(browser, baseUrl, viewport);
    contexts.push(context);
    const page = await context.newPage();
    return { page, errors: collectErrors(page) };
  }

  /**
   * The API as the person signed in on `page` (their session cookie goes along); the Origin
   * header is the one the browser would send, for the CSRF check.
   */
  async function api(
    page: Page,
    method: 'GET' | 'POST',
    path: string,
    data?: unknown,
    headers: Record<string, string> = {},
  ): Promise<APIResponse> {
    return page.request.fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { origin: baseUrl, accept: 'application/json', ...headers },
      ...(data === undefined ? {} : { data }),
    });
  }

  async function expectOk(response: APIResponse, what: string): Promise<unknown> {
    const body = await response.text();
    expect(response.ok(), `${what}: ${response.status()} ${body}`).toBe(true);
    return body ? JSON.parse(body) : null;
  }

  /** Starts and submits a request as the person signed in on `page`; returns its tracking code. */
  async function submitRequest(
    page: Page,
    serviceId: string,
    answers: Record<string, unknown>,
    documents: Record<string, { name: string; bytes: Buffer; type: string }> = {},
  ): Promise<string> {
    const started = (await expectOk(
      await api(page, 'POST', '/requests', { serviceId, answers }),
      `start ${serviceId}`,
    )) as { trackingCode: string };
    const code = started.trackingCode;
    for (const [requirement, file] of Object.entries(documents)) {
      await expectOk(
        await api(page, 'POST', `/requests/${code}/documents/${requirement}`, file.bytes, {
          'content-type': file.type,
          'x-file-name': encodeURIComponent(file.name),
        }),
        `upload ${requirement}`,
      );
    }
    await expectOk(await api(page, 'POST', `/requests/${code}/submit`), `submit ${serviceId}`);
    return code;
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

  it(
    'a complaint to the county office: found in the inbox, more information asked, the member replies, the officer answers',
    LONG,
    async () => {
      expect(legalId()).toMatch(/^\d{11}$/);
      const member = await freshPage('desktop');
      await signIn(member.page, demo('Member'));
      const SUBJECT = 'برگزار نشدن مجمع عمومی سالانه';
      const code = await submitRequest(member.page, 'complaint_ministry', {
        cooperativeLegalId: legalId(),
        subject: SUBJECT,
        details: 'دو سال است مجمع عمومی سالانه برگزار نشده و صورت‌های مالی به اعضا ارائه نشده است.',
      });
      expect(code).toMatch(/^\d{10}$/);
      // A member has no inbox: no link in the header, and the page says so.
      expect(await member.page.getByTestId('inbox-link').count()).toBe(0);
      await open(member.page, '/inbox');
      await member.page.getByTestId('denied').waitFor();
      expect(await heading(member.page)).toBe('اجازهٔ این کار را ندارید');
      expect(await textOf(member.page.locator('main'))).toContain('کارشناسان وزارت تعاون و بازرسان');

      const { page, errors } = await freshPage('desktop');
      await signIn(page, demo('Ministry officer — county'));
      await page.getByTestId('inbox-link').click();
      await arrived(page, '/inbox');
      expect(await heading(page)).toBe('کارتابل درخواست‌ها');
      expect(await textOf(page.getByTestId('region'))).toContain('حوزهٔ شما: شهرستان');
      const line = inboxRow(page, code);
      await line.waitFor();
      expect(await textOf(line.getByTestId('tracking-code'))).toBe(shownCode(code));
      expect(await textOf(line)).toContain('شکایت به ادارهٔ تعاون');
      expect(await textOf(line)).toContain('ثبت‌شده');
      expect(await textOf(line)).toContain('روز مانده');
      expect(await textOf(line)).toContain('برداشته نشده');
      // The tracking code reads left to right inside the right-to-left row.
      expect(await line.getByTestId('tracking-code').getAttribute('dir')).toBe('ltr');
      await expectPersianDigitsOnly(page, 'inbox (desktop)');
      await photograph(page, 'inbox', 'desktop');

      // Filters are kept in the address: this service only, not taken yet.
      await page.locator('#field-service').selectOption('complaint_ministry');
      await page.locator('#field-assigned-none').check();
      await page.getByRole('button', { name: 'اعمال پالایش' }).click();
      await expect.poll(() => new URL(page.url()).search).toContain('service=complaint_ministry');
      expect(new URL(page.url()).search).toContain('assigned=none');
      await settle(page);
      await inboxRow(page, code).waitFor();
      await expect
        .poll(async () =>
          (await page.getByTestId('inbox-row').allInnerTexts()).filter(
            (text) => !text.includes('شکایت به ادارهٔ تعاون'),
          ),
        )
        .toEqual([]);

      await inboxRow(page, code).getByTestId('case-link').click();
      await arrived(page, `/inbox/${code}`);
      expect(await heading(page)).toContain(shownCode(code));
      expect(await caseStatus(page)).toBe('ثبت‌شده');
      const summary = await textOf(page.getByTestId('case-summary'));
      expect(summary).toContain('شکایت به ادارهٔ تعاون');
      expect(summary).toContain(demo('Member').name);
      expect(summary).toContain(demo('Member').cooperative?.name ?? '');
      expect(await textOf(page.getByTestId('answers'))).toContain(SUBJECT);
      expect(await textOf(page.getByTestId('answers'))).toContain(persian(legalId()));

      // A question without its reason: refused, named in the error summary and at the field.
      await page.getByTestId('decision-form').getByLabel('درخواست اطلاعات بیشتر از متقاضی').check();
      await page.getByTestId('action-submit').click();
      const summaryBox = page.getByTestId('error-summary');
      await summaryBox.waitFor();
      expect(await textOf(summaryBox)).toContain('بنویسید چه اطلاعاتی لازم است');
      expect(await page.locator('#action-text[aria-invalid="true"]').count()).toBe(1);
      await photograph(page, 'inbox-case-error', 'desktop');

      const QUESTION = 'لطفاً تاریخ آخرین دعوت‌نامهٔ مجمع و نام کسانی را که از آن خبر داشتند بنویسید.';
      const asked = await decide(page, 'درخواست اطلاعات بیشتر از متقاضی', QUESTION);
      expect(asked).toContain('درخواست اطلاعات بیشتر برای متقاضی فرستاده شد');
      expect(await caseStatus(page)).toBe('نیاز به اطلاعات بیشتر');
      expect(await page.getByTestId('error-summary').count()).toBe(0);
      // Waiting on the applicant: the clock stops and no decision is offered.
      expect(await textOf(page.getByTestId('case-summary'))).toContain('مهلت تا پاسخ متقاضی متوقف است');
      expect(await page.getByTestId('decision-form').count()).toBe(0);

      // The member replies (the applicant's pages are another part of the service).
      const REPLY = 'دعوت‌نامه هرگز منتشر نشد؛ سه عضو دیگر هم گواهی می‌دهند.';
      await expectOk(
        await api(member.page, 'POST', `/requests/${code}/actions/reply`, { text: REPLY }),
        'reply',
      );

      await page.reload({ waitUntil: 'networkidle' });
      await settle(page);
      expect(await caseStatus(page)).toBe('در حال بررسی');
      const ANSWER = 'موضوع بررسی شد؛ به هیئت‌مدیره اخطار داده شد که تا یک ماه دیگر مجمع را برگزار کند.';
      const answered = await decide(page, 'پاسخ و بستن درخواست', ANSWER);
      expect(answered).toContain('پاسخ فرستاده شد');
      expect(await caseStatus(page)).toBe('پاسخ داده شد');
      expect(await page.getByTestId('no-actions').count()).toBe(1);

      // The history: who, when, why — each step with its text.
      const history = page.getByTestId('history-event');
      expect(await history.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).toEqual([
        'created',
        'submitted',
        'ask',
        'reply',
        'answer',
      ]);
      const historyText = plain(await textOf(page.getByTestId('history-list')));
      for (const text of [QUESTION, REPLY, ANSWER, 'اطلاعات بیشتر خواسته شد', 'متقاضی پاسخ داد']) {
        expect(historyText).toContain(text);
      }
      expect(historyText).toContain(`${demo('Member').name} (متقاضی)`);
      expect(historyText).toContain(`${demo('Ministry officer — county').name} (کارشناس)`);
      await expectPersianDigitsOnly(page, 'case (desktop)');
      await photograph(page, 'inbox-case', 'desktop');
      await screenshotOf(page.locator('main h1'), 'inbox-case-heading-desktop');
      await screenshotOf(page.getByTestId('history'), 'inbox-case-history-desktop');

      // Closed requests are among the final ones, on a phone too.
      const phone = await freshPage('phone');
      await signIn(phone.page, demo('Ministry officer — county'));
      await open(phone.page, '/inbox?status=final');
      await inboxRow(phone.page, code).waitFor();
      expect(await textOf(inboxRow(phone.page, code))).toContain('پاسخ داده شد');
      await photograph(phone.page, 'inbox-final', 'phone');
      await inboxRow(phone.page, code).getByTestId('case-link').click();
      await arrived(phone.page, `/inbox/${code}`);
      await photograph(phone.page, 'inbox-case', 'phone');
      expect(phone.errors, 'errors in the console (phone)').toEqual([]);
      expect(errors, 'errors in the console').toEqual([]);
    },
  );

  it(
    "a member's complaint to the inspector is in the inspector's inbox, and the inspector answers it",
    LONG,
    async () => {
      const inspector = demo('Inspector');
      expect(inspector.cooperative?.key).toBe(legalId());
      const member = await freshPage('desktop');
      await signIn(member.page, demo('Member'));
      const code = await submitRequest(member.page, 'complaint_inspector', {
        cooperativeLegalId: legalId(),
        subject: 'پرداخت مساعده بدون مصوبه',
        details: 'مدیرعامل بدون مصوبهٔ هیئت‌مدیره به یکی از کارکنان مساعده پرداخته است.',
      });

      const { page, errors } = await freshPage('phone');
      await signIn(page, inspector);
      await openCase(page, code);
      expect(await caseStatus(page)).toBe('ثبت‌شده');
      expect(await textOf(page.getByTestId('case-summary'))).toContain('بازرس تعاونی');
      const ANSWER = 'صورت‌حساب‌ها را دیدم؛ مساعده بازپرداخت شده و در گزارش بازرس می‌آید.';
      expect(await decide(page, 'پاسخ و بستن درخواست', ANSWER)).toContain('پاسخ فرستاده شد');
      expect(await caseStatus(page)).toBe('پاسخ داده شد');
      expect(await textOf(page.getByTestId('history-list'))).toContain(ANSWER);
      await expectPersianDigitsOnly(page, 'inspector case (phone)');
      await photograph(page, 'inbox-inspector-case', 'phone');
      expect(errors, 'errors in the console').toEqual([]);
    },
  );

  it(
    'maker-checker: a change of address taken up in bulk and proposed by the county officer, who is not offered the final approval; the province officer confirms',
    LONG,
    async () => {
      const director = await freshPage('desktop');
      await signIn(director.page, demo('Managing director'));
      const ADDRESS = 'تهران، خیابان آزادی، کوچهٔ سوم، پلاک ۱۲';
      const code = await submitRequest(
        director.page,
        'amend_address',
        { cooperativeLegalId: legalId(), address: ADDRESS, postalCode: '1419713451' },
        { resolution: { name: 'صورتجلسه.pdf', bytes: MINIMAL_PDF, type: 'application/pdf' } },
      );

      // The county officer takes it up from the inbox (bulk), then opens it.
      const county = demo('Ministry officer — county');
      const { page, errors } = await freshPage('desktop');
      await signIn(page, county);
      await page.getByTestId('inbox-link').click();
      await arrived(page, '/inbox');
      await inboxRow(page, code).waitFor();
      await page.getByTestId('bulk-take').click();
      await expect.poll(() => textOf(page.getByTestId('error-summary'))).toContain('دست‌کم یک درخواست');
      await inboxRow(page, code).getByRole('checkbox').check();
      expect(await textOf(page.getByTestId('bulk-count'))).toContain('۱ درخواست انتخاب شده');
      await page.getByTestId('bulk-take').click();
      await page.getByTestId('success-banner').waitFor();
      expect(await textOf(page.getByTestId('success-banner'))).toContain('۱ درخواست برای بررسی برداشته شد');
      await settle(page);
      await expect.poll(() => textOf(inboxRow(page, code))).toContain('خودم');
      expect(await textOf(inboxRow(page, code))).toContain('در حال بررسی');
      await photograph(page, 'inbox-bulk-taken', 'desktop');

      await inboxRow(page, code).getByTestId('case-link').click();
      await arrived(page, `/inbox/${code}`);
      const answers = await textOf(page.getByTestId('answers'));
      expect(answers).toContain(ADDRESS);
      expect(answers).toContain('۱۴۱۹۷۱۳۴۵۱');
      const documents = page.getByTestId('document');
      expect(await documents.count()).toBe(1);
      expect(await textOf(documents.first())).toContain('صورتجلسهٔ هیئت‌مدیره');
      const download = await documents.first().getByTestId('document-link').getAttribute('href');
      expect(download).toMatch(new RegExp(`^/api/v1/requests/${code}/documents/\\d+$`));
      const pdf = await page.request.get(`${baseUrl}${download}`);
      expect(pdf.status()).toBe(200);
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

      // A rejection asks once more; going back leaves the request as it was.
      await page.getByTestId('decision-form').getByLabel('رد درخواست').check();
      await page.locator('#action-text').fill('صورتجلسه امضای همهٔ اعضای هیئت‌مدیره را ندارد.');
      await page.getByTestId('action-submit').click();
      const confirmReject = page.getByTestId('confirm-reject');
      await confirmReject.waitFor();
      expect(await textOf(confirmReject)).toContain('این درخواست رد شود؟');
      await photograph(page, 'inbox-confirm-reject', 'desktop');
      await confirmReject.getByRole('button', { name: 'نه، بازگشت' }).click();
      expect(await confirmReject.count()).toBe(0);
      expect(await caseStatus(page)).toBe('در حال بررسی');

      const NOTE = 'صورتجلسه و نشانی تازه بررسی شد و با مدارک می‌خواند.';
      expect(await decide(page, 'پیشنهاد موافقت', NOTE)).toContain('موافقت پیشنهاد شد');
      expect(await caseStatus(page)).toBe('در انتظار تأیید نهایی');
      // The proposer is not offered the final approval, and is told why.
      expect(await page.getByTestId('decision-form').getByLabel('تأیید نهایی').count()).toBe(0);
      expect(await textOf(page.getByTestId('other-confirms'))).toContain('پیشنهاددهنده نمی‌تواند');
      expect(await textOf(page.getByTestId('proposal-by'))).toContain(county.name);
      expect(await textOf(page.getByTestId('proposal-text'))).toBe(NOTE);
      await photograph(page, 'inbox-proposed', 'desktop');
      await screenshotOf(page.getByTestId('documents'), 'inbox-documents-desktop');
      expect(errors, 'errors in the console (county)').toEqual([]);

      // The province officer confirms.
      const province = await freshPage('desktop');
      await signIn(province.page, demo('Ministry officer — province'));
      await province.page.getByTestId('inbox-link').click();
      await arrived(province.page, '/inbox');
      await expect.poll(() => textOf(province.page.getByTestId('region'))).toContain('حوزهٔ شما: استان');
      expect(await province.page.locator('#field-county').isDisabled()).toBe(false);
      expect(await textOf(inboxRow(province.page, code))).toContain('در انتظار تأیید نهایی');
      await photograph(province.page, 'inbox-province', 'desktop');
      await openCase(province.page, code);
      expect(await caseStatus(province.page)).toBe('در انتظار تأیید نهایی');
      expect(await textOf(province.page.getByTestId('proposal'))).toContain(NOTE);
      const form = province.page.getByTestId('decision-form');
      expect(await form.getByLabel('تأیید نهایی').count()).toBe(1);
      expect(await form.getByLabel('بازگرداندن').count()).toBe(1);
      await photograph(province.page, 'inbox-awaiting-approval', 'desktop');
      expect(await decide(province.page, 'تأیید نهایی')).toContain('موافقت تأیید شد');
      expect(await caseStatus(province.page)).toBe('موافقت شد');
      const actions = await province.page
        .getByTestId('history-event')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
      expect(actions.slice(-3)).toEqual(['take', 'propose', 'confirm']);
      expect(await textOf(province.page.getByTestId('history-list'))).toContain(NOTE);
      await photograph(province.page, 'inbox-approved', 'desktop');

      // In English too (the switch), left to right.
      await province.page.getByTestId('language-switch').click();
      await expect.poll(() => province.page.locator('html').getAttribute('dir')).toBe('ltr');
      await expect.poll(() => heading(province.page)).toContain('Request');
      expect(await caseStatus(province.page)).toBe('Approved');
      expect(await textOf(province.page.getByTestId('history-list'))).toContain('Approval confirmed');
      expect(plain(await textOf(province.page.getByTestId('success-banner')))).toContain(
        'The approval is confirmed.',
      );
      await photograph(province.page, 'inbox-approved-en', 'desktop');
      await screenshotOf(province.page.getByTestId('history'), 'inbox-history-en-desktop');
      await screenshotOf(province.page.getByTestId('documents'), 'inbox-documents-en-desktop');
      await province.page.getByTestId('language-switch').click();
      await expect.poll(() => province.page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(province.errors, 'errors in the console (province)').toEqual([]);
    },
  );

  it(
    'a formation: founders shown as a table, approved by two officers, then registered — the cooperative gets its legal ID',
    LONG,
    async () => {
      const ids = createIdentifierSource(7311);
      const member = demo('Member');
      const applicant = await freshPage('desktop');
      await signIn(applicant.page, member);
      // The demo cooperative's place (so its county officer decides), in another field of activity.
      const coop = (await expectOk(
        await api(applicant.page, 'GET', `/cooperatives/${legalId()}`),
        'the demo cooperative',
      )) as { province: { code: string }; county: { code: string }; field: { code: string } };
      const fields = (await expectOk(await api(applicant.page, 'GET', '/reference/fields'), 'fields')) as {
        items: { code: string }[];
      };
      const field = fields.items.find((f) => f.code !== coop.field.code)?.code ?? '';
      const [firstName = '', ...rest] = member.name.split(' ');
      const founders = [
        { nationalCode: member.nationalCode, firstName, lastName: rest.join(' '), shares: 10 },
        ...Array.from({ length: 6 }, (_, i) => ({
          nationalCode: ids.nationalCode(),
          firstName: ['مریم', 'علی', 'زهرا', 'حسین', 'فاطمه', 'محمد'][i] ?? 'مؤسس',
          lastName: 'کارتابلی',
          shares: 10 + i,
        })),
      ];
      const NAME = 'تعاونی تولیدی آزمون کارتابل';
      const code = await submitRequest(
        applicant.page,
        'formation',
        {
          name: NAME,
          field,
          province: coop.province.code,
          county: coop.county.code,
          address: 'خیابان امام، کوچهٔ دوم، پلاک ۷',
          capitalRials: 120_000_000,
          paidCapitalRials: 40_000_000,
          founders,
          firstAssemblyOn: '1405/09/20',
          firstAssemblyPlace: 'سالن اجتماعات فرمانداری',
        },
        { statute: { name: 'اساسنامه.pdf', bytes: MINIMAL_PDF, type: 'application/pdf' } },
      );

      const county = await freshPage('desktop');
      await signIn(county.page, demo('Ministry officer — county'));
      await openCase(county.page, code);
      // The founders as a table; rials with Persian digits and separators; the date in Jalali.
      const people = county.page.getByTestId('people-founders');
      expect(await people.getByTestId('person-row').count()).toBe(7);
      expect(await textOf(people)).toContain(persian(member.nationalCode));
      const answers = await textOf(county.page.getByTestId('answers'));
      expect(answers).toContain('۱۲۰٬۰۰۰٬۰۰۰ ریال');
      expect(answers).toContain('۲۰ آذر ۱۴۰۵');
      expect(answers).toContain(NAME);
      await expectPersianDigitsOnly(county.page, 'formation case (desktop)');
      await photograph(county.page, 'inbox-formation', 'desktop');
      await screenshotOf(county.page.getByTestId('answers'), 'inbox-formation-answers-desktop');
      expect(await decide(county.page, 'پیشنهاد موافقت')).toContain('موافقت پیشنهاد شد');
      expect(county.errors, 'errors in the console (county)').toEqual([]);

      const { page, errors } = await freshPage('phone');
      await signIn(page, demo('Ministry officer — province'));
      await openCase(page, code);
      expect(await textOf(page.getByTestId('proposal-text'))).toBe('پیشنهاددهنده توضیحی ننوشته است.');
      expect(await decide(page, 'تأیید نهایی')).toContain('موافقت تأیید شد');
      expect(await caseStatus(page)).toBe('موافقت شد');

      // Approved, not yet registered: the registration form; every bad field is named.
      const form = page.getByTestId('registration');
      await form.waitFor();
      await page.getByTestId('registration-submit').click();
      const errorSummary = page.getByTestId('error-summary');
      await errorSummary.waitFor();
      expect(await errorSummary.locator('li').count()).toBe(3);
      expect(await page.locator('#registration-legalId[aria-invalid="true"]').count()).toBe(1);
      await photograph(page, 'inbox-registration-error', 'phone');
      const newLegalId = ids.legalId();
      await page.locator('#registration-legalId').fill(persian(newLegalId));
      await page.locator('#registration-registrationNo').fill('۴۵۶۷۸');
      await page.locator('#registration-registeredOn').fill('۱۴۰۵/۰۹/۰۱');
      await page.getByTestId('registration-submit').click();
      const banner = page.getByTestId('success-banner');
      await banner.waitFor();
      await settle(page);
      expect(plain(await textOf(banner))).toContain(
        `تعاونی با شناسهٔ ملی ${persian(newLegalId)} ثبت و فعال شد`,
      );
      expect(await page.getByTestId('registration').count()).toBe(0);
      expect(plain(await textOf(page.getByTestId('case-summary')))).toContain(persian(newLegalId));
      expect(await page.getByTestId('history-event').last().getAttribute('data-action')).toBe('registered');
      await photograph(page, 'inbox-registered', 'phone');
      // The cooperative is on the public register, active, with that legal ID.
      const registered = await page.request.get(`${baseUrl}/api/v1/cooperatives/${newLegalId}`);
      expect(registered.status()).toBe(200);
      expect(((await registered.json()) as { status: { code: string } }).status.code).toBe('active');
      expect(errors, 'errors in the console (province)').toEqual([]);
    },
  );

  it('a national officer filters the inbox by province and county', LONG, async () => {
    const { page, errors } = await freshPage('desktop');
    await signIn(page, demo('Ministry officer — national'));
    const coop = (await expectOk(
      await api(page, 'GET', `/cooperatives/${legalId()}`),
      'the demo cooperative',
    )) as {
      province: { code: string; name: { fa: string } };
      county: { code: string; name: { fa: string } };
    };
    await open(page, '/inbox?status=final');
    expect(await textOf(page.getByTestId('region'))).toBe('حوزهٔ شما: سراسر کشور');
    expect(await page.locator('#field-county').isDisabled()).toBe(true);
    await page.locator('#field-province').selectOption(coop.province.code);
    await page.locator('#field-county').selectOption(coop.county.code);
    await page.getByRole('button', { name: 'اعمال پالایش' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('county')).toBe(coop.county.code);
    expect(new URL(page.url()).searchParams.get('province')).toBe(coop.province.code);
    await settle(page);
    const rows = page.getByTestId('inbox-row');
    await rows.first().waitFor();
    // The requests decided in that county (the demo's, and those decided above).
    expect(await rows.count()).toBeGreaterThan(0);
    await expect
      .poll(async () => (await rows.allInnerTexts()).filter((text) => !text.includes(coop.county.name.fa)))
      .toEqual([]);
    await photograph(page, 'inbox-national', 'desktop');
    // Another province: none of them.
    await page.locator('#field-province').selectOption({ index: 1 });
    const other = await page.locator('#field-province').inputValue();
    if (other !== coop.province.code) {
      await page.getByRole('button', { name: 'اعمال پالایش' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('province')).toBe(other);
      await settle(page);
      await expect
        .poll(async () => (await rows.allInnerTexts()).filter((text) => text.includes(coop.county.name.fa)))
        .toEqual([]);
      if ((await rows.count()) === 0) {
        expect(await textOf(page.getByTestId('inbox-empty'))).toContain('درخواستی با این پالایش‌ها نیست.');
        await photograph(page, 'inbox-empty', 'desktop');
      }
    }
    // In English (the switch): the same inbox, left to right.
    await open(page, '/inbox?status=final');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('ltr');
    await expect.poll(() => heading(page)).toBe('Requests inbox');
    expect(await textOf(page.getByTestId('region'))).toBe('Your region: the whole country');
    await expect.poll(() => textOf(page.getByTestId('inbox-count'))).toMatch(/^\d+ requests?$/);
    await photograph(page, 'inbox-en', 'desktop');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(errors, 'errors in the console').toEqual([]);
  });

  it(
    'open data shows the single window’s statistics per service, in Persian digits and percent',
    LONG,
    async () => {
      for (const viewport of ['phone', 'desktop'] as const) {
        const { page, errors } = await freshPage(viewport);
        await open(page, '/open-data');
        const section = page.getByTestId('service-statistics');
        await section.waitFor();
        expect(await textOf(section.locator('h2'))).toBe('آمار خدمات پنجرهٔ واحد');
        const rows = section.getByTestId('statistics-row');
        expect(await rows.count()).toBe(12);
        // The complaints answered above, within their deadline.
        const complaints = section.locator(
          '[data-testid="statistics-row"][data-service="complaint_ministry"]',
        );
        expect(await textOf(complaints)).toContain('شکایت به ادارهٔ تعاون');
        expect(await textOf(complaints.getByTestId('in-time'))).toBe('۱۰۰٪');
        const text = await textOf(section);
        expect(text, 'no Latin digits').not.toMatch(/[0-9]/);
        await photograph(page, 'open-data-statistics', viewport);
        await screenshotOf(section, `open-data-statistics-section-${viewport}`);
        expect(errors, `errors in the console (${viewport})`).toEqual([]);
      }
    },
  );
});

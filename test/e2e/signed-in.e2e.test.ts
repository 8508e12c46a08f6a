import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DemoAccount } from '../../src/accounts/index.ts';
import { fromJalali, toPersianDigits } from '../../src/calendar/index.ts';
import type { CooperativeProfile, SearchResult } from '../../web/src/api/types.ts';
import {
  arrived,
  collectErrors,
  expectAccessible,
  expectPersianDigitsOnly,
  heading,
  inPage,
  launchBrowser,
  mainText,
  newContext,
  open,
  photograph,
  settle,
  textOf,
  VIEWPORTS,
  type ViewportName,
} from './browser.ts';
import { demoAccount } from './demo-sign-in.ts';

const baseUrl = inject('baseUrl');
const skip = inject('e2eSkip');
const demoAccounts = inject('demoAccounts');
const databaseFile = inject('databaseFile');

const VIEWPORT_NAMES = Object.keys(VIEWPORTS) as ViewportName[];
const LONG = { timeout: 240_000 };

const demo = (roleEn: string): DemoAccount => demoAccount(demoAccounts, roleEn);

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** The demo outbox (demo mode only): the newest message to an address, and the code in it. */
async function newestMessageTo(to: string): Promise<{ id: number; body: { en: string } } | undefined> {
  const { items } = await api<{ items: { id: number; body: { en: string } }[] }>(
    `/demo/outbox?to=${encodeURIComponent(to)}&limit=1`,
  );
  return items[0];
}

/** Does something that sends a code to `to`, then reads that code from the demo outbox. */
async function codeSentTo(to: string, action: () => Promise<void>): Promise<string> {
  const before = (await newestMessageTo(to))?.id ?? 0;
  await action();
  let code = '';
  await expect
    .poll(async () => {
      const message = await newestMessageTo(to);
      code = message && message.id > before ? (/(\d{6})/.exec(message.body.en)?.[1] ?? '') : '';
      return code;
    })
    .toMatch(/^\d{6}$/);
  return code;
}

describe.skipIf(skip !== '')('signed-in pages in Chromium', () => {
  let browser: Browser;
  let db: Database.Database;
  const contexts: BrowserContext[] = [];

  /** A fresh browser profile (its own cookies) at a viewport, and a page in it. */
  async function freshPage(viewport: ViewportName): Promise<{ page: Page; errors: string[] }> {
    const context = await newContext(browser, baseUrl, viewport);
    contexts.push(context);
    const page = await context.newPage();
    return { page, errors: collectErrors(page) };
  }

  const mobileOfAccount = (nationalCode: string): string =>
    (
      db
        .prepare(
          'select a.mobile from accounts a join persons p on p.id = a.person_id where p.national_code = ?',
        )
        .get(nationalCode) as { mobile: string }
    ).mobile;

  /** Signs in through the pages: national code and password, then the code from the outbox. */
  async function signIn(page: Page, account: DemoAccount, password = account.password): Promise<void> {
    await open(page, '/sign-in');
    await page.locator('#field-nationalCode').fill(account.nationalCode);
    await page.locator('#field-password').fill(password);
    const code = await codeSentTo(mobileOfAccount(account.nationalCode), async () => {
      await page.getByRole('button', { name: 'ادامه' }).click();
      await arrived(page, '/sign-in/code');
    });
    await page.locator('#field-code').fill(code);
    await page.getByRole('button', { name: 'ورود', exact: true }).click();
    await arrived(page, /^\/(me|supervision)$/);
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
    'activation: a person on the register without an account activates it with the SMS code from the outbox',
    LONG,
    async () => {
      // Members with a mobile on the register and no account yet: one for each viewport.
      const people = db
        .prepare(
          `select p.national_code as nationalCode, p.mobile, p.first_name as firstName
             from persons p join memberships m on m.person_id = p.id
            where p.mobile is not null and m.left_on is null
              and not exists (select 1 from accounts a where a.person_id = p.id)
            order by p.id limit 2`,
        )
        .all() as { nationalCode: string; mobile: string; firstName: string }[];
      expect(people).toHaveLength(2);

      for (const [i, viewport] of VIEWPORT_NAMES.entries()) {
        const person = people[i];
        if (!person) throw new Error('no person to activate');
        const { page, errors } = await freshPage(viewport);
        await open(page, '/sign-in');
        await page.getByRole('link', { name: 'فعال‌سازی حساب' }).click();
        await arrived(page, '/activate');
        expect(await heading(page)).toBe('فعال‌سازی حساب');
        await photograph(page, 'activate', viewport);

        // Typed in Persian digits, as a Persian keyboard types them.
        await page.locator('#field-nationalCode').fill(toPersianDigits(person.nationalCode));
        const code = await codeSentTo(person.mobile, async () => {
          await page.getByRole('button', { name: 'ادامه' }).click();
          await arrived(page, '/activate/code');
        });
        expect(await heading(page)).toBe('کد پیامک‌شده را وارد کنید');
        expect(await textOf(page.getByTestId('code-sent'))).toContain('۱۲:۱۰');
        await photograph(page, 'activate-code', viewport);

        await page.locator('#field-code').fill(toPersianDigits(code));
        await page.getByRole('button', { name: 'ادامه' }).click();
        await arrived(page, '/activate/password');
        expect(await heading(page)).toBe('برای حسابتان گذرواژه‌ای برگزینید');

        // A common password: the server refuses it, and says so in the error summary.
        await page.locator('#field-password').fill('password123');
        await page.getByRole('button', { name: 'فعال‌سازی حساب' }).click();
        const summary = page.getByTestId('error-summary');
        await summary.waitFor();
        expect(await textOf(summary)).toContain('مشکلی وجود دارد');
        expect(await textOf(summary)).toContain('بسیار رایج');
        expect(await page.title()).toMatch(/^خطا: /);
        expect(await summary.getByRole('link').getAttribute('href')).toBe('#field-password');
        await photograph(page, 'activate-password-error', viewport);

        await page.locator('#field-password').fill('Kooh-Damavand-5610');
        await page.getByRole('button', { name: 'فعال‌سازی حساب' }).click();
        await arrived(page, '/me');
        expect(await textOf(page.getByTestId('success-banner'))).toContain('حساب شما فعال شد');
        expect(await textOf(page.getByTestId('signed-in-as'))).toContain(person.firstName);
        expect(await page.getByTestId('my-cooperative').count()).toBeGreaterThan(0);
        expect(errors, `errors in the console (${viewport})`).toEqual([]);
      }
    },
  );

  it(
    'sign-in: the demo member signs in with the SMS code and sees their cooperative; sign-out',
    LONG,
    async () => {
      const member = demo('Member');
      const coop = member.cooperative;
      if (!coop) throw new Error('the demo member has no cooperative');
      const membership = db
        .prepare(
          `select m.member_no as memberNo, m.shares from memberships m
           join persons p on p.id = m.person_id join cooperatives c on c.id = m.cooperative_id
          where p.national_code = ? and c.legal_id = ?`,
        )
        .get(member.nationalCode, coop.key) as { memberNo: string; shares: number };

      for (const viewport of VIEWPORT_NAMES) {
        const { page, errors } = await freshPage(viewport);
        // A signed-in page sends whoever is not signed in to the sign-in page, and back after.
        await open(page, '/me');
        await arrived(page, '/sign-in');
        expect(new URL(page.url()).searchParams.get('next')).toBe('/me');
        expect(await heading(page)).toBe('ورود به تعاون');
        await photograph(page, 'sign-in', viewport);

        // A wrong password: the error summary, the national code kept, the password not.
        await page.locator('#field-nationalCode').fill(member.nationalCode);
        await page.locator('#field-password').fill('not-the-password');
        await page.getByRole('button', { name: 'ادامه' }).click();
        const summary = page.getByTestId('error-summary');
        await summary.waitFor();
        expect(await textOf(summary)).toContain('کد ملی یا گذرواژه درست نیست');
        await expect
          .poll(() => inPage(page, `document.activeElement && document.activeElement.dataset.testid`))
          .toBe('error-summary');
        expect(await page.locator('#field-nationalCode').inputValue()).toBe(member.nationalCode);
        expect(await page.locator('#field-password').inputValue()).toBe('');
        await photograph(page, 'sign-in-error', viewport);

        await page.locator('#field-password').fill(member.password);
        const mobile = mobileOfAccount(member.nationalCode);
        const code = await codeSentTo(mobile, async () => {
          await page.getByRole('button', { name: 'ادامه' }).click();
          await arrived(page, '/sign-in/code');
        });
        // The masked mobile, in Persian digits, left to right: ۰۹۱۲•••۴۵۶۷.
        const sent = await textOf(page.getByTestId('code-sent'));
        expect(sent).toContain(
          `${toPersianDigits(mobile.slice(0, 4))}•••${toPersianDigits(mobile.slice(-4))}`,
        );
        await expectPersianDigitsOnly(page, `sign-in code (${viewport})`);
        await photograph(page, 'sign-in-code', viewport);

        await page.locator('#field-code').fill('000000');
        await page.getByRole('button', { name: 'ورود', exact: true }).click();
        await page.getByTestId('error-summary').waitFor();
        expect(await textOf(page.getByTestId('error-summary'))).toContain('کد تأیید درست نیست');
        await page.locator('#field-code').fill(code);
        await page.getByRole('button', { name: 'ورود', exact: true }).click();
        await arrived(page, '/me');

        // «تعاونی‌های من»: their cooperative, membership number and shares in Persian digits.
        expect(await heading(page)).toBe('تعاونی‌های من');
        const card = page.getByTestId('my-cooperative').filter({ hasText: coop.name });
        await card.getByTestId('my-cooperative-health').waitFor();
        const text = await textOf(card);
        expect(text).toContain(toPersianDigits(membership.memberNo));
        expect(text).toContain(`${toPersianDigits(membership.shares)} سهم`);
        expect(await card.getByTestId('record-links').count()).toBe(0);
        expect(await textOf(page.getByTestId('signed-in-as'))).toContain(member.name.split(' ')[0] ?? '');
        await expectPersianDigitsOnly(page, `my cooperatives (${viewport})`);
        await photograph(page, 'my-cooperatives', viewport);

        // «خروج»: the session ends on the server; signed-in pages ask for a sign-in again.
        await page.getByTestId('sign-out').click();
        await arrived(page, '/signed-out');
        expect(await heading(page)).toBe('از حساب خود خارج شدید');
        expect(await page.getByTestId('sign-in-link').count()).toBe(1);
        await photograph(page, 'signed-out', viewport);
        const me = await inPage<number>(page, `fetch('/api/v1/me').then((r) => r.status)`);
        expect(me).toBe(401);
        await open(page, '/me');
        await arrived(page, '/sign-in');
        expect(errors, `errors in the console (${viewport})`).toEqual([]);
      }
    },
  );

  it(
    'the managing director records a filing; a bad date shows the error summary with the input kept',
    LONG,
    async () => {
      const director = demo('Managing director');
      const coop = director.cooperative;
      if (!coop) throw new Error('the demo director has no cooperative');
      // A day of Aban 1405 for each viewport (today is 7 Azar 1405), typed in Persian digits.
      const days = { phone: 15, desktop: 20 };

      for (const viewport of VIEWPORT_NAMES) {
        const { page, errors } = await freshPage(viewport);
        await signIn(page, director);
        expect(new URL(page.url()).pathname).toBe('/me');
        // Record links only where the person's office allows it (not where they are an alternate).
        const card = page.getByTestId('my-cooperative').filter({ hasText: coop.name });
        const links = card.getByTestId('record-links').getByRole('link');
        expect(await links.count()).toBe(3);
        expect(await page.getByTestId('record-links').count()).toBe(1);
        await card.getByTestId('my-cooperative-health').waitFor();
        expect(await textOf(card.getByTestId('my-offices'))).toContain('مدیرعامل');
        await photograph(page, 'my-cooperatives-director', viewport);

        await card.getByRole('link', { name: /^ثبت گزارش/ }).click();
        await arrived(page, `/cooperatives/${coop.key}/record/filing`);
        expect(await heading(page)).toBe('ثبت گزارش');
        await photograph(page, 'record-filing', viewport);

        // 13th month, 40th day: the server refuses it; the answers stay as typed.
        await page.getByLabel('صورت‌های مالی سالانه').check();
        await page.locator('#field-fiscalYear').fill('۱۴۰۴');
        await page.locator('#field-filedOn').fill('۱۴۰۵/۱۳/۴۰');
        await page.getByRole('button', { name: 'ثبت گزارش' }).click();
        const summary = page.getByTestId('error-summary');
        await summary.waitFor();
        expect(await textOf(summary)).toContain('مشکلی وجود دارد');
        expect(await textOf(summary)).toContain('چنین تاریخی وجود ندارد');
        expect(await summary.getByRole('link').getAttribute('href')).toBe('#field-filedOn');
        expect(await page.title()).toMatch(/^خطا: /);
        expect(await page.locator('#field-filedOn').inputValue()).toBe('۱۴۰۵/۱۳/۴۰');
        expect(await page.locator('#field-fiscalYear').inputValue()).toBe('۱۴۰۴');
        expect(await page.getByLabel('صورت‌های مالی سالانه').isChecked()).toBe(true);
        expect(await textOf(page.locator('#field-filedOn-error'))).toBe('چنین تاریخی وجود ندارد');
        await summary.getByRole('link').click();
        await expect
          .poll(() => inPage(page, 'document.activeElement && document.activeElement.id'))
          .toBe('field-filedOn');
        await photograph(page, 'record-filing-error', viewport);

        const typed = toPersianDigits(`1405/08/${days[viewport]}`);
        await page.locator('#field-filedOn').fill(typed);
        await page.getByRole('button', { name: 'ثبت گزارش' }).click();
        await page.getByTestId('confirmation').waitFor();
        expect(await textOf(page.getByTestId('confirmation'))).toContain('گزارش ثبت شد');
        expect(await mainText(page)).toContain(`${toPersianDigits(days[viewport])} آبان ۱۴۰۵`);
        await photograph(page, 'record-filing-done', viewport);

        // It is in the public record, on the Gregorian day the Jalali one names.
        const profile = await api<CooperativeProfile>(`/cooperatives/${coop.key}`);
        const iso = fromJalali(1405, 8, days[viewport]);
        expect(profile.filingHistory.some((f) => f.type.code === 'annual_statements' && f.date === iso)).toBe(
          true,
        );

        // The other two forms: what they ask, and an empty officer form refused field by field.
        await open(page, `/cooperatives/${coop.key}/record/assembly`);
        expect(await heading(page)).toBe('ثبت مجمع عمومی');
        await photograph(page, 'record-assembly', viewport);
        await open(page, `/cooperatives/${coop.key}/record/officer`);
        expect(await heading(page)).toBe('ثبت انتصاب');
        await photograph(page, 'record-officer', viewport);
        await page.getByRole('button', { name: 'ثبت انتصاب' }).click();
        await page.getByTestId('error-summary').waitFor();
        const hrefs = await page
          .getByTestId('error-summary')
          .getByRole('link')
          .evaluateAll(
            // biome-ignore lint/suspicious/noExplicitAny: runs in the page, typed without the DOM library
            (links: any[]) => links.map((a) => a.getAttribute('href')),
          );
        expect(hrefs).toEqual(
          expect.arrayContaining(['#field-person-nationalCode', '#field-role', '#field-termStart']),
        );
        expect(await textOf(page.getByTestId('error-summary'))).toContain('سمت را برگزینید');
        await photograph(page, 'record-officer-error', viewport);
        expect(errors, `errors in the console (${viewport})`).toEqual([]);
      }
    },
  );

  it(
    "a managing director opening another cooperative's form is refused, by the page and the server",
    LONG,
    async () => {
      const director = demo('Managing director');
      const { items } = await api<SearchResult>('/cooperatives?pageSize=5&status=active');
      const other = items.find((c) => c.legalId && c.legalId !== director.cooperative?.key);
      if (!other?.legalId) throw new Error('no other cooperative');

      for (const viewport of VIEWPORT_NAMES) {
        const { page } = await freshPage(viewport);
        await signIn(page, director);
        await open(page, `/cooperatives/${other.legalId}/record/filing`);
        expect(await heading(page)).toBe('اجازهٔ این کار را ندارید');
        expect(await mainText(page)).toContain(other.name);
        expect(await page.getByTestId('record-form').count()).toBe(0);
        await photograph(page, 'denied', viewport);
        // The page only shows what the server enforces: the same filing, posted, is refused.
        const status = await inPage<number>(
          page,
          `fetch('/api/v1/cooperatives/${other.legalId}/filings', {
           method: 'POST',
           headers: { 'content-type': 'application/json' },
           body: JSON.stringify({ kind: 'other', filedOn: '۱۴۰۵/۰۸/۰۱' }),
         }).then((r) => r.status)`,
        );
        expect(status).toBe(403);
      }
    },
  );

  it(
    'the province officer sees only the cooperatives of their province; other provinces are refused',
    LONG,
    async () => {
      const officer = demo('Ministry officer — province');
      const staff = db
        .prepare(
          `select s.province_id as provinceId, pr.code from staff_roles s
           join persons p on p.id = s.person_id join provinces pr on pr.id = s.province_id
          where p.national_code = ?`,
        )
        .get(officer.nationalCode) as { provinceId: number; code: string };
      const inProvince = (
        db.prepare('select count(*) as n from cooperatives where province_id = ?').get(staff.provinceId) as {
          n: number;
        }
      ).n;
      const elsewhere = db
        .prepare(
          `select c.legal_id as legalId, pr.code from cooperatives c join provinces pr on pr.id = c.province_id
          where c.province_id <> ? and c.legal_id is not null order by c.id limit 1`,
        )
        .get(staff.provinceId) as { legalId: string; code: string };

      for (const viewport of VIEWPORT_NAMES) {
        const { page, errors } = await freshPage(viewport);
        await signIn(page, officer);
        expect(new URL(page.url()).pathname).toBe('/supervision');
        await page.getByTestId('supervision-count').waitFor();
        expect(await textOf(page.getByTestId('region'))).toContain('سیستان و بلوچستان');
        expect(await textOf(page.getByTestId('supervision-count'))).toBe(
          `${toPersianDigits(inProvince)} تعاونی`,
        );
        const provinces = await page.getByTestId('supervision-row').evaluateAll(
          // biome-ignore lint/suspicious/noExplicitAny: runs in the page
          (rows: any[]) => rows.map((r) => r.dataset.province),
        );
        expect(provinces.length).toBeGreaterThan(0);
        expect(new Set(provinces)).toEqual(new Set([staff.code]));
        await expectPersianDigitsOnly(page, `supervision (${viewport})`);
        await photograph(page, 'supervision', viewport);

        // Only those with overdue obligations, by name.
        if (viewport === 'phone') await page.getByRole('button', { name: 'پالایش نتایج' }).click();
        await page.getByLabel('فقط تعاونی‌هایی که تکلیف عقب‌افتاده دارند').check();
        await page.locator('#field-sort').selectOption('name');
        await page.getByRole('button', { name: 'اعمال پالایش' }).click();
        await expect.poll(() => new URL(page.url()).searchParams.get('overdueOnly')).toBe('true');
        await settle(page);
        await page.getByTestId('supervision-count').waitFor();
        // (Polled: the previous list stays on screen until the filtered one arrives.)
        const overdue = () =>
          page.getByTestId('supervision-row').getByTestId('overdue-count').allInnerTexts();
        await expect.poll(async () => (await overdue()).every((n) => n !== '۰')).toBe(true);
        expect((await overdue()).length).toBeGreaterThan(0);

        // Another province's list, and a cooperative there: the server refuses both.
        await open(page, `/supervision?province=${elsewhere.code}`);
        expect(await heading(page)).toBe('اجازهٔ این کار را ندارید');
        await photograph(page, 'supervision-denied', viewport);
        await open(page, `/cooperatives/${elsewhere.legalId}/record/filing`);
        // The page cannot tell a province from its code, so it asks the server by submitting.
        await page.getByLabel('سایر').check();
        await page.locator('#field-filedOn').fill('۱۴۰۵/۰۸/۰۱');
        await page.getByRole('button', { name: 'ثبت گزارش' }).click();
        await page.getByTestId('denied').waitFor();
        expect(await heading(page)).toBe('اجازهٔ این کار را ندارید');
        expect(errors, `errors in the console (${viewport})`).toEqual([]);
      }
    },
  );

  it('a national officer chooses a province first', LONG, async () => {
    const officer = demo('Ministry officer — national');
    for (const viewport of VIEWPORT_NAMES) {
      const { page } = await freshPage(viewport);
      await signIn(page, officer);
      await page.getByTestId('province-form').waitFor();
      await photograph(page, 'supervision-national', viewport);
      await page.locator('#field-province').selectOption({ label: 'گیلان' });
      await page.getByRole('button', { name: 'نمایش تعاونی‌ها' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.has('province')).toBe(true);
      await settle(page);
      await page.getByTestId('supervision-count').waitFor();
      expect(await textOf(page.getByTestId('region'))).toContain('گیلان');
      // The signed-in pages' messages load in English too, left to right.
      await page.getByTestId('language-switch').click();
      await expect.poll(() => heading(page)).toBe('Supervision of cooperatives');
      expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
      expect(await textOf(page.getByTestId('region'))).toContain('Gilan');
      await expectAccessible(page, `supervision in English (${viewport})`);
      await page.getByTestId('language-switch').click();
      await expect.poll(() => heading(page)).toBe('نظارت بر تعاونی‌ها');
    }
  });

  it(
    'account settings: password, e-mail with its code, notification preferences, sign out everywhere',
    LONG,
    async () => {
      const people = { phone: demo('Board member'), desktop: demo('Inspector') };
      for (const viewport of VIEWPORT_NAMES) {
        const person = people[viewport];
        const { page, errors } = await freshPage(viewport);
        await signIn(page, person);
        await open(page, '/account');
        expect(await heading(page)).toBe('حساب کاربری');
        await page.getByTestId('sessions').waitFor();
        expect(await textOf(page.getByTestId('sessions'))).toContain('همین دستگاه');
        await photograph(page, 'account', viewport);

        // A wrong current password: this section's error summary, linked to its field.
        await page.locator('#field-currentPassword').fill('not-my-password');
        await page.locator('#field-newPassword').fill('Kooh-Sabalan-4811');
        await page.getByRole('button', { name: 'تغییر گذرواژه' }).click();
        const passwordSection = page.getByTestId('account-password');
        await passwordSection.getByTestId('error-summary').waitFor();
        expect(await textOf(passwordSection.getByTestId('error-summary'))).toContain(
          'گذرواژهٔ فعلی درست نیست',
        );
        await photograph(page, 'account-password-error', viewport);

        // An e-mail address, verified with the code e-mailed to it.
        const email = `member.${viewport}@example.ir`;
        await page.locator('#field-email').fill(email);
        const code = await codeSentTo(email, () =>
          page.getByRole('button', { name: 'فرستادن کد تأیید' }).click(),
        );
        await page.getByTestId('email-verify-form').waitFor();
        expect(await textOf(page.getByTestId('emails'))).toContain('در انتظار تأیید');
        await page.locator('#field-emailCode').fill(toPersianDigits(code));
        await page.getByRole('button', { name: 'تأیید ایمیل' }).click();
        await expect.poll(() => textOf(page.getByTestId('emails'))).toContain('تأییدشده');

        // A preference switched off is stored on the server.
        const sms = page.locator('#preference-obligation\\.reminder-sms');
        expect(await sms.isChecked()).toBe(true);
        await sms.click();
        await expect.poll(() => textOf(page.getByTestId('account-notifications'))).toContain('ذخیره شد');
        const stored = await inPage<string>(
          page,
          `fetch('/api/v1/me/notification-preferences').then((r) => r.json()).then((b) => JSON.stringify(b.items))`,
        );
        expect(JSON.parse(stored)).toContainEqual({
          kind: 'obligation.reminder',
          channel: 'sms',
          enabled: false,
        });

        // The password changes; then «خروج از همهٔ دستگاه‌ها» ends every session.
        await page.locator('#field-currentPassword').fill(person.password);
        await page.locator('#field-newPassword').fill('Kooh-Sabalan-4811');
        await page.getByRole('button', { name: 'تغییر گذرواژه' }).click();
        await passwordSection.getByTestId('success-banner').waitFor();
        await page.getByTestId('sign-out-everywhere').click();
        await arrived(page, '/signed-out');
        expect(await textOf(page.getByTestId('sessions-ended'))).toContain('۱');
        await open(page, '/account');
        await arrived(page, '/sign-in');
        expect(errors, `errors in the console (${viewport})`).toEqual([]);
      }
    },
  );

  it('recovery: a new password through the code sent to the verified mobile', LONG, async () => {
    const admin = demo('Administrator');
    const passwords = { phone: 'Kooh-Alvand-3580', desktop: 'Kooh-Dena-4409' };
    for (const viewport of VIEWPORT_NAMES) {
      const { page, errors } = await freshPage(viewport);
      // The code page without a code sent first goes back to the start.
      await open(page, '/recover/code');
      await arrived(page, '/recover');
      await open(page, '/sign-in');
      await page.getByRole('link', { name: 'بازیابی گذرواژه' }).click();
      await arrived(page, '/recover');
      expect(await heading(page)).toBe('بازیابی گذرواژه');
      await photograph(page, 'recover', viewport);

      // Nothing typed: the error names the field.
      await page.getByRole('button', { name: 'ادامه' }).click();
      await page.getByTestId('error-summary').waitFor();
      expect(await textOf(page.getByTestId('error-summary'))).toContain('کد ملی را وارد کنید');

      await page.locator('#field-nationalCode').fill(admin.nationalCode);
      const code = await codeSentTo(mobileOfAccount(admin.nationalCode), async () => {
        await page.getByRole('button', { name: 'ادامه' }).click();
        await arrived(page, '/recover/code');
      });
      await photograph(page, 'recover-code', viewport);

      // A wrong code is found out with the password, and shown back on the code page.
      await page.locator('#field-code').fill(code === '111111' ? '222222' : '111111');
      await page.getByRole('button', { name: 'ادامه' }).click();
      await arrived(page, '/recover/password');
      await photograph(page, 'recover-password', viewport);
      await page.locator('#field-password').fill(passwords[viewport]);
      await page.getByRole('button', { name: 'ذخیرهٔ گذرواژه' }).click();
      await arrived(page, '/recover/code');
      expect(await textOf(page.getByTestId('error-summary'))).toContain('کد تأیید درست نیست');

      await page.locator('#field-code').fill(code);
      await page.getByRole('button', { name: 'ادامه' }).click();
      await arrived(page, '/recover/password');
      await page.locator('#field-password').fill(passwords[viewport]);
      await page.getByRole('button', { name: 'ذخیرهٔ گذرواژه' }).click();
      await arrived(page, '/supervision');
      expect(await textOf(page.getByTestId('success-banner'))).toContain('گذرواژهٔ تازهٔ شما ذخیره شد');
      expect(errors, `errors in the console (${viewport})`).toEqual([]);
    }
  });
});

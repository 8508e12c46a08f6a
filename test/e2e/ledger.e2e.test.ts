import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DemoAccount } from '../../src/accounts/index.ts';
import { toPersianDigits } from '../../src/calendar/index.ts';
import {
  arrived,
  collectErrors,
  expectPersianDigitsOnly,
  heading,
  inPage,
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

const baseUrl = inject('baseUrl');
const skip = inject('e2eSkip');
const demoAccounts = inject('demoAccounts');
const databaseFile = inject('databaseFile');

const LONG = { timeout: 240_000 };

const demo = (roleEn: string): DemoAccount => demoAccount(demoAccounts, roleEn);

/** Persian (or Arabic) digits back to Latin: what the page shows, as a number. */
function latinDigits(text: string): string {
  return text.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/** One entry of the feed by its index. */
const entry = (page: Page, index: number): Locator =>
  page.locator(`[data-testid="ledger-entry"][data-index="${index}"]`);

describe.skipIf(skip !== '')('the transparency ledger in Chromium', () => {
  let browser: Browser;
  let db: Database.Database;
  const contexts: BrowserContext[] = [];
  const director = () => demo('Managing director');
  const member = () => demo('Member');
  const legalId = () => director().cooperative?.key ?? '';
  const feedPath = () => `/cooperatives/${legalId()}/ledger`;
  /** Set by the director's test: the entries the member then checks. */
  const recorded = { resolution: -1, payment: -1, number: '' };
  /** The director's and the member's pages, kept across the tests of this file. */
  const pages: Partial<Record<'director' | 'member', { page: Page; errors: string[] }>> = {};

  async function freshPage(viewport: ViewportName): Promise<{ page: Page; errors: string[] }> {
    const context = await newContext(browser, baseUrl, viewport);
    contexts.push(context);
    const page = await context.newPage();
    return { page, errors: collectErrors(page) };
  }

  const signIn = (page: Page, account: DemoAccount) => signInThroughPages(page, { baseUrl, db }, account);

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
    'a managing director records a resolution (votes, a declared conflict, a file hashed in the browser) and a payment it authorises',
    LONG,
    async () => {
      const key = legalId();
      expect(key).toMatch(/^\d{11}$/);
      // The forms on a phone: empty, then refused field by field.
      {
        const { page, errors } = await freshPage('phone');
        await signIn(page, director());
        await open(page, `/cooperatives/${key}/books/resolution`);
        expect(await heading(page)).toBe('ثبت مصوبه');
        await page.getByTestId('director-vote').first().waitFor();
        await photograph(page, 'ledger-resolution', 'phone');
        await page.locator('#field-motion').fill('خرید یک دستگاه فر');
        await page.getByRole('button', { name: 'ثبت مصوبه' }).click();
        await page.getByTestId('error-summary').waitFor();
        // Every refused field is named in the summary and beside the field: here, the votes.
        const summary = await textOf(page.getByTestId('error-summary'));
        expect(summary).toContain('شمارهٔ مصوبه را وارد کنید');
        expect(summary).toContain('رأی');
        const firstVote = page.getByTestId('director-vote').first();
        expect(await firstVote.locator('.Mui-error').count()).toBeGreaterThan(0);
        await photograph(page, 'ledger-resolution-error', 'phone');
        await open(page, `/cooperatives/${key}/books/payment`);
        expect(await heading(page)).toBe('ثبت پرداخت یا دریافت');
        await photograph(page, 'ledger-payment', 'phone');
        expect(errors, 'errors in the console (phone)').toEqual([]);
      }

      const { page, errors } = await freshPage('desktop');
      pages.director = { page, errors };
      await signIn(page, director());
      // «تعاونی‌های من» links to the ledger and the books.
      const links = page.getByRole('navigation', {
        name: `دفتر شفافیت ${director().cooperative?.name ?? ''}`,
      });
      await links.waitFor();
      await links.getByRole('link', { name: 'ثبت مصوبه' }).click();
      await arrived(page, `/cooperatives/${key}/books/resolution`);
      const votes = page.getByTestId('director-vote');
      await votes.first().waitFor();
      const directors = await votes.count();
      expect(directors).toBeGreaterThan(1);

      recorded.number = '1405/31';
      await page.locator('#field-number').fill(toPersianDigits(recorded.number));
      await page.locator('#field-meetingOn').fill('۱۴۰۵/۰۸/۲۵');
      await page.locator('#field-motion').fill('خرید یک دستگاه فر صنعتی برای خط نان');
      // The first director declares a conflict and abstains; the others vote for.
      for (let i = 0; i < directors; i++) {
        const vote = votes.nth(i);
        if (i === 0) {
          await vote.getByLabel('ممتنع').check();
          await vote.getByLabel('تعارض منافع دارد').check();
          await vote.getByLabel(/توضیح تعارض منافع/).fill('برادرش فروشندهٔ دستگاه است');
        } else {
          await vote.getByLabel('موافق').check();
        }
      }
      // An attachment is hashed in the browser: only its name, size and SHA-256 are sent.
      const minutes = Buffer.from('صورتجلسهٔ هیئت‌مدیره — خرید دستگاه فر\n', 'utf8');
      await page
        .locator('#field-attachments')
        .setInputFiles({ name: 'minutes-1405-08-25.txt', mimeType: 'text/plain', buffer: minutes });
      const hash = page.getByTestId('attachments').locator('code').first();
      await hash.waitFor();
      expect(await hash.getAttribute('data-value')).toBe(createHash('sha256').update(minutes).digest('hex'));
      await photograph(page, 'ledger-resolution-filled', 'desktop');
      await page.getByRole('button', { name: 'ثبت مصوبه' }).click();
      await page.getByTestId('confirmation').waitFor();
      expect(await textOf(page.getByTestId('confirmation'))).toContain('مصوبه ثبت شد');
      await expect
        .poll(() => textOf(page.getByTestId('receipt-verified')))
        .toBe('امضای رسید در مرورگر شما تأیید شد');
      recorded.resolution = Number(latinDigits(await textOf(page.getByTestId('receipt-index'))));
      expect(recorded.resolution).toBeGreaterThan(0);
      await photograph(page, 'ledger-resolution-done', 'desktop');

      // A payment above the resolution threshold, authorised by that resolution, to a person.
      await open(page, `/cooperatives/${key}/books/payment`);
      await page.getByRole('button', { name: 'ثبت پرداخت' }).click();
      await page.getByTestId('error-summary').waitFor();
      expect(await textOf(page.getByTestId('error-summary'))).toContain('پرداخت یا دریافت را برگزینید');
      await photograph(page, 'ledger-payment-error', 'desktop');
      await page.locator('#field-direction').check();
      await page.locator('#field-party-kind').check();
      await page.locator('#field-party-name').fill('علی محمدی');
      await page.locator('#field-party-nationalCode').fill(toPersianDigits('0084575948'));
      await page.locator('#field-amountRials').fill('۲٬۵۰۰٬۰۰۰٬۰۰۰');
      expect(await textOf(page.locator('#field-amountRials-hint'))).toContain('تومان');
      await page.locator('#field-paidOn').fill('۱۴۰۵/۰۹/۰۱');
      await page.locator('#field-category').selectOption('equipment');
      await page.locator('#field-iban').fill('IR820540102680020817909002');
      const option = page
        .locator('#field-resolutionId option')
        .filter({ hasText: toPersianDigits(recorded.number) });
      await page.locator('#field-resolutionId').selectOption((await option.getAttribute('value')) ?? '');
      await page.getByRole('button', { name: 'ثبت پرداخت' }).click();
      await page.getByTestId('confirmation').waitFor();
      expect(await textOf(page.getByTestId('confirmation'))).toContain('پرداخت ثبت شد');
      await expect
        .poll(() => textOf(page.getByTestId('receipt-verified')))
        .toBe('امضای رسید در مرورگر شما تأیید شد');
      recorded.payment = Number(latinDigits(await textOf(page.getByTestId('receipt-index'))));
      expect(recorded.payment).toBeGreaterThan(recorded.resolution);
      await photograph(page, 'ledger-payment-done', 'desktop');
      expect(errors, 'errors in the console (desktop)').toEqual([]);
    },
  );

  it(
    'a member of that cooperative sees both entries verified in their browser, filters the feed and keeps a checkpoint',
    LONG,
    async () => {
      expect(recorded.payment).toBeGreaterThan(0);
      for (const viewport of ['phone', 'desktop'] as const) {
        const { page, errors } = await freshPage(viewport);
        await signIn(page, member());
        await open(page, feedPath());
        expect(await heading(page)).toBe('دفتر شفافیت');
        await expect
          .poll(() => page.getByTestId('checkpoint-status').getAttribute('data-state'))
          .toBe('verified');
        await entry(page, recorded.payment).waitFor();
        for (const index of [recorded.resolution, recorded.payment]) {
          expect(await entry(page, index).getAttribute('data-state'), `entry ${index}`).toBe('verified');
          expect(await textOf(entry(page, index).getByTestId('entry-status'))).toBe('تأیید شد در مرورگر شما');
        }
        expect(await page.locator('[data-testid="ledger-entry"][data-state="failed"]').count()).toBe(0);
        expect(await textOf(page.getByTestId('feed-summary'))).toContain('در مرورگر شما تأیید شد');
        // The payment in Persian: payee, category, the resolution that authorised it, approvals.
        const payment = await textOf(entry(page, recorded.payment));
        expect(payment).toContain('علی محمدی');
        expect(payment).toContain('تجهیزات');
        expect(payment).toContain(`مصوبهٔ شمارهٔ ${toPersianDigits(recorded.number)}`);
        expect(payment).toContain('در انتظار تأیید');
        expect(payment).toContain('محرمانه');
        expect(payment).not.toContain('0084575948');
        // The resolution: each director's vote and the declared conflict.
        const resolution = await textOf(entry(page, recorded.resolution));
        expect(resolution).toContain('تصویب شد');
        expect(resolution).toContain('تعارض منافع اعلام کرد: برادرش فروشندهٔ دستگاه است');
        expect(resolution).toContain('minutes-1405-08-25.txt');
        await photograph(page, 'ledger-feed', viewport);
        const fold = entry(page, recorded.resolution);
        await screenshotOf(fold, `ledger-entry-resolution-${viewport}`);
        await screenshotOf(entry(page, recorded.payment), `ledger-entry-payment-${viewport}`);

        if (viewport === 'desktop') {
          // Only payments, and only above an amount.
          await page.locator('#kind-payment_recorded').check();
          await page.locator('#field-minAmount').fill('۱٬۰۰۰٬۰۰۰٬۰۰۰');
          await page.getByRole('button', { name: 'اعمال پالایش' }).click();
          await expect.poll(() => new URL(page.url()).searchParams.get('kind')).toBe('payment.recorded');
          expect(new URL(page.url()).searchParams.get('minAmount')).toBe('1000000000');
          await settle(page);
          await expect
            .poll(() =>
              page.getByTestId('ledger-entry').evaluateAll(
                // biome-ignore lint/suspicious/noExplicitAny: runs in the page
                (items: any[]) => [...new Set(items.map((i) => i.dataset.kind))],
              ),
            )
            .toEqual(['payment.recorded']);
          await open(page, feedPath());
          // Keep this checkpoint; the managers record more; the log only grew since.
          await page.getByTestId('keep-checkpoint').click();
          await expect.poll(() => textOf(page.getByTestId('growth-result'))).toContain('نگه داشته شد');
          expect(await textOf(page.getByTestId('kept-checkpoint'))).toContain('نقطهٔ بازرسی نگه‌داشته');
          pages.member = { page, errors };
        }
        expect(errors, `errors in the console (${viewport})`).toEqual([]);
      }
    },
  );

  it('a board member approves the payment; the member checks that the log only grew', LONG, async () => {
    const board = demo('Board member');
    const { page, errors } = await freshPage('desktop');
    await signIn(page, board);
    await open(page, `/cooperatives/${legalId()}/books/approvals`);
    expect(await heading(page)).toBe('پرداخت‌های در انتظار تأیید');
    const card = page.getByTestId('pending-payment').filter({ hasText: 'علی محمدی' });
    await card.waitFor();
    await photograph(page, 'ledger-approvals', 'desktop');
    await card.getByTestId('approve').click();
    await card.getByTestId('receipt').waitFor();
    await expect
      .poll(() => textOf(card.getByTestId('receipt-verified')))
      .toBe('امضای رسید در مرورگر شما تأیید شد');
    expect(errors).toEqual([]);

    const kept = pages.member;
    if (!kept) throw new Error('the member kept no checkpoint');
    await open(kept.page, feedPath());
    await kept.page.getByTestId('check-growth').click();
    await expect.poll(() => textOf(kept.page.getByTestId('growth-result'))).toContain('دست نخورده‌اند');
    expect(await textOf(kept.page.getByTestId('growth-result'))).toContain('تأیید شد در مرورگر شما');
    expect(await textOf(entry(kept.page, recorded.payment))).toContain('۱ از ۲ تأیید');
    await screenshotOf(kept.page.getByTestId('keep-and-grow'), 'ledger-grew-desktop');
    expect(kept.errors).toEqual([]);
  });

  it(
    "the county's ministry officer opens the payment's identifiers (checked against their commitments) and co-signs the checkpoint",
    LONG,
    async () => {
      const officer = demo('Ministry officer — county');
      const { page, errors } = await freshPage('desktop');
      await signIn(page, officer);
      await open(page, feedPath());
      const payment = entry(page, recorded.payment);
      await payment.waitFor();
      await payment.getByTestId('reveal-identifiers').click();
      await expect.poll(() => payment.getByTestId('identifier-revealed').count()).toBe(2);
      const shown = await textOf(payment);
      expect(shown).toContain(toPersianDigits('0084575948'));
      expect(shown).toContain('با تعهد ثبت‌شده می‌خواند');
      await page.getByTestId('cosign-button').click();
      await page.getByTestId('cosigned').waitFor();
      await expect.poll(() => textOf(page.getByTestId('witnesses'))).toContain('امضا در مرورگر شما تأیید شد');
      await photograph(page, 'ledger-feed-officer', 'desktop');
      expect(errors).toEqual([]);
    },
  );

  it(
    'the public profile shows the ledger card, its signature and witness verified in the browser',
    LONG,
    async () => {
      for (const viewport of ['phone', 'desktop'] as const) {
        const { page, errors } = await freshPage(viewport);
        await open(page, `/cooperatives/${legalId()}`);
        const card = page.getByTestId('ledger-card');
        await card.waitFor();
        await expect
          .poll(() => card.getByTestId('checkpoint-status').getAttribute('data-state'))
          .toBe('verified');
        expect(await textOf(card.getByTestId('witnesses'))).toContain('امضا در مرورگر شما تأیید شد');
        expect(await textOf(card.getByTestId('ledger-kinds'))).toContain('مصوبه');
        expect(await textOf(card.getByTestId('ledger-payments'))).toContain('تجهیزات');
        await expectPersianDigitsOnly(page, `profile with the ledger card (${viewport})`);
        await photograph(page, 'ledger-profile', viewport);
        await screenshotOf(card, `ledger-card-${viewport}`);
        // The signed note downloads as text.
        const note = await inPage<string>(
          page,
          `fetch('/api/v1/cooperatives/${legalId()}/ledger/checkpoint.txt').then((r) => r.text())`,
        );
        expect(note.split('\n\n')[0]).toMatch(/\/c\/\d+\n\d+\n[A-Za-z0-9+/=]{44}$/);
        expect(errors).toEqual([]);
      }
    },
  );

  it(
    "one changed byte in the payment's ledger row makes that entry fail in the member's browser",
    LONG,
    async () => {
      const row = db
        .prepare(
          `select e.cooperative_id as cooperativeId, e.body from ledger_entries e
           join cooperatives c on c.id = e.cooperative_id
          where c.legal_id = ? and e.idx = ?`,
        )
        .get(legalId(), recorded.payment) as { cooperativeId: number; body: string };
      expect(row.body).toContain('"amountRials":2500000000');
      // Another digit in the amount: one byte of the row, written behind the application's back.
      const tampered = row.body.replace('"amountRials":2500000000', '"amountRials":2500000009');
      expect(Buffer.byteLength(tampered)).toBe(Buffer.byteLength(row.body));
      const writer = new Database(databaseFile, { fileMustExist: true });
      try {
        writer
          .prepare('update ledger_entries set body = ? where cooperative_id = ? and idx = ?')
          .run(tampered, row.cooperativeId, recorded.payment);
      } finally {
        writer.close();
      }

      for (const viewport of ['phone', 'desktop'] as const) {
        const { page, errors } = await freshPage(viewport);
        await signIn(page, member());
        await open(page, feedPath());
        const payment = entry(page, recorded.payment);
        await payment.waitFor();
        await expect.poll(() => payment.getAttribute('data-state')).toBe('failed');
        expect(await textOf(payment.getByTestId('entry-status'))).toContain('ناموفق');
        expect(await textOf(payment.getByTestId('entry-problem'))).toContain(
          'متن این ردیف با چکیدهٔ ثبت‌شده‌اش نمی‌خواند',
        );
        // The other entries still verify; the summary says one did not.
        expect(await entry(page, recorded.resolution).getAttribute('data-state')).toBe('verified');
        expect(await page.locator('[data-testid="ledger-entry"][data-state="failed"]').count()).toBe(1);
        expect(await textOf(page.getByTestId('feed-summary'))).toBe('۱ ردیف در مرورگر شما تأیید نشد.');
        await payment.locator('summary').click();
        await photograph(page, 'ledger-feed-tampered', viewport);
        await screenshotOf(payment, `ledger-entry-tampered-${viewport}`);
        expect(errors).toEqual([]);
      }
    },
  );
});

import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DemoAccount } from '../../src/accounts/index.ts';
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

const baseUrl = inject('baseUrl');
const skip = inject('e2eSkip');
const demoAccounts = inject('demoAccounts');
const databaseFile = inject('databaseFile');

const LONG = { timeout: 240_000 };

const demo = (roleEn: string): DemoAccount => demoAccount(demoAccounts, roleEn);

/** Persian (or Arabic) digits back to Latin: what the page shows, as a number. */
function latinDigits(text: string): string {
  return text.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[٬,]/g, '');
}

/** One alert card by its id. */
const alertCard = (page: Page, id: string): Locator =>
  page.locator(`[data-testid="alert"][data-alert-id="${id}"]`);

/** One entry of the ledger feed by its index. */
const entry = (page: Page, index: number): Locator =>
  page.locator(`[data-testid="ledger-entry"][data-index="${index}"]`);

describe.skipIf(skip !== '')('smart monitoring in Chromium', () => {
  let browser: Browser;
  let db: Database.Database;
  const contexts: BrowserContext[] = [];
  const member = () => demo('Member');
  const legalId = () => demo('Managing director').cooperative?.key ?? '';
  const alertsPath = () => `/cooperatives/${legalId()}/alerts`;
  /** The alert the board answers and the inspector resolves, and the ledger entries of both steps. */
  const flow = { alertId: '', title: '', answered: -1, resolved: -1 };
  const ANSWER = 'مساعده با مصوبهٔ هیئت‌مدیره پرداخت شد و تا پایان ماه بازپرداخت می‌شود.';
  const REASON = 'بازپرداخت مساعده را در صورت‌حساب بانکی دیدم؛ موضوع رفع شده است.';

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
    "a member sees their cooperative's alerts explaining themselves in Persian, the risk score's parts, and links to the ledger entries behind them",
    LONG,
    async () => {
      expect(legalId()).toMatch(/^\d{11}$/);
      for (const viewport of ['phone', 'desktop'] as const) {
        const { page, errors } = await freshPage(viewport);
        await signIn(page, member());
        // «تعاونی‌های من» links to the alerts, with how many are open.
        // (Other browser tests may make the demo member a founder of another cooperative too.)
        const link = page.locator(`[data-testid="my-alerts-link"][href="${alertsPath()}"]`);
        await link.waitFor();
        await expect
          .poll(() => textOf(link.locator('xpath=following-sibling::*[@data-testid="my-alerts-summary"][1]')))
          .toContain('هشدار باز');
        await link.click();
        await arrived(page, alertsPath());
        expect(await heading(page)).toBe('هشدارها و امتیاز ریسک');
        expect(await textOf(page.getByTestId('not-verdict'))).toBe(
          'هر هشدار دلیلی برای بازکردن پرونده است، نه حکم.',
        );

        // The score, and each rule's part of it: alerts × weight = part.
        const score = Number(latinDigits(await textOf(page.getByTestId('risk-score'))));
        expect(score).toBeGreaterThan(0);
        const parts = page.getByTestId('risk-part');
        expect(await parts.count()).toBeGreaterThan(0);
        let sum = 0;
        for (const text of await parts.allInnerTexts()) {
          const line = /([۰-۹٬]+) هشدار × ([۰-۹٬]+) = ([۰-۹٬]+)/.exec(text);
          expect(line, `risk part "${text}"`).not.toBeNull();
          const [count, each, weight] = (line ?? []).slice(1).map((n) => Number(latinDigits(n)));
          expect((count ?? 0) * (each ?? 0)).toBe(weight);
          sum += weight ?? 0;
        }
        expect(sum).toBe(score);

        // Every open alert explains itself in Persian (Persian digits, Jalali dates), names its
        // basis, and links each step of its life to its ledger entry.
        const open = page.getByTestId('alerts-open').getByTestId('alert');
        const n = await open.count();
        expect(n).toBeGreaterThan(0);
        for (let i = 0; i < n; i++) {
          const card = open.nth(i);
          const explanation = await textOf(card.getByTestId('alert-explanation'));
          expect(explanation, 'explanation in Persian').toMatch(/[\u0600-\u06ff]{3,}/);
          expect(explanation, 'no Latin digits').not.toMatch(/[0-9]/);
          expect(await textOf(card.getByTestId('alert-basis'))).toMatch(/[\u0600-\u06ff]{3,}/);
          const opened = card.getByTestId('history-entry').first();
          expect(await opened.getAttribute('href')).toMatch(
            new RegExp(`^/cooperatives/${legalId()}/ledger\\?entry=\\d+#entry-\\d+$`),
          );
        }
        await expectPersianDigitsOnly(page, `alerts (${viewport})`);
        // A money alert points at the payments behind it: entries, amounts, dates, payees.
        const withEntries = open.filter({ has: page.getByTestId('evidence-entry') });
        expect(await withEntries.count(), 'an alert with ledger entries as evidence').toBeGreaterThan(0);
        const evidence = await textOf(withEntries.first().getByTestId('alert-evidence'));
        expect(evidence).toContain('ردیف‌های دفتر شفافیت');
        expect(evidence).toContain('ریال');
        // A member reads; only the board answers and only the inspector decides.
        expect(await page.getByTestId('answer-toggle').count()).toBe(0);
        expect(await page.getByTestId('close-toggle').count()).toBe(0);
        await photograph(page, 'monitoring-alerts', viewport);
        await screenshotOf(withEntries.first(), `monitoring-alert-card-${viewport}`);
        await screenshotOf(page.getByTestId('risk'), `monitoring-risk-${viewport}`);

        if (viewport === 'desktop') {
          // The alert's evidence opens the ledger at that entry, verified in the browser.
          const target = withEntries.first().getByTestId('evidence-entry').first();
          const index = Number(await target.getAttribute('data-index'));
          await target.click();
          await arrived(page, `/cooperatives/${legalId()}/ledger`);
          expect(new URL(page.url()).searchParams.get('entry')).toBe(String(index));
          const shown = entry(page, index);
          await shown.waitFor();
          expect(await shown.getAttribute('data-targeted')).toBe('true');
          await expect.poll(() => shown.getAttribute('data-state')).toBe('verified');
          expect(await textOf(page.getByTestId('feed-at-entry'))).toContain('نشان داده شده‌اند');
          await photograph(page, 'monitoring-ledger-at-entry', viewport);
          // And the ledger's own entry of the alert's opening links back to the alert.
          await page.goBack();
          await arrived(page, alertsPath());
          await page.getByTestId('alerts-open').getByTestId('history-entry').first().click();
          await arrived(page, `/cooperatives/${legalId()}/ledger`);
          const openedEntry = page.locator('[data-testid="ledger-entry"][data-targeted="true"]');
          await openedEntry.waitFor();
          expect(await openedEntry.getAttribute('data-kind')).toBe('alert.opened');
          expect(await textOf(openedEntry)).toContain('هشدار باز شد');
          await openedEntry.getByTestId('entry-alert-link').click();
          await arrived(page, alertsPath());
        }
        expect(errors, `errors in the console (${viewport})`).toEqual([]);
      }
    },
  );

  it("a board member answers an alert; the answer is the ledger's next entry", LONG, async () => {
    const board = demo('Board member');
    const { page, errors } = await freshPage('desktop');
    await signIn(page, board);
    await open(page, alertsPath());
    const first = page.getByTestId('alerts-open').getByTestId('alert').first();
    flow.alertId = (await first.getAttribute('data-alert-id')) ?? '';
    flow.title = await textOf(first.locator('h3'));
    expect(flow.alertId).toMatch(/^\d+$/);
    const card = alertCard(page, flow.alertId);
    // The board answers; it does not decide.
    expect(await card.getByTestId('close-toggle').count()).toBe(0);
    await card.getByTestId('answer-toggle').click();
    const form = card.getByTestId('answer-form');
    await form.waitFor();
    // Nothing written: refused at the field.
    await form.getByTestId('answer-submit').click();
    await expect.poll(() => textOf(form)).toContain('متن پاسخ را بنویسید');
    expect(await form.locator('textarea[aria-invalid="true"]').count()).toBe(1);
    await photograph(page, 'monitoring-answer-error', 'desktop');
    await form.locator('textarea').first().fill(ANSWER);
    await photograph(page, 'monitoring-answer', 'desktop');
    await form.getByTestId('answer-submit').click();
    const done = card.getByTestId('transition-done');
    await done.waitFor();
    expect(await textOf(done)).toContain('پاسخ هیئت‌مدیره ثبت شد');
    flow.answered = Number(await done.getAttribute('data-index'));
    expect(flow.answered).toBeGreaterThan(0);
    // Now among the answered, with the answer in its history, and no second answer offered.
    await expect.poll(() => card.getAttribute('data-status')).toBe('answered');
    expect(await page.getByTestId('alerts-answered').getByTestId('alert').count()).toBeGreaterThan(0);
    await expect.poll(() => textOf(card.getByTestId('alert-history'))).toContain(ANSWER);
    expect(await textOf(card.getByTestId('alert-history'))).toContain('پاسخ هیئت‌مدیره');
    expect(await card.getByTestId('answer-toggle').count()).toBe(0);
    await photograph(page, 'monitoring-answered', 'desktop');
    await screenshotOf(card, 'monitoring-answered-card-desktop');
    expect(errors).toEqual([]);
  });

  it('the inspector resolves it with a reason; the ledger shows both steps', LONG, async () => {
    expect(flow.answered).toBeGreaterThan(0);
    const inspector = demo('Inspector');
    {
      const { page, errors } = await freshPage('phone');
      await signIn(page, inspector);
      await open(page, alertsPath());
      const card = alertCard(page, flow.alertId);
      await card.waitFor();
      expect(await card.getAttribute('data-status')).toBe('answered');
      // The inspector decides; they do not answer for the board.
      expect(await page.getByTestId('answer-toggle').count()).toBe(0);
      await card.getByTestId('close-toggle').click();
      const form = card.getByTestId('close-form');
      await form.locator('textarea').first().fill(REASON);
      await photograph(page, 'monitoring-resolve', 'phone');
      await form.getByTestId('resolve-submit').click();
      const done = card.getByTestId('transition-done');
      await done.waitFor();
      expect(await textOf(done)).toContain('رفع هشدار ثبت شد');
      flow.resolved = Number(await done.getAttribute('data-index'));
      expect(flow.resolved).toBeGreaterThan(flow.answered);
      await expect.poll(() => card.getAttribute('data-status')).toBe('resolved');
      expect(await textOf(page.getByTestId('alerts-closed'))).toContain(flow.title);
      expect(await textOf(card.getByTestId('alert-history'))).toContain(REASON);
      expect(await card.getByTestId('close-toggle').count()).toBe(0);
      await photograph(page, 'monitoring-resolved', 'phone');
      // The confirmation's link opens the ledger at the new entry.
      await done.getByTestId('done-ledger-link').click();
      await arrived(page, `/cooperatives/${legalId()}/ledger`);
      const resolved = entry(page, flow.resolved);
      await resolved.waitFor();
      expect(await resolved.getAttribute('data-kind')).toBe('alert.resolved');
      expect(await resolved.getAttribute('data-targeted')).toBe('true');
      expect(errors).toEqual([]);
    }

    // A member's ledger feed: both steps, each verified in the browser, with its words.
    for (const viewport of ['phone', 'desktop'] as const) {
      const { page, errors } = await freshPage(viewport);
      await signIn(page, member());
      await open(page, `/cooperatives/${legalId()}/ledger?kind=alert.answered,alert.resolved`);
      const answered = entry(page, flow.answered);
      const resolved = entry(page, flow.resolved);
      await resolved.waitFor();
      await answered.waitFor();
      expect(await answered.getAttribute('data-kind')).toBe('alert.answered');
      expect(await resolved.getAttribute('data-kind')).toBe('alert.resolved');
      for (const e of [answered, resolved]) {
        await expect.poll(() => e.getAttribute('data-state')).toBe('verified');
        expect(await textOf(e)).toContain(flow.title);
      }
      expect(await textOf(answered)).toContain(ANSWER);
      expect(await textOf(answered)).toContain('پاسخ هیئت‌مدیره به هشدار');
      expect(await textOf(resolved)).toContain(REASON);
      expect(await textOf(resolved)).toContain('بازرس: هشدار رفع شد');
      await photograph(page, 'monitoring-ledger-steps', viewport);
      await screenshotOf(resolved, `monitoring-ledger-resolved-${viewport}`);
      expect(errors).toEqual([]);
    }
  });

  it(
    "the county's and the province's ministry officers see risk by province on a chart and drill down to a cooperative's alerts",
    LONG,
    async () => {
      for (const [role, viewport] of [
        ['Ministry officer — county', 'phone'],
        ['Ministry officer — county', 'desktop'],
        ['Ministry officer — province', 'desktop'],
      ] as const) {
        const { page, errors } = await freshPage(viewport);
        await signIn(page, demo(role));
        await open(page, '/supervision');
        await page.getByTestId('risk-link').click();
        await arrived(page, '/supervision/risk');
        expect(await heading(page)).toBe('ریسک تعاونی‌ها');
        const provinces = page.getByTestId('risk-by-province').getByTestId('risk-bar');
        // Limited to the officer's region: their one province.
        expect(await provinces.count()).toBe(1);
        const province = await textOf(provinces.first().getByTestId('risk-bar-link'));
        expect(province).toBe('سیستان و بلوچستان');
        expect(Number(await provinces.first().getAttribute('data-score'))).toBeGreaterThan(0);
        expect(await textOf(provinces.first())).toMatch(/[۰-۹]+ هشدار باز/);
        expect(await page.getByTestId('risk-by-field').getByTestId('risk-bar').count()).toBeGreaterThan(0);
        expect(await page.getByTestId('risk-by-rule').getByTestId('risk-bar').count()).toBeGreaterThan(0);
        await expectPersianDigitsOnly(page, `risk (${role}, ${viewport})`);
        const name = role.includes('county') ? 'monitoring-risk-county' : 'monitoring-risk-province';
        await photograph(page, name, viewport);

        // A province opens its cooperatives; each leads to its alerts.
        await provinces.first().getByTestId('risk-bar-link').click();
        await expect.poll(() => new URL(page.url()).searchParams.get('province')).toMatch(/^\d+$/);
        const drill = page.getByTestId('risk-drill');
        await drill.waitFor();
        await settle(page);
        expect(await textOf(drill.locator('h2'))).toBe(
          role.includes('county')
            ? `تعاونی‌های شهرستان لاشار، استان ${province}`
            : `تعاونی‌های استان ${province}`,
        );
        const rows = drill.getByTestId('drill-row');
        expect(await rows.count()).toBeGreaterThan(0);
        await photograph(page, `${name}-drill`, viewport);
        const ours = drill.getByTestId('drill-alerts-link').filter({
          hasText: demo('Managing director').cooperative?.name ?? '—',
        });
        const target =
          role.includes('county') && (await ours.count()) > 0
            ? ours.first()
            : rows.first().getByTestId('drill-alerts-link');
        await target.click();
        await arrived(page, /^\/cooperatives\/\d{11}\/alerts$/);
        expect(await heading(page)).toBe('هشدارها و امتیاز ریسک');
        await page.getByTestId('risk').waitFor();
        if (role.includes('county') && viewport === 'desktop') {
          // The region's officer may decide on alerts too.
          await photograph(page, 'monitoring-alerts-officer', viewport);
        }
        expect(errors, `errors in the console (${role}, ${viewport})`).toEqual([]);
      }
    },
  );

  it(
    'the public profile lists the governance flags with their basis; a signed-in reader follows them',
    LONG,
    async () => {
      for (const viewport of ['phone', 'desktop'] as const) {
        const { page, errors } = await freshPage(viewport);
        await open(page, `/cooperatives/${legalId()}`);
        const flags = page.getByTestId('governance-flags');
        await flags.waitFor();
        await settle(page);
        expect(await textOf(flags.locator('h2'))).toBe('هشدارهای حاکمیتی');
        expect(await textOf(flags)).toContain('دلیلی برای بازکردن پرونده است، نه حکم');
        const items = flags.getByTestId('flag');
        expect(await items.count()).toBeGreaterThan(0);
        // Governance facts only: no money flag on the public page.
        for (const rule of await items.evaluateAll(
          // biome-ignore lint/suspicious/noExplicitAny: runs in the page
          (list: any[]) => list.map((li) => li.dataset.rule as string),
        )) {
          expect(rule).toMatch(/^gov\./);
        }
        expect(await textOf(items.first())).toContain('مبنا');
        expect(await textOf(flags.getByTestId('follow-sign-in'))).toBe(
          'برای دنبال کردن هشدارهای این تعاونی وارد شوید',
        );
        await expectPersianDigitsOnly(page, `profile with flags (${viewport})`);
        await photograph(page, 'monitoring-profile-flags', viewport);
        await screenshotOf(flags, `monitoring-flags-${viewport}`);
        expect(errors).toEqual([]);
      }

      const { page, errors } = await freshPage('desktop');
      await signIn(page, member());
      await open(page, `/cooperatives/${legalId()}`);
      const follow = page.getByTestId('follow');
      await follow.waitFor();
      expect(await follow.getAttribute('data-following')).toBe('false');
      await page.getByTestId('follow-button').click();
      await expect.poll(() => follow.getAttribute('data-following')).toBe('true');
      expect(await textOf(page.getByTestId('follow-status'))).toContain('دنبال می‌کنید');
      const person = db
        .prepare(
          `select count(*) as n from cooperative_follows f join persons p on p.id = f.person_id
          join cooperatives c on c.id = f.cooperative_id where p.national_code = ? and c.legal_id = ?`,
        )
        .get(member().nationalCode, legalId()) as { n: number };
      expect(person.n).toBe(1);
      await photograph(page, 'monitoring-profile-following', 'desktop');
      await page.getByTestId('follow-button').click();
      await expect.poll(() => follow.getAttribute('data-following')).toBe('false');
      expect(await textOf(page.getByTestId('follow-status'))).toContain(
        'دیگر هشدارهای این تعاونی را دنبال نمی‌کنید',
      );
      expect(errors).toEqual([]);
    },
  );
});

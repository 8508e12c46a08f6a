import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toPersianDigits } from '../../src/calendar/index.ts';
import type { CooperativeProfile, SearchResult } from '../../web/src/api/types.ts';
import {
  collectErrors,
  expectAccessible,
  expectPersianDigitsOnly,
  inPage,
  launchBrowser,
  newContext,
  open,
  screenshot,
  screenshotOf,
  searching,
  settle,
  textOf,
  VIEWPORTS,
  type ViewportName,
} from './browser.ts';

const baseUrl = inject('baseUrl');
const skip = inject('e2eSkip');

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/**
 * Script errors and console errors of a page (a CSP violation shows here). A failed request is
 * not one: the app asks for a cooperative that does not exist and gets its 404 on purpose.
 */
/** Names of the result cards, in order. */
async function resultNames(page: Page): Promise<string[]> {
  await page.getByTestId('results-count').waitFor();
  return page.getByTestId('results').locator('li h3').allInnerTexts();
}

describe.skipIf(skip !== '')('public pages in Chromium', () => {
  let browser: Browser;
  const contexts = new Map<ViewportName, BrowserContext>();
  const pageIn = async (viewport: ViewportName = 'phone') => {
    let context = contexts.get(viewport);
    if (!context) {
      context = await newContext(browser, baseUrl, viewport);
      contexts.set(viewport, context);
    }
    return context.newPage();
  };

  /**
   * Every page at phone and desktop width: photographed as it first shows, then checked, then
   * put through axe (after the checks, so what they opened is examined too).
   */
  async function everyViewport(name: string, path: string, check?: (page: Page) => Promise<void>) {
    for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
      const page = await pageIn(viewport);
      const errors = collectErrors(page);
      await open(page, path);
      await screenshot(page, name, viewport);
      await check?.(page);
      await expectAccessible(page, `${name} (${viewport})`);
      expect(errors, `errors in the console of ${name} (${viewport})`).toEqual([]);
      await page.close();
    }
  }

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts.values()) await context.close();
    await browser?.close();
  });

  it('home: Persian, right to left, the register size in Persian digits', async () => {
    const { total } = await api<SearchResult>('/cooperatives?pageSize=1');
    await everyViewport('home', '/', async (page) => {
      expect(await page.locator('html').getAttribute('lang')).toBe('fa');
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await page.title()).toContain('تعاون');
      await expect.poll(() => textOf(page.getByTestId('register-size'))).toContain(toPersianDigits(total));
      await expectPersianDigitsOnly(page, 'home');
    });
  });

  it('keyboard: the first Tab reaches the skip link, which moves focus to the main content', async () => {
    const page = await pageIn('desktop');
    await open(page, '/');
    await page.keyboard.press('Tab');
    expect(await inPage(page, 'document.activeElement.textContent')).toBe('رفتن به محتوای اصلی');
    await page.keyboard.press('Enter');
    await expect.poll(() => inPage(page, 'document.activeElement.id')).toBe('main-content');
    await page.keyboard.press('Tab');
    expect(await inPage(page, 'document.activeElement.id')).toBe('field-q');
    await page.close();
  });

  it('search typed with Arabic ي/ك finds what the Persian ی/ک spelling finds', async () => {
    const page = await pageIn('phone');
    await open(page, '/');
    await page.getByLabel('جست‌وجوی تعاونی').fill('تعاوني كشاورزي');
    await searching(page, () => page.getByRole('button', { name: 'جست‌وجو', exact: true }).click());
    expect(page.url()).toContain('/search?q=');
    const arabic = await resultNames(page);
    expect(arabic.length).toBeGreaterThan(0);

    await open(page, `/search?q=${encodeURIComponent('تعاونی کشاورزی')}`);
    const persian = await resultNames(page);
    expect(persian.slice(0, 10)).toEqual(arabic.slice(0, 10));
    expect(persian[0]).toContain('کشاورزی');
    await page.close();

    await everyViewport('search-results', `/search?q=${encodeURIComponent('کشاورزی')}`, async (p) => {
      await expect.poll(() => textOf(p.getByTestId('results-count'))).toMatch(/[۰-۹]+ تعاونی پیدا شد/);
      await expectPersianDigitsOnly(p, 'search results');
    });
  });

  it('filters: province then county narrow the results, and the query stays in the URL', async () => {
    const { items } = await api<SearchResult>('/cooperatives?pageSize=1');
    const first = items[0];
    if (!first) throw new Error('empty register');
    const page = await pageIn('desktop');
    await open(page, '/search');
    const county = page.getByLabel('شهرستان');
    await expect.poll(() => county.isDisabled()).toBe(true);
    await page.getByLabel('استان').selectOption(first.province.code);
    await expect.poll(() => county.isEnabled()).toBe(true);
    await county.selectOption(first.county.code);
    await searching(page, () => page.getByRole('button', { name: 'اعمال پالایش' }).click());
    const url = new URL(page.url());
    expect(url.searchParams.get('province')).toBe(first.province.code);
    expect(url.searchParams.get('county')).toBe(first.county.code);
    const cards = await page.getByTestId('results').locator('li').allInnerTexts();
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(card).toContain(first.county.name.fa);
    expect(await resultNames(page)).toContain(first.name);
    // The filters survive a reload: the whole query is in the address.
    await page.reload({ waitUntil: 'networkidle' });
    await settle(page);
    expect(await page.getByLabel('استان').inputValue()).toBe(first.province.code);
    await page.close();
  });

  it('profile: officers with term countdowns and a red overdue tag', async () => {
    const { items } = await api<SearchResult>('/cooperatives?pageSize=100&status=active');
    let chosen: CooperativeProfile | undefined;
    for (const item of items) {
      if (!item.legalId) continue;
      const profile = await api<CooperativeProfile>(`/cooperatives/${item.legalId}`);
      if (profile.obligations.some((o) => o.overdue) && profile.officers.some((o) => o.termExpired)) {
        chosen = profile;
        break;
      }
    }
    if (!chosen?.legalId) throw new Error('the demo register has no cooperative with an overdue obligation');
    const coop = chosen;
    const expired = coop.officers.find((o) => o.termExpired);
    const current = coop.officers.find((o) => !o.termExpired && o.daysLeft > 0);

    await everyViewport('cooperative', `/cooperatives/${coop.legalId}`, async (page) => {
      expect(await textOf(page.locator('main h1'))).toBe(coop.name);
      expect(await page.title()).toContain(coop.name);
      const viewport = page.viewportSize()?.width === VIEWPORTS.phone.width ? 'phone' : 'desktop';
      await screenshotOf(
        page.locator('section[aria-labelledby=officers]'),
        `cooperative-officers-${viewport}`,
      );
      const countdowns = await page.getByTestId('officers').getByTestId('term-countdown').allInnerTexts();
      expect(countdowns).toHaveLength(coop.officers.length);
      if (expired) {
        expect(countdowns).toContain(
          `مدت مسئولیت ${toPersianDigits(Math.abs(expired.daysLeft))} روز پیش تمام شده`,
        );
      }
      if (current) expect(countdowns).toContain(`${toPersianDigits(current.daysLeft)} روز مانده`);
      const showAll = page.getByRole('button', { name: /^نمایش همه/ });
      if ((await showAll.count()) > 0) await showAll.first().click();
      const overdue = page.getByTestId('overdue-tag');
      expect(await overdue.count()).toBe(coop.obligations.filter((o) => o.overdue).length);
      expect(await textOf(overdue.first())).toBe('عقب‌افتاده');
      const colour = await inPage(
        page,
        `getComputedStyle(document.querySelector('[data-testid="overdue-tag"]')).color`,
      );
      expect(colour).toBe('rgb(179, 38, 30)');
      expect(await textOf(page.getByTestId('health-card'))).toContain('تکالیف عقب‌افتاده');
      await expectPersianDigitsOnly(page, 'profile');
    });
  });

  it('a cooperative that does not exist gets a "not found" page', async () => {
    await everyViewport('cooperative-not-found', '/cooperatives/10000000000', async (page) => {
      expect(await textOf(page.locator('main h1'))).toBe('تعاونی پیدا نشد');
    });
  });

  it('open data: the CSV downloads, the dictionary and the change feed are explained', async () => {
    await everyViewport('open-data', '/open-data', async (page) => {
      await page.getByTestId('dictionary').waitFor();
      expect(await page.getByTestId('dictionary').locator('tr').count()).toBeGreaterThan(5);
      expect(await textOf(page.locator('main'))).toContain('nextTimepoint');
    });
    const page = await pageIn('desktop');
    await open(page, '/open-data');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe('taavon-cooperatives.csv');
    const path = await download.path();
    const csv = readFileSync(path, 'utf8');
    expect(csv.split('\n')[0]).toContain('legal_id');
    expect(csv.split('\n').length).toBeGreaterThan(300);
    await page.close();
  });

  it('the language switch turns the service into English, left to right, and remembers it', async () => {
    // A context of its own: the choice is remembered in this profile's localStorage.
    const context = await newContext(browser, baseUrl, 'desktop');
    const page = await context.newPage();
    await open(page, '/');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await textOf(page.locator('main h1'))).toBe('The public register of cooperatives');
    const direction = await inPage(page, `getComputedStyle(document.querySelector('main h1')).direction`);
    expect(direction).toBe('ltr');
    await page.reload({ waitUntil: 'networkidle' });
    await settle(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectAccessible(page, 'home in English (desktop)');
    await screenshot(page, 'home-en', 'desktop');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await textOf(page.locator('main h1'))).toBe('ثبت عمومی تعاونی‌ها');
    await context.close();
  });

  it('a query the server rejects shows the error summary, linked to the field, input kept', async () => {
    const tooLong = 'تعاونی '.repeat(30);
    const page = await pageIn('phone');
    await open(page, '/search');
    await page.getByLabel('جست‌وجو', { exact: true }).fill(tooLong);
    await searching(page, () => page.getByRole('button', { name: 'جست‌وجو', exact: true }).click());
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    expect(await textOf(summary)).toContain('مشکلی وجود دارد');
    await expect
      .poll(() => inPage(page, `document.activeElement && document.activeElement.dataset.testid`))
      .toBe('error-summary');
    expect(await page.title()).toMatch(/^خطا: /);
    const link = summary.getByRole('link');
    expect(await link.getAttribute('href')).toBe('#field-q');
    await link.click();
    await expect
      .poll(() => inPage(page, 'document.activeElement && document.activeElement.id'))
      .toBe('field-q');
    expect(await page.locator('#field-q').inputValue()).toBe(tooLong.trim());
    await page.close();

    await everyViewport('search-error', `/search?province=${encodeURIComponent('ناکجاآباد')}`, async (p) => {
      const s = p.getByTestId('error-summary');
      await s.waitFor();
      expect(await s.getByRole('link').getAttribute('href')).toBe('#field-province');
      expect(await textOf(s)).toContain('استان شناخته‌شده نیست');
    });
  });

  it('an unknown address shows the "page not found" page; API addresses stay problem+json', async () => {
    await everyViewport('not-found', '/no-such-page', async (page) => {
      expect(await textOf(page.locator('main h1'))).toBe('صفحه پیدا نشد');
    });
    const response = await fetch(`${baseUrl}/api/v1/no-such-thing`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});

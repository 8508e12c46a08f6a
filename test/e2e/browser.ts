import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium (`.ci/run` installs it); playwright-core downloads no browser. */
export const CHROMIUM_PATH = process.env.CHROME_BIN ?? '/usr/bin/chromium';

/** "Today" of the server under test: 7 Azar 1405. */
export const E2E_TODAY = '2026-11-28';

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

export const VIEWPORTS = {
  phone: { width: 375, height: 812 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser profile as an Iranian reader has it: Persian locale, Tehran time. */
export function newContext(
  browser: Browser,
  baseURL: string,
  viewport: ViewportName = 'phone',
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    locale: 'fa-IR',
    timezoneId: 'Asia/Tehran',
    viewport: VIEWPORTS[viewport],
    isMobile: viewport === 'phone',
    hasTouch: viewport === 'phone',
  });
}

/** Opens a page of the app and waits until its data and fonts are in. */
export async function open(page: Page, path: string): Promise<void> {
  await page.goto(path, { waitUntil: 'networkidle' });
  await settle(page);
}

/** Waits for pending requests, the web font and the page heading. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('main h1').first().waitFor();
  // Client-side navigations load data after the heading shows: wait for every spinner to go.
  // (Polled from here: the app's CSP forbids the eval that waitForFunction would need.)
  await expect
    .poll(() => page.locator('[role=progressbar], [aria-busy=true]').count(), { timeout: 15_000 })
    .toBe(0);
  await page.waitForLoadState('networkidle');
  await page.evaluate('document.fonts.ready.then(() => true)');
}

/** Does something that makes the app search (a click, a submit) and waits for the answer to show. */
export async function searching(page: Page, action: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForResponse((r) => r.url().includes('/api/v1/cooperatives')), action()]);
  await settle(page);
}

/** axe on the whole page: no serious or critical violation (WCAG 2.2 AA and best practice rules). */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  expect(bad, `axe on ${label}`).toEqual([]);
}

/**
 * Screenshots into test-results/screenshots/: the full page (`<name>-<phone|desktop>.png`) and
 * the first screenful (`<name>-<phone|desktop>-fold.png`, the size the README shows).
 */
export async function screenshot(page: Page, name: string, viewport: ViewportName): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${viewport}.png`), fullPage: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${viewport}-fold.png`) });
}

/**
 * Evaluates a JavaScript expression in the page (a string: the tests are type-checked without
 * the DOM library), e.g. `getComputedStyle(document.querySelector('h1')).direction`.
 */
export function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

/** A screenshot of one part of a page: test-results/screenshots/<name>.png */
export async function screenshotOf(locator: Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await locator.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** The rendered text of an element, as a reader sees it (Playwright's innerText, not the DOM's). */
export function textOf(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, laid-out text
  return locator.innerText();
}

/** The visible text of the main content. */
export function mainText(page: Page): Promise<string> {
  return textOf(page.locator('main'));
}

/**
 * Persian pages show numbers in Persian digits: no ASCII digit may appear in the text. Hashes,
 * key IDs and signatures (`<code>`, e.g. the transparency ledger's root hash) are Latin by
 * design and are left out.
 */
export async function expectPersianDigitsOnly(page: Page, label: string): Promise<void> {
  const codes = page.locator('main code');
  const hidden = await codes.evaluateAll(
    // biome-ignore lint/suspicious/noExplicitAny: runs in the page, typed without the DOM library
    (elements: any[]) => elements.map((e) => e.style.setProperty('display', 'none')).length,
  );
  const text = await mainText(page);
  if (hidden > 0) {
    // biome-ignore lint/suspicious/noExplicitAny: runs in the page
    await codes.evaluateAll((elements: any[]) => elements.map((e) => e.style.removeProperty('display')));
  }
  const latin = text.match(/.{0,20}[0-9]+.{0,20}/g) ?? [];
  expect(latin, `Latin digits on ${label}`).toEqual([]);
}

/** Errors the page raised or logged (failed resource loads aside), collected as they come. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(message.text());
    }
  });
  return errors;
}

/**
 * The page as it is now: photographed, then checked with axe (zero serious or critical
 * violations) and for sideways scrolling.
 */
export async function photograph(page: Page, name: string, viewport: ViewportName): Promise<void> {
  await settle(page);
  await screenshot(page, name, viewport);
  await expectAccessible(page, `${name} (${viewport})`);
  // Nothing wider than a phone: a page that scrolls sideways is zoomed out and hard to use.
  const overflow = await inPage<number>(
    page,
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  expect(overflow, `${name} (${viewport}) is wider than the screen`).toBeLessThanOrEqual(0);
}

/**
 * Waits until the app shows `path` (exactly, or matching a pattern) and its page has settled.
 * Polled: the app navigates in the page (pushState), which waitForURL does not always see.
 */
export async function arrived(page: Page, path: string | RegExp): Promise<void> {
  const at = () => new URL(page.url()).pathname;
  if (typeof path === 'string') await expect.poll(at, { timeout: 15_000 }).toBe(path);
  else await expect.poll(at, { timeout: 15_000 }).toMatch(path);
  // The address changes first; the new page shows when the layout says it is on it.
  await page.locator(`main[data-path="${at()}"]`).waitFor();
  await settle(page);
}

/** The page's main heading. */
export const heading = (page: Page) => textOf(page.locator('main h1').first());

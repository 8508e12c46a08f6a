import type { Locator, Page } from 'playwright-core';
import { arrived, settle, textOf } from './browser.ts';

/** The office's pages, shared by the browser tests of the inbox and of the whole single window. */

/** One row of the inbox, by tracking code. */
export const inboxRow = (page: Page, code: string): Locator =>
  page.locator(`[data-testid="inbox-row"][data-code="${code}"]`);

/** From any page: the header's «کارتابل» link, then the row of `code` and its case page. */
export async function openCase(page: Page, code: string): Promise<void> {
  await page.getByTestId('inbox-link').click();
  await arrived(page, '/inbox');
  await inboxRow(page, code).waitFor();
  await inboxRow(page, code).getByTestId('case-link').click();
  await arrived(page, `/inbox/${code}`);
}

/** Chooses a decision, writes its reason (if given) and sends it; returns the success banner's text. */
export async function decide(page: Page, label: string, text?: string): Promise<string> {
  const form = page.getByTestId('decision-form');
  await form.getByLabel(label, { exact: true }).check();
  if (text !== undefined) await page.locator('#action-text').fill(text);
  await page.getByTestId('action-submit').click();
  const banner = page.getByTestId('success-banner');
  await banner.waitFor();
  await settle(page);
  return textOf(banner);
}

/** The status tag under the case page's heading. */
export const caseStatus = (page: Page) =>
  textOf(page.locator('main h1 + div [data-testid="request-status"]'));

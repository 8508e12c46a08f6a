import type { Locator, Page } from 'playwright-core';
import { arrived, settle, textOf } from './browser.ts';

/** What the single window's browser tests share: the office's pages, a PDF to upload, digit helpers. */

/** A minimal PDF: the upload API checks documents by their content, not their name. */
export const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** ASCII digits to Persian, as the pages show them. */
export const persian = (text: string) =>
  text.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));

/** A tracking code grouped as people read it: 123-456-7890. */
export const grouped = (code: string) => `${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}`;

/** Text without its bidi isolates (names and codes are isolated in sentences). */
export const plain = (text: string) => text.replace(/[\u2066-\u2069]/g, '');

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

import type Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DemoAccount } from '../../src/accounts/index.ts';
import { arrived, open } from './browser.ts';

/** What signed-in.e2e.test.ts changes the board member's and the inspector's password to. */
export const CHANGED_PASSWORD = 'Kooh-Sabalan-4811';

/** The demo account of a role, by its English name (or the start of it). */
export function demoAccount(accounts: readonly DemoAccount[], roleEn: string): DemoAccount {
  const account = accounts.find((a) => a.role.en === roleEn || a.role.en.startsWith(roleEn));
  if (!account) throw new Error(`no demo account "${roleEn}"`);
  return account;
}

const mobileOf = (db: Database.Database, nationalCode: string): string =>
  (
    db
      .prepare(
        'select a.mobile from accounts a join persons p on p.id = a.person_id where p.national_code = ?',
      )
      .get(nationalCode) as { mobile: string }
  ).mobile;

async function newestCode(baseUrl: string, to: string): Promise<{ id: number; code: string } | undefined> {
  const response = await fetch(`${baseUrl}/api/v1/demo/outbox?to=${encodeURIComponent(to)}&limit=1`);
  const { items } = (await response.json()) as { items: { id: number; body: { en: string } }[] };
  const message = items[0];
  return message ? { id: message.id, code: /(\d{6})/.exec(message.body.en)?.[1] ?? '' } : undefined;
}

/**
 * Signs in through the pages with the SMS code from the demo outbox. Another browser test file
 * changes some demo passwords: when the demo password is refused, the changed one is tried.
 */
export async function signInThroughPages(
  page: Page,
  server: { baseUrl: string; db: Database.Database },
  account: DemoAccount,
): Promise<void> {
  const mobile = mobileOf(server.db, account.nationalCode);
  for (const password of [account.password, CHANGED_PASSWORD]) {
    await open(page, '/sign-in');
    await page.locator('#field-nationalCode').fill(account.nationalCode);
    await page.locator('#field-password').fill(password);
    const before = (await newestCode(server.baseUrl, mobile))?.id ?? 0;
    await page.getByRole('button', { name: 'ادامه' }).click();
    const outcome = await Promise.race([
      page.waitForURL(/\/sign-in\/code/, { timeout: 15_000 }).then(() => 'code' as const),
      page
        .getByTestId('error-summary')
        .waitFor({ timeout: 15_000 })
        .then(() => 'refused' as const),
    ]);
    if (outcome === 'refused') continue;
    await arrived(page, '/sign-in/code');
    let code = '';
    await expect
      .poll(async () => {
        const message = await newestCode(server.baseUrl, mobile);
        code = message && message.id > before ? message.code : '';
        return code;
      })
      .toMatch(/^\d{6}$/);
    await page.locator('#field-code').fill(code);
    await page.getByRole('button', { name: 'ورود', exact: true }).click();
    await arrived(page, /^\/(me|supervision)$/);
    return;
  }
  throw new Error(`${account.role.en} could not sign in`);
}

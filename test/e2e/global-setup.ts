import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { accountsContext, type DemoAccount, seedDemoAccounts } from '../../src/accounts/index.ts';
import { openContext } from '../../src/context/open-context.ts';
import { seedDemoBooks } from '../../src/demo/demo-books.ts';
import { seedDemoRequests } from '../../src/demo/demo-requests.ts';
import { generateDemo } from '../../src/demo/generate-demo.ts';
import { buildApp } from '../../src/http/app.ts';
import { ensureWebBuilt } from '../../src/http/web-build.ts';
import { runScan } from '../../src/monitoring/scan.ts';
import { seedDemoNews } from '../../src/news/demo-news.ts';
import { FAST_ACCOUNTS } from '../helpers/auth.ts';
import { CHROMIUM_PATH, E2E_TODAY } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the server under test listens, e.g. `http://localhost:41234` (on 127.0.0.1). */
    baseUrl: string;
    /** Why the browser tests are skipped; empty when they run. */
    e2eSkip: string;
    /** The demo accounts `taavon start` would print (member, board, director, inspector, officers, admin). */
    demoAccounts: DemoAccount[];
    /** The SQLite file of the server under test (tests read it, never write it). */
    databaseFile: string;
  }
}

/**
 * Accounts for the browser tests: cheap scrypt, and room for many SMS codes — the clock is fixed
 * at noon on E2E_TODAY, so every code of the run falls in the same hour.
 */
const E2E_ACCOUNTS = { ...FAST_ACCOUNTS, otpSendsPerHour: 1000 };

/**
 * Before the browser tests: build the web app if it is stale, generate the demo register into a
 * fresh SQLite file (fixed "today") with the demo accounts, and serve the real app in demo mode
 * (the outbox route on, request limits off) on a random loopback port. Without
 * Chromium the tests are skipped — except in CI, where that is a failure.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (!existsSync(CHROMIUM_PATH)) {
    const reason = `Chromium not found at ${CHROMIUM_PATH} (install Debian's chromium or set CHROME_BIN)`;
    if (process.env.CI) throw new Error(`${reason}; browser tests must run in CI`);
    process.stderr.write(`\n[e2e] ${reason}: browser tests skipped\n`);
    project.provide('baseUrl', '');
    project.provide('e2eSkip', reason);
    project.provide('demoAccounts', []);
    project.provide('databaseFile', '');
    return undefined;
  }

  await ensureWebBuilt({ log: (line) => process.stderr.write(`[e2e] ${line}`) });
  const dir = mkdtempSync(join(tmpdir(), 'taavon-e2e-'));
  const ctx = await openContext({
    databaseUrl: null,
    sqliteFile: join(dir, 'taavon.db'),
    today: E2E_TODAY,
    statuteFile: null,
  });
  await generateDemo(ctx, { cooperatives: 300 });
  const demoAccounts = (await seedDemoAccounts(accountsContext(ctx, E2E_ACCOUNTS))) ?? [];
  // As `taavon start` does: a year of books for the demo accounts' cooperative, then the red flags.
  await seedDemoBooks(ctx, demoAccounts.find((a) => a.cooperative)?.cooperative?.key ?? '');
  await seedDemoRequests(ctx, demoAccounts);
  await seedDemoNews(ctx, demoAccounts);
  await runScan(ctx);
  const app = await buildApp(ctx, {
    logLevel: 'silent',
    mode: 'demo',
    accounts: E2E_ACCOUNTS,
    rateLimits: false,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  // `localhost`, not 127.0.0.1: Chromium keeps the Secure `__Host-` session cookie over plain
  // http only for localhost.
  project.provide('baseUrl', `http://localhost:${port}`);
  project.provide('e2eSkip', '');
  project.provide('demoAccounts', demoAccounts);
  project.provide('databaseFile', join(dir, 'taavon.db'));

  return async () => {
    await app.close();
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  };
}

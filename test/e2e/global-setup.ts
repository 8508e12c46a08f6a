import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openContext } from '../../src/context/open-context.ts';
import { generateDemo } from '../../src/demo/generate-demo.ts';
import { buildApp } from '../../src/http/app.ts';
import { ensureWebBuilt } from '../../src/http/web-build.ts';
import { CHROMIUM_PATH, E2E_TODAY } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the server under test listens, e.g. `http://127.0.0.1:41234`. */
    baseUrl: string;
    /** Why the browser tests are skipped; empty when they run. */
    e2eSkip: string;
  }
}

/**
 * Before the browser tests: build the web app if it is stale, generate the demo register into a
 * fresh SQLite file (fixed "today"), and serve the real app on a random loopback port. Without
 * Chromium the tests are skipped — except in CI, where that is a failure.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (!existsSync(CHROMIUM_PATH)) {
    const reason = `Chromium not found at ${CHROMIUM_PATH} (install Debian's chromium or set CHROME_BIN)`;
    if (process.env.CI) throw new Error(`${reason}; browser tests must run in CI`);
    process.stderr.write(`\n[e2e] ${reason}: browser tests skipped\n`);
    project.provide('baseUrl', '');
    project.provide('e2eSkip', reason);
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
  const app = await buildApp(ctx, { logLevel: 'silent', mode: 'demo' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  project.provide('e2eSkip', '');

  return async () => {
    await app.close();
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  };
}

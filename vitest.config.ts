import { defineConfig } from 'vitest/config';

/**
 * Projects: `sqlite` runs every test (unit tests and integration tests on an embedded
 * SQLite database); `pg` reruns the database-backed tests (`*.db.test.ts`) on the PostgreSQL
 * server named by DATABASE_URL, and exists only when that variable is set; `e2e` drives the
 * built web app in Debian's Chromium (test/e2e/global-setup.ts builds it and starts the server).
 */
const hasPostgres = Boolean(process.env.DATABASE_URL);

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'sqlite',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          env: { TAAVON_TEST_DB: 'sqlite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(hasPostgres
        ? [
            {
              test: {
                name: 'pg',
                include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
                exclude: ['test/e2e/**'],
                env: { TAAVON_TEST_DB: 'pg' },
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
    ],
  },
});

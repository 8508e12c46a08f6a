import { defineConfig } from 'vitest/config';

/**
 * Two projects: `sqlite` runs every test (unit tests and integration tests on an embedded
 * SQLite database); `pg` reruns the database-backed tests (`*.db.test.ts`) on the PostgreSQL
 * server named by DATABASE_URL, and exists only when that variable is set.
 */
const hasPostgres = Boolean(process.env.DATABASE_URL);

export default defineConfig({
  test: {
    projects: [
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

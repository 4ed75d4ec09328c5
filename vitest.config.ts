import { defineConfig } from 'vitest/config';

// Three tiers (STYLE.md habit 8): pure rules, API on a fresh database per file, browser journeys.
// The database is PGlite unless DATABASE_URL names a PostgreSQL server; CI runs both.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['domain/src/**/*.test.ts', 'server/src/**/*.unit.test.ts'],
        },
      },
      {
        test: {
          name: 'api',
          sequence: { groupOrder: 1 },
          include: ['server/src/**/*.test.ts'],
          exclude: ['server/src/**/*.unit.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          // After the API tier, so browsers do not compete with it for the two cores.
          sequence: { groupOrder: 2 },
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts', 'test/e2e-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // Browser journeys each start a server and a Chromium; two at once is what 2 cores take.
          maxWorkers: 2,
        },
      },
    ],
  },
});

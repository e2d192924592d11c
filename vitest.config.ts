import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits on pages and background work; its default 1 s is too short on a loaded CI
    // machine (a reloaded browser page fetching afresh missed it once).
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        // The web app's pure code (formatting, plurals, the cart): no database, no browser.
        extends: true,
        test: { name: 'web', include: ['web/src/**/*.test.ts'] },
      },
    ],
  },
});

import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Three projects, so the fast loop stays fast: `unit` builds servers in-process (npm run test:unit),
 * `e2e` starts the hub as real processes (npm run test:e2e), `browser` drives Chromium against the
 * built dashboard (npm run test:browser). `npm test` runs all three.
 *
 * Two test files at a time, also on a 2-core machine (vitest's default there is one: cores - 1).
 * Most of a file's time is waiting (on servers on port 0, on child processes starting, on timeouts
 * a test provokes), not CPU, so a second file fills that time; every file has its own ports
 * (port 0 or free ports) and its own temporary data directories, so two never meet.
 */
export default defineConfig({
  resolve: {
    // Apollo's packages load graphql's CommonJS build; make our ESM imports resolve to the same
    // copy, or graphql refuses objects from "another" module instance.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // scripts/templates: the partner template's own test, so the scaffold's starting point keeps working.
          include: ['test/**/*.test.ts', 'partners/**/*.test.ts', 'scripts/templates/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/browser/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Real processes sharing the CPU with a second file: more room than in-process tests, so a
          // slow start fails on what it checks, not on the clock.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          // Builds dashboard/dist when missing or stale: only the browser test serves it.
          globalSetup: ['test/setup/dashboard.ts'],
        },
      },
    ],
  },
});

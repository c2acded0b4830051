import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Three projects, so the fast loop stays fast: `unit` builds servers in-process (npm run test:unit),
 * `e2e` starts the hub as real processes (npm run test:e2e), `browser` drives Chromium against the
 * built dashboard (npm run test:browser). `npm test` runs all three.
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
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] },
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

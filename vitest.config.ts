import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Three projects, so the fast loop stays fast: `unit` builds servers in-process (npm run test:unit),
 * `e2e` starts the hub as real processes (npm run test:e2e), `browser` drives Chromium against the
 * built dashboard (npm run test:browser). `npm test` runs all three.
 *
 * Unit files two at a time, also on a 2-core machine (vitest's default there is one: cores - 1):
 * most of an in-process file's time is waiting, and every file has its own ports and temporary data
 * directories. The e2e files then run one at a time (their own group): they start real processes
 * whose start-up and restart times they assert (supervisor, resilience), and two of them at once on
 * 2 cores pushed a restart past its 10 s bound in CI.
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
    // The run's own temporary directory (TMPDIR for the workers and the processes they start):
    // removed at the end, and the run fails naming whatever a test left in it. Every project
    // inherits it (`extends: true`) ahead of its own; the first call makes the directory.
    globalSetup: ['test/setup/tmpdir.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // scripts/templates: the partner template's own test, so the scaffold's starting point keeps working.
          include: ['test/**/*.test.ts', 'partners/**/*.test.ts', 'scripts/templates/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/browser/**'],
          // The unit files of a worker share its modules instead of each importing Apollo, the gateway
          // and the subgraphs again in a fresh process (isolated, import was most of a small file's
          // CPU): the unit project took 348 s of CPU instead of 604 s (742 tests against 709, same
          // checkout, /usr/bin/time). Every file builds its own servers on port 0 and its own stores;
          // the one that sets a process-wide thing (OpenTelemetry, observability.test.ts) stops it after.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Compiles the services and CLI entries once, so their processes start as JavaScript, not through tsx.
          globalSetup: ['test/setup/compiled.ts'],
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
          // Real processes: more room than in-process tests, so a slow start fails on what it checks,
          // not on the clock.
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

import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Apollo's packages load graphql's CommonJS build; make our ESM imports resolve to the same
    // copy, or graphql refuses objects from "another" module instance.
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['test/**/*.test.ts', 'partners/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Builds dashboard/dist when missing or stale: the browser test serves it.
    globalSetup: ['test/setup/dashboard.ts'],
  },
});

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { BUILD_HASH_FILE, dashboardInputsHash } from '../scripts/dashboard-build.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Records what was built, so `npm start` and `npm test` rebuild only when an input changed. */
function buildHash(): Plugin {
  let hash = '';
  return {
    name: 'talent-hub-build-hash',
    apply: 'build',
    buildStart() {
      hash = dashboardInputsHash();
    },
    closeBundle() {
      writeFileSync(BUILD_HASH_FILE, `${hash}\n`);
    },
  };
}

/**
 * The hub's web apps, built into dashboard/dist and served by the gateway (gateway/static.ts):
 * the dashboard at /dashboard and, in development, GraphiQL at /explorer. Everything is bundled
 * from npm (no CDN), so both work on a machine without internet. `npm run build` runs this;
 * `npm start` and `npm test` run it when the output is missing or stale (scripts/dashboard-build.ts).
 */
export default defineConfig({
  root,
  // Assets are served under /ui/assets whatever page loads them.
  base: '/ui/',
  publicDir: false,
  logLevel: 'warn',
  plugins: [buildHash()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The gateway reads the manifest to serve only the dashboard's files in production.
    manifest: true,
    target: 'es2022',
    // GraphiQL bundles the Monaco editor, which is large by nature.
    chunkSizeWarningLimit: 6000,
    rollupOptions: {
      onwarn(warning, warn) {
        // React libraries mark client components with "use client"; it means nothing in a plain bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      input: {
        dashboard: fileURLToPath(new URL('index.html', import.meta.url)),
        explorer: fileURLToPath(new URL('explorer/index.html', import.meta.url)),
      },
    },
  },
});

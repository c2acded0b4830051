import { cpSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The second half of `npm run build:server` (after `tsc -p tsconfig.build.json`): copies into dist/
 * what the compiled services read at run time beside their code. dist/ mirrors the repository, so a
 * module's `new URL('./schema.graphql', import.meta.url)` or `new URL('../schema/supergraph.graphql',
 * import.meta.url)` finds the same file at the same relative place:
 * - every `*.graphql` of the services' folders (each subgraph's SDL, the audit SDL, the Hainan
 *   partner's) and of schema/ (the committed supergraph the gateway serves without the registry, and
 *   the client operations gateway/metrics.ts names its operation metrics after);
 * - the built dashboard (dashboard/dist, served by gateway/static.ts at /dashboard) when it was built.
 * It writes dist/package.json with `"type": "module"` so dist/ runs as ESM wherever it is copied.
 */

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'dist');

/** The folders whose non-TypeScript run-time files are copied (tsconfig.build.json compiles the same folders, plus schema/compose.ts through its imports). */
const ASSET_FOLDERS = ['gateway', 'platform', 'store', 'subgraphs', 'data', 'partners', 'schema'] as const;

/** Every `.graphql` file under `dir`, as paths relative to the repository root. */
function graphqlFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...graphqlFiles(path));
    else if (entry.name.endsWith('.graphql')) found.push(relative(ROOT, path));
  }
  return found;
}

function main(): void {
  if (!existsSync(join(DIST, 'gateway', 'index.js'))) {
    console.error('dist/gateway/index.js is missing: run `tsc -p tsconfig.build.json` first (npm run build:server does both)');
    process.exit(1);
  }
  const files = ASSET_FOLDERS.flatMap((folder) => graphqlFiles(join(ROOT, folder)));
  for (const file of files) cpSync(join(ROOT, file), join(DIST, file));
  const dashboard = join(ROOT, 'dashboard', 'dist');
  const hasDashboard = existsSync(dashboard) && statSync(dashboard).isDirectory();
  // Without a built dashboard the gateway still runs; /dashboard then says it was not built.
  if (hasDashboard) cpSync(dashboard, join(DIST, 'dashboard', 'dist'), { recursive: true });
  writeFileSync(join(DIST, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);
  console.log(`dist/: ${files.length} SDL and operation files copied${hasDashboard ? ', dashboard/dist copied' : ' (no dashboard/dist: run `npm run build` for /dashboard)'}`);
}

main();

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the web apps (dashboard/ -> dashboard/dist) when the build is missing or stale, so that
 * `npm start` (prestart) and `npm test` (vitest globalSetup) work on a fresh clone. "Stale" is
 * decided by content, not time: a hash of the sources, the README (the explorer's examples), the
 * typed operations and the versions of the bundled packages, which the build writes to
 * dashboard/dist/.build-hash (see dashboard/vite.config.ts).
 *
 *   tsx scripts/dashboard-build.ts             build now
 *   tsx scripts/dashboard-build.ts --if-stale  build only when missing or stale
 */
const root = fileURLToPath(new URL('../', import.meta.url));
export const DIST_DIR = join(root, 'dashboard', 'dist');
export const BUILD_HASH_FILE = join(DIST_DIR, '.build-hash');

/** Packages bundled into the apps: a new version of one means a new build. */
const BUNDLED = ['vite', 'echarts', 'graphiql', 'react', 'react-dom', 'graphql', '@fontsource-variable/noto-sans-sc'];

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

/** The hash of everything the build depends on. */
export function dashboardInputsHash(): string {
  const hash = createHash('sha256');
  const files = [...filesUnder(join(root, 'dashboard')), join(root, 'README.md'), join(root, 'schema', 'operations', 'generated.ts')].sort();
  for (const file of files) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages?: Record<string, { version?: string }> };
  for (const name of BUNDLED) hash.update(`${name}@${lock.packages?.[`node_modules/${name}`]?.version ?? '?'}\0`);
  return hash.digest('hex');
}

/** True when dashboard/dist holds a build of the current inputs. */
export function isDashboardBuildCurrent(): boolean {
  if (!existsSync(BUILD_HASH_FILE) || !existsSync(join(DIST_DIR, 'index.html'))) return false;
  return readFileSync(BUILD_HASH_FILE, 'utf8').trim() === dashboardInputsHash();
}

/**
 * Runs `vite build` when needed. Without vite (installed with --omit=dev), a present build is kept
 * and a missing one is reported: the gateway then answers /dashboard with 503 and how to build.
 */
export function ensureDashboardBuilt(options: { force?: boolean; log?: (line: string) => void } = {}): 'current' | 'built' | 'skipped' {
  const log = options.log ?? ((line: string) => console.log(line));
  if (!options.force && isDashboardBuildCurrent()) return 'current';
  let viteBin: string;
  try {
    const require = createRequire(import.meta.url);
    viteBin = join(require.resolve('vite/package.json'), '..', 'bin', 'vite.js');
  } catch {
    log(
      existsSync(join(DIST_DIR, 'index.html'))
        ? '[dashboard] vite is not installed; serving the existing build'
        : '[dashboard] vite is not installed (npm ci without dev dependencies?): /dashboard stays unavailable until `npm run build`',
    );
    return 'skipped';
  }
  log(`[dashboard] building dashboard/dist (${existsSync(BUILD_HASH_FILE) ? 'sources changed' : 'no build yet'})`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [viteBin, 'build', '--config', 'dashboard/vite.config.ts'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status ?? result.signal}); run \`npm run build\` to see why`);
  log(`[dashboard] built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 'built';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    ensureDashboardBuilt({ force: !process.argv.includes('--if-stale') });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

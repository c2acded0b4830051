import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { REPOSITORY_ROOT } from '../../scripts/lib/processes.ts';

/**
 * The gateway targets of the federation scenario run as compiled JavaScript, as production runs the
 * hub (`npm run build:server`, the Dockerfile's `node dist/gateway/index.js`): under tsx every
 * target process also carries tsx's loader (a second V8 isolate on Node 20's module-hooks thread)
 * and the transformed sources, about 40-50 MB of resident memory the product never has, more of
 * it the more TypeScript a target loads. Every Node target (hub, apollo-gateway, static) is
 * compiled the same way by bench/targets/tsconfig.build.json into node_modules/.cache/hub-bench,
 * rebuilt only when a source changed, so a fresh clone builds what it needs itself.
 */

/** Where the compiled targets live (node_modules/.cache: ignored by git, found by Node's package resolution). */
export const COMPILED_DIR = join(REPOSITORY_ROOT, 'node_modules', '.cache', 'hub-bench');
const TSCONFIG = join(REPOSITORY_ROOT, 'bench', 'targets', 'tsconfig.build.json');
const STAMP = join(COMPILED_DIR, '.sources');
/** The folders whose files the targets import or read (the same as tsconfig.build.json's, with the benchmark's own). */
const SOURCE_FOLDERS = ['gateway', 'platform', 'store', 'subgraphs', 'data', 'partners', 'schema', 'bench/targets', 'bench/federation'];
const SOURCE_FILE = /\.(ts|graphql|json)$/;

function walk(dir: string, found: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, found);
    else if (SOURCE_FILE.test(entry.name)) found.push(path);
  }
}

/** Every source file's path, size and modification time, hashed: equal when nothing changed. */
function sourcesFingerprint(): string {
  const files: string[] = [];
  for (const folder of SOURCE_FOLDERS) walk(join(REPOSITORY_ROOT, folder), files);
  files.push(join(REPOSITORY_ROOT, 'tsconfig.json'), join(REPOSITORY_ROOT, 'tsconfig.build.json'));
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    const stat = statSync(file);
    hash.update(`${relative(REPOSITORY_ROOT, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

let built = false;

/**
 * The compiled entry of a target given by its source (`bench/targets/hub.ts` → `<COMPILED_DIR>/bench/targets/hub.js`),
 * compiling first when any source changed since the last build (tsc without type checking: a few
 * seconds; `npm test` type-checks the sources). The build also gets what the gateway reads beside its
 * code: every .graphql file (schema/operations names the operation metrics), and the dashboard's
 * build output when there is one (linked, as the production image copies it).
 */
export function compiledTarget(source: string): string {
  const entry = join(COMPILED_DIR, source.replace(/\.ts$/, '.js'));
  if (built) return entry;
  const fingerprint = sourcesFingerprint();
  if (!existsSync(entry) || !existsSync(STAMP) || readFileSync(STAMP, 'utf8') !== fingerprint) {
    console.error('[bench] compiling the gateway targets to JavaScript (node_modules/.cache/hub-bench), as production runs them');
    rmSync(COMPILED_DIR, { recursive: true, force: true });
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', TSCONFIG, '--noCheck'], { cwd: REPOSITORY_ROOT, stdio: 'inherit' });
    const graphql: string[] = [];
    for (const folder of SOURCE_FOLDERS) walk(join(REPOSITORY_ROOT, folder), graphql);
    for (const file of graphql.filter((f) => f.endsWith('.graphql'))) cpSync(file, join(COMPILED_DIR, relative(REPOSITORY_ROOT, file)));
    const dashboard = join(REPOSITORY_ROOT, 'dashboard', 'dist');
    mkdirSync(join(COMPILED_DIR, 'dashboard'), { recursive: true });
    symlinkSync(dashboard, join(COMPILED_DIR, 'dashboard', 'dist'), 'dir');
    writeFileSync(join(COMPILED_DIR, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);
    writeFileSync(STAMP, fingerprint);
  }
  built = true;
  return entry;
}

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { REPOSITORY_ROOT } from './processes.ts';

/**
 * The hub's TypeScript compiled to JavaScript once, for runs that start its processes many times:
 * the benchmark's targets (bench/lib/compiled.ts) and the test run's services and CLI
 * (test/setup/compiled.ts). `node x.js` answers in about half the time `node --import tsx x.ts`
 * takes (tsx's loader transforms every module at every start) and carries no loader thread.
 * `tsc --noCheck` (no type check: `npm test` checks the sources) writes the tree; the `.graphql`
 * files the code reads beside itself are copied and `dashboard/dist` linked, as
 * deploy/copy-assets.ts does for dist/. It is rebuilt only when a source file changed (path, size
 * and modification time of every file of `folders`, hashed), so a fresh clone builds what it needs
 * itself and an unchanged checkout builds nothing.
 */

export interface CompiledTree {
  /** The tsconfig to compile (`tsc -p`); its rootDir is the repository root, so the output mirrors the repository. */
  tsconfig: string;
  /**
   * The folders (relative to the repository root) whose files the compiled code imports or reads:
   * every `.ts`, `.graphql` and `.json` file in them counts for the fingerprint, and their
   * `.graphql` files are copied beside the code.
   */
  folders: readonly string[];
  /**
   * Where the trees go: each source state gets its own `dir/<fingerprint>`, so a rebuild never
   * replaces a tree that processes of another run (a second vitest in the same checkout) still
   * run from; trees not used for a day are removed.
   */
  dir: string;
  /** What is compiled, for the one line printed when it compiles. */
  label: string;
}

const SOURCE_FILE = /\.(ts|graphql|json)$/;
const STAMP = '.sources';
const UNUSED_FOR_MS = 24 * 3600_000;

function walk(dir: string, found: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, found);
    else if (SOURCE_FILE.test(entry.name)) found.push(path);
  }
}

function sourceFiles(tree: CompiledTree): string[] {
  const files: string[] = [];
  for (const folder of tree.folders) walk(join(REPOSITORY_ROOT, folder), files);
  return files;
}

/** Every source file's path, size and modification time (and the tsconfigs'), hashed: equal when nothing changed. */
function sourcesFingerprint(tree: CompiledTree): string {
  const files = new Set([...sourceFiles(tree), join(REPOSITORY_ROOT, 'tsconfig.json'), join(REPOSITORY_ROOT, 'tsconfig.build.json'), tree.tsconfig]);
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    const stat = statSync(file);
    hash.update(`${relative(REPOSITORY_ROOT, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Compiles into a fresh directory `out` (nothing else sees it until it is moved into place). */
function build(tree: CompiledTree, out: string, fingerprint: string): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', tree.tsconfig, '--noCheck', '--outDir', out], { cwd: REPOSITORY_ROOT, stdio: 'inherit' });
  for (const file of sourceFiles(tree).filter((f) => f.endsWith('.graphql'))) cpSync(file, join(out, relative(REPOSITORY_ROOT, file)));
  // Linked, not copied: the browser tests' set-up may build the dashboard after this, and the gateway serves it as it is then.
  mkdirSync(join(out, 'dashboard'), { recursive: true });
  symlinkSync(join(REPOSITORY_ROOT, 'dashboard', 'dist'), join(out, 'dashboard', 'dist'), 'dir');
  writeFileSync(join(out, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);
  writeFileSync(join(out, STAMP), fingerprint);
}

function isCurrent(dir: string, fingerprint: string): boolean {
  const stamp = join(dir, STAMP);
  return existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint;
}

/**
 * Makes sure the tree is compiled from the sources as they are now, compiling when they changed,
 * and returns the directory holding it (`<dir>/gateway/index.js` is `gateway/index.ts` compiled).
 * Several processes may race it safely (each build goes to a directory of its own and is moved
 * into place whole).
 */
export function ensureCompiled(tree: CompiledTree): string {
  const fingerprint = sourcesFingerprint(tree);
  const target = join(tree.dir, fingerprint.slice(0, 16));
  if (isCurrent(target, fingerprint)) {
    // Marks it used, so that pruning (below) keeps it while this run uses it.
    utimesSync(target, new Date(), new Date());
    return target;
  }
  const started = Date.now();
  console.error(`[compiled] compiling ${tree.label} to JavaScript (${relative(REPOSITORY_ROOT, target)})`);
  mkdirSync(tree.dir, { recursive: true });
  const out = join(tree.dir, `.build-${process.pid}-${Date.now()}`);
  try {
    build(tree, out, fingerprint);
    try {
      renameSync(out, target);
    } catch (error) {
      // Another run moved the same sources' build into place first: use that one.
      if (!isCurrent(target, fingerprint)) throw error;
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  prune(tree.dir, target);
  console.error(`[compiled] ${tree.label} compiled in ${Date.now() - started} ms`);
  return target;
}

/** Removes the trees of other source states not used for a day (and builds left by a run that died). */
function prune(dir: string, keep: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (path === keep || !entry.isDirectory()) continue;
    if (Date.now() - statSync(path).mtimeMs > UNUSED_FOR_MS) rmSync(path, { recursive: true, force: true });
  }
}

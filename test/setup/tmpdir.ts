import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

// The run's directory, once made: every project inherits this globalSetup (`extends: true`) and the
// root project runs it too, all in vitest's main process; the first call owns the directory.
const OWNED = Symbol.for('hub-test-run-tmpdir');
type WithRun = typeof globalThis & { [OWNED]?: string };

/**
 * vitest globalSetup of every project: gives the whole run a temporary directory of its own
 * (`hub-test-run-XXXXXX` under the original os.tmpdir()) by setting TMPDIR before the workers
 * start, so the tests, the production code they call and the processes they start (which inherit
 * the environment) make their temporary folders inside it. At teardown it removes the directory and
 * fails the run, naming them, when a test left anything there: each test removes what it made.
 *
 * tsx's transform cache (`tsx-<uid>`, used by the processes started through tsx) is a link to the
 * one in the original temporary directory, so it is kept between runs as before and not counted.
 */
export default function setup(): (() => void) | undefined {
  const run = globalThis as WithRun;
  if (run[OWNED]) return undefined;
  const original = process.env.TMPDIR;
  const base = tmpdir();
  const dir = mkdtempSync(join(base, 'hub-test-run-'));
  run[OWNED] = dir;
  const tsxCache = `tsx-${process.geteuid?.() ?? userInfo().username}`;
  mkdirSync(join(base, tsxCache), { recursive: true });
  symlinkSync(join(base, tsxCache), join(dir, tsxCache));
  process.env.TMPDIR = dir;

  return function teardown() {
    if (original === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = original;
    delete run[OWNED];
    const left = existsSync(dir) ? leftovers(dir, [tsxCache]) : [];
    rmSync(dir, { recursive: true, force: true });
    if (left.length > 0) {
      // vitest logs a teardown error but still exits 0; the exit code is what CI and npm test see.
      process.exitCode = 1;
      throw new Error(
        `The tests left ${left.length} entr${left.length === 1 ? 'y' : 'ies'} in the run's temporary directory ${dir} (now removed): ${left.join(', ')}. ` +
          'Remove what a test makes in os.tmpdir() in its afterEach/afterAll (test/helpers/temp.ts).',
      );
    }
  };
}

/** The entries of `dir` except `skip`, a directory shown with up to three of its own entries. */
function leftovers(dir: string, skip: string[]): string[] {
  return readdirSync(dir)
    .filter((name) => !skip.includes(name))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      if (!lstatSync(path).isDirectory()) return name;
      const inside = readdirSync(path);
      return `${name}/ (${inside.length === 0 ? 'empty' : inside.slice(0, 3).join(', ') + (inside.length > 3 ? ', …' : '')})`;
    });
}

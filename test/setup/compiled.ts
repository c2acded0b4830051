import { join } from 'node:path';
import { ensureCompiled } from '../../scripts/lib/compiled.ts';
import { REPOSITORY_ROOT } from '../../scripts/lib/processes.ts';

/**
 * vitest globalSetup of the projects that start the hub's processes: compiles the services and the
 * CLI entries the tests start to JavaScript once per run, before any test file runs (so parallel
 * workers never race the build), and hands the tree to every worker in HUB_TEST_COMPILED_DIR:
 * scripts/lib/processes.ts then starts `gateway/index.ts` as the compiled `gateway/index.js`,
 * without tsx, about twice as fast (and from a loaded machine's point of view, half the CPU).
 * Nothing when the sources did not change since the last run: the tree of each source state is
 * kept in node_modules/.cache/hub-test/<fingerprint>. `HUB_TEST_COMPILED=false` runs them through
 * tsx as before (to compare, or for stack traces with TypeScript lines).
 */
export default function setup(): void {
  if (process.env.HUB_TEST_COMPILED === 'false') {
    delete process.env.HUB_TEST_COMPILED_DIR;
    return;
  }
  process.env.HUB_TEST_COMPILED_DIR = ensureCompiled({
    tsconfig: join(REPOSITORY_ROOT, 'test', 'setup', 'tsconfig.compiled.json'),
    // Every folder the compiled entries import or read: a change in any of them rebuilds the tree.
    folders: ['gateway', 'platform', 'store', 'subgraphs', 'data', 'partners', 'schema', 'scripts'],
    dir: join(REPOSITORY_ROOT, 'node_modules', '.cache', 'hub-test'),
    label: 'the hub services and CLI for the tests',
  });
}

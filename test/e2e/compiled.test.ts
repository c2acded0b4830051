import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HUB_ENTRIES, REPOSITORY_ROOT, resolveEntry } from '../../scripts/lib/processes.ts';

/**
 * The e2e run starts the hub's processes compiled (test/setup/compiled.ts): every entry the tests
 * start must be in the compiled tree with what it reads beside its code, or the run would quietly
 * fall back to tsx (twice the start-up time) or fail only in the test that starts it.
 */

const ENTRIES = [...Object.values(HUB_ENTRIES), 'scripts/start.ts', 'scripts/hub.ts', 'scripts/token.ts'];
const compiledDir = process.env.HUB_TEST_COMPILED_DIR;

describe('the services the tests start', () => {
  it('run compiled, from a tree built by the run, with the files they read beside their code (through tsx with HUB_TEST_COMPILED=false)', () => {
    if (process.env.HUB_TEST_COMPILED === 'false') {
      for (const entry of ENTRIES) expect(resolveEntry(entry)).toEqual({ loader: ['--import', 'tsx'], file: entry });
      return;
    }
    expect(compiledDir, 'HUB_TEST_COMPILED_DIR set by the globalSetup').toBeTruthy();
    for (const entry of ENTRIES) {
      const { loader, file } = resolveEntry(entry);
      expect({ entry, loader, file }).toEqual({ entry, loader: [], file: join(compiledDir!, entry.replace(/\.ts$/, '.js')) });
    }
    // What the code reads beside itself: each subgraph's SDL, the audit SDL, the supergraph, the client operations.
    for (const file of ['subgraphs/experts/schema.graphql', 'platform/audit/schema.graphql', 'schema/supergraph.graphql', 'schema/operations/explorer.graphql']) {
      expect(readFileSync(join(compiledDir!, file), 'utf8'), file).toBe(readFileSync(join(REPOSITORY_ROOT, file), 'utf8'));
    }
    expect(JSON.parse(readFileSync(join(compiledDir!, 'package.json'), 'utf8'))).toMatchObject({ type: 'module' });
    expect(existsSync(join(compiledDir!, 'dashboard', 'dist'))).toBe(existsSync(join(REPOSITORY_ROOT, 'dashboard', 'dist')));
  });
});

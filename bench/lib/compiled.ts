import { join } from 'node:path';
import { ensureCompiled } from '../../scripts/lib/compiled.ts';
import { REPOSITORY_ROOT } from '../../scripts/lib/processes.ts';

/**
 * The gateway targets of the federation scenario run as compiled JavaScript, as production runs the
 * hub (`npm run build:server`, the Dockerfile's `node dist/gateway/index.js`): under tsx every
 * target process also carries tsx's loader (a second V8 isolate on Node 20's module-hooks thread)
 * and the transformed sources, about 40-50 MB of resident memory the product never has, more of
 * it the more TypeScript a target loads. Every Node target (hub, apollo-gateway, static) is
 * compiled the same way by bench/targets/tsconfig.build.json into node_modules/.cache/hub-bench,
 * rebuilt only when a source changed (scripts/lib/compiled.ts, shared with the tests' set-up), so a
 * fresh clone builds what it needs itself.
 */

/** Where the compiled targets live, a tree per source state (node_modules/.cache: ignored by git, found by Node's package resolution). */
export const COMPILED_DIR = join(REPOSITORY_ROOT, 'node_modules', '.cache', 'hub-bench');

let tree: string | undefined;

/**
 * The compiled entry of a target given by its source (`bench/targets/hub.ts` → `<COMPILED_DIR>/<fingerprint>/bench/targets/hub.js`),
 * compiling first when any source changed since the last build (tsc without type checking: a few
 * seconds; `npm test` type-checks the sources). The build also gets what the gateway reads beside its
 * code: every .graphql file (schema/operations names the operation metrics), and the dashboard's
 * build output (linked, as the production image copies it).
 */
export function compiledTarget(source: string): string {
  // A tree per source state (scripts/lib/compiled.ts), so a rebuild never replaces a tree in use.
  tree ??= ensureCompiled({
    tsconfig: join(REPOSITORY_ROOT, 'bench', 'targets', 'tsconfig.build.json'),
    // The folders the targets import or read (tsconfig.build.json's, with the benchmark's own).
    folders: ['gateway', 'platform', 'store', 'subgraphs', 'data', 'partners', 'schema', 'scripts/lib', 'bench/targets', 'bench/federation', 'bench/lib'],
    dir: COMPILED_DIR,
    label: 'the benchmark targets',
  });
  return join(tree, source.replace(/\.ts$/, '.js'));
}

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Composition, compose, coreSubgraphSources } from '../../schema/compose.ts';
import { REPOSITORY_ROOT } from '../../scripts/lib/processes.ts';

/**
 * The core subgraphs composed for a hub started in a test (`startHub`, `startGatewayOver`):
 * composing costs about 0.5 to 1 s of CPU each time, and almost every gateway test file composes
 * the same SDL (only the subgraphs' ports differ). So the composition is made once per SDL with
 * placeholder URLs, kept in memory and in `node_modules/.cache/hub-test/compositions/<hash>.json`
 * (the hash of every subgraph's SDL and the composition library's version: a changed SDL composes
 * afresh), and the placeholders are replaced by the real URLs, which is exactly what composing with
 * them gives (composition only writes a URL into its `join__graph`). `schema/staleness.test.ts`
 * still composes for real.
 */
export function composeCore(urls: Record<string, string>): Composition & { ok: true } {
  const sources = coreSubgraphSources(Object.fromEntries(Object.keys(urls).map((name) => [name, placeholder(name)])));
  const key = createHash('sha256')
    .update(VERSION)
    .update(JSON.stringify(sources.map((s) => [s.name, s.url, s.sdl])))
    .digest('hex')
    .slice(0, 24);
  let composed = memory.get(key) ?? fromDisk(key);
  if (!composed) {
    const result = compose(sources);
    if (!result.ok) throw new Error(`composition failed: ${JSON.stringify(result.errors)}`);
    composed = result;
    toDisk(key, composed);
  }
  memory.set(key, composed);
  let supergraphSdl = composed.supergraphSdl;
  for (const s of sources) {
    const url = urls[s.name];
    if (url !== undefined) supergraphSdl = supergraphSdl.replaceAll(`"${s.url}"`, JSON.stringify(url));
  }
  return { ...composed, supergraphSdl };
}

const placeholder = (name: string) => `http://composition-cache.invalid/${name}/graphql`;
const VERSION = (createRequire(import.meta.url)('@apollo/composition/package.json') as { version: string }).version;
const DIR = join(REPOSITORY_ROOT, 'node_modules', '.cache', 'hub-test', 'compositions');
const UNUSED_FOR_MS = 24 * 3600_000;
const memory = new Map<string, Composition & { ok: true }>();

function fromDisk(key: string): (Composition & { ok: true }) | undefined {
  try {
    const composed = JSON.parse(readFileSync(join(DIR, `${key}.json`), 'utf8')) as Composition;
    return composed.ok && typeof composed.supergraphSdl === 'string' ? composed : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole (a temporary file renamed), so a test file reading it in parallel sees all or nothing. */
function toDisk(key: string, composed: Composition & { ok: true }): void {
  try {
    mkdirSync(DIR, { recursive: true });
    const temporary = join(DIR, `.${key}-${process.pid}-${Date.now()}`);
    writeFileSync(temporary, JSON.stringify(composed));
    renameSync(temporary, join(DIR, `${key}.json`));
    // Compositions of SDL no test has used for a day go.
    for (const file of readdirSync(DIR)) {
      const path = join(DIR, file);
      if (Date.now() - statSync(path).mtimeMs > UNUSED_FOR_MS) rmSync(path, { force: true });
    }
  } catch {
    // A cache: a test that cannot write it composes again next time.
  }
}

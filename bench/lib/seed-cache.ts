import { createHash } from 'node:crypto';
import { constants, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ExpertsNode } from '../../platform/nodes.ts';
import { REPOSITORY_ROOT } from '../../scripts/lib/processes.ts';
import { nodesEnv, type TopologyName } from '../../scripts/lib/topology.ts';
import { compiledTarget } from './compiled.ts';
import { startService } from './process.ts';

/**
 * The benchmark's hubs start from seeded data folders kept between runs. Without them every
 * process of a hub generates the whole dataset itself and seeds its share (the three experts
 * nodes, projects and coordination: five generations of the same talents; at 100,000 talents
 * most of a quick run's hub start-up). A folder is made once by `npm run seed` (data/seed.ts:
 * one generation, every store of the topology) and copied into each hub's fresh HUB_DATA_DIR, so
 * the hub's processes find their stores seeded and open them, as at a restart of `npm start`.
 * Kept in node_modules/.cache/hub-bench-seeds (ignored by git), keyed by the talents, the
 * topology, HUB_SEED and the content of every source that shapes the stored data (SOURCE_FOLDERS,
 * SOURCE_FILES): any change there makes a new folder, and the old one of the same talents and
 * topology is removed.
 */

export const SEED_CACHE_DIR = join(REPOSITORY_ROOT, 'node_modules', '.cache', 'hub-bench-seeds');
/**
 * What the seeded stores are made by: the generator, the store (file format, indexes, counts), the
 * subgraphs' stores and models (resolvers and SDL aside), the runner that seeds, the audit chain,
 * the topology and the locked dependencies. Other sources (the gateway, logging, ...) do not change
 * what is stored, so editing them keeps the folders.
 */
const SOURCE_FOLDERS = ['data', 'store', 'subgraphs', 'platform/audit'];
const SOURCE_FILES = ['platform/runner.ts', 'platform/nodes.ts', 'platform/config.ts', 'scripts/lib/topology.ts', 'package-lock.json'];

function walk(dir: string, found: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'resolvers') walk(path, found);
    } else if (entry.name.endsWith('.ts')) found.push(path);
  }
}

let sourcesHash: string | undefined;
/** The content of the sources that shape the stored data, hashed (content, not modification times: a checkout or a touch changes nothing). */
function sourcesDigest(): string {
  if (sourcesHash) return sourcesHash;
  const files: string[] = [];
  for (const folder of SOURCE_FOLDERS) walk(join(REPOSITORY_ROOT, folder), files);
  files.push(...SOURCE_FILES.map((f) => join(REPOSITORY_ROOT, f)));
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash.update(`${relative(REPOSITORY_ROOT, file)}\0`);
    hash.update(readFileSync(file));
  }
  sourcesHash = hash.digest('hex').slice(0, 16);
  return sourcesHash;
}

const making = new Map<string, Promise<string>>();

/**
 * The seeded data folder of `talents` in `topology` (made by `npm run seed` on first use). The
 * generator's seed is the hub's (HUB_SEED from this process's environment, which the hub's
 * processes inherit, or its default), and part of the folder's key.
 */
export function seededFolder(options: { talents: number; topology: TopologyName; nodes: readonly ExpertsNode[]; log: (line: string) => void }): Promise<string> {
  const { talents, topology } = options;
  const prefix = `${topology}-${talents}-`;
  const key = `${prefix}${createHash('sha256')
    .update(`${sourcesDigest()}\0${process.env.HUB_SEED ?? ''}`)
    .digest('hex')
    .slice(0, 16)}`;
  let folder = making.get(key);
  if (!folder) {
    folder = make(key, prefix, options);
    making.set(key, folder);
    folder.catch(() => making.delete(key));
  }
  return folder;
}

async function make(key: string, prefix: string, options: Parameters<typeof seededFolder>[0]): Promise<string> {
  const target = join(SEED_CACHE_DIR, key);
  if (existsSync(join(target, '.complete'))) return target;
  mkdirSync(SEED_CACHE_DIR, { recursive: true });
  const work = mkdtempSync(join(SEED_CACHE_DIR, `.making-${prefix}`));
  const t0 = Date.now();
  const seed = startService({
    name: `seed@${options.talents}`,
    entry: compiledTarget('data/seed.ts'),
    env: {
      HUB_DATA_DIR: work,
      HUB_SEED_TALENTS: String(options.talents),
      ...nodesEnv(options.nodes),
      MONGODB_URI: '',
    },
  });
  const code = await seed.exited;
  if (code !== 0) {
    rmSync(work, { recursive: true, force: true });
    throw new Error(`npm run seed (${options.talents} talents, ${options.topology}) exited with ${code}:\n${seed.output.join('').slice(-2000)}`);
  }
  // Written last: a folder without it (a run stopped half-way) is not used.
  writeFileSync(join(work, '.complete'), `${key}\n`);
  // Folders of the same talents and topology from older sources are of no further use.
  for (const name of readdirSync(SEED_CACHE_DIR)) if (name.startsWith(prefix) && name !== key) rmSync(join(SEED_CACHE_DIR, name), { recursive: true, force: true });
  try {
    renameSync(work, target);
  } catch {
    // Another run made the same folder meanwhile: theirs is as good.
    rmSync(work, { recursive: true, force: true });
  }
  options.log(
    `  seeded ${options.talents} talents (${options.topology} experts nodes) in ${((Date.now() - t0) / 1000).toFixed(1)} s, kept for later runs in ${relative(REPOSITORY_ROOT, target)}`,
  );
  return target;
}

/** Copies a seeded folder into a hub's empty data folder (copy-on-write where the file system can). */
export function copySeeded(from: string, to: string): void {
  for (const name of readdirSync(from)) {
    if (name === '.complete') continue;
    cpSync(join(from, name), join(to, name), { recursive: true, mode: constants.COPYFILE_FICLONE });
  }
}

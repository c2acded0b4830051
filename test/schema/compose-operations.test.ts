import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentIdOf, HUB_CLIENT, HUB_REGISTRAR } from '../../gateway/operations/model.ts';
import { resolveEntry } from '../../scripts/lib/processes.ts';
import { removeDir } from '../helpers/registry.ts';

/**
 * `npm run compose` refuses a core schema change that would break a registered operation (issue
 * 18), writing nothing: the operations of the hub's applications (schema/operations/) and those
 * in the store a gateway with the same settings uses (HUB_DATA_DIR: operations.json, checked with
 * the partners of its registry.json). It runs as a process on copies of the core SDL (--subgraphs)
 * writing to a temporary directory (--out), so the committed schema files are never touched.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HAINAN_SDL = readFileSync(join(ROOT, 'partners', 'hainan', 'schema.graphql'), 'utf8');

const POOL_LEVELS = 'query PoolLevels { expertPools { id level } }';
const CARDS = 'query TalentCards { talents(first: 5) { edges { node { id hainanTalentCard { number tier } } } } }';
/** Earlier dashboard versions, as the gateway registered them from its files: retired at the next start, they do not hold a change back. */
const OLD_DASHBOARD = 'query OldDashboardPools { expertPools { id level } }';
/** Registered under the hub's client by an administrator: kept until removed, like any client's. */
const ADMIN_HUB_DOC = 'query AdminPoolLevels { expertPools { name level } }';

let dir: string;
let dataDir: string;

const doc = (client: string, text: string, name: string, registeredBy = 'hainan-admin') => ({
  id: documentIdOf(text),
  client,
  name,
  text,
  registeredAt: '2026-11-30T08:00:00.000Z',
  registeredBy,
});

/** A copy of the core subgraphs' SDL with `edit` applied to experts/schema.graphql. */
async function coreCopy(name: string, edit: (sdl: string) => string): Promise<string> {
  const target = join(dir, name, 'subgraphs');
  for (const subgraph of ['experts', 'projects', 'coordination']) {
    await mkdir(join(target, subgraph), { recursive: true });
    for (const file of (await readdir(join(ROOT, 'subgraphs', subgraph))).filter((f) => f.endsWith('.graphql')))
      await copyFile(join(ROOT, 'subgraphs', subgraph, file), join(target, subgraph, file));
  }
  const experts = join(target, 'experts', 'schema.graphql');
  const before = await readFile(experts, 'utf8');
  const after = edit(before);
  expect(after, 'the edit changed the SDL').not.toBe(before);
  await writeFile(experts, after);
  return target;
}

/**
 * `npm run compose` as a process (what the script runs: tsx schema/compose.ts); compiled when the run
 * compiled the hub (npm test: test/setup/compiled.ts, the tree holds schema/ with its .graphql files):
 * about 1.5 s less CPU per run than through tsx.
 */
const COMPOSE = resolveEntry('schema/compose.ts');
async function compose(subgraphs: string, out: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, HUB_DATA_DIR: dataDir, MONGODB_URI: undefined, HUB_REGISTRY: undefined };
  return promisify(execFile)(
    process.execPath,
    [...COMPOSE.loader, COMPOSE.loader.length > 0 ? join(ROOT, 'schema', 'compose.ts') : COMPOSE.file, '--subgraphs', subgraphs, '--out', out],
    { cwd: ROOT, env },
  ).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'compose-operations-'));
  dataDir = join(dir, 'data');
  await mkdir(dataDir);
  const documents = [
    doc('sichuan-system', POOL_LEVELS, 'PoolLevels'),
    doc('hainan-system', CARDS, 'TalentCards'),
    doc(HUB_CLIENT, OLD_DASHBOARD, 'OldDashboardPools', HUB_REGISTRAR),
    doc(HUB_CLIENT, ADMIN_HUB_DOC, 'AdminPoolLevels'),
  ];
  await writeFile(join(dataDir, 'operations.json'), JSON.stringify({ revision: 4, documents }));
  const hainan = {
    name: 'hainan',
    url: 'http://127.0.0.1:4100/graphql',
    ownerRegion: '460000',
    addedBy: 'hainan-admin',
    addedAt: '2026-11-30T08:00:00.000Z',
    updatedBy: 'hainan-admin',
    updatedAt: '2026-11-30T08:00:00.000Z',
    sdl: HAINAN_SDL,
  };
  await writeFile(join(dataDir, 'registry.json'), JSON.stringify({ revision: 1, partners: [hainan], supergraph: null }));
});
afterAll(() => removeDir(dir));

describe('npm run compose checks the registered operations', () => {
  it('writes the files for a change that keeps every operation running; refuses, writing nothing, one that breaks a client`s or the hub`s', { timeout: 240_000 }, async () => {
    const [added, poolLevel, disciplineName] = await Promise.all([
      coreCopy('added', (sdl) => sdl.replace('type Discipline @key(fields: "code") @cacheControl(maxAge: 3600, scope: PRIVATE) {\n  code: ID!\n', '$&  nameEn: String\n')),
      coreCopy('pool-level', (sdl) => sdl.replace(/(type ExpertPool @key[^\n]*\n(?: {2}[^\n]*\n)*?) {2}level: PoolLevel!\n/, '$1')),
      coreCopy('discipline-name', (sdl) => sdl.replace(/(type Discipline @key[^\n]*\n {2}code: ID!\n) {2}name: String!\n/, '$1')),
    ]);
    const outs = ['added', 'pool-level', 'discipline-name'].map((name) => join(dir, name, 'out'));
    const [ok, refusedClient, refusedHub] = await Promise.all([compose(added, outs[0]!), compose(poolLevel, outs[1]!), compose(disciplineName, outs[2]!)]);

    // An added field: written, and the operations that use the Hainan partner's fields count as running (composed with it).
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/registered operations of 3 clients still run on the new core schema with the partner subgraphs hainan \(/);
    expect(readFileSync(join(outs[0]!, 'supergraph.graphql'), 'utf8')).toContain('nameEn: String');
    expect(existsSync(join(outs[0]!, 'api.graphql'))).toBe(true);
    expect(existsSync(join(outs[0]!, 'subgraphs', 'experts.graphql'))).toBe(true);

    // ExpertPool.level removed: the client's operation and the one an administrator registered for the hub are named; the retired dashboard version is not.
    expect(refusedClient.code).toBe(1);
    expect(existsSync(outs[1]!)).toBe(false);
    const lines = refusedClient.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Nothing written: the new core schema with the partner subgraphs hainan would break 2 registered operations \(/);
    expect(lines.slice(1)).toEqual([
      `  BREAKING_CHANGE: Client "${HUB_CLIENT}"'s registered operation AdminPoolLevels (${documentIdOf(ADMIN_HUB_DOC)}) would no longer run: Cannot query field "level" on type "ExpertPool". Keep what it uses, or have it removed first: hub operations remove --client ${HUB_CLIENT} --id ${documentIdOf(ADMIN_HUB_DOC)}`,
      `  BREAKING_CHANGE: Client "sichuan-system"'s registered operation PoolLevels (${documentIdOf(POOL_LEVELS)}) would no longer run: Cannot query field "level" on type "ExpertPool". Keep what it uses, or have it removed first: hub operations remove --client sichuan-system --id ${documentIdOf(POOL_LEVELS)}`,
    ]);

    // Discipline.name removed: the dashboard's committed operation is named with its file.
    expect(refusedHub.code).toBe(1);
    expect(existsSync(outs[2]!)).toBe(false);
    expect(refusedHub.stderr).toMatch(
      /BREAKING_CHANGE: The hub's operation DashboardContext in schema\/operations\/dashboard\.graphql \(sha256:[0-9a-f]{64}\) would no longer run: Cannot query field "name" on type "Discipline"\. Change it in schema\/operations\/dashboard\.graphql \(then npm run codegen\), or keep what it uses\./,
    );
  });
});

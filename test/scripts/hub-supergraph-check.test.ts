import { readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentIdOf } from '../../gateway/operations/model.ts';
import { FileOperationsStore } from '../../gateway/operations/store.ts';
import { TrustedDocuments } from '../../gateway/operations/trusted.ts';
import { createLogger } from '../../platform/log.ts';
import type { RunningServer } from '../../platform/server.ts';
import { runHubCli } from '../../scripts/hub.ts';
import { clientToken } from '../helpers/caller.ts';
import { type Hub, startHub } from '../helpers/hub.ts';
import { admin, removeDir, serveSdl, tempDataDir, withRegistry } from '../helpers/registry.ts';

/**
 * A core schema change against a running gateway (issue 18): `hub supergraph check` fetches the
 * documents registered with the gateway and the partners it serves through the admin API and
 * refuses a core SDL that would break one, naming client, operation and id; and a gateway started
 * over a core that already breaks one (deployed without the check) says so in its log, marks it
 * `runnable: false` in GET /admin/operations, and refuses a request for it by id with a code.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HAINAN_SDL = readFileSync(join(ROOT, 'partners', 'hainan', 'schema.graphql'), 'utf8');

const POOL_LEVELS = 'query PoolLevels { expertPools { id level } }';
const CARDS = 'query TalentCards { talents(first: 5) { edges { node { id hainanTalentCard { number tier } } } } }';
/** Registered while the core still had ExpertPool.retiredField; the core this gateway serves has not. */
const RETIRED = 'query RetiredPools { expertPools { id retiredField } }';

let hub: Hub;
let dir: string;
let partner: RunningServer;
const logLines: { level: number; msg: string; notRunnable?: { client: string; name: string; id: string }[] }[] = [];

const stored = (client: string, text: string, name: string) => ({
  id: documentIdOf(text),
  client,
  name,
  text,
  registeredAt: '2026-11-30T08:00:00.000Z',
  registeredBy: 'hainan-admin',
});

const adminToken = () => clientToken({ region: '460000', scopes: ['registry:admin'], sub: 'hainan-admin' });

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runHubCli(argv, { env: {}, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** A copy of the core subgraphs' SDL with `edit` applied to experts/schema.graphql. */
async function coreCopy(name: string, edit: (sdl: string) => string): Promise<string> {
  const target = join(dir, name);
  for (const subgraph of ['experts', 'projects', 'coordination']) {
    await mkdir(join(target, subgraph), { recursive: true });
    for (const file of (await readdir(join(ROOT, 'subgraphs', subgraph))).filter((f) => f.endsWith('.graphql')))
      await copyFile(join(ROOT, 'subgraphs', subgraph, file), join(target, subgraph, file));
  }
  const experts = join(target, 'experts', 'schema.graphql');
  await writeFile(experts, edit(await readFile(experts, 'utf8')));
  return target;
}

beforeAll(async () => {
  dir = await tempDataDir();
  await writeFile(
    join(dir, 'operations.json'),
    JSON.stringify({ revision: 1, documents: [stored('sichuan-system', POOL_LEVELS, 'PoolLevels'), stored('guizhou-system', RETIRED, 'RetiredPools')] }),
  );
  const trusted = await TrustedDocuments.open(new FileOperationsStore(dir));
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  hub = await startHub({
    talents: 50,
    nodes: 'single',
    registry: withRegistry({ dataDir: dir }),
    gateway: { operations: trusted, logger: createLogger('gateway', 'info', { format: 'json', destination }) },
  });
  // The Hainan partner, published to the registry: documents may use its fields.
  partner = await serveSdl(HAINAN_SDL);
  const published = await admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url: partner.url });
  expect(published.status, JSON.stringify(published.body.errors)).toBe(201);
  const cards = await admin(hub.url, 'POST', '/operations', { client: 'hainan-system', documents: [{ id: documentIdOf(CARDS), text: CARDS }] });
  expect(cards.status, JSON.stringify(cards.body.errors)).toBe(201);
}, 120_000);
afterAll(async () => {
  await hub?.close();
  await partner?.close();
  await removeDir(dir);
});

describe('a gateway whose core no longer runs a registered document', () => {
  it('logs an error naming it, marks it runnable: false in GET /admin/operations, and refuses it by id with DOCUMENT_NOT_RUNNABLE', async () => {
    const reported = logLines.filter((l) => l.level >= 50 && l.notRunnable);
    expect(reported).toHaveLength(1);
    expect(reported[0]!.notRunnable).toEqual([{ client: 'guizhou-system', name: 'RetiredPools', id: documentIdOf(RETIRED) }]);
    expect(reported[0]!.msg).toContain(`client "guizhou-system" RetiredPools (${documentIdOf(RETIRED)}): Cannot query field "retiredField" on type "ExpertPool".`);

    const listed = await admin(hub.url, 'GET', '/operations');
    const byName = Object.fromEntries(listed.body.documents.map((d: { name: string }) => [d.name, d]));
    expect(byName.RetiredPools).toMatchObject({ client: 'guizhou-system', runnable: false, problems: ['Cannot query field "retiredField" on type "ExpertPool".'] });
    expect(byName.PoolLevels).toMatchObject({ runnable: true });
    expect(byName.PoolLevels.problems).toBeUndefined();
    // hub operations list says the same as text: RUNS NO, and why below the table.
    const text = await run(['operations', 'list', '--gateway', hub.url, '--token', await adminToken()]);
    expect(text.code).toBe(0);
    expect(text.out.find((l) => l.includes('RetiredPools'))).toMatch(/ NO$/);
    expect(text.out.find((l) => l.includes('PoolLevels') && !l.startsWith(' '))).toMatch(/ yes$/);
    expect(text.out).toContain(`  guizhou-system RetiredPools (${documentIdOf(RETIRED)}): Cannot query field "retiredField" on type "ExpertPool".`);
    // /health counts them, so a probe or a dashboard sees it without a token.
    const health = (await (await fetch(hub.url.replace(/\/graphql$/, '/health'))).json()) as { documents: unknown };
    expect(health.documents).toEqual({ registered: listed.body.documents.length, notRunnable: 1 });

    const token = await clientToken({ region: '520000', scopes: ['talent:read'], sub: 'guizhou-system' });
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ documentId: documentIdOf(RETIRED) }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.extensions.code).toBe('DOCUMENT_NOT_RUNNABLE');
    expect(body.errors[0]!.message).toContain(`Document ${documentIdOf(RETIRED)} (RetiredPools), registered for client "guizhou-system", no longer runs`);
    expect(body.errors[0]!.message).not.toContain('retiredField');
  });
});

describe('hub supergraph check --gateway', () => {
  it('refuses a core change that breaks a registered operation, naming client, operation and id (exit 1)', { timeout: 120_000 }, async () => {
    const subgraphs = await coreCopy('pool-level', (sdl) => sdl.replace(/(type ExpertPool @key[^\n]*\n(?: {2}[^\n]*\n)*?) {2}level: PoolLevel!\n/, '$1'));
    const { code, out, err } = await run(['supergraph', 'check', '--gateway', hub.url, '--token', await adminToken(), '--subgraphs', subgraphs]);
    expect(out).toEqual([]);
    expect(code).toBe(1);
    const base = hub.url.replace(/\/graphql$/, '');
    expect(err[0]).toMatch(
      new RegExp(
        `^The core schema of ${subgraphs.replaceAll('/', '\\/')} must not be deployed to ${base.replaceAll('/', '\\/')}: the new core schema with the partner subgraphs hainan would break 2 registered operations`,
      ),
    );
    expect(err.slice(1)).toEqual([
      `  BREAKING_CHANGE: Client "guizhou-system"'s registered operation RetiredPools (${documentIdOf(RETIRED)}) would no longer run: Cannot query field "retiredField" on type "ExpertPool". Keep what it uses, or have it removed first: hub operations remove --client guizhou-system --id ${documentIdOf(RETIRED)}`,
      `  BREAKING_CHANGE: Client "sichuan-system"'s registered operation PoolLevels (${documentIdOf(POOL_LEVELS)}) would no longer run: Cannot query field "level" on type "ExpertPool". Keep what it uses, or have it removed first: hub operations remove --client sichuan-system --id ${documentIdOf(POOL_LEVELS)}`,
    ]);
  });

  it('passes once the broken document is removed, composing with the partner the gateway serves (exit 0; --json)', { timeout: 120_000 }, async () => {
    const removed = await admin(hub.url, 'DELETE', `/operations/${documentIdOf(RETIRED)}?client=guizhou-system`);
    expect(removed.status).toBe(200);
    const token = await adminToken();
    const text = await run(['supergraph', 'check', '--gateway', hub.url, '--token', token]);
    expect(text.err).toEqual([]);
    expect(text.code).toBe(0);
    expect(text.out[0]).toMatch(
      /^The core schema of this checkout can be deployed to .*: \d+ registered operations of 3 clients still run on the new core schema with the partner subgraphs hainan/,
    );
    const json = await run(['supergraph', 'check', '--gateway', hub.url, '--token', token, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out.join('\n'))).toMatchObject({ ok: true, subgraphs: ['experts', 'projects', 'coordination', 'hainan'] });
  });

  it('says what is wrong with the token (exit 1), an unreachable gateway (exit 3) and a missing token (exit 2)', async () => {
    const reader = await clientToken({ region: '510000', scopes: ['talent:read'], sub: 'sichuan-system' });
    const forbidden = await run(['supergraph', 'check', '--gateway', hub.url, '--token', reader]);
    expect(forbidden.code).toBe(1);
    expect(forbidden.err.join('\n')).toContain('registry:admin');
    const unreachable = await run(['supergraph', 'check', '--gateway', 'http://127.0.0.1:1', '--token', reader]);
    expect(unreachable.code).toBe(3);
    const missing = await run(['supergraph', 'check', '--gateway', hub.url]);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toContain('--token');
    const help = await run(['supergraph', 'check', '--help']);
    expect(help.code).toBe(0);
    expect(help.out[0]).toMatch(/^Usage: hub supergraph check \[--gateway <url>\] \[--token <jwt>\] \[--subgraphs <dir>\] \[--json\]/);
    expect(help.out.join('\n')).toMatch(/--subgraphs <dir>[\s\S]*--gateway <url>[\s\S]*Exit codes:/);
  });
});

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayRegistry } from '../../gateway/registry/index.ts';
import { FileRegistryStore } from '../../gateway/registry/store.ts';
import { FileOperationsStore } from '../../gateway/operations/store.ts';
import { TrustedDocuments } from '../../gateway/operations/trusted.ts';
import { documentIdOf, HUB_CLIENT, HUB_REGISTRAR } from '../../gateway/operations/model.ts';
import { runHubCli } from '../../scripts/hub.ts';
import type { RunningServer } from '../../platform/server.ts';
import { clientToken } from '../helpers/caller.ts';
import { type Hub, startHub } from '../helpers/hub.ts';
import { admin, collectingLogger, removeDir, serveSdl, tempDataDir } from '../helpers/registry.ts';

/**
 * `hub operations` against a gateway with the registry and trusted documents in-process: a client
 * registers a file of operations with the CLI and runs them by id; a partner change that would
 * break one of them is refused, naming the client and the operation, until the document is removed.
 */

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.10", import: ["@key"])\n';
const CLIENT = 'cli-system';
const OPERATIONS = `# a client's operations
query Visits { demoVisitors }
query Disciplines { disciplines { ...Code } }
fragment Code on Discipline { code }
`;

let hub: Hub;
let dir: string;
let trusted: TrustedDocuments;
const servers: RunningServer[] = [];

async function cli(argv: string[], scopes = ['operations:publish'], sub = CLIENT) {
  const out: string[] = [];
  const err: string[] = [];
  const token = await clientToken({ region: '510000', scopes, sub });
  const code = await runHubCli(['operations', ...argv], { env: { HUB_TOKEN: token, HUB_GATEWAY_URL: hub.url }, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function runOffline(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runHubCli(['subgraph', 'check', ...argv], { env: {}, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function partner(sdl: string): Promise<string> {
  const server = await serveSdl(`${LINK}${sdl}`);
  servers.push(server);
  return server.url;
}

beforeAll(async () => {
  dir = await tempDataDir();
  trusted = await TrustedDocuments.open(new FileOperationsStore(dir));
  hub = await startHub({
    talents: 200,
    nodes: 'single',
    registry: (coreUrls) =>
      createGatewayRegistry({
        store: new FileRegistryStore(dir),
        coreUrls,
        pollIntervalMs: 500,
        probeIntervalMs: 1000,
        probeTimeoutMs: 500,
        sdlFetchTimeoutMs: 2000,
        logger: collectingLogger(),
        documents: () => trusted.list(),
      }),
    gateway: { operations: trusted, operationsPolicy: { clients: { [CLIENT]: 'registered-only' }, default: 'registered-or-open' } },
  });
  const published = await admin(hub.url, 'POST', '/subgraphs', { name: 'demo', url: await partner('type Query { demoVisitors: Int demoCount: Int }') });
  expect(published.status).toBe(201);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await hub?.close();
  await removeDir(dir);
});

describe('hub operations', () => {
  it('publishes a file of operations for the client, which then runs them by id (and nothing else)', async () => {
    const file = join(dir, 'ops.graphql');
    await writeFile(file, OPERATIONS);
    const published = await cli(['publish', '--client', CLIENT, '--file', file]);
    expect(published.err).toBe('');
    expect(published.code).toBe(0);
    expect(published.out).toMatch(/Registered 2 documents for cli-system \(2 new/);
    const listed = await cli(['list', '--json']);
    expect(listed.code).toBe(0);
    const documents = (JSON.parse(listed.out) as { documents: { name: string; id: string; text: string }[] }).documents;
    expect(documents.map((d) => d.name)).toEqual(['Disciplines', 'Visits']);
    // The fragment travels with the operation that uses it.
    expect(documents[0]!.text).toContain('fragment Code on Discipline');
    const token = await clientToken({ region: '510000', scopes: ['talent:read'], sub: CLIENT });
    const run = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ documentId: documents[0]!.id }),
    });
    expect(((await run.json()) as { data: { disciplines: unknown[] } }).data.disciplines.length).toBeGreaterThan(0);
    const other = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ demoCount }' }),
    });
    expect(other.status).toBe(400);
  });

  it('exits 1 naming each refused operation, 2 on bad usage, and refuses another client`s publish', async () => {
    const file = join(dir, 'bad.graphql');
    await writeFile(file, 'query Fine { demoCount }\nquery Typo { demoVisitorz }\n');
    const refused = await cli(['publish', '--client', CLIENT, '--file', file]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Nothing was registered');
    expect(refused.err).toContain('Typo: ');
    expect(refused.err).toContain('demoVisitorz');
    expect(trusted.list(CLIENT).map((d) => d.name)).toEqual(['Disciplines', 'Visits']);
    const forOther = await cli(['publish', '--client', 'someone-else', '--file', file]);
    expect(forOther.code).toBe(1);
    expect(forOther.err).toContain('HTTP 403');
    expect((await cli(['publish', '--client', CLIENT])).code).toBe(2);
    expect((await cli(['publish', '--client', CLIENT, '--file', join(dir, 'missing.graphql')])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
    const help = await cli(['publish', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: hub operations publish');
  });

  it('refuses a partner change that would break a registered operation, naming the client and the operation, until it is removed', { timeout: 120_000 }, async () => {
    const visits = trusted.list(CLIENT).find((d) => d.name === 'Visits')!;
    const narrower = await partner('type Query { demoCount: Int }');
    const refused = await admin(hub.url, 'POST', '/subgraphs', { name: 'demo', url: narrower });
    expect(refused.status).toBe(422);
    const message = refused.body.errors.map((e: { message: string }) => e.message).join('\n');
    expect(message).toContain(`Client "${CLIENT}"'s registered operation Visits (${visits.id}) would no longer run`);
    const removal = await admin(hub.url, 'DELETE', '/subgraphs/demo');
    expect(removal.status).toBe(422);
    expect(removal.body.errors[0].message).toContain('registered operation Visits');
    // The offline check says the same, given the gateway's registry and operations files.
    const schema = join(dir, 'narrower.graphql');
    await writeFile(schema, `${LINK}type Query { demoCount: Int }\n`);
    const offline = await runOffline(['--name', 'demo', '--schema', schema, '--registry', join(dir, 'registry.json'), '--operations', join(dir, 'operations.json')]);
    expect(offline.code).toBe(1);
    expect(offline.err).toContain(`Client "${CLIENT}"'s registered operation Visits`);
    // Removing the document is explicit; then the partner may change.
    const removed = await cli(['remove', '--id', visits.id]);
    expect(removed.code).toBe(0);
    expect(removed.out).toContain(`Removed Visits (${visits.id}) of ${CLIENT}`);
    const breaking = await admin(hub.url, 'POST', '/subgraphs/check', { name: 'demo', url: narrower });
    // What is left is the field removal itself, which the registry refuses as it always has.
    expect(breaking.body.errors.map((e: { message: string }) => e.message).join('\n')).not.toContain('registered operation');
  });

  it('does not let a retired hub application document hold a partner change back (the rule npm run compose follows), but a restored one does', { timeout: 120_000 }, async () => {
    const OLD = 'query OldDemoVisitors { demoVisitors }';
    const files = trusted
      .list(HUB_CLIENT)
      .filter((d) => d.registeredBy === HUB_REGISTRAR && !d.retiredAt)
      .map(({ id, text }) => ({ id, text }));
    const old = { id: documentIdOf(OLD), text: OLD };
    // An earlier dashboard version's operation, registered by the gateway from its files, then dropped from them: retired.
    await trusted.syncHubDocuments([...files, old], { retireAfterMs: 3_600_000 });
    const retired = await trusted.syncHubDocuments(files, { retireAfterMs: 3_600_000 });
    expect(retired.retired.map((d) => d.name)).toEqual(['OldDemoVisitors']);
    const narrower = await partner('type Query { demoCount: Int }');
    const messages = async () =>
      ((await admin(hub.url, 'POST', '/subgraphs/check', { name: 'demo', url: narrower })).body.errors ?? []).map((e: { message: string }) => e.message).join('\n');
    // Still refused for the field removal itself, but not in the retired document's name.
    const withRetired = await messages();
    expect(withRetired).toContain('demoVisitors');
    expect(withRetired).not.toContain('OldDemoVisitors');
    const offline = join(dir, 'narrower-retired.graphql');
    await writeFile(offline, `${LINK}type Query { demoCount: Int }\n`);
    const check = await runOffline(['--name', 'demo', '--schema', offline, '--registry', join(dir, 'registry.json'), '--operations', join(dir, 'operations.json')]);
    expect(check.err).not.toContain('OldDemoVisitors');
    // hub operations list shows it retired (and still runnable).
    const listed = await cli(['list', '--client', HUB_CLIENT], ['registry:admin'], 'hub-admin');
    expect(listed.code).toBe(0);
    expect(listed.out.split('\n')[0]).toMatch(/^CLIENT +OPERATION +ID +REGISTERED +BY +RUNS +RETIRED$/);
    const row = listed.out.split('\n').find((l) => l.includes('OldDemoVisitors'))!;
    expect(row).toMatch(new RegExp(`${old.id} .* ${HUB_REGISTRAR} +yes +\\d{4}-\\d{2}-\\d{2}T`));
    expect(listed.out).toContain('RETIRED: a hub application document no longer in the gateway');
    // Back in the files (a rollback): it counts again.
    await trusted.syncHubDocuments([...files, old], { retireAfterMs: 3_600_000 });
    expect(await messages()).toContain(`Client "${HUB_CLIENT}"'s registered operation OldDemoVisitors`);
  });
});

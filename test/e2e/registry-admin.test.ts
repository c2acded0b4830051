import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectionRegistryStore, FileRegistryStore } from '../../gateway/registry/store.ts';
import type { HainanStore } from '../../partners/hainan/store.ts';
import { runHubCli } from '../../scripts/hub.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';
import type { StartedSubgraph } from '../../platform/runner.ts';
import type { RunningServer } from '../../platform/server.ts';
import { clientToken, TEST_JWT_SECRET } from '../helpers/caller.ts';
import { type Hub, startHub } from '../helpers/hub.ts';
import { nodeArgv } from '../helpers/processes.ts';
import { admin, collectingLogger, gql, type LogLine, removeDir, serveSdl, startGateway, startHainan, tempDataDir, withRegistry } from '../helpers/registry.ts';

/**
 * The admin API's edges (authentication, bad bodies, status codes), serialised concurrent
 * publishes, several gateway instances sharing one registry, restarts, failed reloads, and the
 * CLI over the same API.
 */

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.10", import: ["@key"])\n';
const partnerSdl = (name: string) => `${LINK}type Query { ${name}Visitors: Int }\n`;
const HEALTH = (url: string) => url.replace(/\/graphql$/, '/health');

let hub: Hub;
let hainan: StartedSubgraph<HainanStore, never>;
const dirs: string[] = [];
const servers: RunningServer[] = [];
const closers: (() => Promise<void>)[] = [];

async function stub(sdl: string): Promise<string> {
  const server = await serveSdl(sdl);
  servers.push(server);
  return server.url;
}

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  const dir = await tempDataDir();
  dirs.push(dir);
  hub = await startHub({ talents: 300, registry: withRegistry({ dataDir: dir }) });
  hainan = await startHainan(hub);
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await Promise.all(servers.map((s) => s.close()));
  await hainan?.close();
  await hub?.close();
  await Promise.all(dirs.map((d) => removeDir(d)));
});

describe('the admin API', () => {
  it('needs a valid token (401) with the registry:admin scope (403)', async () => {
    const none = await admin(hub.url, 'GET', '/subgraphs', undefined, { authorization: null });
    expect(none.status).toBe(401);
    expect(none.body.errors[0].code).toBe('UNAUTHENTICATED');
    const forged = await admin(hub.url, 'GET', '/subgraphs', undefined, {
      authorization: `Bearer ${await clientToken({ region: '460000', scopes: ['registry:admin'], secret: `${TEST_JWT_SECRET}-not` })}`,
    });
    expect(forged.status).toBe(401);
    const reader = await admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url: hainan.url }, { scopes: ['talent:read'] });
    expect(reader.status).toBe(403);
    expect(reader.body.errors[0]).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('registry:admin') });
    expect((await admin(hub.url, 'GET', '/subgraphs')).body.subgraphs).toHaveLength(3);
  });

  it('answers bad bodies with 400 and a clear JSON error', async () => {
    const cases: [string, Parameters<typeof admin>[3], Parameters<typeof admin>[4], RegExp][] = [
      ['not JSON', undefined, { rawBody: '{"name": "hainan",' }, /not valid JSON/],
      ['not an object', [1, 2], {}, /JSON object/],
      ['no content type', undefined, { rawBody: 'name=hainan', contentType: 'text/plain' }, /JSON object/],
      ['missing url', { name: 'hainan' }, {}, /^url: is required/],
      ['missing name', { url: hainan.url }, {}, /^name: is required/],
      ['bad url', { name: 'hainan', url: 'ftp://example.org/graphql' }, {}, /^url: must be an http/],
      ['name against the convention', { name: 'Hainan-FTP', url: hainan.url }, {}, /^name: must be 3-30 lower-case letters/],
      ['reserved name', { name: 'gateway', url: hainan.url }, {}, /reserved/],
    ];
    for (const [what, body, as, message] of cases) {
      const res = await admin(hub.url, 'POST', '/subgraphs', body, as);
      expect(res.status, what).toBe(400);
      expect(res.body.errors[0].code, what).toBe('BAD_REQUEST');
      expect(res.body.errors[0].message, what).toMatch(message);
    }
    expect((await admin(hub.url, 'POST', '/subgraphs', { name: 'experts', url: hainan.url })).status).toBe(409);
    expect((await admin(hub.url, 'DELETE', '/subgraphs/nosuchpartner')).status).toBe(404);
    expect((await admin(hub.url, 'GET', '/subgraphs/nosuchpartner')).status).toBe(404);
    const unknown = await admin(hub.url, 'GET', '/nothing-here');
    expect(unknown).toMatchObject({ status: 404, body: { errors: [{ code: 'NOT_FOUND' }] } });
  });

  it('serialises concurrent publishes: every one lands, none is lost', async () => {
    const names = ['sanya', 'haikou'];
    const urls = await Promise.all(names.map((n) => stub(partnerSdl(n))));
    const results = await Promise.all([
      admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url: hainan.url }),
      ...names.map((name, i) => admin(hub.url, 'POST', '/subgraphs', { name, url: urls[i] })),
    ]);
    for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(201);
    const list = await admin(hub.url, 'GET', '/subgraphs');
    expect(list.body.subgraphs.map((s: any) => s.name).sort()).toEqual(['coordination', 'experts', 'haikou', 'hainan', 'projects', 'sanya']);
    // The last publish's supergraph is the one served, and it holds every partner.
    const served = results.map((r) => r.body.supergraphHash).filter((h) => h === list.body.supergraphHash);
    expect(served).toHaveLength(1);
    const res = await hub.query('{ sanyaVisitors haikouVisitors }');
    // Validated against the new schema: both fields exist (the stubs resolve nothing, so they are null).
    expect(res.body.data).toEqual({ sanyaVisitors: null, haikouVisitors: null });
    expect((res.body.errors ?? []).map((e: any) => e.extensions?.code)).not.toContain('GRAPHQL_VALIDATION_FAILED');
    for (const name of names) expect((await admin(hub.url, 'DELETE', `/subgraphs/${name}`)).status).toBe(200);
  });

  it('answers GET /health from the background probes, with the served supergraph', async () => {
    const health = (await (await fetch(HEALTH(hub.url))).json()) as any;
    expect(health.status).toBe('ok');
    expect(Object.keys(health.subgraphs)).toEqual(['experts', 'projects', 'coordination', 'hainan']);
    expect(health.subgraphs.hainan).toMatchObject({ status: 'up', kind: 'partner', latencyMs: expect.any(Number), checkedAt: expect.any(String) });
    expect(health.supergraph).toMatchObject({ hash: expect.stringMatching(/^[0-9a-f]{64}$/), source: 'composed', lastReload: { ok: true, errorCodes: [] } });
    expect(health.registry).toEqual({ store: 'file', revision: expect.any(Number), reachable: true });
    expect(JSON.stringify(health)).not.toMatch(/127\.0\.0\.1|\/tmp\//);
  });
});

describe('several gateway instances on one registry (the MongoDB set-up, on the embedded store)', () => {
  it('each instance picks up a publish or removal made on another within its poll interval', async () => {
    const db = createEmbeddedDatabase();
    const [a, b] = await Promise.all(
      [0, 1].map(async () => {
        const registry = await withRegistry({ store: CollectionRegistryStore.on(db), pollIntervalMs: 200 })(hub.subgraphUrls);
        const gateway = await startGateway(hub, registry);
        closers.push(() => gateway.close());
        return gateway;
      }),
    );
    const published = await admin(a!.url, 'POST', '/subgraphs', { name: 'hainan', url: hainan.url });
    expect(published.status).toBe(201);
    const seen = await eventually(
      () => admin(b!.url, 'GET', '/subgraphs'),
      (r) => r.body.supergraphHash === published.body.supergraphHash,
    );
    expect(seen.body.supergraphHash).toBe(published.body.supergraphHash);
    const card = await gql(b!.url, `{ talent(id: "${hub.dataset.experts.talents[14]!._id}") { id hainanServiceRecords { id } } }`);
    expect(card.body.errors).toBeUndefined();
    const removed = await admin(b!.url, 'DELETE', '/subgraphs/hainan');
    expect(removed.status).toBe(200);
    const back = await eventually(
      () => admin(a!.url, 'GET', '/subgraphs'),
      (r) => r.body.supergraphHash === removed.body.supergraphHash,
    );
    expect(back.body.subgraphs.map((s: any) => s.name)).toEqual(['experts', 'projects', 'coordination']);
  });
});

describe('restarts and failed reloads', () => {
  it('after a restart serves the stored registry, composed from stored SDL, while the partner is down', async () => {
    const dir = await tempDataDir();
    dirs.push(dir);
    const first = await withRegistry({ dataDir: dir })(hub.subgraphUrls);
    const gateway = await startGateway(hub, first);
    const partner = await startHainan(hub);
    const published = await admin(gateway.url, 'POST', '/subgraphs', { name: 'hainan', url: partner.url });
    expect(published.status).toBe(201);
    await gateway.close();
    await partner.close();

    const log: LogLine[] = [];
    const second = await withRegistry({ dataDir: dir, logger: collectingLogger(log) })(hub.subgraphUrls);
    const restarted = await startGateway(hub, second);
    closers.push(() => restarted.close());
    const health = (await (await fetch(HEALTH(restarted.url))).json()) as any;
    expect(health.supergraph).toMatchObject({ hash: published.body.supergraphHash, source: 'composed', lastReload: { ok: true } });
    expect(health.status).toBe('degraded');
    expect(health.subgraphs.hainan).toMatchObject({ status: 'down', error: 'unreachable' });
    expect(health.subgraphs.experts.status).toBe('up');
    expect(log.some((l) => l.level === 'warn' && l.message.includes('hainan is down'))).toBe(true);
    // Core data flows; the partner's part is missing with a masked error naming it.
    // A talent of the caller's own province (Sichuan), so only the partner's part can be missing.
    const own = hub.dataset.experts.talents.find((t) => t.homeRegion === '510000')!._id;
    const res = await gql(restarted.url, 'query($id: ID!) { talent(id: $id) { id name hainanServiceRecords { id } } }', { id: own });
    expect(res.status).toBe(200);
    // hainanServiceRecords is non-null, so the missing partner part nulls the talent (GraphQL's
    // null propagation); the error names the partner, never its address.
    expect(res.body.data).toEqual({ talent: null });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'hainan' });
    expect(JSON.stringify(res.body.errors)).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\b/);
    const core = await gql(restarted.url, '{ talents(first: 2) { edges { node { id name } } } }');
    expect(core.body.errors).toBeUndefined();
    expect(core.body.data.talents.edges).toHaveLength(2);
  });

  it('keeps the last good supergraph when a registry change does not compose, and says so in /health and the log', async () => {
    const dir = await tempDataDir();
    dirs.push(dir);
    const log: LogLine[] = [];
    const registry = await withRegistry({ dataDir: dir, pollIntervalMs: 200, logger: collectingLogger(log) })(hub.subgraphUrls);
    const gateway = await startGateway(hub, registry);
    closers.push(() => gateway.close());
    const published = await admin(gateway.url, 'POST', '/subgraphs', { name: 'hainan', url: hainan.url });
    expect(published.status).toBe(201);

    // Another writer (a gateway of another version, an operator) stores a partner that does not compose here.
    const store = new FileRegistryStore(dir);
    const state = await store.load();
    const at = new Date();
    const broken = `${LINK}type Talent @key(fields: "id") { id: String! sanyaX: Int }\n`;
    const next = {
      ...state,
      revision: state.revision + 1,
      partners: [...state.partners, { ...state.partners[0]!, name: 'sanya', url: 'http://127.0.0.1:9/graphql', sdl: broken, addedAt: at, updatedAt: at }],
    };
    expect(await store.save(next, state.revision)).toBe(true);

    const health = await eventually(
      async () => (await (await fetch(HEALTH(gateway.url))).json()) as any,
      (h) => h.supergraph.lastReload.ok === false,
    );
    expect(health.status).toBe('degraded');
    expect(health.supergraph).toMatchObject({ hash: published.body.supergraphHash, lastReload: { ok: false, errorCodes: ['FIELD_TYPE_MISMATCH'] } });
    expect(log.some((l) => l.level === 'error' && /reload after registry revision \d+ .* failed; still serving the last good supergraph/.test(l.message))).toBe(true);
    const list = await admin(gateway.url, 'GET', '/subgraphs');
    expect(list.body.subgraphs.find((s: any) => s.name === 'sanya')).toMatchObject({ served: false });
    expect(list.body.supergraph.lastReload.errors[0]).toMatchObject({ code: 'COMPOSITION_FAILED', compositionCode: 'FIELD_TYPE_MISMATCH' });
    const res = await gql(gateway.url, `{ talent(id: "${hub.dataset.experts.talents[14]!._id}") { id hainanServiceRecords { id } } }`);
    expect(res.body.errors).toBeUndefined();

    // A gateway started on that registry serves the last good supergraph it holds.
    const later = await withRegistry({ dataDir: dir, logger: collectingLogger() })(hub.subgraphUrls);
    const restarted = await startGateway(hub, later);
    closers.push(() => restarted.close());
    const after = (await (await fetch(HEALTH(restarted.url))).json()) as any;
    expect(after.supergraph).toMatchObject({ hash: published.body.supergraphHash, source: 'stored', lastReload: { ok: false, trigger: 'start-up' } });
    const served = await gql(restarted.url, `{ talent(id: "${hub.dataset.experts.talents[14]!._id}") { id hainanServiceRecords { id } } }`);
    expect(served.body.errors).toBeUndefined();
  });
});

describe('the hub CLI (hub subgraph ...)', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { env: {}, out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
  };
  let token: string;
  beforeAll(async () => {
    token = await clientToken({ region: '460000', scopes: ['registry:admin'], sub: 'hainan-ops' });
  });
  const gateway = () => hub.url.replace(/\/graphql$/, '');

  it('checks, publishes, lists, shows and removes, in words', async () => {
    let run = io();
    expect(await runHubCli(['subgraph', 'check', '--name', 'hainan', '--url', hainan.url, '--gateway', gateway(), '--token', token], run.io)).toBe(0);
    expect(run.out[0]).toMatch(/^hainan \(.*\) passes every check/);

    run = io();
    run.io.env = { HUB_TOKEN: token, HUB_GATEWAY_URL: gateway() };
    expect(await runHubCli(['subgraph', 'publish', '--name', 'hainan', '--url', hainan.url], run.io)).toBe(0);
    expect(run.out[0]).toMatch(/^Published hainan/);
    expect(run.out.join('\n')).toMatch(/The gateway now serves supergraph [0-9a-f]{12}/);

    run = io();
    expect(await runHubCli(['subgraph', 'list', '--gateway', hub.url, '--token', token], run.io)).toBe(0);
    expect(run.out[0]).toMatch(/^NAME\s+KIND\s+OWNER\s+HEALTH\s+LATENCY\s+URL$/);
    expect(run.out.find((l) => l.startsWith('hainan'))).toMatch(/^hainan\s+partner\s+460000\s+up\s+\d+ ms\s+http/);
    expect(run.out.join('\n')).toMatch(/last reload ok/);

    run = io();
    expect(await runHubCli(['subgraph', 'show', '--name', 'hainan', '--sdl', '--gateway', gateway(), '--token', token], run.io)).toBe(0);
    expect(run.out.join('\n')).toContain('hainanServiceRecords');

    run = io();
    expect(await runHubCli(['subgraph', 'list', '--json', '--gateway', gateway(), '--token', token], run.io)).toBe(0);
    expect(JSON.parse(run.out.join('\n')).subgraphs.map((s: any) => s.name)).toContain('hainan');

    run = io();
    expect(await runHubCli(['subgraph', 'remove', '--name', 'hainan', '--gateway', gateway(), '--token', token], run.io)).toBe(0);
    expect(run.out[0]).toMatch(/^Removed hainan/);
  });

  it('checks a schema file offline (--schema, --registry) exactly as the gateway checks it, and on its registry file', { timeout: 60_000 }, async () => {
    const registryFile = join(dirs[0]!, 'registry.json');
    const hainanSdl = readFileSync(fileURLToPath(new URL('../../partners/hainan/schema.graphql', import.meta.url)), 'utf8');
    let run = io();
    expect(await runHubCli(['subgraph', 'publish', '--name', 'hainan', '--url', hainan.url, '--gateway', gateway(), '--token', token], run.io)).toBe(0);

    // Unchanged: both say it passes with no change to the API schema the gateway serves.
    const schema = join(dirs[0]!, 'hainan.graphql');
    writeFileSync(schema, hainanSdl);
    run = io();
    expect(await runHubCli(['subgraph', 'check', '--name', 'hainan', '--url', hainan.url, '--gateway', gateway(), '--token', token, '--json'], run.io)).toBe(0);
    expect(JSON.parse(run.out.join('\n')).changes).toEqual([]);
    run = io();
    expect(await runHubCli(['subgraph', 'check', '--name', 'hainan', '--schema', schema, '--registry', registryFile, '--json'], run.io)).toBe(0);
    expect(JSON.parse(run.out.join('\n')).changes).toEqual([]);

    // A field clients may use removed: the same BREAKING_CHANGE from the gateway and offline.
    const removed = hainanSdl.replace(/ {2}"[^"\n]*"\n {2}hainanTalentCard: HainanTalentCard\n/, '');
    writeFileSync(schema, removed);
    run = io();
    expect(await runHubCli(['subgraph', 'check', '--name', 'hainan', '--url', await stub(removed), '--gateway', gateway(), '--token', token, '--json'], run.io)).toBe(1);
    const online = JSON.parse(run.out.join('\n')).errors;
    run = io();
    expect(await runHubCli(['subgraph', 'check', '--name', 'hainan', '--schema', schema, '--registry', registryFile, '--json'], run.io)).toBe(1);
    expect(JSON.parse(run.out.join('\n')).errors).toEqual(online);
    expect(online).toEqual([expect.objectContaining({ code: 'BREAKING_CHANGE', path: 'Talent.hainanTalentCard' })]);

    run = io();
    expect(await runHubCli(['subgraph', 'remove', '--name', 'hainan', '--gateway', gateway(), '--token', token], run.io)).toBe(0);
  });

  it('fails with exit code 1 and the reasons when the checks reject, 2 on bad usage', async () => {
    const colliding = await stub(`${LINK}type Talent @key(fields: "id") { id: ID! name: String }\n`);
    let run = io();
    expect(await runHubCli(['subgraph', 'publish', '--name', 'hainan', '--url', colliding, '--gateway', gateway(), '--token', token], run.io)).toBe(1);
    expect(run.err[0]).toBe('hainan was not published: the checks failed; the graph is unchanged.');
    expect(run.err[1]).toMatch(/^ {2}POLICY_VIOLATION: Talent\.name is owned by experts/);

    run = io();
    expect(await runHubCli(['subgraph', 'publish', '--name', 'hainan', '--gateway', gateway(), '--token', token], run.io)).toBe(2);
    expect(run.err[0]).toMatch(/publish needs --url/);
    run = io();
    expect(await runHubCli(['subgraph', 'list', '--gateway', gateway()], run.io)).toBe(2);
    expect(run.err[0]).toMatch(/No token/);
    run = io();
    expect(await runHubCli(['subgraph', 'list', '--gateway', gateway(), '--token', await clientToken({ region: '460000', scopes: ['talent:read'] })], run.io)).toBe(1);
    expect(run.err[0]).toMatch(/refused the token \(HTTP 403\)/);
  });

  it('exits non-zero as a process when the checks fail', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const broken = await stub(`${LINK}type Query { talent(id: ID!): Int }\n`);
    const result = await promisify(execFile)(
      process.execPath,
      [...nodeArgv('scripts/hub.ts'), 'subgraph', 'check', '--name', 'hainan', '--url', broken, '--gateway', gateway(), '--json'],
      {
        cwd: root,
        env: { ...process.env, HUB_TOKEN: token },
      },
    ).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).errors[0]).toMatchObject({ code: 'POLICY_VIOLATION' });
  });
});

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUrlAddresses, classifyAddress, DEVELOPMENT_ADDRESS_POLICY } from '../../../gateway/registry/address.ts';
import { type AddressPolicy, createGatewayRegistry, type GatewayRegistry } from '../../../gateway/registry/index.ts';
import { FileRegistryStore } from '../../../gateway/registry/store.ts';
import { sdl as hainanSdl } from '../../../partners/hainan/server.ts';
import type { RunningServer } from '../../../platform/server.ts';
import { type Hub, startHub } from '../../helpers/hub.ts';
import { admin, collectingLogger, removeDir, serveSdl, startGateway, tempDataDir } from '../../helpers/registry.ts';

/**
 * The registry as a way into the hub's network (issue 12 item 5), through the admin API over
 * HTTP: a publisher with `registry:admin` names URLs the gateway then fetches from inside. Every
 * target here is a real server that counts the requests it receives.
 */
const FETCH_TIMEOUT_MS = 800;

/** An HTTP server on loopback that counts requests and answers with `handler`. */
interface Target {
  url: string;
  requests: number;
  close(): Promise<void>;
}
const targets: Target[] = [];
async function target(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Target> {
  const state = { requests: 0 };
  const server: Server = createServer((req, res) => {
    state.requests += 1;
    req.resume();
    req.on('end', () => handler(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const t: Target = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  targets.push(t);
  return t;
}

/** A stand-in partner that answers `_service { sdl }` with `sdl`, counting requests. */
function sdlTarget(sdl: string): Promise<Target> {
  return target((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { _service: { sdl } } }));
  });
}

let hub: Hub;
let production: RunningServer;
let productionRegistry: GatewayRegistry;
let allowListed: RunningServer;
let allowListedRegistry: GatewayRegistry;
const dirs: string[] = [];

async function registryWith(policy: AddressPolicy, coreUrls: Record<string, string>): Promise<GatewayRegistry> {
  const dir = await tempDataDir();
  dirs.push(dir);
  return createGatewayRegistry({
    store: new FileRegistryStore(dir),
    coreUrls,
    pollIntervalMs: 500,
    probeIntervalMs: 60_000,
    probeTimeoutMs: 500,
    sdlFetchTimeoutMs: FETCH_TIMEOUT_MS,
    addressPolicy: policy,
    logger: collectingLogger(),
  });
}

beforeAll(async () => {
  // Development rules (partners on loopback are fine), as the existing registry tests use.
  hub = await startHub({ talents: 50, registry: (urls) => registryWith(DEVELOPMENT_ADDRESS_POLICY, urls) });
  productionRegistry = await registryWith({ allowPrivate: false, allowedNetworks: [] }, hub.subgraphUrls);
  production = await startGateway(hub, productionRegistry);
  allowListedRegistry = await registryWith({ allowPrivate: false, allowedNetworks: ['127.0.0.0/8'] }, hub.subgraphUrls);
  allowListed = await startGateway(hub, allowListedRegistry);
});

afterAll(async () => {
  await production?.close();
  await allowListed?.close();
  await hub?.close();
  await Promise.all(targets.map((t) => t.close()));
  await Promise.all(dirs.map((d) => removeDir(d)));
});

describe('publish and check refuse addresses inside the hub', () => {
  it('never fetches link-local or metadata addresses, however spelled, in any environment', async () => {
    const inside = [
      'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
      'http://[fd00:ec2::254]/latest/meta-data/',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://METADATA.google.internal./computeMetadata/v1/',
      'http://100.100.100.200/latest/meta-data/',
      'http://169.254.10.20:8080/graphql',
      'http://[fe80::1]:4100/graphql',
      'http://[::ffff:169.254.169.254]/graphql',
      'http://2852039166/graphql', // 169.254.169.254 as one number
      'http://0.0.0.0:4001/graphql', // reaches this host
    ];
    for (const url of inside) {
      for (const path of ['/subgraphs', '/subgraphs/check']) {
        const res = await admin(hub.url, 'POST', path, { name: 'hainan', url });
        expect(res.status, `${path} ${url}`).toBe(422);
        expect(res.body.errors, url).toEqual([{ code: 'ADDRESS_NOT_ALLOWED', message: expect.stringContaining('is not a place the registry fetches from') }]);
      }
    }
    expect((await admin(hub.url, 'GET', '/subgraphs')).body.subgraphs.map((s: { name: string }) => s.name)).not.toContain('hainan');
  });

  it('in production, refuses private and loopback addresses (nothing is sent), unless the network is allow-listed', async () => {
    const partner = await sdlTarget(hainanSdl);
    for (const url of [
      partner.url,
      partner.url.replace('127.0.0.1', 'localhost'),
      'http://10.0.0.8:4100/graphql',
      'http://192.168.1.20/graphql',
      'http://[::1]:4100/graphql',
      'http://[fd12::8]/graphql',
    ]) {
      const res = await admin(production.url, 'POST', '/subgraphs/check', { name: 'hainan', url });
      expect(res.status, url).toBe(422);
      expect(res.body.errors[0].code, url).toBe('ADDRESS_NOT_ALLOWED');
      expect(res.body.errors[0].message).toContain('HUB_REGISTRY_ALLOWED_NETWORKS');
    }
    expect(partner.requests).toBe(0);
    const allowed = await admin(allowListed.url, 'POST', '/subgraphs/check', { name: 'hainan', url: partner.url });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
    expect(partner.requests).toBe(1);
  });

  it('never follows a redirect: the target it points to receives nothing', async () => {
    const inside = await sdlTarget(hainanSdl);
    const redirector = await target((_req, res) => res.writeHead(307, { location: inside.url }).end());
    const res = await admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url: redirector.url });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].code).toBe('UNREACHABLE');
    expect(redirector.requests).toBe(1);
    expect(inside.requests).toBe(0);
  });

  it('answers one uniform UNREACHABLE whatever answered: closed port, HTTP 500, not GraphQL, no _service, silence', async () => {
    const failing = await target((_req, res) => res.writeHead(500, { 'content-type': 'application/json' }).end('{"errors":[{"message":"database down"}]}'));
    const html = await target((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Router admin</body></html>'));
    const otherJson = await target((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"__typename":"Query"}}'));
    const silent = await target(() => undefined); // accepts, never answers
    // The closed port is made last: a port freed before the others listen can be handed to one of
    // them (port 0), and the "closed" request then reaches it (CI run of 13:01 UTC: [2, 1, 1, 1]).
    const closed = await target(() => undefined);
    const closedUrl = closed.url;
    await closed.close();
    const answers = [];
    for (const url of [closedUrl, failing.url, html.url, otherJson.url, silent.url]) {
      const res = await admin(hub.url, 'POST', '/subgraphs/check', { name: 'hainan', url });
      answers.push({ status: res.status, body: JSON.stringify(res.body).replaceAll(url, '<url>') });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]!.status).toBe(422);
    expect(JSON.parse(answers[0]!.body)).toEqual({ errors: [{ code: 'UNREACHABLE', message: expect.stringContaining('cannot be reached') }] });
    // Nothing of what answered leaks: no status, no body text.
    expect(answers[0]!.body).not.toMatch(/500|database|html|Router|timed out|did not answer within|ECONNREFUSED/);
    expect([failing.requests, html.requests, otherJson.requests, silent.requests]).toEqual([1, 1, 1, 1]);
  });

  it("checks who may change a partner before fetching anything: another province's URL receives no request", async () => {
    const hainan = await serveSdl(hainanSdl);
    try {
      expect((await admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url: hainan.url })).status).toBe(201);
      const probe = await sdlTarget(hainanSdl);
      for (const path of ['/subgraphs', '/subgraphs/check']) {
        const res = await admin(hub.url, 'POST', path, { name: 'hainan', url: probe.url }, { region: '440000', sub: 'guangdong-admin' });
        expect(res.status, path).toBe(403);
        expect(res.body.errors[0].code).toBe('FORBIDDEN');
      }
      expect(probe.requests).toBe(0);
      // The owner's own update does fetch (the check is about who asks, not what is asked).
      expect((await admin(hub.url, 'POST', '/subgraphs/check', { name: 'hainan', url: probe.url })).status).toBe(200);
      expect(probe.requests).toBe(1);
    } finally {
      await admin(hub.url, 'DELETE', '/subgraphs/hainan');
      await hainan.close();
    }
  });
});

describe('after a partner is published', () => {
  it("health probes do not follow the partner's redirects into the hub's network", async () => {
    const inside = await target((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"__typename":"Query"}}'));
    // Answers the registry's SDL query, then redirects every other request (the health probe) inside.
    const tricky = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (Buffer.concat(chunks).toString().includes('_service')) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { _service: { sdl: hainanSdl } } }));
        } else res.writeHead(307, { location: inside.url }).end();
      });
    });
    await new Promise<void>((resolve) => tricky.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(tricky.address() as AddressInfo).port}/graphql`;
    try {
      expect((await admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url })).status).toBe(201);
      let health: { status: string } = { status: 'unknown' };
      for (let i = 0; i < 50 && health.status === 'unknown'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        health = (await admin(hub.url, 'GET', '/subgraphs/hainan')).body.health;
      }
      expect(health.status).toBe('down');
      expect(inside.requests).toBe(0);
    } finally {
      await admin(hub.url, 'DELETE', '/subgraphs/hainan');
      tricky.closeAllConnections();
      await new Promise((resolve) => tricky.close(resolve));
    }
  });
});

describe('queries to a published partner', () => {
  it("do not follow the partner's redirects into the hub's network", async () => {
    const inside = await target((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"hainanServiceRecord":{"id":"x"}}}'));
    const tricky = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        if (body.includes('_service')) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { _service: { sdl: hainanSdl } } }));
        else if (body.includes('__typename') && !body.includes('hainan')) res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"__typename":"Query"}}');
        else res.writeHead(307, { location: inside.url }).end();
      });
    });
    await new Promise<void>((resolve) => tricky.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(tricky.address() as AddressInfo).port}/graphql`;
    try {
      expect((await admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url })).status).toBe(201);
      const res = await hub.query('{ hainanServiceRecord(id: "x") { id } }', {}, { region: '460000' });
      expect(res.body.data?.hainanServiceRecord ?? null).toBeNull();
      expect(res.body.errors?.length).toBeGreaterThan(0);
      expect(inside.requests).toBe(0);
    } finally {
      await admin(hub.url, 'DELETE', '/subgraphs/hainan');
      tricky.closeAllConnections();
      await new Promise((resolve) => tricky.close(resolve));
    }
  });
});

describe('partner schema policy through the admin API (issue 10 item 3)', () => {
  it('refuses a partner that reads birthYear with @requires on a Talent extension, and explains why', async () => {
    const sdl = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.10", import: ["@key", "@external", "@requires"])
type Query { hainanCardCount: Int }
type Talent @key(fields: "id") {
  id: ID!
  birthYear: Int @external
  hainanAgeBand: String @requires(fields: "birthYear")
}`;
    const partner = await serveSdl(sdl);
    try {
      const res = await admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url: partner.url });
      expect(res.status).toBe(422);
      expect(res.body.errors.every((e: { code: string }) => e.code === 'POLICY_VIOLATION')).toBe(true);
      const messages = res.body.errors.map((e: { message: string }) => e.message);
      expect(messages).toContainEqual(expect.stringMatching(/^@requires on Talent\.hainanAgeBand references Talent\.birthYear: partners may reference only key fields/));
      expect(messages).toContainEqual(expect.stringMatching(/^@external on Talent\.birthYear references Talent\.birthYear/));
      expect((await admin(hub.url, 'GET', '/subgraphs')).body.subgraphs.map((s: { name: string }) => s.name)).not.toContain('hainan');
    } finally {
      await partner.close();
    }
  });
});

describe('address rules', () => {
  it('class addresses: never, private, public', () => {
    expect(
      [
        '169.254.169.254',
        'fe80::1',
        'fd00:ec2::254',
        '100.100.100.200',
        '0.0.0.0',
        '::',
        '224.0.0.1',
        '255.255.255.255',
        '::ffff:169.254.169.254',
        '::ffff:a9fe:a9fe',
        '64:ff9b::a9fe:a9fe',
      ].map(classifyAddress),
    ).toEqual(Array(11).fill('never'));
    expect(['10.1.2.3', '172.20.0.1', '192.168.0.1', '127.0.0.1', '100.64.0.1', '::1', 'fd12::1', '::ffff:10.0.0.1'].map(classifyAddress)).toEqual(Array(8).fill('private'));
    expect(['8.8.8.8', '203.0.113.10', '2001:db8::1', '172.32.0.1'].map(classifyAddress)).toEqual(Array(4).fill('public'));
  });

  it('checks every address a name resolves to, so one inside address among public ones is refused', async () => {
    const resolve = (async () => [
      { address: '203.0.113.10', family: 4 },
      { address: '169.254.169.254', family: 4 },
    ]) as unknown as typeof import('node:dns/promises').lookup;
    const check = await checkUrlAddresses(new URL('https://partner.example.org/graphql'), DEVELOPMENT_ADDRESS_POLICY, resolve);
    expect(check).toMatchObject({ ok: false, reason: 'refused' });
    const privateOnly = (async () => [{ address: '10.0.0.5', family: 4 }]) as unknown as typeof import('node:dns/promises').lookup;
    expect(await checkUrlAddresses(new URL('https://partner.example.org/graphql'), { allowPrivate: false, allowedNetworks: [] }, privateOnly)).toMatchObject({
      ok: false,
      reason: 'refused',
    });
    expect(await checkUrlAddresses(new URL('https://partner.example.org/graphql'), { allowPrivate: false, allowedNetworks: ['10.0.0.0/24'] }, privateOnly)).toMatchObject({
      ok: true,
    });
  });
});

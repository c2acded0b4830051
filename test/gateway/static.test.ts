import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientAuthSettings } from '../../gateway/auth.ts';
import { filesOfEntry, mountStaticApps } from '../../gateway/static.ts';

/**
 * What the gateway serves of the web apps, in production and in development, over a fake build
 * (a manifest and a few files), so the rules are checked without building anything.
 */
const SECRET = 'static-test-secret-0123456789-0123456789';
const AUTH: ClientAuthSettings = { jwtSecret: SECRET, jwksUrl: undefined, issuer: undefined, audience: undefined };

const MANIFEST = {
  'index.html': { file: 'assets/dashboard-1.js', imports: ['_shared.js'], css: ['assets/dashboard-1.css'], assets: ['assets/font-1.woff2'] },
  '_shared.js': { file: 'assets/shared-1.js' },
  'explorer/index.html': { file: 'assets/explorer-1.js', imports: ['_shared.js', '_monaco.js'], assets: ['assets/worker-1.js'] },
  '_monaco.js': { file: 'assets/monaco-1.js', dynamicImports: ['lazy.js'] },
  'lazy.js': { file: 'assets/lazy-1.js' },
};

let dist: string;
const servers: Server[] = [];

function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-dist-'));
  mkdirSync(join(dir, '.vite'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'explorer'));
  writeFileSync(join(dir, '.vite', 'manifest.json'), JSON.stringify(MANIFEST));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>dashboard</title>');
  writeFileSync(join(dir, 'explorer', 'index.html'), '<!doctype html><title>explorer</title>');
  for (const chunk of Object.values(MANIFEST)) {
    for (const file of [chunk.file, ...('css' in chunk ? chunk.css : []), ...('assets' in chunk ? chunk.assets : [])]) writeFileSync(join(dir, file), `/* ${file} */`);
  }
  return dir;
}

async function serve(options: Parameters<typeof mountStaticApps>[1]): Promise<string> {
  const app = express();
  mountStaticApps(app, options);
  const server = createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(() => {
  dist = fakeBuild();
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  rmSync(dist, { recursive: true, force: true });
});

describe('filesOfEntry', () => {
  it('follows imports, lazy imports, CSS and assets', () => {
    expect([...filesOfEntry(MANIFEST, 'index.html')].sort()).toEqual(['assets/dashboard-1.css', 'assets/dashboard-1.js', 'assets/font-1.woff2', 'assets/shared-1.js']);
    expect(filesOfEntry(MANIFEST, 'explorer/index.html')).toContain('assets/lazy-1.js');
  });
});

describe('in production', () => {
  let base: string;
  beforeAll(async () => {
    base = await serve({ production: true, auth: AUTH, distDir: dist });
  });

  it('serves the dashboard with a strict content security policy', async () => {
    const res = await fetch(`${base}/dashboard`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>dashboard</title>');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it("serves only the dashboard's files, hashed and immutable", async () => {
    const js = await fetch(`${base}/ui/assets/dashboard-1.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/ui/assets/shared-1.js`)).status).toBe(200);
    for (const file of ['explorer-1.js', 'worker-1.js', 'lazy-1.js', 'nope.js', '..%2F.vite%2Fmanifest.json']) {
      expect((await fetch(`${base}/ui/assets/${file}`)).status, file).toBe(404);
    }
  });

  it('serves no explorer and no development token', async () => {
    expect((await fetch(`${base}/explorer`)).status).toBe(404);
    expect((await fetch(`${base}/dev/token`)).status).toBe(404);
    expect(await (await fetch(`${base}/ui/config.json`)).json()).toEqual({ devToken: false, explorer: false });
  });
});

describe('in development', () => {
  let base: string;
  beforeAll(async () => {
    base = await serve({ production: false, auth: { ...AUTH, issuer: 'hub-test', audience: 'hub' }, distDir: dist, devToken: true });
  });

  it('serves the explorer and its files', async () => {
    const res = await fetch(`${base}/explorer`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("worker-src 'self' blob:");
    expect((await fetch(`${base}/ui/assets/worker-1.js`)).status).toBe(200);
    expect(await (await fetch(`${base}/ui/config.json`)).json()).toEqual({ devToken: true, explorer: true });
  });

  it('gives a loopback client a one-hour development token signed with the configured secret', async () => {
    const res = await fetch(`${base}/dev/token?region=500000`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { token: string; region: string; scopes: string[] };
    expect(body.region).toBe('500000');
    expect(body.scopes).toEqual(['talent:read', 'stats:read']);
    const { payload } = await jwtVerify(body.token, new TextEncoder().encode(SECRET), { issuer: 'hub-test', audience: 'hub', algorithms: ['HS256'] });
    expect(payload).toMatchObject({ region: '500000', scope: 'talent:read stats:read', sub: 'dev-dashboard-500000' });
    expect(payload.exp! - payload.iat!).toBe(3600);
    const fallback = (await (await fetch(`${base}/dev/token`)).json()) as { region: string };
    expect(fallback.region).toBe('510000');
  });

  it('rejects a bad region with BAD_USER_INPUT', async () => {
    for (const region of ['51', '999999']) {
      const res = await fetch(`${base}/dev/token?region=${region}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'region' });
    }
  });

  it('gives no development token unless development was made explicit (devToken)', async () => {
    const implicit = await serve({ production: false, auth: AUTH, distDir: dist });
    expect((await fetch(`${implicit}/dev/token`)).status).toBe(404);
    expect(await (await fetch(`${implicit}/ui/config.json`)).json()).toEqual({ devToken: false, explorer: true });
  });

  it('gives no development token to a request that came through a proxy', async () => {
    for (const header of <Record<string, string>[]>[
      { 'x-forwarded-for': '203.0.113.7' },
      { forwarded: 'for=203.0.113.7' },
      { via: '1.1 nginx' },
      { 'x-forwarded-host': 'hub.example.org' },
      { 'x-real-ip': '203.0.113.7' },
    ]) {
      const res = await fetch(`${base}/dev/token`, { headers: header });
      expect(res.status, JSON.stringify(header)).toBe(403);
      expect(((await res.json()) as { errors: { message: string; extensions: { code: string } }[] }).errors[0]).toMatchObject({
        extensions: { code: 'FORBIDDEN' },
        message: expect.stringContaining('proxy'),
      });
    }
  });

  it('gives no development token when tokens are verified against a JWKS', async () => {
    const jwks = await serve({ production: false, auth: { ...AUTH, jwksUrl: 'https://idp.example.org/jwks.json' }, distDir: dist, devToken: true });
    expect((await fetch(`${jwks}/dev/token`)).status).toBe(404);
    expect(await (await fetch(`${jwks}/ui/config.json`)).json()).toEqual({ devToken: false, explorer: true });
  });
});

it('answers 503 with how to build when there is no build', async () => {
  const base = await serve({ production: false, auth: AUTH, distDir: join(tmpdir(), 'hub-no-such-build') });
  const res = await fetch(`${base}/dashboard`);
  expect(res.status).toBe(503);
  expect(await res.text()).toContain('npm run build');
});

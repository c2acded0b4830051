import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_JWT_SECRET, loadGatewayConfig } from '../../gateway/config.ts';
import { ConfigError } from '../../platform/env.ts';
import { ALL_SCOPES, TEST_JWT_SECRET } from '../helpers/caller.ts';
import { type Hub, post, startGatewayOver, startHub } from '../helpers/hub.ts';
import { freePort, nodeArgv, type Service, startProcess, waitFor } from '../helpers/processes.ts';
import { tempDirs } from '../helpers/temp.ts';

/**
 * Client tokens that would have been accepted before issue 12 item 3, each sent through real
 * HTTP: without `exp` (never expires), without `iat`, issued too long ago, made to last too
 * long, without `iss`/`aud` where the hub requires them, signed with the public development
 * secret outside explicit development; and `/dev/token` asked through a proxy.
 */
const ISSUER = 'https://idp.sichuan.example.gov.cn';
const AUDIENCE = 'talent-hub';
const MAX_AGE = 3600;
const now = () => Math.floor(Date.now() / 1000);

/** A client token with exactly the claims given (nothing added), signed HS256 with `secret`. */
function token(claims: { iss?: string; aud?: string; iat?: number; exp?: number }, secret = TEST_JWT_SECRET): Promise<string> {
  let jwt = new SignJWT({ region: '510000', scope: ALL_SCOPES.join(' ') }).setProtectedHeader({ alg: 'HS256' }).setSubject('sc-system');
  if (claims.iss) jwt = jwt.setIssuer(claims.iss);
  if (claims.aud) jwt = jwt.setAudience(claims.aud);
  if (claims.iat !== undefined) jwt = jwt.setIssuedAt(claims.iat);
  if (claims.exp !== undefined) jwt = jwt.setExpirationTime(claims.exp);
  return jwt.sign(new TextEncoder().encode(secret));
}

const good = () => ({ iss: ISSUER, aud: AUDIENCE, iat: now(), exp: now() + 300 });

async function ask(url: string, bearer: string) {
  return post(url, '{ __typename }', undefined, { authorization: `Bearer ${bearer}` });
}

describe('strict client tokens, through HTTP', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub({
      talents: 50,
      gateway: { auth: { jwtSecret: TEST_JWT_SECRET, jwksUrl: undefined, issuer: ISSUER, audience: AUDIENCE, maxAgeSeconds: MAX_AGE }, devToken: true },
    });
  });
  afterAll(() => hub?.close());

  it('accepts a token with iss, aud, iat and exp within the maximum age', async () => {
    const res = await ask(hub.url, await token(good()));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ __typename: 'Query' });
  });

  it('refuses a token without exp (it would never expire)', async () => {
    const { exp: _exp, ...claims } = good();
    const res = await ask(hub.url, await token(claims));
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]).toMatchObject({ message: expect.stringContaining('no "exp" claim'), extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a token without iat (its age cannot be bounded)', async () => {
    const { iat: _iat, ...claims } = good();
    const res = await ask(hub.url, await token(claims));
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.message).toContain('no "iat" claim');
  });

  it('refuses a token issued longer ago than the maximum age, even if it has not expired', async () => {
    const res = await ask(hub.url, await token({ ...good(), iat: now() - MAX_AGE - 120, exp: now() + 60 }));
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.message).toBe(`The token was issued more than ${MAX_AGE} s ago: get a new one.`);
  });

  it('refuses a token made to last longer than the maximum age', async () => {
    const res = await ask(hub.url, await token({ ...good(), exp: now() + 30 * 86_400 }));
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.message).toMatch(/made to last \d+ s; this hub accepts tokens that last at most 3600 s/);
  });

  it('refuses a token without iss or aud, or for another audience, when the hub names them', async () => {
    const { iss: _iss, ...noIss } = good();
    const { aud: _aud, ...noAud } = good();
    const missingIss = await ask(hub.url, await token(noIss));
    expect(missingIss.status).toBe(401);
    expect(missingIss.body.errors?.[0]?.message).toContain('no "iss" claim');
    const missingAud = await ask(hub.url, await token(noAud));
    expect(missingAud.status).toBe(401);
    expect(missingAud.body.errors?.[0]?.message).toContain('no "aud" claim');
    expect((await ask(hub.url, await token({ ...good(), aud: 'another-system' }))).status).toBe(401);
  });

  it('refuses a token signed with the public development secret when a real secret is configured', async () => {
    expect((await ask(hub.url, await token(good(), DEVELOPMENT_JWT_SECRET))).status).toBe(401);
  });

  it('gives /dev/token only to a direct loopback request, never through a proxy', async () => {
    const base = hub.url.replace(/\/graphql$/, '');
    const direct = await fetch(`${base}/dev/token?region=510000`);
    expect(direct.status).toBe(200);
    const { token: devToken } = (await direct.json()) as { token: string };
    expect((await ask(hub.url, devToken)).status).toBe(200);
    for (const headers of <Record<string, string>[]>[
      { 'x-forwarded-for': '198.51.100.4' },
      { forwarded: 'for=198.51.100.4;proto=https' },
      { via: '1.1 edge-proxy' },
      { 'x-forwarded-proto': 'https' },
    ]) {
      const proxied = await fetch(`${base}/dev/token?region=510000`, { headers });
      expect(proxied.status, JSON.stringify(headers)).toBe(403);
      expect(await proxied.text()).not.toContain('token":');
    }
  });

  it('serves no /dev/token when the gateway listens beyond loopback, even if asked to', async () => {
    const wide = await startGatewayOver(hub, { host: '0.0.0.0', devToken: true, auth: { jwtSecret: TEST_JWT_SECRET, jwksUrl: undefined, issuer: ISSUER, audience: AUDIENCE } });
    try {
      const port = new URL(wide.url).port;
      expect((await fetch(`http://127.0.0.1:${port}/dev/token`)).status).toBe(404);
    } finally {
      await wide.close();
    }
  });
});

describe('the development secret and /dev/token need explicit development on loopback', () => {
  const idp = { HUB_JWT_ISSUER: ISSUER, HUB_JWT_AUDIENCE: AUDIENCE };

  it('refuses to load without a real secret unless NODE_ENV=development on loopback, saying what to set', () => {
    expect(() => loadGatewayConfig({ ...idp })).toThrow(/HUB_JWKS_URL or HUB_JWT_SECRET: the development secret is accepted only with NODE_ENV=development \(it is not set\)/);
    expect(() => loadGatewayConfig({ NODE_ENV: 'test', ...idp })).toThrow(/NODE_ENV=development \(it is test\)/);
    expect(() => loadGatewayConfig({ NODE_ENV: 'development', HUB_HOST: '0.0.0.0' })).toThrow(
      /accepted only while the gateway listens on loopback, and HUB_HOST=0\.0\.0\.0 is not/,
    );
    expect(() => loadGatewayConfig({ NODE_ENV: 'development', HUB_JWT_SECRET: DEVELOPMENT_JWT_SECRET, HUB_HOST: '10.1.2.3' })).toThrow(ConfigError);
    const dev = loadGatewayConfig({ NODE_ENV: 'development' });
    expect(dev.auth.usingDevelopmentSecret).toBe(true);
    expect(dev.devToken).toBe(true);
    // A real secret may listen anywhere in development, but /dev/token stays off beyond loopback.
    expect(loadGatewayConfig({ NODE_ENV: 'development', HUB_HOST: '0.0.0.0', HUB_JWT_SECRET: TEST_JWT_SECRET }).devToken).toBe(false);
    expect(loadGatewayConfig({ NODE_ENV: 'development', HUB_JWKS_URL: 'https://idp.example.org/jwks.json' }).devToken).toBe(false);
  });

  it('requires HUB_JWT_ISSUER and HUB_JWT_AUDIENCE outside development, listing both', () => {
    try {
      loadGatewayConfig({ NODE_ENV: 'production', HUB_JWT_SECRET: TEST_JWT_SECRET });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/HUB_JWT_ISSUER: required unless NODE_ENV=development[\s\S]*HUB_JWT_AUDIENCE: required unless NODE_ENV=development/);
    }
    expect(loadGatewayConfig({ NODE_ENV: 'production', HUB_JWT_SECRET: TEST_JWT_SECRET, ...idp }).auth).toMatchObject({
      issuer: ISSUER,
      audience: AUDIENCE,
      maxAgeSeconds: 86_400,
    });
    expect(loadGatewayConfig({ NODE_ENV: 'development', HUB_JWT_MAX_AGE_S: '600' }).auth.maxAgeSeconds).toBe(600);
  });

  it('requires https subgraph and JWKS URLs in production (loopback excepted)', () => {
    const base = { NODE_ENV: 'production', HUB_JWT_SECRET: TEST_JWT_SECRET, ...idp };
    try {
      loadGatewayConfig({ ...base, HUB_EXPERTS_URL: 'http://experts.hub.internal:4001/graphql', HUB_JWKS_URL: 'http://idp.example.org/jwks.json' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/HUB_EXPERTS_URL: NODE_ENV=production needs an https:\/\/ URL outside loopback \(got http:\/\/experts\.hub\.internal:4001\)/);
      expect((error as Error).message).toContain('HUB_JWKS_URL: NODE_ENV=production needs an https:// URL');
    }
    expect(() => loadGatewayConfig({ ...base, HUB_EXPERTS_URL: 'https://experts.hub.internal/graphql' })).not.toThrow();
    expect(() => loadGatewayConfig({ ...base, HUB_EXPERTS_URL: 'http://127.0.0.1:4001/graphql' })).not.toThrow();
    // Outside production, plain http stays allowed (a developer's machine).
    expect(() => loadGatewayConfig({ NODE_ENV: 'development', HUB_EXPERTS_URL: 'http://experts.hub.internal:4001/graphql' })).not.toThrow();
  });
});

describe('the gateway process', () => {
  const started: Service[] = [];
  const temp = tempDirs();
  afterAll(async () => {
    for (const s of started) s.child.kill('SIGKILL');
    await Promise.all(started.map((s) => s.exited));
    temp.remove();
  });

  /** The environment of the test run without NODE_ENV (vitest sets it to "test"). */
  const baseEnv = () => {
    const { NODE_ENV: _n, HUB_JWT_SECRET: _s, HUB_JWKS_URL: _j, ...rest } = process.env;
    return rest as Record<string, string>;
  };

  it('refuses to start without a real secret when development is not explicit, saying what to set', async () => {
    const { spawn } = await import('node:child_process');
    const run = (env: Record<string, string>) =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, nodeArgv('gateway/index.ts'), { env: { ...baseEnv(), HUB_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (d: Buffer) => (output += d.toString()));
        child.stderr.on('data', (d: Buffer) => (output += d.toString()));
        // A gateway that starts instead of refusing would run forever: stop it, the test then fails on the code.
        const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
        child.on('exit', (code) => {
          clearTimeout(timer);
          resolve({ code, output });
        });
      });
    const port = String(await freePort());
    const [unset, wide] = await Promise.all([run({ HUB_GATEWAY_PORT: port }), run({ NODE_ENV: 'development', HUB_HOST: '0.0.0.0', HUB_GATEWAY_PORT: port })]);
    expect(unset.code).toBe(1);
    expect(unset.output).toContain('HUB_JWKS_URL or HUB_JWT_SECRET: the development secret is accepted only with NODE_ENV=development (it is not set)');
    expect(unset.output).toContain('npm start');
    expect(unset.output).toContain('HUB_JWT_ISSUER: required unless NODE_ENV=development');
    expect(unset.output).not.toMatch(/\bat \S+ \(/); // a configuration message, not a stack
    expect(wide.code).toBe(1);
    expect(wide.output).toContain('HUB_HOST=0.0.0.0 is not');
  }, 120_000);

  it('in production: refuses tokens without iss, tokens signed with the development secret; no /dev/token, no /metrics on the public port', async () => {
    const [gatewayPort, metricsPort, closed] = [await freePort(), await freePort(), await freePort()];
    const service = startProcess('gateway', 'gateway/index.ts', {
      NODE_ENV: 'production',
      HUB_JWT_SECRET: TEST_JWT_SECRET,
      HUB_JWT_ISSUER: ISSUER,
      HUB_JWT_AUDIENCE: AUDIENCE,
      HUB_GATEWAY_PORT: String(gatewayPort),
      HUB_METRICS_PORT: String(metricsPort),
      HUB_DATA_DIR: temp.make('hub-strict-'),
      // No subgraph runs: the gateway starts from the stored SDL and answers __typename itself.
      HUB_EXPERTS_URL: `http://127.0.0.1:${closed}/graphql`,
      HUB_PROJECTS_URL: `http://127.0.0.1:${closed}/graphql`,
      HUB_COORDINATION_URL: `http://127.0.0.1:${closed}/graphql`,
    });
    started.push(service);
    const base = `http://127.0.0.1:${gatewayPort}`;
    await waitFor(`${base}/health`, 100_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${service.output.join('')}`);
    });
    expect((await ask(`${base}/graphql`, await token(good()))).status).toBe(200);
    const { iss: _iss, ...noIss } = good();
    expect((await ask(`${base}/graphql`, await token(noIss))).status).toBe(401);
    expect((await ask(`${base}/graphql`, await token(good(), DEVELOPMENT_JWT_SECRET))).status).toBe(401);
    expect((await fetch(`${base}/dev/token`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/hub_gateway_requests_total\{operation="anonymous",outcome="ok"\} 1/);
    // The metrics listener does not keep the gateway from stopping on SIGTERM.
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
  }, 120_000);
});

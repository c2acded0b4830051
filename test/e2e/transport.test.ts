import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallerSigner } from '../../gateway/signer.ts';
import { loadConfig } from '../../platform/config.ts';
import { ConfigError } from '../../platform/env.ts';
import { post } from '../helpers/hub.ts';
import { freePort, type Service, startProcess, waitFor } from '../helpers/processes.ts';
import { tempDirs } from '../helpers/temp.ts';

/**
 * Transport (issue 12 item 4): in production the key set subgraphs trust is fetched over https
 * only, and it can be pinned in their settings so a network attacker (or whoever answers at the
 * JWKS URL) cannot swap the keys subgraphs trust.
 */
const AUDIT_KEY = 'audit-key-for-the-transport-test-0123456789';

async function keyPair(): Promise<JWK> {
  return exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey);
}

describe('subgraph and partner settings in production', () => {
  // The other secrets production requires (audit and statistics keys), so only the transport rules are under test.
  const production = { NODE_ENV: 'production', HUB_AUDIT_KEY: AUDIT_KEY, HUB_STATS_KEY: `${AUDIT_KEY}-stats`, HUB_EXPERTS_URL: 'https://experts.hub.example.gov.cn/graphql' };

  it('require an https gateway JWKS URL outside loopback, unless the key set is pinned', async () => {
    const signer = await createCallerSigner({ privateJwk: await keyPair() });
    const pinned = JSON.stringify(signer.jwks());
    expect(() => loadConfig({ ...production, HUB_GATEWAY_JWKS_URL: 'http://gateway.hub.internal:4000/.well-known/jwks.json' })).toThrow(
      /HUB_GATEWAY_JWKS_URL: NODE_ENV=production needs an https:\/\/ URL outside loopback/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', HUB_GATEWAY_JWKS_URL: 'http://gateway.hub.internal:4000/.well-known/jwks.json' }, [])).toThrow(ConfigError);
    expect(loadConfig({ ...production, HUB_GATEWAY_JWKS_URL: 'https://gateway.hub.example.gov.cn/.well-known/jwks.json' }).gatewayJwksUrl).toMatch(/^https:/);
    expect(loadConfig({ ...production, HUB_GATEWAY_JWKS_URL: 'http://127.0.0.1:4000/.well-known/jwks.json' }).gatewayPublicJwks).toBeUndefined();
    const withPin = loadConfig({ ...production, HUB_GATEWAY_JWKS_URL: 'http://gateway.hub.internal:4000/.well-known/jwks.json', HUB_GATEWAY_PUBLIC_JWKS: pinned });
    expect(withPin.gatewayPublicJwks).toEqual(signer.jwks());
    expect(loadConfig({ NODE_ENV: 'production', HUB_GATEWAY_PUBLIC_JWKS: pinned, HUB_GATEWAY_JWKS_URL: 'http://gateway.hub.internal/jwks' }, []).gatewayPublicJwks).toEqual(
      signer.jwks(),
    );
    // Subgraph URLs the subgraph itself calls follow the same rule.
    expect(() => loadConfig({ ...production, HUB_GATEWAY_PUBLIC_JWKS: pinned, HUB_EXPERTS_URL: 'http://experts.hub.internal:4001/graphql' })).toThrow(
      /HUB_EXPERTS_URL: NODE_ENV=production needs an https/,
    );
  });

  it('refuse a pinned key set that is not a public JWKS (a private key, or not JSON)', async () => {
    const privateJwk = await keyPair();
    expect(() => loadConfig({ HUB_GATEWAY_PUBLIC_JWKS: JSON.stringify({ keys: [privateJwk] }) })).toThrow(/HUB_GATEWAY_PUBLIC_JWKS: must be a JSON Web Key Set/);
    expect(() => loadConfig({ HUB_GATEWAY_PUBLIC_JWKS: 'not json' })).toThrow(/HUB_GATEWAY_PUBLIC_JWKS/);
  });
});

describe('a subgraph with the gateway key set pinned', () => {
  let jwksServer: Server;
  let jwksRequests = 0;
  let experts: Service;
  const temp = tempDirs();
  let url: string;
  let gateway: Awaited<ReturnType<typeof createCallerSigner>>;
  let attacker: Awaited<ReturnType<typeof createCallerSigner>>;

  beforeAll(async () => {
    gateway = await createCallerSigner({ privateJwk: await keyPair() });
    attacker = await createCallerSigner({ privateJwk: await keyPair() });
    // What answers at the JWKS URL: the attacker's keys (a swapped key set).
    jwksServer = createServer((_req, res) => {
      jwksRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(attacker.jwks()));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const port = await freePort();
    experts = startProcess('experts', 'subgraphs/experts/index.ts', {
      HUB_EXPERTS_PORT: String(port),
      HUB_DATA_DIR: temp.make('hub-transport-'),
      HUB_SEED_TALENTS: '50',
      HUB_GATEWAY_JWKS_URL: `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`,
      HUB_GATEWAY_PUBLIC_JWKS: JSON.stringify(gateway.jwks()),
    });
    url = `http://127.0.0.1:${port}/graphql`;
    await waitFor(`http://127.0.0.1:${port}/health`, 100_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${experts.output.join('')}`);
    });
  }, 120_000);

  afterAll(async () => {
    experts?.child.kill('SIGKILL');
    jwksServer?.close();
    await experts?.exited;
    temp.remove();
  });

  const caller = { audience: 'experts', sub: 'sc-system', region: '510000', scopes: ['talent:read'], purpose: null, grants: [] };

  it('refuses a caller token signed with the key set served at the JWKS URL, and never fetches it', async () => {
    const forged = await attacker.sign(caller);
    const res = await post(url, '{ disciplines { code } }', undefined, { authorization: `Bearer ${forged}` });
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(jwksRequests).toBe(0);
  });

  it('accepts the pinned gateway key', async () => {
    const res = await post(url, '{ disciplines { code } }', undefined, { authorization: `Bearer ${await gateway.sign(caller)}` });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.disciplines?.length).toBeGreaterThan(0);
    expect(jwksRequests).toBe(0);
  });
});

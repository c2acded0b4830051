import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../gateway/config.ts';
import { loadConfig } from '../../platform/config.ts';

describe('registry settings', () => {
  it('default to a file registry under .data, polled every 5 s, probes every 10 s', () => {
    const { registry } = loadGatewayConfig({ NODE_ENV: 'development' });
    expect(registry).toEqual({
      enabled: true,
      dataDir: expect.stringMatching(/\.data$/),
      mongodbUri: undefined,
      mongodbDb: 'talent_hub',
      pollIntervalMs: 5000,
      probeIntervalMs: 10_000,
      sdlFetchTimeoutMs: 5000,
      allowPrivateAddresses: true,
      allowedNetworks: [],
      partnerAllowedFields: [],
    });
    expect(isAbsolute(registry.dataDir)).toBe(true);
  });

  it('are read from the environment, empty meaning unset, a relative data directory resolved', () => {
    const { registry } = loadGatewayConfig({
      NODE_ENV: 'development',
      HUB_REGISTRY: 'false',
      HUB_DATA_DIR: 'var/hub',
      MONGODB_URI: 'mongodb://db.example:27017',
      HUB_MONGODB_DB: 'hub_prod',
      HUB_REGISTRY_POLL_MS: '2000',
      HUB_HEALTH_PROBE_INTERVAL_MS: '',
      HUB_SDL_FETCH_TIMEOUT_MS: '800',
    });
    expect(registry).toEqual({
      enabled: false,
      dataDir: join(process.cwd(), 'var/hub'),
      mongodbUri: 'mongodb://db.example:27017',
      mongodbDb: 'hub_prod',
      pollIntervalMs: 2000,
      probeIntervalMs: 10_000,
      sdlFetchTimeoutMs: 800,
      allowPrivateAddresses: true,
      allowedNetworks: [],
      partnerAllowedFields: [],
    });
  });

  it('list every problem at once, saying what to set', () => {
    expect(() => loadGatewayConfig({ HUB_REGISTRY_POLL_MS: '60000', MONGODB_URI: 'postgres://x', HUB_REGISTRY: 'maybe' })).toThrow(
      /HUB_REGISTRY: must be true or false[\s\S]*MONGODB_URI: must be a MongoDB connection string[\s\S]*HUB_REGISTRY_POLL_MS: must be at most 10000/,
    );
  });

  it('of a partner subgraph default to port 4100 on the embedded store with example data', () => {
    // A partner asks for none of the hub's capabilities (no audit trail, statistics or owner lookups).
    expect(loadConfig({}, [])).toMatchObject({
      host: '127.0.0.1',
      ports: { partner: 4100 },
      mongodbUri: undefined,
      mongodbDb: 'talent_hub',
      seedOnStart: true,
      gatewayJwksUrl: 'http://127.0.0.1:4000/.well-known/jwks.json',
      gatewayPublicJwks: undefined,
      dataDir: expect.stringMatching(/\.data$/),
    });
    expect(loadConfig({ MONGODB_URI: 'mongodb://x', HUB_PARTNER_PORT: '4111' }, [])).toMatchObject({ ports: { partner: 4111 }, seedOnStart: false });
  });
});

import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { createAgreementDirectory, type AgreementInForce } from '../../gateway/agreements.ts';
import { createClientVerifier, RequestRejected } from '../../gateway/auth.ts';
import { DEVELOPMENT_JWT_SECRET, loadGatewayConfig } from '../../gateway/config.ts';
import { ConfigError } from '../../platform/env.ts';
import { resolveEntry } from '../../scripts/lib/processes.ts';
import { clientToken } from '../helpers/caller.ts';

const run = promisify(execFile);
// `npm run -s token`: compiled when the run compiled the hub (npm test: test/setup/compiled.ts), through tsx otherwise.
const TOKEN = resolveEntry('scripts/token.ts');

describe('gateway authentication settings', () => {
  it('refuses to start in production without a real secret or a JWKS URL, listing what to set', () => {
    const idp = { HUB_JWT_ISSUER: 'https://idp.example.org', HUB_JWT_AUDIENCE: 'talent-hub' };
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', ...idp })).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', HUB_JWT_SECRET: DEVELOPMENT_JWT_SECRET, ...idp })).toThrow(/HUB_JWKS_URL or HUB_JWT_SECRET/);
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', HUB_JWT_SECRET: 'short', ...idp })).toThrow(/at least 32/);
    expect(loadGatewayConfig({ NODE_ENV: 'production', HUB_JWT_SECRET: 'a-real-secret-of-enough-length-1234567890', ...idp }).auth.usingDevelopmentSecret).toBe(false);
    expect(loadGatewayConfig({ NODE_ENV: 'production', HUB_JWKS_URL: 'https://idp.example.org/jwks.json', ...idp }).auth.jwksUrl).toBe('https://idp.example.org/jwks.json');
    expect(loadGatewayConfig({ NODE_ENV: 'development' }).auth.usingDevelopmentSecret).toBe(true);
  });

  it('reports every bad setting at once, treating empty values as unset', () => {
    try {
      loadGatewayConfig({ HUB_GATEWAY_PORT: 'abc', HUB_EXPERTS_URL: 'ftp://x', HUB_JWT_SECRET: '', HUB_AGREEMENT_CACHE_MS: '9000' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      for (const name of ['HUB_GATEWAY_PORT', 'HUB_EXPERTS_URL', 'HUB_AGREEMENT_CACHE_MS']) expect(message).toContain(name);
      expect(message).not.toContain('HUB_JWT_SECRET');
    }
  });

  it('`npm run -s token` prints a bare development token the gateway accepts', async () => {
    const { stdout } = await run(
      process.execPath,
      [...TOKEN.loader, TOKEN.file, '--region', '500000', '--scope', 'talent:read talent:contact', '--sub', 'cq-system', '--ttl', '5m'],
      { env: { ...process.env, HUB_JWT_SECRET: '' } },
    );
    const token = stdout.trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const verify = createClientVerifier({ jwtSecret: DEVELOPMENT_JWT_SECRET, jwksUrl: undefined, issuer: undefined, audience: undefined });
    expect(await verify(`Bearer ${token}`)).toEqual({ sub: 'cq-system', region: '500000', scopes: ['talent:read', 'talent:contact'] });
    await expect(run(process.execPath, [...TOKEN.loader, TOKEN.file, '--region', '5000', '--scope', 'talent:read'])).rejects.toMatchObject({ code: 2 });
    await expect(run(process.execPath, [...TOKEN.loader, TOKEN.file, '--region', '500000', '--scope', 'talent:everything'])).rejects.toMatchObject({ code: 2 });
    // Three process start-ups one after another (through tsx in npm run test:unit): on a fresh clone under load one took over 10 s.
  }, 90_000);

  it('refuses a token for a region the hub does not know: the script mints none, the gateway answers UNKNOWN_REGION', async () => {
    const refused = run(process.execPath, [...TOKEN.loader, TOKEN.file, '--region', '999999', '--scope', 'talent:read'], { env: { ...process.env, HUB_JWT_SECRET: '' } });
    await expect(refused).rejects.toMatchObject({ code: 2, stdout: '' });
    await expect(refused).rejects.toMatchObject({ stderr: expect.stringContaining('999999 is not a GB/T 2260 region') });
    const verify = createClientVerifier({ jwtSecret: DEVELOPMENT_JWT_SECRET, jwksUrl: undefined, issuer: undefined, audience: undefined });
    for (const region of ['999999', '000000', '510099']) {
      const token = await clientToken({ region, scopes: ['talent:read'], secret: DEVELOPMENT_JWT_SECRET });
      await expect(verify(`Bearer ${token}`)).rejects.toMatchObject({ status: 401, code: 'UNKNOWN_REGION', message: expect.stringContaining(region) });
    }
    // Provinces, prefectures and counties are known, also a county the hub holds no document for
    // (110105, Chaoyang, Beijing): a county-level system anywhere may call.
    for (const region of ['510000', '510100', '500101', '110105']) {
      const token = await clientToken({ region, scopes: ['talent:read'], secret: DEVELOPMENT_JWT_SECRET });
      expect((await verify(`Bearer ${token}`)).region).toBe(region);
    }
  }, 60_000);
});

describe('client tokens from an identity provider (HUB_JWKS_URL)', () => {
  const servers: { close(): void }[] = [];
  afterAll(() => {
    for (const s of servers) s.close();
  });

  it('verifies RS256 tokens against the provider JWKS and rejects others', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'RS256' };
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    const verify = createClientVerifier({ jwtSecret: undefined, jwksUrl, issuer: 'https://idp.example.org', audience: 'talent-hub' });
    const sign = (claims: { iss?: string; aud?: string }) =>
      new SignJWT({ region: '510000', scope: 'talent:read' })
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
        .setSubject('sc-system')
        .setIssuer(claims.iss ?? 'https://idp.example.org')
        .setAudience(claims.aud ?? 'talent-hub')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
    expect(await verify(`Bearer ${await sign({})}`)).toEqual({ sub: 'sc-system', region: '510000', scopes: ['talent:read'] });
    await expect(verify(`Bearer ${await sign({ aud: 'someone-else' })}`)).rejects.toBeInstanceOf(RequestRejected);
    await expect(verify(`Bearer ${await sign({ iss: 'https://evil.example.org' })}`)).rejects.toThrow(/iss/);
    // An HS256 token made with any secret is not accepted when a JWKS is configured.
    const hs = await new SignJWT({ region: '510000', scope: 'talent:read' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(DEVELOPMENT_JWT_SECRET));
    await expect(verify(`Bearer ${hs}`)).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });
});

describe('agreement directory', () => {
  const chuanyu: AgreementInForce = {
    id: 'agr-chuanyu',
    parties: [{ code: '510000' }, { code: '500000' }],
    scope: { sectors: ['AGRICULTURE'], disciplineCodes: ['210'], contactSharing: true },
  };
  const county: AgreementInForce = {
    id: 'agr-yunhe',
    parties: [{ code: '331125' }, { code: '350725' }],
    scope: { sectors: ['SERVICES'], disciplineCodes: [], contactSharing: false },
  };

  it('turns agreements in force into grants per province, and follows changes after the cache time', async () => {
    let current = [chuanyu, county];
    let fetches = 0;
    const directory = createAgreementDirectory({
      ttlMs: 50,
      fetchAgreements: async () => {
        fetches++;
        return current;
      },
    });
    expect(await directory.grantsFor('500000')).toEqual([{ region: '510000', agreementId: 'agr-chuanyu', sectors: ['AGRICULTURE'], disciplines: ['210'], contact: true }]);
    // A county party binds its province.
    expect(await directory.grantsFor('330000')).toEqual([{ region: '350000', agreementId: 'agr-yunhe', sectors: ['SERVICES'], disciplines: [], contact: false }]);
    expect(await directory.grantsFor('630000')).toEqual([]);
    expect(fetches).toBe(1);
    current = [county]; // the Sichuan–Chongqing agreement expired
    expect((await directory.grantsFor('500000')).length).toBe(1); // still cached
    await new Promise((r) => setTimeout(r, 60));
    expect(await directory.grantsFor('500000')).toEqual([]);
  });

  it('keeps the last known agreements when coordination fails, and grants nothing before the first answer', async () => {
    let fail = true;
    const errors: unknown[] = [];
    const directory = createAgreementDirectory({
      ttlMs: 0,
      fetchAgreements: async () => {
        if (fail) throw new Error('down');
        return [chuanyu];
      },
      onError: (e) => errors.push(e),
    });
    expect(await directory.grantsFor('500000')).toEqual([]);
    fail = false;
    expect(await directory.grantsFor('500000')).toHaveLength(1);
    fail = true;
    expect(await directory.grantsFor('500000')).toHaveLength(1);
    expect(errors.length).toBe(2);
  });
});

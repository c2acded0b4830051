import { createLocalJWKSet, exportJWK, generateKeyPair, type JWTVerifyGetKey, SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { CALLER_TOKEN_ISSUER, createCallerVerifier, inSameProvince, requireOwnProvince } from '../../platform/caller.ts';
import { callerFor } from '../helpers/caller.ts';

/** requireOwnProvince compares provinces, whatever the levels of the two codes, and fails closed on anything else. */
describe('own-province checks of writes', () => {
  it('puts a province, its prefectures and counties together, and nothing else', () => {
    expect(inSameProvince('510104', '510000')).toBe(true); // a Chengdu district and Sichuan
    expect(inSameProvince('510000', '510100')).toBe(true); // Sichuan and Chengdu
    expect(inSameProvince('510100', '510400')).toBe(true); // two prefectures of Sichuan
    expect(inSameProvince('510000', '500000')).toBe(false); // Sichuan and Chongqing
    expect(inSameProvince('500103', '510000')).toBe(false);
  });

  it('matches nothing for a code that is not six digits, even with the right prefix', () => {
    for (const bad of ['51', '5100', '5100000', '51000a', '', '000000', '51 000']) {
      expect(inSameProvince(bad, '510000'), bad).toBe(false);
      expect(inSameProvince('510000', bad), bad).toBe(false);
    }
  });

  it('throws FORBIDDEN naming the owning province and the caller’s region', () => {
    const caller = callerFor('630100').caller!;
    expect(() => requireOwnProvince(caller, '630000', "the programme's owner region")).not.toThrow();
    try {
      requireOwnProvince(caller, '510100', "the programme's owner region");
      expect.unreachable();
    } catch (error) {
      expect((error as { extensions: { code: string } }).extensions.code).toBe('FORBIDDEN');
      expect((error as Error).message).toBe("Only systems of province 510000 (the programme's owner region 510100) may do this; your token is for region 630100.");
    }
    expect(() => requireOwnProvince(caller, '63', 'x')).toThrow(/province unknown/);
  });
});

describe('verifying the gateway’s caller tokens', () => {
  async function setup() {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] });
    let keyLookups = 0;
    const keys: JWTVerifyGetKey = (header, token) => {
      keyLookups += 1;
      return jwks(header, token);
    };
    const sign = (expiresIn: string) =>
      new SignJWT({ region: '510000', scope: 'talent:read', purpose: null, grants: [] })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setSubject('sys')
        .setIssuer(CALLER_TOKEN_ISSUER)
        .setAudience('experts@sichuan')
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey);
    return { verify: createCallerVerifier(keys, 'experts@sichuan'), sign, lookups: () => keyLookups };
  }

  it('checks a token’s signature once and trusts the same token text until it expires', async () => {
    const { verify, sign, lookups } = await setup();
    const token = await sign('60s');
    expect((await verify(`Bearer ${token}`))?.region).toBe('510000');
    expect((await verify(`Bearer ${token}`))?.region).toBe('510000');
    expect(lookups()).toBe(1);
    // An altered token is another text: verified, and refused.
    const altered = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect(await verify(`Bearer ${altered}`)).toBeNull();
  });

  it('refuses a remembered token once it has expired', async () => {
    const { verify, sign } = await setup();
    const token = await sign('1s');
    expect(await verify(`Bearer ${token}`)).not.toBeNull();
    // The clock moves 2.1 s on instead of the test waiting for it: both the verifier's memory and
    // jose's expiry check read Date.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 2100);
      expect(await verify(`Bearer ${token}`)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

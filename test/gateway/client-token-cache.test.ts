import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClientVerifier } from '../../gateway/auth.ts';
import { DEVELOPMENT_JWT_SECRET } from '../../gateway/config.ts';

const secret = new TextEncoder().encode(DEVELOPMENT_JWT_SECRET);
const settings = { jwtSecret: DEVELOPMENT_JWT_SECRET, jwksUrl: undefined, issuer: undefined, audience: undefined };

async function token(claims: Record<string, unknown>, lifetimeS: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ region: '510000', scope: 'talent:read', ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('sc-system')
    .setIssuedAt(now)
    .setExpirationTime(now + lifetimeS)
    .sign(secret);
}

describe('verified client tokens are remembered by their exact text', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('checks a token once, then answers its later uses without a signature check', async () => {
    const verify = createClientVerifier(settings);
    const t = await token({}, 3600);
    const first = await verify(`Bearer ${t}`);
    expect(first).toEqual({ sub: 'sc-system', region: '510000', scopes: ['talent:read'] });
    for (let i = 0; i < 5; i++) expect(await verify(`Bearer ${t}`)).toEqual(first);
    expect(verify.signatureChecks()).toBe(1);
    // A caller changing its copy of the identity does not change what the next request sees.
    first.scopes.push('talent:write');
    expect((await verify(`Bearer ${t}`)).scopes).toEqual(['talent:read']);
  });

  it('refuses an altered token although the original was verified', async () => {
    const verify = createClientVerifier(settings);
    const t = await token({}, 3600);
    await verify(`Bearer ${t}`);
    const [header, payload, signature] = t.split('.') as [string, string, string];
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), region: '500000' })).toString('base64url');
    await expect(verify(`Bearer ${header}.${forgedPayload}.${signature}`)).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(verify(`Bearer ${header}.${payload}.${flipped}`)).rejects.toMatchObject({ status: 401 });
    expect(verify.signatureChecks()).toBe(3);
  });

  it('refuses an expired token although it was verified while valid, and checks a remembered one again after a minute', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const verify = createClientVerifier(settings);
    const short = await token({}, 120);
    const long = await token({}, 3600);
    await verify(`Bearer ${short}`);
    await verify(`Bearer ${long}`);
    vi.setSystemTime(Date.now() + 61_000);
    await verify(`Bearer ${long}`);
    expect(verify.signatureChecks()).toBe(3);
    // Past exp and jose's 30 s clock tolerance.
    vi.setSystemTime(Date.now() + 100_000);
    await expect(verify(`Bearer ${short}`)).rejects.toMatchObject({ status: 401, message: 'The token has expired: get a new one.' });
  });
});

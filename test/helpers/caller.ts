import { SignJWT } from 'jose';
import type { Caller, Grant, Purpose } from '../../platform/caller.ts';
import type { RequestInfo } from '../../platform/request.ts';

/** Every scope: for tests that exercise a subgraph, not the sharing rules. */
export const ALL_SCOPES = ['talent:read', 'talent:contact', 'talent:write', 'projects:write', 'coordination:write', 'audit:read', 'registry:admin', 'stats:read'];

/** A verified caller as a subgraph sees it (what the gateway's token would carry). */
export function callerFor(region: string, scopes: string[] = ALL_SCOPES, extra: { purpose?: Purpose; grants?: Grant[]; sub?: string } = {}): RequestInfo {
  const caller: Caller = {
    sub: extra.sub ?? `test-${region}`,
    region,
    scopes: new Set(scopes),
    purpose: extra.purpose ?? null,
    grants: extra.grants ?? [],
  };
  return { caller, operation: 'Test', requestId: null, ownerLookupToken: null };
}

/** The HS256 secret the test gateways trust. */
export const TEST_JWT_SECRET = 'test-secret-for-the-hub-test-suite-only-0123456789';

/** A client token as a provincial system would send it. */
export async function clientToken(options: { region: string; scopes: string[]; sub?: string; ttl?: string; secret?: string }): Promise<string> {
  return new SignJWT({ region: options.region, scope: options.scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.sub ?? `system-${options.region}`)
    .setIssuedAt()
    .setExpirationTime(options.ttl ?? '10m')
    .sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
}

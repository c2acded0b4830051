import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK, type JWTVerifyGetKey, SignJWT } from 'jose';
import { CALLER_TOKEN_AUDIENCE, CALLER_TOKEN_ISSUER, type Grant, type Purpose } from '../subgraphs/kit/caller.ts';

export interface CallerClaims {
  sub: string;
  region: string;
  scopes: string[];
  purpose: Purpose | null;
  grants: Grant[];
}

const TOKEN_TTL_SECONDS = 60;
// A token is reused while it has more than this left, so signing costs once per caller per ~30 s.
const REUSE_MARGIN_SECONDS = 30;

/**
 * Signs the short-lived caller tokens the gateway passes to subgraphs (ES256). The key pair is
 * generated at start-up unless a private JWK is configured (several gateway instances behind a
 * balancer share one). Subgraphs verify against `jwks()`, served at /.well-known/jwks.json.
 */
export async function createCallerSigner(options: { privateJwk?: JWK | undefined } = {}) {
  let privateJwk: JWK;
  if (options.privateJwk) {
    privateJwk = options.privateJwk;
  } else {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    privateJwk = await exportJWK(privateKey);
  }
  const { d: _d, ...publicJwk } = privateJwk;
  const kid = await calculateJwkThumbprint(publicJwk);
  const key = await importJWK({ ...privateJwk, alg: 'ES256' }, 'ES256');
  const publicSet = { keys: [{ ...publicJwk, kid, alg: 'ES256', use: 'sig' }] };
  // Promises, so concurrent first requests of one caller share one signature (and so one token).
  const cache = new Map<string, { token: Promise<string>; exp: number }>();

  return {
    kid,
    /** The public JWKS document. */
    jwks: () => publicSet,
    /** A key resolver over the public keys, for in-process verification. */
    localKeys: (): JWTVerifyGetKey => createLocalJWKSet(publicSet),
    async sign(claims: CallerClaims): Promise<string> {
      const cacheKey = JSON.stringify([claims.sub, claims.region, claims.scopes, claims.purpose, claims.grants]);
      const now = Math.floor(Date.now() / 1000);
      const hit = cache.get(cacheKey);
      if (hit && hit.exp - now > REUSE_MARGIN_SECONDS) return hit.token;
      const exp = now + TOKEN_TTL_SECONDS;
      const token = new SignJWT({
        region: claims.region,
        scope: claims.scopes.join(' '),
        purpose: claims.purpose,
        grants: claims.grants,
      })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setSubject(claims.sub)
        .setIssuer(CALLER_TOKEN_ISSUER)
        .setAudience(CALLER_TOKEN_AUDIENCE)
        .setIssuedAt(now)
        .setExpirationTime(exp)
        .sign(key);
      if (cache.size > 10_000) cache.clear();
      cache.set(cacheKey, { token, exp });
      token.catch(() => cache.delete(cacheKey));
      return token;
    },
  };
}

export type CallerSigner = Awaited<ReturnType<typeof createCallerSigner>>;

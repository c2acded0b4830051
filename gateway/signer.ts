import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK, type JWTVerifyGetKey, SignJWT } from 'jose';
import { CALLER_TOKEN_ISSUER, type Grant, LINKAGE_TOKENS_SCOPE, OWNER_LOOKUP_SCOPE, type Purpose } from '../platform/caller.ts';
import { SUBGRAPH_NAMES } from '../platform/config.ts';
import { audienceSubgraph } from '../platform/nodes.ts';

export interface CallerClaims {
  /** The subgraph the token is made for (`aud`): a core subgraph's name or node (`experts@sichuan`), or a partner's registry name; a list for an owner-lookup token, which every experts node accepts. */
  audience: string | string[];
  sub: string;
  region: string;
  scopes: string[];
  purpose: Purpose | null;
  grants: Grant[];
  /**
   * A JWT ID (`jti`) that makes the token unique. Such a token is never cached or reused, so two
   * requests carrying one never look identical to the gateway's fetch deduplication.
   */
  jti?: string;
}

const TOKEN_TTL_SECONDS = 60;
// A token is reused while it has more than this left, so signing costs once per caller and audience per ~30 s.
const REUSE_MARGIN_SECONDS = 30;

/**
 * Signs the short-lived caller tokens the gateway passes to subgraphs (ES256), each for one
 * audience. The key pair is generated at start-up unless a private JWK is configured (several
 * gateway instances behind a balancer share one). Subgraphs verify against `jwks()`, served at
 * /.well-known/jwks.json, and each accepts only tokens whose `aud` is its own name.
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
  // A frozen grants list (the agreement directory's, shared by every request of a province while
  // the agreements are unchanged) is keyed by its identity instead of its text: writing every
  // grant out as JSON on every request was most of what a cache hit cost.
  const grantIds = new WeakMap<readonly Grant[], number>();
  let grantCount = 0;
  const keyOf = (claims: CallerClaims): string => {
    const grants = claims.grants;
    let grantsKey: string;
    if (grants.length === 0) grantsKey = '[]';
    else if (Object.isFrozen(grants)) {
      let id = grantIds.get(grants);
      if (id === undefined) grantIds.set(grants, (id = ++grantCount));
      grantsKey = `#${id}`;
    } else grantsKey = JSON.stringify(grants);
    return JSON.stringify([claims.audience, claims.sub, claims.region, claims.scopes, claims.purpose, grantsKey]);
  };

  const signNow = (claims: CallerClaims, now: number): Promise<string> => {
    const jwt = new SignJWT({
      region: claims.region,
      scope: claims.scopes.join(' '),
      purpose: claims.purpose,
      grants: claims.grants,
    })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject(claims.sub)
      .setIssuer(CALLER_TOKEN_ISSUER)
      .setAudience(claims.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + TOKEN_TTL_SECONDS);
    if (claims.jti) jwt.setJti(claims.jti);
    return jwt.sign(key);
  };

  return {
    kid,
    /** The public JWKS document. */
    jwks: () => publicSet,
    /** A key resolver over the public keys, for in-process verification. */
    localKeys: (): JWTVerifyGetKey => createLocalJWKSet(publicSet),
    /** A token with exactly these claims, for `claims.audience` only (reused for ~30 s unless it has a `jti`). */
    async sign(claims: CallerClaims): Promise<string> {
      const now = Math.floor(Date.now() / 1000);
      if (claims.jti) return signNow(claims, now);
      const cacheKey = keyOf(claims);
      const hit = cache.get(cacheKey);
      if (hit && hit.exp - now > REUSE_MARGIN_SECONDS) return hit.token;
      const token = signNow(claims, now);
      if (cache.size > 10_000) cache.clear();
      cache.set(cacheKey, { token, exp: now + TOKEN_TTL_SECONDS });
      token.catch(() => cache.delete(cacheKey));
      return token;
    },
  };
}

export type CallerSigner = Awaited<ReturnType<typeof createCallerSigner>>;

const CORE = new Set<string>(SUBGRAPH_NAMES);

/** True for the hub's own subgraphs (experts, projects, coordination) and their nodes (`experts@sichuan`); every other name is a partner's. */
export function isCoreSubgraph(name: string): boolean {
  return CORE.has(audienceSubgraph(name));
}

/** The verified client of one request, as the gateway passes it on. */
export interface VerifiedCaller {
  sub: string;
  region: string;
  scopes: string[];
  purpose: Purpose | null;
}

/** What a partner subgraph may be told about the caller: enough to answer, nothing to act with. */
function partnerClaims(audience: string, caller: VerifiedCaller): CallerClaims {
  return {
    audience,
    sub: caller.sub,
    region: caller.region,
    scopes: caller.scopes.includes('talent:read') ? ['talent:read'] : [],
    purpose: caller.purpose,
    grants: [],
  };
}

/**
 * The caller tokens of one client request, each made on first use and memoised:
 * - `forSubgraph(name)`: for a core subgraph, the caller's scopes, purpose and its province's
 *   grants; for a partner, no grants and no scope but `talent:read` (a partner can neither act for
 *   the caller nor see what another province granted it);
 * - `ownerLookup()`: for experts only (every node of it: `expertsAudiences`), scope `talent:locate` and the grants, which projects and
 *   coordination present to experts to learn a talent's home region and whether the caller may
 *   see it, before they write.
 *
 * When the caller declared a purpose (the only case in which another region's personal data can
 * be given), every token of the request carries a fresh `jti`: identical concurrent requests then
 * never share a subgraph fetch, so each leaves its own audit event. Without a purpose tokens are
 * reused across requests (cheap signing, and the fetch deduplication keeps working).
 */
export function requestTokens(signer: CallerSigner, caller: VerifiedCaller, grants: () => Promise<Grant[]>, expertsAudiences: string[] = ['experts']) {
  const jti = caller.purpose ? randomUUID() : undefined;
  const unique = jti ? { jti } : {};
  // The owner-lookup scope is the gateway's to give, never a client's to claim.
  const clientScopes = caller.scopes.filter((s) => s !== OWNER_LOOKUP_SCOPE && s !== LINKAGE_TOKENS_SCOPE);
  // A caller that may run linkage lets coordination fetch the nodes' linkage tokens for it (issue 17).
  const lookupScopes = caller.scopes.includes('linkage:write') ? [OWNER_LOOKUP_SCOPE, LINKAGE_TOKENS_SCOPE] : [OWNER_LOOKUP_SCOPE];
  const tokens = new Map<string, Promise<string>>();
  const memo = (key: string, make: () => Promise<string>) => {
    let token = tokens.get(key);
    if (!token) {
      token = make();
      tokens.set(key, token);
    }
    return token;
  };
  return {
    forSubgraph: (name: string): Promise<string> =>
      memo(`subgraph:${name}`, async () =>
        isCoreSubgraph(name)
          ? signer.sign({ audience: name, sub: caller.sub, region: caller.region, scopes: clientScopes, purpose: caller.purpose, grants: await grants(), ...unique })
          : signer.sign({ ...partnerClaims(name, caller), ...unique }),
      ),
    ownerLookup: (): Promise<string> =>
      memo('owner-lookup', async () =>
        signer.sign({ audience: expertsAudiences, sub: caller.sub, region: caller.region, scopes: lookupScopes, purpose: null, grants: await grants() }),
      ),
  };
}

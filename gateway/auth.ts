import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors as joseErrors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { z } from 'zod';
import { isRegionCode } from '../data/regions.ts';
import { type Purpose, PURPOSES, PurposeCode } from '../platform/caller.ts';

/** The identity a client's token proves, before agreements are looked up. */
export interface ClientIdentity {
  sub: string;
  region: string;
  scopes: string[];
}

/** A request the gateway refuses before any subgraph is called; `status` is the HTTP status. */
export class RequestRejected extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const ClientClaims = z.object({
  sub: z.string().min(1).max(128),
  region: z.string().regex(/^\d{6}$/, 'must be a six-digit GB/T 2260 code'),
  scope: z.string().max(1000).default(''),
});

export interface ClientAuthSettings {
  /** HS256 secret (development, or systems that share a secret with the hub). */
  jwtSecret: string | undefined;
  /** JWKS URL of the identity provider (production). Takes precedence over the secret. */
  jwksUrl: string | undefined;
  /** Required `iss` when set (the gateway's settings make it required outside development). */
  issuer: string | undefined;
  /** Required `aud` when set (likewise). */
  audience: string | undefined;
  /** Oldest `iat` accepted and longest `exp - iat`, in seconds; default 86400 (24 h). */
  maxAgeSeconds?: number;
}

/** Default of HUB_JWT_MAX_AGE_S: a client token older than a day, or made to last longer, is refused. */
export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 86_400;

/** Clock skew tolerated between the identity provider and the gateway. */
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Verifies `Authorization: Bearer <JWT>` from clients with jose: against a JWKS URL when one is
 * configured, else HS256 with the configured secret. A token must carry `exp` and `iat`, must not
 * be older than `maxAgeSeconds` nor made to last longer, and must carry the configured `iss` and
 * `aud`. Every failure is a RequestRejected(401, UNAUTHENTICATED) whose message says what to fix,
 * never why the signature check failed inside. A token that passed is remembered by its exact text
 * until it expires (at most a minute), so a client's later requests cost no signature check.
 */
export function createClientVerifier(settings: ClientAuthSettings) {
  const jwks: JWTVerifyGetKey | undefined = settings.jwksUrl ? createRemoteJWKSet(new URL(settings.jwksUrl)) : undefined;
  const secret = settings.jwtSecret ? new TextEncoder().encode(settings.jwtSecret) : undefined;
  if (!jwks && !secret) throw new Error('client token verification needs HUB_JWT_SECRET or HUB_JWKS_URL');
  const maxAge = settings.maxAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS;
  const options = {
    ...(settings.issuer ? { issuer: settings.issuer } : {}),
    ...(settings.audience ? { audience: settings.audience } : {}),
    // A token without exp would never expire; without iat its age could not be bounded.
    requiredClaims: ['exp', 'iat'],
    maxTokenAge: maxAge,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  };

  // A client sends the same token with every request until it expires, so its signature and claims
  // are checked once: the identity is kept by the exact token text (an altered token is another
  // text, checked anew) until the token expires, and for at most a minute, so a key withdrawn
  // from the identity provider's JWKS stops being honoured about as soon as jose would notice.
  const verified = new Map<string, { identity: ClientIdentity; untilMs: number }>();
  let signatureChecks = 0;

  const verify = async (authorization: string | undefined): Promise<ClientIdentity> => {
    if (!authorization) {
      throw new RequestRejected(401, 'UNAUTHENTICATED', 'Missing Authorization header: send "Authorization: Bearer <token>" (see README, "Who is calling").');
    }
    // The scheme is case-insensitive (RFC 7235, 2.1). A header that is "Bearer <something>" is well
    // formed: when <something> is not a JWT, the token is what the client must fix, not the header.
    const bearer = /^Bearer\s+(\S.*)$/i.exec(authorization.trim());
    if (!bearer) throw new RequestRejected(401, 'UNAUTHENTICATED', 'Malformed Authorization header: expected "Bearer <JWT>".');
    const token = bearer[1]!;
    if (!JWT_SHAPE.test(token)) throw new RequestRejected(401, 'UNAUTHENTICATED', NOT_A_JWT);
    const known = verified.get(token);
    if (known) {
      if (known.untilMs > Date.now()) return { ...known.identity, scopes: [...known.identity.scopes] };
      verified.delete(token);
    }
    signatureChecks += 1;
    let payload: unknown;
    try {
      ({ payload } = jwks
        ? await jwtVerify(token, jwks, { ...options, algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'] })
        : await jwtVerify(token, secret!, { ...options, algorithms: ['HS256'] }));
    } catch (error) {
      throw new RequestRejected(401, 'UNAUTHENTICATED', isDecodableJwt(token) ? rejection(error, maxAge) : NOT_A_JWT);
    }
    const { exp, iat } = payload as { exp: number; iat: number };
    if (exp - iat > maxAge) {
      throw new RequestRejected(
        401,
        'UNAUTHENTICATED',
        `The token is made to last ${exp - iat} s; this hub accepts tokens that last at most ${maxAge} s: get one with a shorter lifetime.`,
      );
    }
    const claims = ClientClaims.safeParse(payload);
    if (!claims.success) {
      const issue = claims.error.issues[0];
      throw new RequestRejected(401, 'UNAUTHENTICATED', `The token's "${String(issue?.path[0] ?? 'claims')}" claim ${issue?.message ?? 'is invalid'}.`);
    }
    if (!isKnownRegion(claims.data.region)) {
      throw new RequestRejected(
        401,
        'UNKNOWN_REGION',
        `The token's "region" claim ${claims.data.region} is not a GB/T 2260 region code (a province, a prefecture or a county, such as 510000): get a token for your system's region.`,
      );
    }
    const identity = { sub: claims.data.sub, region: claims.data.region, scopes: claims.data.scope.split(' ').filter(Boolean) };
    // Bounded, so a flood of distinct valid tokens cannot grow it without end.
    if (verified.size >= MAX_REMEMBERED_TOKENS) verified.clear();
    verified.set(token, { identity, untilMs: Math.min(exp * 1000, Date.now() + REMEMBER_MS) });
    return { ...identity, scopes: [...identity.scopes] };
  };
  return Object.assign(verify, {
    /** How many tokens had their signature and claims checked (not answered from what was verified before). */
    signatureChecks: () => signatureChecks,
  });
}

/** Whether `code` is a GB/T 2260 region (a province, a prefecture or any county; data/regions.ts). */
export function isKnownRegion(code: string): boolean {
  return isRegionCode(code);
}

/** Three base64url parts separated by dots (the signature may be empty only for alg "none", which is refused later). */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const NOT_A_JWT = 'The bearer token is not a JWT (three base64url parts separated by dots): send the token your identity provider issued.';

/** Whether the token's header and claims decode as JSON objects (asked only after verification failed). */
function isDecodableJwt(token: string): boolean {
  try {
    decodeProtectedHeader(token);
    decodeJwt(token);
    return true;
  } catch {
    return false;
  }
}

/** How long a verified client token is remembered at most (it is never remembered past its `exp`). */
const REMEMBER_MS = 60_000;
const MAX_REMEMBERED_TOKENS = 10_000;

/** What a client is told when jose refuses its token: what to fix, never the internals. */
function rejection(error: unknown, maxAge: number): string {
  if (error instanceof joseErrors.JWTExpired) {
    return error.claim === 'iat' ? `The token was issued more than ${maxAge} s ago: get a new one.` : 'The token has expired: get a new one.';
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') {
      return error.claim === 'exp' || error.claim === 'iat'
        ? `The token has no "${error.claim}" claim: client tokens must say when they were issued (iat) and when they expire (exp).`
        : `The token has no "${error.claim}" claim: this hub requires tokens that name their ${error.claim === 'iss' ? 'issuer' : 'audience'}.`;
    }
    if (error.claim === 'iat') return 'The token\'s "iat" claim is in the future: check the issuing system\'s clock.';
    return `The token's "${error.claim}" claim is not accepted here.`;
  }
  return 'The token is not valid: it is malformed or not signed by a key this hub trusts.';
}

/** Parses `X-Hub-Purpose`: absent is fine (null); anything but a documented purpose code is a 400. */
export function parsePurpose(header: string | string[] | undefined): Purpose | null {
  if (header === undefined || header === '') return null;
  const value = Array.isArray(header) ? header[0] : header;
  const parsed = PurposeCode.safeParse(value?.trim());
  if (!parsed.success) {
    throw new RequestRejected(400, 'BAD_USER_INPUT', `X-Hub-Purpose must be one of ${Object.keys(PURPOSES).join(', ')}.`);
  }
  return parsed.data;
}

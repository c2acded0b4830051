import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { z } from 'zod';

/** Every scope a calling system can hold (space-separated in the token's `scope` claim). */
export const SCOPES = [
  'talent:read',
  'talent:contact',
  'talent:write',
  'projects:write',
  'coordination:write',
  'audit:read',
  'registry:admin',
  'stats:read',
  'linkage:write',
] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * Purposes a caller may declare in `X-Hub-Purpose` when it asks for another region's contact
 * details (PIPL purpose limitation). A talent consents to some of them.
 */
export const PURPOSES = {
  TALENT_INTRODUCTION: '人才引进 (talent introduction)',
  PROJECT_REVIEW: '项目评审 (project review)',
  EXPERT_CONSULTATION: '专家咨询 (expert consultation)',
  COOPERATION_EXCHANGE: '合作交流 (cooperation exchange)',
} as const;
export type Purpose = keyof typeof PURPOSES;
export const PurposeCode = z.enum(Object.keys(PURPOSES) as [Purpose, ...Purpose[]]);

/**
 * What an agreement in force lets the caller's province see of another province's talents:
 * talents of `region` whose sectors or disciplines the agreement covers, with contact details
 * when `contact` is true.
 */
export const Grant = z.object({
  region: z.string().regex(/^\d{6}$/),
  agreementId: z.string(),
  sectors: z.array(z.string()),
  disciplines: z.array(z.string()),
  contact: z.boolean(),
});
export type Grant = z.infer<typeof Grant>;

/** The verified calling system, as every subgraph sees it. */
export interface Caller {
  /** The calling system (token `sub`). */
  sub: string;
  /** GB/T 2260 code of the calling province. */
  region: string;
  scopes: ReadonlySet<string>;
  purpose: Purpose | null;
  grants: Grant[];
}

export const CALLER_TOKEN_ISSUER = 'talent-hub-gateway';

/**
 * The only scope of the owner-lookup token the gateway adds to mutations it sends projects and
 * coordination (audience: every experts node): enough to ask experts where a talent belongs and whether
 * the caller may see it, nothing else. The gateway never passes it on from a client.
 */
export const OWNER_LOOKUP_SCOPE = 'talent:locate';

/**
 * The scope that lets coordination fetch an experts node's linkage tokens (issue 17): the gateway
 * adds it to the owner-lookup token of a caller that holds `linkage:write`, so only coordination,
 * running a linkage mutation for that caller, ever holds it; never a client's to claim.
 */
export const LINKAGE_TOKENS_SCOPE = 'linkage:tokens';

const CallerClaims = z.object({
  sub: z.string().min(1),
  region: z.string().regex(/^\d{6}$/),
  scope: z.string().default(''),
  purpose: PurposeCode.nullish(),
  grants: z.array(Grant).default([]),
});

/** Throws FORBIDDEN unless the caller holds `scope`. */
export function requireScope(caller: Caller | null, scope: Scope): Caller {
  if (!caller) throw new GraphQLError('This request carries no valid caller token.', { extensions: { code: 'UNAUTHENTICATED' } });
  if (!caller.scopes.has(scope)) {
    throw new GraphQLError(`This needs the "${scope}" scope; ask your hub administrator for a token that has it.`, {
      extensions: { code: 'FORBIDDEN' },
    });
  }
  return caller;
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/**
 * Verifies the short-lived caller token the gateway signs (ES256, its public keys at the
 * gateway's `/.well-known/jwks.json`) for `audience`, the verifying subgraph's own name. Returns
 * null for a missing, expired, forged or malformed token and for one made for another subgraph
 * (a token a partner received cannot be replayed against experts, nor one experts received
 * against a partner): such a request gets no data (see `requireCallerPlugin`).
 */
export function createCallerVerifier(keys: JWTVerifyGetKey, audience: string) {
  // The gateway reuses a caller's token for ~30 s, so most requests bring a token verified before:
  // its signature is checked once, and the verified caller kept (by the exact token text) until the
  // token expires. A forged or altered token is a different text and is verified (and refused) anew.
  const verified = new Map<string, { caller: Caller; expMs: number }>();
  return async (authorization: string | undefined): Promise<Caller | null> => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return null;
    const token = match[1]!;
    const known = verified.get(token);
    if (known) {
      if (known.expMs > Date.now()) return known.caller;
      verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: CALLER_TOKEN_ISSUER,
        audience,
        algorithms: ['ES256'],
      });
      const claims = CallerClaims.parse(payload);
      const caller: Caller = {
        sub: claims.sub,
        region: claims.region,
        scopes: new Set(claims.scope.split(' ').filter(Boolean)),
        purpose: claims.purpose ?? null,
        grants: claims.grants,
      };
      // Bounded: tokens with a jti (requests with a purpose) are unique, and must not pile up.
      if (verified.size >= 5000) verified.clear();
      if (typeof payload.exp === 'number') verified.set(token, { caller, expMs: payload.exp * 1000 });
      return caller;
    } catch {
      return null;
    }
  };
}

/** Root fields anyone may ask for: composition reads `_service { sdl }`, probes ask `__typename`. */
const OPEN_ROOT_FIELDS = new Set(['_service', '__typename']);

function onlyOpenFields(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && OPEN_ROOT_FIELDS.has(s.name.value));
}

/**
 * A subgraph plugin: an operation without a valid gateway caller token gets no data (`_entities`
 * included), only `_service { sdl }` and `__typename` stay open.
 */
export function requireCallerPlugin<TContext extends BaseContext & { caller: Caller | null }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (contextValue.caller || (operation && onlyOpenFields(operation))) return;
          throw new GraphQLError('Subgraphs answer only requests relayed by the hub gateway with a valid caller token.', {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          });
        },
      };
    },
  };
}

/**
 * The gateway's public keys, fetched from its JWKS URL and cached; an unknown key id (the
 * gateway restarted with a new key) is looked up again after at most a second.
 */
export function gatewayKeys(jwksUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 1000, timeoutDuration: 3000 });
}

const REGION_CODE = /^[1-9]\d{5}$/;

/**
 * True when two GB/T 2260 codes lie in the same province, whatever their levels (province,
 * prefecture or county): 510104 and 510000 do, 510000 and 500000 do not. A code that is not six
 * digits lies in no province, so it matches nothing (a check built on it fails closed).
 */
export function inSameProvince(a: string, b: string): boolean {
  return REGION_CODE.test(a) && REGION_CODE.test(b) && a.slice(0, 2) === b.slice(0, 2);
}

/**
 * Throws FORBIDDEN unless the stored record's `regionCode` lies in the caller's province: a
 * province's systems (its prefectures and counties included) write only their province's
 * records. Pass the region read from the stored record (or, for a new record, the region it will
 * be stored under), never one the caller merely claims.
 */
export function requireOwnProvince(caller: Caller, regionCode: string, what: string): void {
  if (!inSameProvince(regionCode, caller.region)) {
    const province = REGION_CODE.test(regionCode) ? `${regionCode.slice(0, 2)}0000` : 'unknown';
    throw forbidden(`Only systems of province ${province} (${what} ${regionCode}) may do this; your token is for region ${caller.region}.`);
  }
}

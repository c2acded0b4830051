import { GraphQLError } from 'graphql';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import type { Caller } from './caller.ts';
import { OPERATION_HEADER, REQUEST_ID_HEADER, type RequestInfo } from './request.ts';

/** How long a write waits for experts to say who owns a talent before it is refused. */
export const DEFAULT_OWNER_LOOKUP_TIMEOUT_MS = 3000;

/** Where a talent belongs, as the experts subgraph (its owner) records it. */
export interface TalentOwner {
  id: string;
  /** GB/T 2260 code of the talent's home province. */
  homeRegion: string;
}

/** Asks the owner of talent records (the experts subgraph) where talents belong, for one caller. */
export interface OwnerLookup {
  /**
   * For each id, its owner when the caller may see that talent under the sharing rules, else
   * null (a hidden talent and a missing one look the same). Throws a GraphQLError (never
   * answers) when experts cannot be asked or cannot answer: a write that depends on it is then
   * refused, never done on a guess.
   */
  locate(request: Pick<RequestInfo, 'caller' | 'ownerLookupToken' | 'requestId' | 'operation'>, ids: readonly string[]): Promise<Map<string, TalentOwner | null>>;
}

const QUERY = 'query TalentOwners($ids: [ID!]!) { talentOwners(ids: $ids) { id homeRegion } }';

const Answer = z.object({
  data: z.object({
    talentOwners: z.array(z.object({ id: z.string(), homeRegion: z.string().regex(/^\d{6}$/) }).nullable()),
  }),
});

/**
 * The refusal of a write whose talent's owner could not be confirmed: the client may retry it;
 * the same code the gateway uses for a subgraph that is down, naming experts, never its address.
 */
export function ownerUnconfirmed(reason: string): GraphQLError {
  return new GraphQLError(`The experts subgraph, which owns talent records, could not confirm who owns this talent (${reason}); nothing was written. Retry later.`, {
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'experts', retryable: true },
  });
}

/**
 * The owner-lookup token must speak for the caller of this request: a token of another caller
 * (a relay mixing requests up, or a forged header) would let one province's write be checked with
 * another's visibility. Its signature is experts' to check; this only compares the claims.
 */
function requireSameCaller(token: string, caller: Caller): void {
  let claims: ReturnType<typeof decodeJwt>;
  try {
    claims = decodeJwt(token);
  } catch {
    throw ownerUnconfirmed('the owner-lookup token is malformed');
  }
  if (claims.sub !== caller.sub || claims.region !== caller.region) {
    // Not the client's doing: a broken or forged relay. Masked for the client, logged for us.
    throw new Error(`owner-lookup token for ${String(claims.sub)}/${String(claims.region)} arrived with caller ${caller.sub}/${caller.region}`);
  }
}

/** A lookup that cannot ask anyone: every write that needs it is refused (fail closed). */
export const NO_OWNER_LOOKUP: OwnerLookup = {
  locate: async () => {
    throw ownerUnconfirmed('this subgraph has no experts URL configured');
  },
};

/**
 * The client projects and coordination use to learn a talent's real home before they write:
 * one POST of `talentOwners` to experts (`HUB_EXPERTS_URL`) with the gateway-signed owner-lookup
 * token of the request, abandoned after `timeoutMs`. Experts computes visibility with the
 * caller's region and grants, so a talent the caller may not see comes back null.
 */
export function createOwnerLookup(options: { url: string; timeoutMs?: number }): OwnerLookup {
  const timeoutMs = options.timeoutMs ?? DEFAULT_OWNER_LOOKUP_TIMEOUT_MS;
  return {
    async locate(request, ids) {
      if (!request.caller) throw ownerUnconfirmed('the request carries no caller');
      const token = request.ownerLookupToken;
      if (!token) throw ownerUnconfirmed('no owner-lookup token came with this request from the gateway');
      requireSameCaller(token, request.caller);
      const unique = [...new Set(ids)];
      const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      if (request.requestId) headers[REQUEST_ID_HEADER] = request.requestId;
      if (request.operation) headers[OPERATION_HEADER] = request.operation;
      let status: number;
      let text: string;
      try {
        const res = await fetch(options.url, {
          method: 'POST',
          headers,
          body: JSON.stringify({ query: QUERY, variables: { ids: unique } }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = res.status;
        text = await res.text();
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        throw ownerUnconfirmed(timedOut ? `no answer within ${timeoutMs} ms` : 'experts could not be reached');
      }
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: handled as an unusable answer below
      }
      const parsed = Answer.safeParse(body);
      if (status !== 200 || !parsed.success) {
        const refused = (body as { errors?: { extensions?: { code?: unknown } }[] } | null)?.errors?.[0]?.extensions?.code;
        throw ownerUnconfirmed(typeof refused === 'string' ? `experts refused the lookup (${refused})` : `experts gave no usable answer (HTTP ${status})`);
      }
      const owners = parsed.data.data.talentOwners;
      if (owners.length !== unique.length || owners.some((o, i) => o !== null && o.id !== unique[i])) {
        throw ownerUnconfirmed('experts answered for other talents than asked');
      }
      return new Map(unique.map((id, i) => [id, owners[i] ?? null]));
    },
  };
}

import { GraphQLError } from 'graphql';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import type { Caller } from './caller.ts';
import { describeProvinces, type ExpertsNode, nodeForRecordId, singleNode } from './nodes.ts';
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

/** What one node was asked: the POST, its headers, and how long to wait. */
interface NodeRequest {
  /** How the node is named in a refusal: `experts`, or the provinces of a node of a split hub (never its URL). */
  who: string;
  url: string;
  headers: Record<string, string>;
  ids: string[];
  timeoutMs: number;
}

/** Asks one experts node `talentOwners` for `ids` (all of them its own); throws `ownerUnconfirmed` unless it answers for exactly those. */
async function askNode({ who, url, headers, ids, timeoutMs }: NodeRequest): Promise<(TalentOwner | null)[]> {
  let status: number;
  let text: string;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: QUERY, variables: { ids } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = res.status;
    text = await res.text();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw ownerUnconfirmed(timedOut ? `no answer from ${who} within ${timeoutMs} ms` : `${who} could not be reached`);
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
    throw ownerUnconfirmed(typeof refused === 'string' ? `${who} refused the lookup (${refused})` : `${who} gave no usable answer (HTTP ${status})`);
  }
  const owners = parsed.data.data.talentOwners;
  if (owners.length !== ids.length || owners.some((o, i) => o !== null && o.id !== ids[i])) {
    throw ownerUnconfirmed(`${who} answered for other talents than asked`);
  }
  return owners;
}

/**
 * The client projects and coordination use to learn a talent's real home before they write. The
 * ids are split by the node that holds them (`nodeForRecordId`: a talent id names its province),
 * and each node is sent one POST of `talentOwners` for its own ids only, all in parallel, with the
 * gateway-signed owner-lookup token of the request (made for every node's audience), abandoned
 * after `timeoutMs`. Each node computes visibility with the caller's region and grants, so a talent
 * the caller may not see comes back null, and so does an id no node holds. A node that cannot
 * answer makes the whole lookup throw: a write is never checked against part of the owners.
 * `url` is shorthand for the one node of an unsplit hub (`singleNode(url)`).
 */
export function createOwnerLookup(options: ({ nodes: readonly ExpertsNode[] } | { url: string }) & { timeoutMs?: number }): OwnerLookup {
  const timeoutMs = options.timeoutMs ?? DEFAULT_OWNER_LOOKUP_TIMEOUT_MS;
  const nodes = 'nodes' in options ? options.nodes : singleNode(options.url);
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
      const byNode = new Map<ExpertsNode, string[]>();
      for (const id of unique) {
        const node = nodeForRecordId(nodes, id);
        if (node) byNode.set(node, [...(byNode.get(node) ?? []), id]);
      }
      const who = (node: ExpertsNode) => (nodes.length === 1 ? 'experts' : `the experts node of ${describeProvinces(nodes, node)}`);
      const answers = await Promise.all([...byNode].map(([node, own]) => askNode({ who: who(node), url: node.url, headers, ids: own, timeoutMs })));
      const owners = new Map<string, TalentOwner | null>(unique.map((id) => [id, null]));
      [...byNode.values()].forEach((own, i) => {
        for (const [k, id] of own.entries()) owners.set(id, answers[i]?.[k] ?? null);
      });
      return owners;
    },
  };
}

import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { Grant } from '../platform/caller.ts';
import type { GatewayContext } from './context.ts';

/**
 * What a caller is allowed to see, as a cache key: its region, scopes, declared purpose and the
 * grants of the agreements in force for its province. Two callers with equal keys get equal
 * answers from every subgraph (the subgraphs see nothing else of them), so they may share a cached
 * answer; any difference, a new agreement included, gives a new key. The calling system (`sub`)
 * is left out on purpose: every dashboard of one province shares the province's entries.
 */
export function callerViewKey(caller: GatewayContext['caller'], granted: Grant[]): string {
  const grants = granted
    .map((g) => [g.region, g.agreementId, [...g.sectors].sort(), [...g.disciplines].sort(), g.contact])
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  const view = [caller.region, [...caller.scopes].sort(), caller.purpose, grants];
  return createHash('sha256').update(JSON.stringify(view)).digest('base64url');
}

/**
 * The gateway's response cache (Apollo's @apollo/server-plugin-response-cache, in the server's
 * in-memory LRU cache). It stores a whole answer only when every subgraph fetch of its query plan
 * was cacheable: each subgraph sets Cache-Control from its @cacheControl hints, the gateway keeps
 * the most restrictive (so only the aggregate fields, which carry hints, are ever cached) and an
 * answer with errors is never stored. Entries are keyed by the caller's view (`callerViewKey`), so
 * two regions never share one; the aggregates are PRIVATE, for which the view is also the session.
 * A request sent with `Cache-Control: no-cache` skips the lookup and refreshes the entry.
 */
export function responseCache(): ApolloServerPlugin<GatewayContext> {
  return responseCachePlugin<GatewayContext>({
    sessionId: async ({ contextValue }) => callerViewKey(contextValue.caller, await contextValue.grants()),
    extraCacheKeyData: async ({ contextValue }) => callerViewKey(contextValue.caller, await contextValue.grants()),
    shouldReadFromCache: async ({ request }) => !/\bno-cache\b/i.test(request.http?.headers.get('cache-control') ?? ''),
  });
}

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
  const grants = granted.map((g) => JSON.stringify([g.region, g.agreementId, [...g.sectors].sort(), [...g.disciplines].sort(), g.contact])).sort();
  const view = JSON.stringify([caller.region, [...caller.scopes].sort(), caller.purpose, grants]);
  let key = viewKeys.get(view);
  if (key === undefined) {
    key = createHash('sha256').update(view).digest('base64url');
    // Few distinct views exist (regions x scope sets x purposes, while agreements stay): dropped all at once if ever many.
    if (viewKeys.size >= MAX_VIEW_KEYS) viewKeys.clear();
    viewKeys.set(view, key);
  }
  return key;
}

/** The hashed keys of the caller views seen lately, by their text: a request of a known view costs no hashing. */
const viewKeys = new Map<string, string>();
const MAX_VIEW_KEYS = 1000;

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
  // Both hooks ask for the caller's view on every request: worked out once per request.
  const views = new WeakMap<GatewayContext, Promise<string>>();
  const viewOf = (context: GatewayContext): Promise<string> => {
    let view = views.get(context);
    if (!view) {
      view = context.grants().then((granted) => callerViewKey(context.caller, granted));
      views.set(context, view);
    }
    return view;
  };
  return responseCachePlugin<GatewayContext>({
    sessionId: ({ contextValue }) => viewOf(contextValue),
    extraCacheKeyData: ({ contextValue }) => viewOf(contextValue),
    shouldReadFromCache: async ({ request }) => !/\bno-cache\b/i.test(request.http?.headers.get('cache-control') ?? ''),
  });
}

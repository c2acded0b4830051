import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequest, GraphQLRequestContextResponseForOperation, GraphQLRequestListener } from '@apollo/server';
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
 *
 * Apollo's plugin hashes every query request (sha256 of its text, variables and view) and reads the
 * cache twice (private, then public) before it runs, although most answers (every talent search, every
 * lookup by id) are never stored. So the plugin is asked only when it can matter: the lookup when an
 * answer of this document (Apollo's `queryHash` of its text) was stored in this process and may not
 * have expired yet (any document at all may match for a while after `MAX_STORED_DOCUMENTS` is
 * passed), the write when the answer is cacheable. The entries it reads and writes are the same as
 * before; a request that could find none costs no hashing, no view and no cache read. The record is
 * per process like the cache (the server's own in-memory LRU): with a cache shared by several
 * gateways it would have to go.
 */
export function responseCache() {
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
  // When each document's last stored answer expires (ms), by its queryHash; a document absent had none stored.
  const stored = new Map<string, number>();
  // Past MAX_STORED_DOCUMENTS the record is dropped, and every document is looked up until all it held have expired.
  let lookUpAllUntil = 0;
  const mayBeStored = (queryHash: string | undefined, now: number): boolean => now < lookUpAllUntil || queryHash === undefined || (stored.get(queryHash) ?? 0) > now;
  const record = (queryHash: string | undefined, maxAgeSeconds: number): void => {
    if (queryHash === undefined) return;
    const now = Date.now();
    // A second more than the entry's own time to live, which starts a moment later.
    const expires = now + (maxAgeSeconds + 1) * 1000;
    if (!stored.has(queryHash) && stored.size >= MAX_STORED_DOCUMENTS) {
      for (const [hash, until] of stored) if (until <= now) stored.delete(hash);
      if (stored.size >= MAX_STORED_DOCUMENTS) {
        for (const until of stored.values()) lookUpAllUntil = Math.max(lookUpAllUntil, until);
        stored.clear();
      }
    }
    stored.set(queryHash, Math.max(stored.get(queryHash) ?? 0, expires));
  };
  // Requests whose plugin hooks run only to write (their key made, no lookup).
  const writeOnly = new WeakSet<object>();
  const plugin = responseCachePlugin<GatewayContext>({
    sessionId: ({ contextValue }) => viewOf(contextValue),
    extraCacheKeyData: ({ contextValue }) => viewOf(contextValue),
    shouldReadFromCache: async (requestContext) => !writeOnly.has(requestContext) && !noCache(requestContext.request),
  });
  const wrapped: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart(outer) {
      let looked = false;
      let hooks: Promise<GraphQLRequestListener<GatewayContext> | undefined> | undefined;
      const pluginHooks = () => (hooks ??= plugin.requestDidStart!(outer).then((h) => h ?? undefined));
      return {
        async responseForOperation(requestContext) {
          if (requestContext.operation?.operation !== 'query' || noCache(requestContext.request)) return null;
          if (!mayBeStored(requestContext.queryHash, Date.now())) return null;
          looked = true;
          return (await pluginHooks())?.responseForOperation?.(requestContext) ?? null;
        },
        async willSendResponse(requestContext) {
          const { response, operation } = requestContext;
          if (response.body.kind !== 'single' || operation?.operation !== 'query') return;
          if (looked && requestContext.metrics.responseCacheHit) {
            await (await pluginHooks())?.willSendResponse?.(requestContext); // its Age header
            return;
          }
          const { data, errors } = response.body.singleResult;
          const policy = requestContext.overallCachePolicy.policyIfCacheable();
          // What Apollo's plugin would store; anything else it leaves, so it is not asked.
          if (errors || !data || !policy) return;
          const listener = await pluginHooks();
          if (!looked) {
            // Resolved to a query operation, so its document and source are there, as at the lookup.
            writeOnly.add(requestContext);
            await listener?.responseForOperation?.(requestContext as GraphQLRequestContextResponseForOperation<GatewayContext>);
            writeOnly.delete(requestContext);
          }
          await listener?.willSendResponse?.(requestContext);
          record(requestContext.queryHash, policy.maxAge);
        },
      };
    },
  };
  /** Whether an answer of the document with this queryHash may be in the cache now (the fast path then leaves it to the pipeline). */
  return Object.assign(wrapped, { mayBeStored: (queryHash: string): boolean => mayBeStored(queryHash, Date.now()) });
}

/** Documents whose stored answers are remembered (a few per dashboard; past it, see `responseCache`). */
const MAX_STORED_DOCUMENTS = 10_000;

const noCache = (request: GraphQLRequest): boolean => /\bno-cache\b/i.test(request.http?.headers.get('cache-control') ?? '');

import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import CircuitBreaker from 'opossum';
import { OPERATION_HEADER, OWNER_LOOKUP_HEADER, REQUEST_ID_HEADER } from '../subgraphs/kit/request.ts';
import type { GatewayContext } from './context.ts';
import type { GatewayMetrics } from './metrics.ts';

/** How the gateway treats a slow or failing subgraph (all settings, see README). */
export interface SubgraphPolicy {
  /** A fetch that takes longer is abandoned (SUBGRAPH_TIMEOUT). */
  timeoutMs: number;
  /** Queries are retried once after this pause (with jitter); mutations never. */
  retryBackoffMs: number;
  breaker: {
    /** Open the circuit when this share of recent fetches failed... */
    errorThresholdPercentage: number;
    /** ...out of at least this many. */
    volumeThreshold: number;
    /** While open, fail fast; after this long, let one probe through. */
    resetTimeoutMs: number;
  };
  /**
   * Identical query fetches to this subgraph in flight at the same time (same body, same caller
   * token) share one request and its answer. Mutations never do.
   */
  dedupe: boolean;
}

export const DEFAULT_SUBGRAPH_POLICY: SubgraphPolicy = {
  timeoutMs: 5000,
  retryBackoffMs: 100,
  breaker: { errorThresholdPercentage: 50, volumeThreshold: 5, resetTimeoutMs: 2000 },
  dedupe: true,
};

class SubgraphFailure extends Error {
  constructor(
    readonly kind: 'timeout' | 'unavailable' | 'circuit_open',
    readonly retryable: boolean,
  ) {
    super(kind);
  }
}

const MUTATION = /^\s*mutation\b/;

/** The subgraphs whose writes name talents they do not hold, and so ask experts about them first. */
const OWNER_LOOKUP_AUDIENCES = new Set(['projects', 'coordination']);

interface BufferedResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

/**
 * Shares one subgraph request between identical query fetches in flight (as Apollo Router's
 * subgraph deduplication does). The key is the whole request: URL, caller token and body, so
 * callers who may see different things never share an answer. Each sharer gets its own Response.
 */
function dedupingFetch(send: (input: string, init?: RequestInit) => Promise<Response>) {
  const inflight = new Map<string, Promise<BufferedResponse>>();
  return async (input: string, init?: RequestInit): Promise<Response> => {
    const body = typeof init?.body === 'string' ? init.body : undefined;
    if (body === undefined || /^\{"query":"\s*mutation\b/.test(body)) return send(input, init);
    const headers = new Headers(init?.headers);
    const key = `${input}\n${headers.get('authorization') ?? ''}\n${body}`;
    let shared = inflight.get(key);
    if (!shared) {
      shared = send(input, init)
        .then(async (res) => ({ status: res.status, statusText: res.statusText, headers: [...res.headers], body: await res.text() }))
        .finally(() => inflight.delete(key));
      inflight.set(key, shared);
    }
    const r = await shared;
    return new Response(r.body, { status: r.status, statusText: r.statusText, headers: r.headers });
  };
}

/**
 * How the gateway talks to one subgraph:
 * - relays the caller (as a caller token signed for this subgraph alone), the request id and the
 *   client's operation name; with a mutation to projects or coordination, also the owner-lookup
 *   token they present to experts;
 * - abandons a fetch after `timeoutMs`, retries a failed query once (never a mutation);
 * - a circuit breaker per subgraph fails fast while the subgraph is down and lets a probe through after `resetTimeoutMs`;
 * - a failure becomes SUBGRAPH_UNAVAILABLE or SUBGRAPH_TIMEOUT naming the subgraph, never its URL, host or port;
 *   the rest of the plan goes on, so the client gets partial data.
 */
export class HubDataSource<TContext extends Record<string, any> = Record<string, any>> extends RemoteGraphQLDataSource<TContext> {
  readonly #breaker: CircuitBreaker<[GraphQLDataSourceProcessOptions<TContext>], GatewayGraphQLResponse>;

  constructor(
    readonly name: string,
    url: string,
    private readonly policy: SubgraphPolicy = DEFAULT_SUBGRAPH_POLICY,
    private readonly metrics?: GatewayMetrics,
  ) {
    super({ url });
    // Node's own fetch (undici): pooled keep-alive connections, and a timeout on every attempt.
    const send = (input: string, init?: RequestInit) => fetch(input, { ...init, signal: AbortSignal.timeout(policy.timeoutMs) });
    this.fetcher = (policy.dedupe ? dedupingFetch(send) : send) as unknown as typeof this.fetcher;
    this.#breaker = new CircuitBreaker((options: GraphQLDataSourceProcessOptions<TContext>) => this.#fetchWithRetry(options), {
      timeout: false, // each attempt has its own timeout
      errorThresholdPercentage: policy.breaker.errorThresholdPercentage,
      volumeThreshold: policy.breaker.volumeThreshold,
      resetTimeout: policy.breaker.resetTimeoutMs,
      // Errors the subgraph answered (GraphQL errors) are not outages.
      errorFilter: (error: unknown) => !(error instanceof SubgraphFailure),
    });
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<TContext>): Promise<void> {
    const { request, context } = options;
    const headers = request.http?.headers;
    if (!headers) return;
    const ctx = context as Partial<GatewayContext>;
    if (ctx.callerToken) headers.set('authorization', `Bearer ${await ctx.callerToken(this.name)}`);
    if (ctx.ownerLookupToken && OWNER_LOOKUP_AUDIENCES.has(this.name) && MUTATION.test(request.query ?? '')) {
      headers.set(OWNER_LOOKUP_HEADER, await ctx.ownerLookupToken());
    }
    if (ctx.requestId) headers.set(REQUEST_ID_HEADER, ctx.requestId);
    const operation = 'incomingRequestContext' in options ? (options.incomingRequestContext.operationName ?? undefined) : undefined;
    if (operation && /^[_A-Za-z][_0-9A-Za-z]{0,127}$/.test(operation)) headers.set(OPERATION_HEADER, operation);
  }

  override async process(options: GraphQLDataSourceProcessOptions<TContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await this.#breaker.fire(options);
    } catch (error) {
      const kind = error instanceof SubgraphFailure ? error.kind : this.#breaker.opened ? 'circuit_open' : 'unavailable';
      this.metrics?.subgraphErrors.inc({ subgraph: this.name, kind });
      if (kind === 'timeout') {
        throw new GraphQLError(`The ${this.name} subgraph did not answer within ${this.policy.timeoutMs} ms; the data it owns is missing from this answer.`, {
          extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: this.name },
        });
      }
      throw new GraphQLError(`The ${this.name} subgraph is unavailable; the data it owns is missing from this answer. Retry later.`, {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.name },
      });
    }
  }

  async #fetchWithRetry(options: GraphQLDataSourceProcessOptions<TContext>): Promise<GatewayGraphQLResponse> {
    const retryable = !MUTATION.test(options.request.query ?? '');
    try {
      return await this.#attempt(options);
    } catch (error) {
      if (!(error instanceof SubgraphFailure) || !retryable) throw error;
      await new Promise((resolve) => setTimeout(resolve, this.policy.retryBackoffMs * (0.5 + Math.random())));
      return this.#attempt(options);
    }
  }

  async #attempt(options: GraphQLDataSourceProcessOptions<TContext>): Promise<GatewayGraphQLResponse> {
    const started = performance.now();
    try {
      return await super.process(options);
    } catch (error) {
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) throw new SubgraphFailure('timeout', true);
      if (error instanceof GraphQLError && typeof error.extensions.code === 'string' && error.extensions.code !== 'INTERNAL_SERVER_ERROR') throw error;
      throw new SubgraphFailure('unavailable', true);
    } finally {
      this.metrics?.subgraphFetchDuration.observe({ subgraph: this.name }, (performance.now() - started) / 1000);
    }
  }
}

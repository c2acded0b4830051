// First: federation-internals' exports as a plain object before @apollo/gateway loads (flat-exports.ts).
import './execute/flat-exports.ts';
import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import CircuitBreaker from 'opossum';
import type { Logger } from '../platform/log.ts';
import { OPERATION_HEADER, OWNER_LOOKUP_HEADER, REQUEST_ID_HEADER } from '../platform/request.ts';
import type { GatewayContext } from './context.ts';
import type { GatewayMetrics } from './metrics.ts';
import { mayHoldTalents, talentIdsIn, withholdTalents, withTalentKeys } from './owner-check.ts';
import { isCoreSubgraph } from './signer.ts';
import { type BufferedResponse, RecordHeaders, type Send, timedFetch } from './subgraph-http.ts';
import { fetchShape, parsedFetch, trimAnswer } from './trim.ts';

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

/**
 * The GraphQL errors of a 4xx answer other than 401, 403 and 429 (Apollo Server answers 400 for
 * variables it cannot coerce or a document it refuses): the subgraph's answer to this request,
 * which no retry would change. They reach the client as any subgraph error does (the gateway's
 * formatError keeps client codes, masks the rest). Anything else (no errors in the body) is undefined.
 */
function refusalOf(error: unknown): GatewayGraphQLResponse | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const response = error.extensions.response as { status?: unknown; body?: unknown } | undefined;
  const status = response?.status;
  if (typeof status !== 'number' || status < 400 || status > 499 || status === 401 || status === 403 || status === 429) return undefined;
  const errors = (response?.body as { errors?: unknown } | null | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  if (!errors.every((e) => typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string')) return undefined;
  return { errors: errors as GraphQLFormattedError[] };
}

/** The subgraphs whose writes name talents they do not hold, and so ask experts about them first. */
const OWNER_LOOKUP_AUDIENCES = new Set(['projects', 'coordination']);

/**
 * Shares one subgraph request between identical query fetches in flight (as Apollo Router's
 * subgraph deduplication does). Requests are identical when URL, caller token and body all are,
 * so callers who may see different things never share an answer. Each sharer gets its own view of
 * the answer and parses its own copy of the body.
 *
 * The map's key is the URL, the caller token and the body's length; the bodies under one key are
 * compared whole. A key holding the body itself made every fetch copy its body into one flat string
 * and hash all of it, and a large entity fetch's body into a large-object page of its own.
 */
function dedupingFetch(send: Send): Send {
  const inflight = new Map<string, { body: string; answer: Promise<BufferedResponse> }[]>();
  return (input, init) => {
    const body = typeof init?.body === 'string' ? init.body : undefined;
    if (body === undefined || /^\{"query":"\s*mutation\b/.test(body)) return send(input, init);
    const key = `${input}\n${authorizationOf(init?.headers)}\n${body.length}`;
    const same = inflight.get(key);
    let shared = same?.find((s) => s.body === body);
    if (!shared) {
      const entry = { body, answer: send(input, init) };
      const list = same ?? [];
      if (!same) inflight.set(key, list);
      entry.answer = entry.answer.finally(() => {
        list.splice(list.indexOf(entry), 1);
        if (list.length === 0 && inflight.get(key) === list) inflight.delete(key);
      });
      list.push(entry);
      shared = entry;
    }
    return shared.answer.then((answer) => answer.view());
  };
}

/** The Authorization header of a request's headers (RemoteGraphQLDataSource passes a plain object). */
function authorizationOf(headers: RequestInit['headers']): string {
  if (!headers) return '';
  if (headers instanceof Headers) return headers.get('authorization') ?? '';
  if (Array.isArray(headers)) return headers.find(([name]) => name?.toLowerCase() === 'authorization')?.[1] ?? '';
  const record = headers as Record<string, string>;
  return record.authorization ?? record.Authorization ?? '';
}

/**
 * Asks the owner (experts, with the same request's caller) which of these talent ids the caller
 * may see; used on every partner answer that contains talents.
 */
// biome-ignore lint/suspicious/noExplicitAny: Apollo's RemoteGraphQLDataSource constrains its context to Record<string, any>
export type OwnerCheck<TContext extends Record<string, any>> = (ids: string[], fetch: GraphQLDataSourceProcessOptions<TContext>) => Promise<Set<string>>;

/** What a partner's data source needs besides its policy: where to log, and how to ask the owner. */
// biome-ignore lint/suspicious/noExplicitAny: as above, Apollo's context constraint
export interface PartnerGuard<TContext extends Record<string, any>> {
  logger?: Logger | undefined;
  ownerCheck: OwnerCheck<TContext>;
}

/** Paths logged per trimmed answer at most (the count is always exact). */
const LOGGED_PATHS = 20;

/**
 * How the gateway talks to one subgraph:
 * - relays the caller (as a caller token signed for this subgraph alone), the request id and the
 *   client's operation name; with a mutation to projects or coordination, also the owner-lookup
 *   token they present to experts;
 * - abandons a fetch after `timeoutMs`, retries a failed query once (never a mutation);
 * - a circuit breaker per subgraph fails fast while the subgraph is down and lets a probe through after `resetTimeoutMs`;
 * - a failure becomes SUBGRAPH_UNAVAILABLE or SUBGRAPH_TIMEOUT naming the subgraph, never its URL, host or port;
 *   the rest of the plan goes on, so the client gets partial data;
 * - a 4xx refusal carrying GraphQL errors (bad variables) is not a failure: its errors are the answer (refusalOf);
 * - a partner's answer keeps only what its fetch asked for (the rest is dropped, logged and
 *   counted), and loses every talent experts does not confirm the caller may see (owner-check.ts).
 */
// biome-ignore lint/suspicious/noExplicitAny: as above, Apollo's context constraint
export class HubDataSource<TContext extends Record<string, any> = Record<string, any>> extends RemoteGraphQLDataSource<TContext> {
  readonly #breaker: CircuitBreaker<[GraphQLDataSourceProcessOptions<TContext>], GatewayGraphQLResponse>;
  /** Whom its caller tokens are for, and its name in metrics: the subgraph's name, or `experts@<node>` for a provincial node. */
  readonly audience: string;

  constructor(
    readonly name: string,
    url: string,
    private readonly policy: SubgraphPolicy = DEFAULT_SUBGRAPH_POLICY,
    private readonly metrics?: GatewayMetrics,
    private readonly guard?: PartnerGuard<TContext>,
    audience?: string,
  ) {
    super({ url });
    this.audience = audience ?? name;
    // A timeout on every attempt, redirects never followed (see timedFetch).
    const send = timedFetch(policy.timeoutMs);
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
    if (ctx.callerToken) headers.set('authorization', `Bearer ${await ctx.callerToken(this.audience)}`);
    if (ctx.ownerLookupToken && OWNER_LOOKUP_AUDIENCES.has(this.name) && MUTATION.test(request.query ?? '')) {
      headers.set(OWNER_LOOKUP_HEADER, await ctx.ownerLookupToken());
    }
    if (ctx.requestId) headers.set(REQUEST_ID_HEADER, ctx.requestId);
    const operation = 'incomingRequestContext' in options ? (options.incomingRequestContext.operationName ?? undefined) : undefined;
    if (operation && /^[_A-Za-z][_0-9A-Za-z]{0,127}$/.test(operation)) headers.set(OPERATION_HEADER, operation);
  }

  override async process(options: GraphQLDataSourceProcessOptions<TContext>): Promise<GatewayGraphQLResponse> {
    if (isCoreSubgraph(this.name) || !('incomingRequestContext' in options)) return this.#send(options);
    return this.#fromPartner(options, options.incomingRequestContext.schema);
  }

  /**
   * A partner fetch: sent with the talents' keys added (so each talent can be checked), then the
   * answer is trimmed to the fetch, its talents checked with their owner, and the added keys removed.
   */
  async #fromPartner(options: GraphQLDataSourceProcessOptions<TContext>, schema: GraphQLSchema): Promise<GatewayGraphQLResponse> {
    const guard = this.guard;
    if (!guard) throw new Error(`partner subgraph ${this.name} has no owner check`);
    const asked = options.request.query ?? '';
    const representations = options.request.variables?.representations;
    const askedShape = fetchShape(parsedFetch(asked), schema, representations);
    const sent = withTalentKeys(asked, parsedFetch(asked), askedShape);
    const sentShape = sent === asked ? askedShape : fetchShape(parsedFetch(sent), schema, representations);
    options.request.query = sent;
    const response = await this.#send(options);
    const data = response.data;
    if (!data) return response;
    const dropped = trimAnswer(sentShape, data);
    if (dropped.length > 0) {
      this.metrics?.partnerFieldsDropped.inc({ subgraph: this.name }, dropped.length);
      guard.logger?.warn(
        { subgraph: this.name, requestId: (options.context as Partial<GatewayContext>).requestId, count: dropped.length, paths: dropped.slice(0, LOGGED_PATHS) },
        'partner subgraph answered fields it was not asked for; dropped',
      );
    }
    // A fetch whose answer cannot hold a talent has nothing to check with the owner.
    if (!mayHoldTalents(sentShape)) {
      if (sent !== asked) trimAnswer(askedShape, data);
      return response;
    }
    const ids = talentIdsIn(sentShape, data);
    let visible = new Set<string>();
    if (ids.length > 0) {
      try {
        visible = await guard.ownerCheck(ids, options);
      } catch (error) {
        // Fail closed: talents their owner cannot vouch for are not shown.
        guard.logger?.warn({ subgraph: this.name, err: error }, 'experts could not check the talents a partner answered; all withheld');
      }
    }
    const withheld = withholdTalents(sentShape, response, visible);
    if (withheld > 0) this.metrics?.partnerTalentsWithheld.inc({ subgraph: this.name }, withheld);
    if (sent !== asked) trimAnswer(askedShape, data);
    return response;
  }

  async #send(options: GraphQLDataSourceProcessOptions<TContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await this.#breaker.fire(options);
    } catch (error) {
      // 401/403: the subgraph refused the caller token the gateway signed (keys out of step). Not an
      // outage, and no retry would help (#attempt rethrows it unretried, the breaker's errorFilter skips it).
      const status = error instanceof GraphQLError ? (error.extensions.response as { status?: unknown } | undefined)?.status : undefined;
      const kind = error instanceof SubgraphFailure ? error.kind : status === 401 || status === 403 ? 'refused' : this.#breaker.opened ? 'circuit_open' : 'unavailable';
      this.metrics?.subgraphErrors.inc({ subgraph: this.audience, kind });
      if (kind === 'refused') {
        const node = this.audience === this.name ? {} : { node: this.audience.slice(this.name.length + 1) };
        throw new GraphQLError(
          `The ${this.audience} subgraph refused the hub's credentials (the caller token the gateway signs for it); the data it owns is missing from this answer. The hub's operator must check that the subgraph trusts the gateway's signing key (HUB_GATEWAY_SIGNING_KEY on the gateway; HUB_GATEWAY_JWKS_URL or HUB_GATEWAY_PUBLIC_JWKS on the subgraph).`,
          { extensions: { code: 'SUBGRAPH_REFUSED', serviceName: this.name, ...node } },
        );
      }
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
      return await this.#exchange(options);
    } catch (error) {
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) throw new SubgraphFailure('timeout', true);
      // The subgraph refused the request (bad variables...): its answer, not an outage. Not retried, not a breaker failure.
      const refused = refusalOf(error);
      if (refused) return refused;
      if (error instanceof GraphQLError && typeof error.extensions.code === 'string' && error.extensions.code !== 'INTERNAL_SERVER_ERROR') throw error;
      throw new SubgraphFailure('unavailable', true);
    } finally {
      this.metrics?.subgraphFetchDuration.observe({ subgraph: this.audience }, (performance.now() - started) / 1000);
    }
  }

  /**
   * One fetch as RemoteGraphQLDataSource.process sends it (automatic persisted queries off, as
   * here): the given headers and `content-type: application/json`, then willSendRequest, then the
   * body `{"query":...,` the request's other fields but `http`}` POSTed to the data source's
   * fetcher; a non-2xx status is errorFromResponse's error, a body that is not an object an error;
   * the answer's `cache-control` restricts the client request's cache policy. Without what
   * process builds per fetch and nothing reads here: a node-fetch Headers (validated, sorted and
   * copied back into a plain object), a node-fetch Request (a URL parse and a Buffer of the body,
   * for hooks this class does not define) and three more promise hops.
   * `test/gateway/datasource-fetch.test.ts` compares what both send.
   */
  async #exchange(options: GraphQLDataSourceProcessOptions<TContext>): Promise<GatewayGraphQLResponse> {
    const { request, context } = options;
    const headers = new RecordHeaders();
    const given = request.http?.headers;
    if (given) for (const [name, value] of given) headers.append(name, value);
    headers.set('content-type', 'application/json');
    const url = this.url as string;
    request.http = { method: 'POST', url, headers };
    if (this.willSendRequest) await this.willSendRequest(options);
    const { query, http: _http, ...rest } = request;
    if (!query) throw new Error('Missing query');
    const fetched = await this.fetcher(url, { method: 'POST', headers: headers.record, body: JSON.stringify({ query, ...rest }) });
    if (!fetched.ok) throw await this.errorFromResponse(fetched);
    const body = await this.parseBody(fetched);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error(`Expected JSON response body, but received: ${body}`);
    const response: GatewayGraphQLResponse = { ...body, http: fetched };
    const pathInIncomingRequest = 'pathInIncomingRequest' in options ? options.pathInIncomingRequest : undefined;
    const processed = this.didReceiveResponse ? await this.didReceiveResponse({ response, request, context: context as TContext, pathInIncomingRequest }) : response;
    const policy = 'incomingRequestContext' in options ? options.incomingRequestContext.overallCachePolicy : undefined;
    if (this.honorSubgraphCacheControlHeader && policy && 'restrict' in policy) policy.restrict(cacheHint(fetched.headers.get('cache-control')));
    return processed;
  }
}

/** A subgraph answer's `cache-control` as a cache hint, as RemoteGraphQLDataSource reads it (its parseCacheControlHeader). */
function cacheHint(header: string | null): { maxAge: number; scope?: 'PRIVATE' | 'PUBLIC' } {
  const hint: { maxAge: number; scope?: 'PRIVATE' | 'PUBLIC' } = { maxAge: 0 };
  if (!header) return hint;
  const parsed: Record<string, string | true> = {};
  for (const part of header.trim().split(/\s*,\s*/)) {
    const [k, v] = part.split(/\s*=\s*/, 2);
    parsed[k!] = v === undefined ? true : v.replace(/^"|"$/g, '');
  }
  const maxAge = parsed['max-age'];
  if (typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge)) hint.maxAge = +maxAge;
  if (parsed.private === true) hint.scope = 'PRIVATE';
  if (parsed.public === true) hint.scope = 'PUBLIC';
  return hint;
}

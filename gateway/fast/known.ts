import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, Kind, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from '../context.ts';
import { gatewaysFederationInternals } from '../execute/flat-exports.ts';
import { isCoreSubgraph } from '../signer.ts';
import { answerCheck } from './verify.ts';

/**
 * The operations the fast path (gateway/fast/path.ts) may answer, learned from complete runs of the
 * full pipeline (Apollo Server, then @apollo/gateway): an operation is known once one request for
 * its exact text and operationName went through it and
 * - resolved to a query whose query plan is a single fetch to a core subgraph (no `@requires`, no
 *   rewrites, no `@defer`), with no introspection field in its text;
 * - was answered 200 with data, no errors, no extensions, and not cacheable (so the response cache
 *   never holds it);
 * - ran on the API schema the gateway serves now (every schema load or update forgets them all).
 * What is kept is what the pipeline worked out for that text and never changes with variables:
 * the parsed and validated document, the plan's fetch, federation-internals' Operation that
 * @apollo/gateway shapes answers with. Everything that does depend on the request (the caller,
 * the variables, the cost, the subgraph's answer) is checked again on every request, and anything
 * unusual goes to the full pipeline (path.ts).
 */

/** The one fetch of a known operation's plan (@apollo/query-planner's FetchNode, as far as it is read here). */
export interface FetchStep {
  serviceName: string;
  operation: string;
  operationName: string | undefined;
  variableUsages: readonly string[];
  operationDocumentNode: DocumentNode | undefined;
}

export interface KnownOperation {
  /** The resolved operation's name (Apollo's requestContext.operationName), as metrics, the log and the cost model name it. */
  name: string | null;
  /** Apollo's queryHash of the text (the response cache's record is keyed by it). */
  queryHash: string;
  /** The API schema it was learned on (graphql-js), which variables are coerced against. */
  schema: GraphQLSchema;
  definition: OperationDefinitionNode;
  document: DocumentNode;
  /** federation-internals' Operation of the document, as executeQueryPlan builds it for result shaping. */
  executable: unknown;
  /** Whether an answer's data is already its shaped form (verify.ts); absent: every answer is shaped. */
  answerIsShaped: ((data: unknown) => boolean) | undefined;
  /** The query plan (told to the fetch combiner, so the fetch skips it as in the full pipeline). */
  plan: object;
  fetch: FetchStep;
}

/** What @apollo/gateway's experimental_didResolveQueryPlan gives, as far as it is read here. */
export interface ResolvedPlan {
  queryPlan: { node?: unknown };
  requestContext: {
    context: object;
    request: { query?: string; operationName?: string | null };
    document?: DocumentNode;
    queryHash?: string;
    operationName?: string | null;
    schema?: GraphQLSchema;
  };
  operationContext: { operation: OperationDefinitionNode; fragments: Record<string, FragmentDefinitionNode> };
}

/** The most operations kept; past it, new ones are not learned until the next schema (a client sending ever new texts gains nothing). */
const MAX_KNOWN = 5000;
const INTROSPECTION = /__schema\b|__type\b/;

interface Candidate extends Omit<KnownOperation, 'executable' | 'answerIsShaped'> {
  key: string;
  fragments: FragmentDefinitionNode[];
}

const keyOf = (query: string, operationName: string | null | undefined): string => `${operationName ?? ''}\n${query}`;

/** The plan's node when it is one fetch the fast path can send as it is, else undefined. */
function singleFetch(node: unknown): FetchStep | undefined {
  const fetch = node as Partial<FetchStep> & {
    kind?: string;
    requires?: unknown;
    inputRewrites?: unknown[];
    outputRewrites?: unknown[];
    contextRewrites?: unknown[];
    hasDefers?: boolean;
  };
  if (fetch?.kind !== 'Fetch' || typeof fetch.serviceName !== 'string' || typeof fetch.operation !== 'string') return undefined;
  if (fetch.requires || fetch.inputRewrites?.length || fetch.outputRewrites?.length || fetch.contextRewrites?.length || fetch.hasDefers) return undefined;
  if (!isCoreSubgraph(fetch.serviceName)) return undefined;
  return {
    serviceName: fetch.serviceName,
    operation: fetch.operation,
    operationName: fetch.operationName,
    variableUsages: fetch.variableUsages ?? [],
    operationDocumentNode: fetch.operationDocumentNode,
  };
}

/**
 * The learning side of the fast path: `planResolved` (from the gateway's
 * experimental_didResolveQueryPlan) notes a request whose plan qualifies, `plugin` keeps it as
 * known when its answer qualifies, `replaying` lets the full pipeline take an answer the fast path
 * already fetched (`handOver`) instead of fetching again.
 */
export function createKnownOperations(apiSchema: () => unknown) {
  const known = new Map<string, KnownOperation>();
  const candidates = new WeakMap<object, Candidate>();
  let current: GraphQLSchema | undefined;

  const learn = (candidate: Candidate): void => {
    if (known.has(candidate.key) || known.size >= MAX_KNOWN || candidate.schema !== current) return;
    const operationFromDocument = gatewaysFederationInternals().operationFromDocument as (schema: unknown, document: DocumentNode, options: object) => unknown;
    let executable: unknown;
    try {
      executable = operationFromDocument(apiSchema(), { kind: Kind.DOCUMENT, definitions: [candidate.definition, ...candidate.fragments] }, { validate: false });
    } catch {
      return;
    }
    const { key: _key, fragments: _fragments, ...rest } = candidate;
    const answerIsShaped = candidate.fragments.length === 0 ? answerCheck(candidate.definition, candidate.schema) : undefined;
    known.set(candidate.key, { ...rest, executable, answerIsShaped });
  };

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, overallCachePolicy, request }) {
          const candidate = candidates.get(contextValue);
          if (!candidate) return;
          candidates.delete(contextValue);
          if (response.body.kind !== 'single' || (response.http.status ?? 200) !== 200 || request.extensions) return;
          const { data, errors, extensions } = response.body.singleResult;
          if (errors || extensions || !data || overallCachePolicy.policyIfCacheable()) return;
          learn(candidate);
        },
      };
    },
  };

  return {
    plugin,
    /** The gateway resolved a request's plan: noted if it qualifies, to be learned when its answer does. */
    planResolved({ queryPlan, requestContext, operationContext }: ResolvedPlan): void {
      const { request, document, queryHash, schema, context } = requestContext;
      if (typeof request.query !== 'string' || !document || !queryHash || !schema || operationContext.operation.operation !== 'query') return;
      const key = keyOf(request.query, request.operationName);
      if (known.has(key) || INTROSPECTION.test(request.query)) return;
      const fetch = singleFetch(queryPlan.node);
      if (!fetch) return;
      candidates.set(context, {
        key,
        name: requestContext.operationName ?? null,
        queryHash,
        schema,
        definition: operationContext.operation,
        fragments: Object.values(operationContext.fragments),
        document,
        plan: queryPlan,
        fetch,
      });
    },
    /** The gateway loaded a schema: every operation is learned again on it. */
    schemaChanged(schema: GraphQLSchema): void {
      current = schema;
      known.clear();
    },
    /** The known operation for this text and operationName on the schema served now, if any. */
    lookup(query: string, operationName: string | null | undefined): KnownOperation | undefined {
      const entry = known.get(keyOf(query, operationName));
      return entry && entry.schema === current ? entry : undefined;
    },
    /** How many operations are known (for tests and the README's numbers). */
    size: (): number => known.size,
    /**
     * The fast path fetched `query` with `variables` for the client request of `context`, then left
     * the request to the full pipeline: its own fetch of the same query and variables gets this answer.
     */
    handOver(context: GatewayContext, query: string, variables: Record<string, unknown>, answer: Promise<GatewayGraphQLResponse>): void {
      context.handedOver = { query, variables: JSON.stringify(variables), answer };
    },
    /** Wraps a subgraph's data source so a fetch handed over (handOver) is answered with what was already fetched, once. */
    replaying(source: GraphQLDataSource<GatewayContext>): GraphQLDataSource<GatewayContext> {
      return {
        process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
          const context = options.context as GatewayContext | undefined;
          const given = context?.handedOver;
          if (given && given.query === options.request.query && given.variables === JSON.stringify(options.request.variables ?? {})) {
            context.handedOver = undefined;
            return given.answer;
          }
          return source.process(options);
        },
      };
    },
  };
}

export type KnownOperations = ReturnType<typeof createKnownOperations>;

// First: federation-internals' exports as a plain object before @apollo/gateway loads (flat-exports.ts).
import './execute/flat-exports.ts';
import { ApolloGateway, type GraphQLDataSource, type SupergraphManager } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { DEFAULT_STATS_MIN_GROUP } from '../platform/config.ts';
import { DEFAULT_STATS_ROUNDING, type DisclosureSettings } from '../platform/disclosure.ts';
import { answerPlugin, stringifyAnswer } from '../platform/answer.ts';
import { createErrorMasker } from '../platform/errors.ts';
import { internNames } from '../platform/names.ts';
import { type ExpertsNode, nodeAudience } from '../platform/nodes.ts';
import type { Logger } from '../platform/log.ts';
import { responseCache } from './cache.ts';
import { createFetchCombiner, withCombining } from './combine/batcher.ts';
import { reuseExecutionOperations } from './execute/operations.ts';
import { compileResponseShaping } from './execute/shaping.ts';
import { createKnownOperations, type ResolvedPlan } from './fast/known.ts';
import type { FastPathDeps } from './fast/path.ts';
import type { GatewayContext } from './context.ts';
import { demandControl } from './cost/plugin.ts';
import { type CostSettings, DEFAULT_COST_SETTINGS } from './cost/settings.ts';
import { DEFAULT_SUBGRAPH_POLICY, HubDataSource, type OwnerCheck, type SubgraphPolicy } from './datasource.ts';
import { DEFAULT_LIMITS, limitErrorCode, type OperationLimits, operationProtection } from './limits.ts';
import type { GatewayMetrics } from './metrics.ts';
import { NodeRouter } from './nodes/router.ts';
import type { BrokenDocument, TrustedDocuments } from './operations/trusted.ts';
import { OWNER_CHECK_DOCUMENT, OWNER_CHECK_QUERY, TALENT_TYPE, visibleIdsIn } from './owner-check.ts';

export interface GatewayOptions {
  /** A static supergraph, or a manager that swaps supergraphs at run time (gateway/registry/supergraph.ts). */
  supergraphSdl: string | SupergraphManager;
  /** URL of each subgraph by composition name; a name not listed keeps the supergraph's routing URL. */
  subgraphUrls: Record<string, string>;
  logError?: (error: unknown) => void;
  logger?: Logger;
  /** Production hides the schema: no introspection, no "did you mean" suggestions. */
  production?: boolean;
  limits?: OperationLimits;
  /** Demand control: cost limits per client, priced by the supergraph's @cost/@listSize (gateway/cost). */
  cost?: CostSettings;
  subgraphPolicy?: SubgraphPolicy;
  metrics?: GatewayMetrics;
  /** The provincial experts nodes (README, "Topology"); absent: one node at the experts URL. */
  expertsNodes?: readonly ExpertsNode[];
  /** How aggregates merged across experts nodes are published (the experts HUB_STATS_* settings). */
  stats?: DisclosureSettings;
  /** Trusted documents (gateway/operations): kept parsed and validated in Apollo's document store, checked on every schema change. */
  operations?: TrustedDocuments;
  /** Combine a client request's concurrent fetches to one subgraph into one request (HUB_SUBGRAPH_COMBINE; default on). */
  combineFetches?: boolean;
  /** Answer known one-fetch operations past Apollo Server's pipeline (HUB_FAST_PATH; default on; gateway/fast). */
  fastPath?: boolean;
}

/**
 * Counts and times every request by operation name and outcome, and logs it without its data:
 * `plugin` for the full pipeline, `observe` for a request the fast path answered (gateway/fast).
 */
function requestObserver(metrics: GatewayMetrics | undefined, logger: Logger | undefined) {
  // The request line's fields are the ones below, none of which the logger's redaction removes
  // (authorization, variables): written without it, which was about half of the line's CPU.
  const requestLog = logger?.child({}, { redact: { paths: [], remove: true } });
  const record = (contextValue: GatewayContext, operationName: string | null | undefined, started: number, failed: number, hasData: boolean, codes: unknown[] | undefined) => {
    const operation = operationName ?? 'anonymous';
    const outcome = failed === 0 ? 'ok' : hasData ? 'partial' : 'error';
    const seconds = (performance.now() - started) / 1000;
    metrics?.requests.inc({ operation, outcome });
    metrics?.requestDuration.observe({ operation }, seconds);
    requestLog?.info(
      { requestId: contextValue.requestId, caller: contextValue.caller?.sub, region: contextValue.caller?.region, operation, outcome, ms: Math.round(seconds * 1000), codes },
      'request',
    );
  };
  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, response, errors }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const failed = errors?.length ?? body?.errors?.length ?? 0;
          record(
            contextValue,
            operationName,
            started,
            failed,
            Boolean(body?.data),
            body?.errors?.map((e) => e.extensions?.code),
          );
        },
      };
    },
  };
  return { plugin, observe: (contextValue: GatewayContext, operationName: string | null, started: number) => record(contextValue, operationName, started, 0, true, undefined) };
}

/**
 * A document with several operations and no (or an unknown) operationName is the client's
 * mistake: 400 with a message that says what to send (the gateway would otherwise fail with 500).
 */
const requireResolvedOperation: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request }) {
        if (operation) return;
        const message = request.operationName
          ? `The document has no operation named "${request.operationName}".`
          : 'The document has several operations: send operationName to say which one to run.';
        throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
      },
    };
  },
};

/**
 * Logs, as an error naming each one, the registered documents the schema just loaded no longer
 * runs (requests for them by id are refused with DOCUMENT_NOT_RUNNABLE), and when they run again.
 */
function reportNotRunnable(broken: BrokenDocument[], logger: Logger | undefined): void {
  if (!broken.length) {
    if (logger) logger.info('every registered document runs on the schema served now');
    else console.log('[gateway] every registered document runs on the schema served now');
    return;
  }
  const list = broken.map((d) => `client "${d.client}" ${d.name} (${d.id}): ${d.problems.join(' ')}`).join('; ');
  const message = `${broken.length} registered operation${broken.length === 1 ? '' : 's'} no longer run${broken.length === 1 ? 's' : ''} on the schema this gateway serves (a core schema change deployed without \`hub supergraph check\`?); requests for them by id are refused with DOCUMENT_NOT_RUNNABLE: ${list}. Restore what they use, or have their clients publish new versions and remove these (hub operations remove --client <client> --id <id>).`;
  if (logger) logger.error({ notRunnable: broken.map(({ client, name, id }) => ({ client, name, id })) }, message);
  else console.error(`[gateway] ${message}`);
}

/** Builds the Apollo gateway over a supergraph and the Apollo server in front of it (not listening). */
export function createGatewayServer(options: GatewayOptions) {
  // @apollo/gateway 2.14 otherwise starts an OpenTelemetry exporter that probes cloud metadata
  // addresses and sends usage metrics to Apollo's servers. A hub of provincial personal data sends
  // nothing anywhere it was not configured to, and the library reads only this variable.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const logError = options.logError ?? ((error: unknown) => (options.logger ? options.logger.error({ err: error }, 'masked error') : console.error('[gateway]', error)));
  const production = options.production ?? false;
  const maskError = createErrorMasker(logError);
  const sources = new Map<string, GraphQLDataSource<GatewayContext>>();
  // A partner's talents are checked with their owner through experts' own data source (its
  // caller token, timeout, breaker and fetch deduplication), within the same client request.
  const ownerCheck: OwnerCheck<GatewayContext> = async (ids, fetch) => {
    const experts = sources.get('experts');
    if (!experts || !('incomingRequestContext' in fetch)) return new Set();
    const response = await experts.process({
      // (@apollo/gateway does not export the kind enum; this fetch's kind is the one wanted)
      kind: fetch.kind,
      request: { query: OWNER_CHECK_QUERY, variables: { representations: ids.map((id) => ({ __typename: TALENT_TYPE, id })) } },
      incomingRequestContext: fetch.incomingRequestContext,
      context: fetch.context,
      document: OWNER_CHECK_DOCUMENT,
    });
    return visibleIdsIn(response.data);
  };
  // The execution's Operation built once per parsed document, not on every request (gateway/execute).
  reuseExecutionOperations();
  // Answers shaped from a plan compiled per Operation, computeResponse kept for anything unusual (gateway/execute/shaping.ts).
  compileResponseShaping();
  const combiner = options.combineFetches === false ? undefined : createFetchCombiner({ held: options.metrics?.fetchesHeld });
  // The fast path's known operations (gateway/fast), learned from the gateway's own plans and answers.
  const known = options.fastPath === false ? undefined : createKnownOperations(() => (gateway as unknown as { apiSchema?: unknown }).apiSchema);
  const gateway: ApolloGateway = new ApolloGateway({
    supergraphSdl: internedSupergraph(options.supergraphSdl),
    ...(combiner || known
      ? {
          experimental_didResolveQueryPlan: (resolved) => {
            combiner?.planResolved(resolved.queryPlan, resolved.requestContext.context);
            known?.planResolved(resolved as unknown as ResolvedPlan);
          },
        }
      : {}),
    buildService: ({ name, url }) => {
      const policy = options.subgraphPolicy ?? DEFAULT_SUBGRAPH_POLICY;
      const source: GraphQLDataSource<GatewayContext> =
        name === 'experts' && options.expertsNodes && options.expertsNodes.length > 0
          ? new NodeRouter(
              options.expertsNodes,
              options.expertsNodes.map((node) =>
                withCombining(new HubDataSource<GatewayContext>(name, node.url, policy, options.metrics, undefined, nodeAudience(name, node.name)), combiner),
              ),
              options.stats ?? { minGroup: DEFAULT_STATS_MIN_GROUP, ...DEFAULT_STATS_ROUNDING },
            )
          : withCombining(new HubDataSource<GatewayContext>(name, options.subgraphUrls[name] ?? url!, policy, options.metrics, { logger: options.logger, ownerCheck }), combiner);
      const served = known ? known.replaying(source) : source;
      sources.set(name, served);
      return served;
    },
  });
  if (known) gateway.onSchemaLoadOrUpdate(({ apiSchema }) => known.schemaChanged(apiSchema));
  const observer = requestObserver(options.metrics, options.logger);
  const cost = demandControl(options.cost ?? DEFAULT_COST_SETTINGS, options.metrics);
  const cache = responseCache();
  const protection = operationProtection(options.limits ?? DEFAULT_LIMITS, { hideSchemaDetails: production });
  const operations = options.operations;
  if (operations) {
    // Registered documents are parsed and validated as Apollo would, against each schema the gateway loads.
    operations.useRules({ parseOptions: protection.parseOptions, validationRules: protection.validationRules });
    // A core schema deployed without `hub supergraph check` may no longer run some: said loudly, by name.
    operations.onNotRunnable((broken) => reportNotRunnable(broken, options.logger));
    gateway.onSchemaLoadOrUpdate(({ apiSchema }) => operations.schemaChanged(apiSchema));
  }
  const server = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => maskError(limitErrorCode(formatted), error),
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    validationRules: protection.validationRules,
    parseOptions: protection.parseOptions,
    ...(operations ? { documentStore: operations.documentStore } : {}),
    plugins: [
      ...(protection.plugins as ApolloServerPlugin<GatewayContext>[]),
      observer.plugin,
      requireResolvedOperation,
      cost,
      cache,
      ...(known ? [known.plugin] : []),
      answerPlugin as ApolloServerPlugin<GatewayContext>,
    ],
    // Large answers are written without one string of the whole answer (platform/answer.ts).
    stringifyResult: stringifyAnswer,
  });
  const fast: Omit<FastPathDeps, 'contextOf'> | undefined = known && {
    known,
    source: (name) => sources.get(name),
    planResolved: (plan, context) => combiner?.planResolved(plan, context),
    cost: cost.fastPath,
    mayBeCached: cache.mayBeStored,
    observe: observer.observe,
    metrics: options.metrics,
  };
  return { gateway, server, fast };
}

/**
 * The supergraph with its names interned as one-byte strings before the gateway builds anything
 * from it (platform/names.ts): the text given, or every text the manager serves, at start and on
 * each update.
 */
function internedSupergraph(source: string | SupergraphManager): string | SupergraphManager {
  if (typeof source === 'string') {
    internNames(source);
    return source;
  }
  return {
    async initialize(hooks) {
      const served = await source.initialize({
        ...hooks,
        update: (supergraphSdl) => {
          internNames(supergraphSdl);
          hooks.update(supergraphSdl);
        },
      });
      internNames(served.supergraphSdl);
      return served;
    },
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.ts';
import type { GatewayMetrics } from '../metrics.ts';
import { actualCost, estimateCost } from './measure.ts';
import { CostModel, type OperationPlan } from './model.ts';
import { type CostSettings, costLimitFor } from './settings.ts';

/** The header a client sends (`true`) to be told the cost of its operation in `extensions.cost`. */
const INCLUDE_COST_HEADER = 'hub-include-cost';

/** Distinct clients given a series of their own in `hub_operation_cost`; later ones are counted as `other`. */
const MAX_CLIENT_LABELS = 200;

/** What `extensions.cost` holds, in Apollo Router's shape. */
interface CostReport {
  estimated: number;
  actual: number;
  result: 'COST_OK' | 'COST_ESTIMATED_TOO_EXPENSIVE';
  strategy: 'static_estimated';
}

/**
 * Demand control priced by the schema (`@cost`, `@listSize`; gateway/cost/model.ts). When the
 * operation is resolved (after validation, before the gateway plans or fetches anything) its
 * estimated cost is computed from the supergraph's directives and checked against the calling
 * client's limit: over it, the request is refused with 400 `COST_ESTIMATED_TOO_EXPENSIVE` and no
 * subgraph is called. When the response is ready its actual cost is counted from the data. Both
 * go to `hub_operation_cost{client,kind}`, and to `extensions.cost` when the client asks (header
 * `hub-include-cost: true`, or `extensions: { cost: true }` in the request). The model is rebuilt
 * whenever the gateway loads a new supergraph (a partner published, a subgraph changed).
 */
export function demandControl(settings: CostSettings, metrics: GatewayMetrics | undefined) {
  let model: CostModel | undefined;
  const labelled = new Set(Object.keys(settings.limits.clients));
  const clientLabel = (sub: string | undefined): string => {
    if (sub === undefined) return 'anonymous';
    if (labelled.has(sub)) return sub;
    if (labelled.size < MAX_CLIENT_LABELS + Object.keys(settings.limits.clients).length) {
      labelled.add(sub);
      return sub;
    }
    return 'other';
  };
  /** The operation's estimated cost against the client's limit (null: no model yet, or nothing priced). */
  const price = (document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>, client: string | undefined) => {
    const plan = model?.plan(document, operationName) ?? null;
    if (!plan) return null;
    const estimated = estimateCost(plan, variables);
    const limit = costLimitFor(settings.limits, client);
    return { plan, estimated, limit, ok: estimated <= limit };
  };
  /** The actual cost counted from the data, after the response has gone (~150 µs for the benchmark's 87 KB answer). */
  const observeActual = (plan: OperationPlan, data: unknown, variables: Record<string, unknown>, client: string) => {
    if (metrics) setImmediate(() => metrics.operationCost.observe({ client, kind: 'actual' }, actualCost(plan, data as never, variables)));
  };
  const plugin: ApolloServerPlugin<GatewayContext> = {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ coreSupergraphSdl }) {
          // Only the supergraph carries @cost and @listSize (the API schema drops them).
          if (coreSupergraphSdl) model = new CostModel(coreSupergraphSdl, settings.defaultListSize);
        },
      };
    },
    async requestDidStart({ request, contextValue }) {
      const asked = request.http?.headers.get(INCLUDE_COST_HEADER) === 'true' || request.extensions?.cost === true;
      let plan: OperationPlan | null = null;
      let report: CostReport | undefined;
      return {
        async didResolveOperation({ document, operationName, request }) {
          const client = contextValue.caller?.sub;
          const priced = price(document, operationName, request.variables ?? {}, client);
          if (!priced) return;
          const { estimated, limit } = priced;
          plan = priced.plan;
          report = { estimated, actual: 0, result: priced.ok ? 'COST_OK' : 'COST_ESTIMATED_TOO_EXPENSIVE', strategy: 'static_estimated' };
          metrics?.operationCost.observe({ client: clientLabel(client), kind: 'estimated' }, estimated);
          if (priced.ok) return;
          throw new GraphQLError(
            `The estimated cost of this operation is ${estimated}, over the limit of ${limit} for client ${client ?? 'anonymous'}: ask for smaller pages (first:), fewer nested lists or fewer expensive fields, or split it; the cost comes from the schema's @cost and @listSize directives.`,
            { extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', estimated, limit, http: { status: 400 } } },
          );
        },
        async willSendResponse({ response, request }) {
          if (!plan || !report || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const counted = plan;
          const client = clientLabel(contextValue.caller?.sub);
          if (asked) {
            if (report.result === 'COST_OK') report.actual = actualCost(counted, result.data, request.variables ?? {});
            result.extensions = { ...result.extensions, cost: report };
          }
          if (report.result !== 'COST_OK' || !metrics) return;
          // Unless the client asked, the walk over the response is done after the response has gone, off the request's latency.
          if (asked) metrics.operationCost.observe({ client, kind: 'actual' }, report.actual);
          else observeActual(counted, result.data, request.variables ?? {}, client);
        },
      };
    },
  };
  return Object.assign(plugin, {
    /**
     * What the plugin does for a request the fast path (gateway/fast/path.ts) answers, whose client did
     * not ask for the cost: `check` before it fetches (false: over the limit, or not priced, so the
     * full pipeline refuses it), `answered` once it has the data (both metrics, as above).
     */
    fastPath: {
      check: (document: DocumentNode, operationName: string | null, variables: Record<string, unknown>, client: string | undefined) => {
        const priced = price(document, operationName, variables, client);
        return priced?.ok ? priced : undefined;
      },
      answered(priced: { plan: OperationPlan; estimated: number }, data: unknown, variables: Record<string, unknown>, client: string | undefined): void {
        const label = clientLabel(client);
        metrics?.operationCost.observe({ client: label, kind: 'estimated' }, priced.estimated);
        observeActual(priced.plan, data, variables, label);
      },
    },
  });
}

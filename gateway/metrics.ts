import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Kind, parse } from 'graphql';
import { AggregatorRegistry, Counter, Histogram, type LabelValues, Registry } from 'prom-client';
import { collectNodeMetrics } from '../platform/server.ts';

const OPERATIONS_DIR = fileURLToPath(new URL('../schema/operations/', import.meta.url));

/**
 * Operation names the hub itself sends besides the client operations in schema/operations:
 * requests without a name, the registry's SDL fetch, GraphiQL's introspection.
 */
const HUB_OPERATIONS = ['anonymous', 'SubgraphSdl', 'IntrospectionQuery'];

/** The label every operation name not known to the hub is counted under. */
export const OTHER_OPERATION = 'other';

/**
 * The names of the hub's known operations: every named operation in `schema/operations/*.graphql`
 * (what the dashboard, the explorer's examples and the documented clients send) and the hub's own.
 */
export function knownOperationNames(dir: string = OPERATIONS_DIR): Set<string> {
  const names = new Set(HUB_OPERATIONS);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql'))) {
    for (const definition of parse(readFileSync(`${dir}/${file}`, 'utf8')).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) names.add(definition.name.value);
    }
  }
  return names;
}

/**
 * Makes a metric's `operation` label bounded: a name the hub knows is kept, any other becomes
 * `other`. A client chooses its operation names freely, so without this every new name would be
 * a new time series, and a client could grow the metrics (and Prometheus) without bound. Done on
 * the metric itself, so every caller of `inc`/`observe` is bounded.
 */
function boundOperationLabel<T extends string>(metric: Counter<T> | Histogram<T>, known: ReadonlySet<string>): void {
  const bound = (labels: unknown): unknown => {
    if (!labels || typeof labels !== 'object' || !('operation' in labels)) return labels;
    const operation = String((labels as LabelValues<T>)['operation' as T]);
    return known.has(operation) ? labels : { ...labels, operation: OTHER_OPERATION };
  };
  if (metric instanceof Counter) {
    const inc = metric.inc.bind(metric) as (labels?: unknown, value?: number) => void;
    metric.inc = ((labels?: unknown, value?: number) => inc(bound(labels), value)) as typeof metric.inc;
  } else {
    const observe = metric.observe.bind(metric) as (labels: unknown, value?: number) => void;
    metric.observe = ((labels: unknown, value?: number) => observe(bound(labels), value)) as typeof metric.observe;
    const startTimer = metric.startTimer.bind(metric) as (labels?: unknown) => (end?: unknown) => number;
    metric.startTimer = ((labels?: unknown) => startTimer(bound(labels))) as typeof metric.startTimer;
  }
}

/**
 * The gateway's Prometheus metrics (served by `serveMetrics` on their own port). One registry
 * per gateway instance, so several gateways in one process (tests) do not share counters. The
 * `operation` label takes only `knownOperations` (default: `knownOperationNames()`), the rest
 * is counted as `other`.
 */
export function createMetrics(options: { knownOperations?: Iterable<string> } = {}) {
  const known = new Set(options.knownOperations ?? knownOperationNames());
  const registry = new Registry();
  // Node's metrics keep their standard names (process_*, nodejs_*), as dashboards and alerts expect; the label says whose they are.
  collectNodeMetrics(registry, { service: 'gateway' });
  const requests = new Counter({
    name: 'hub_gateway_requests_total',
    help: 'GraphQL requests by operation name (known operations; the rest as "other") and outcome (ok, partial, error, rejected)',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const requestDuration = new Histogram({
    name: 'hub_gateway_request_duration_seconds',
    help: 'GraphQL request latency by operation name (known operations; the rest as "other")',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  boundOperationLabel(requests, known);
  boundOperationLabel(requestDuration, known);
  return {
    registry,
    requests,
    requestDuration,
    subgraphFetchDuration: new Histogram({
      name: 'hub_gateway_subgraph_fetch_duration_seconds',
      help: 'Latency of fetches from the gateway to each subgraph',
      labelNames: ['subgraph'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    subgraphErrors: new Counter({
      name: 'hub_gateway_subgraph_errors_total',
      help: 'Failed fetches to subgraphs by kind (timeout, unavailable, circuit_open, refused: the subgraph answered 401/403 to the caller token)',
      labelNames: ['subgraph', 'kind'] as const,
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'hub_gateway_rate_limited_total',
      help: 'Requests rejected by the per-caller rate limit',
      registers: [registry],
    }),
    registryReloads: new Counter({
      name: 'hub_gateway_registry_reloads_total',
      help: 'Supergraph reloads by outcome (ok, failed)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    partnerFieldsDropped: new Counter({
      name: 'hub_gateway_partner_fields_dropped_total',
      help: 'Keys a partner subgraph answered that its fetch did not ask for (dropped from the answer), by subgraph',
      labelNames: ['subgraph'] as const,
      registers: [registry],
    }),
    operationCost: new Histogram({
      name: 'hub_operation_cost',
      help: 'Cost of operations priced by the schema (@cost, @listSize; gateway/cost), by client (token sub; past 200 clients "other") and kind (estimated before execution, actual from the response)',
      labelNames: ['client', 'kind'] as const,
      buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 50_000, 100_000],
      registers: [registry],
    }),
    fetchesHeld: new Counter({
      name: 'hub_gateway_subgraph_fetches_held_total',
      help: 'Subgraph fetches held to meet the other fetches of their client request to the same subgraph (combined into one request where they meet); a query plan with one fetch sends it at once, unheld',
      registers: [registry],
    }),
    fastPath: new Counter({
      name: 'hub_gateway_fast_path_total',
      help: 'Requests for a known one-fetch operation (gateway/fast): answered on the fast path (served), sent on to the full pipeline before any fetch (declined), or after its fetch, whose answer the pipeline then used (handed_over)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    partnerTalentsWithheld: new Counter({
      name: 'hub_gateway_partner_talents_withheld_total',
      help: 'Talents a partner subgraph answered that the caller may not see, as experts decided (withheld from the answer), by subgraph',
      labelNames: ['subgraph'] as const,
      registers: [registry],
    }),
  };
}

export type GatewayMetrics = ReturnType<typeof createMetrics>;

/** What a metrics listener serves: one registry, or the sum of a cluster's workers. */
export interface MetricsSource {
  contentType: string;
  metrics(): Promise<string>;
}

/**
 * The metrics of every worker of a gateway cluster (HUB_GATEWAY_WORKERS > 1), for the primary to
 * serve: each scrape asks every worker for its registry (prom-client's cluster aggregation) and
 * adds them up, so a counter shows the sum over workers. Each worker calls `shareWithCluster`.
 */
export function clusterMetrics(): MetricsSource {
  const aggregator = new AggregatorRegistry();
  return { contentType: aggregator.contentType, metrics: () => aggregator.clusterMetrics() };
}

/** In a worker of a gateway cluster: answers the primary's scrapes with these metrics. */
export function shareWithCluster(metrics: GatewayMetrics): void {
  // Constructing one is what makes prom-client answer the primary's requests in a worker.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([metrics.registry]);
}

/**
 * Serves `GET /metrics` on a listener of its own (HUB_METRICS_HOST:HUB_METRICS_PORT, loopback by
 * default), so the public GraphQL port does not show request volumes, operation names and
 * process details to anyone who asks. Anything else on that port is 404.
 */
export async function serveMetrics(metrics: { registry: MetricsSource }, listen: { host: string; port: number }): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found: metrics are at GET /metrics.\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  // The metrics listener alone must not keep the process alive: on SIGTERM Apollo stops the
  // GraphQL server and the process ends when nothing else is open (a second concurrent
  // ApolloServer.stop() never resolves in @apollo/server 5, so shutdown cannot wait for it).
  server.unref();
  const { port } = server.address() as AddressInfo;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

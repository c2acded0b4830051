import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * The gateway's Prometheus metrics (served at /metrics). One registry per gateway instance, so
 * several gateways in one process (tests) do not share counters.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'hub_gateway_' });
  return {
    registry,
    requests: new Counter({
      name: 'hub_gateway_requests_total',
      help: 'GraphQL requests by operation name and outcome (ok, partial, error, rejected)',
      labelNames: ['operation', 'outcome'] as const,
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: 'hub_gateway_request_duration_seconds',
      help: 'GraphQL request latency by operation name',
      labelNames: ['operation'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    subgraphFetchDuration: new Histogram({
      name: 'hub_gateway_subgraph_fetch_duration_seconds',
      help: 'Latency of fetches from the gateway to each subgraph',
      labelNames: ['subgraph'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    subgraphErrors: new Counter({
      name: 'hub_gateway_subgraph_errors_total',
      help: 'Failed fetches to subgraphs by kind (timeout, unavailable, circuit_open)',
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
    partnerTalentsWithheld: new Counter({
      name: 'hub_gateway_partner_talents_withheld_total',
      help: 'Talents a partner subgraph answered that the caller may not see, as experts decided (withheld from the answer), by subgraph',
      labelNames: ['subgraph'] as const,
      registers: [registry],
    }),
  };
}

export type GatewayMetrics = ReturnType<typeof createMetrics>;

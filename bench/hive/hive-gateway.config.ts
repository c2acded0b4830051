import { defineConfig } from '@graphql-hive/gateway';

/**
 * Hive Gateway as the benchmark runs it (`hive-gateway supergraph <file> -c <this file> [--jit]`).
 * Incoming-request deduplication is off (it is off by default in 2.15, set here so a change of
 * default cannot skew the comparison): every request in this workload is identical, so
 * deduplicating them would answer many requests with the work of one. Outgoing subgraph fetches
 * keep Hive's default (identical fetches in flight are shared); the harness reports the fetches
 * per request it sees.
 */
export const gatewayConfig = defineConfig({
  inboundInflightRequestDeduplication: false,
});

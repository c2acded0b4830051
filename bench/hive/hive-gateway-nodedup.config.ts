import { defineConfig } from '@graphql-hive/gateway';
import { gatewayConfig as base } from './hive-gateway.config.ts';

/**
 * Hive Gateway with its outgoing deduplication off too: identical subgraph fetches in flight are
 * not shared. Every request of the standard workload is identical, so under 50 concurrent requests
 * Hive's default shares nearly all subgraph fetches between requests (well under one fetch per
 * request instead of seven); this target shows what it does when each request does its own work.
 */
export const gatewayConfig = defineConfig({
  ...base,
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
});

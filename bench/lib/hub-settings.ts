/**
 * Settings the benchmark gives every hub gateway it starts, on top of the hub's defaults. The
 * per-client rate limit (default 50 req/s and a burst of 100 per calling system) would turn a
 * throughput benchmark from one client into a measurement of the limit, so it is raised out of
 * the way: the limiter still runs on every request (its cost is measured), it just never says no.
 * Everything else stays at its default.
 */
export const BENCH_GATEWAY_ENV: Record<string, string> = {
  // Started as `npm start` starts it: development made explicit, so the documented development
  // secret is accepted (the gateway refuses it otherwise), and /metrics on a free port of its own.
  NODE_ENV: 'development',
  HUB_METRICS_PORT: '0',
  HUB_RATE_LIMIT_RATE: '1000000000',
  HUB_RATE_LIMIT_BURST: '1000000000',
};

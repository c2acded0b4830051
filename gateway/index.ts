// First: starts tracing (when configured) before express and the MongoDB driver are loaded.
import '../platform/instrument.ts';
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { createLogger } from '../platform/log.ts';
import { runMain } from '../platform/main.ts';
import { nameService, stopTracing } from '../platform/tracing.ts';
import { loadGatewayConfig } from './config.ts';
import { gatewaySettings, serveGateway } from './serve.ts';
import { createGatewayRegistry, openRegistryStore } from './registry/index.ts';
import { openOperationsStore, TrustedDocuments } from './operations/index.ts';
import { clusterMetrics, createMetrics, serveMetrics, shareWithCluster } from './metrics.ts';
import { type RateLimitStore, startRateLimitPrimary } from './ratelimit.ts';
import { GATEWAY_NODE_ARGS, limitHeapGrowth, youngGenerationAdvice } from './heap.ts';

// Before the first request: the heap may grow to twice what was live, not V8's four times (gateway/heap.ts).
limitHeapGrowth();

/** How many gateway processes to run, and the signing key they share (settings read once; problems are reported by runMain below). */
function clusterSettings(): { workers: number; signingKey: JWK | undefined; metrics: { host: string; port: number } } {
  try {
    const { workers, signingKey, metrics } = loadGatewayConfig();
    return { workers, signingKey, metrics };
  } catch {
    return { workers: 1, signingKey: undefined, metrics: { host: '127.0.0.1', port: 0 } };
  }
}

const { workers, signingKey, metrics: metricsListen } = clusterSettings();
if (workers > 1 && cluster.isPrimary) {
  // HUB_GATEWAY_WORKERS > 1: a cluster of gateway processes sharing the port. They share one
  // signing key (subgraphs fetch one JWKS whichever worker answers); a dead worker is replaced.
  // The primary counts the rate limit for all of them, and serves /metrics summed over them (a
  // worker's own listener would answer for itself only: the port is shared round-robin).
  nameService('gateway');
  startRateLimitPrimary();
  const metricsServer = await serveMetrics({ registry: clusterMetrics() }, metricsListen).catch((error: unknown) => {
    console.error(`[gateway] cannot serve /metrics on ${metricsListen.host}:${metricsListen.port} (${(error as Error).message}); set HUB_METRICS_PORT to a free port`);
    return undefined;
  });
  if (metricsServer) console.log(`[gateway] metrics of ${workers} workers at ${metricsServer.url}`);
  const key = JSON.stringify(signingKey ?? (await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey)));
  let stopping = false;
  // The workers run with the gateway's node flags (gateway/heap.ts), given here when the primary was started without them.
  if (youngGenerationAdvice()) cluster.setupPrimary({ execArgv: [...process.execArgv, ...GATEWAY_NODE_ARGS] });
  const fork = () => cluster.fork({ HUB_GATEWAY_SIGNING_KEY: key });
  for (let i = 0; i < workers; i++) fork();
  cluster.on('exit', (_worker, code) => {
    if (!stopping && code !== 0) fork();
    if (stopping && Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else
  runMain('gateway', async () => {
    const config = loadGatewayConfig();
    const logger = createLogger('gateway', config.logLevel, { format: config.logFormat });
    if (config.auth.usingDevelopmentSecret) {
      // loadGatewayConfig allows this only with NODE_ENV=development on loopback.
      logger.warn(
        'development mode: client tokens are checked with the documented DEVELOPMENT secret and /dev/token is open to this machine; set HUB_JWT_SECRET or HUB_JWKS_URL before real use',
      );
    }
    const youngGeneration = youngGenerationAdvice();
    if (youngGeneration) logger.warn(youngGeneration);
    const tracingDeprecation = nameService('gateway');
    if (tracingDeprecation) logger.warn(tracingDeprecation);
    const worker = cluster.isWorker;
    const metrics = createMetrics();
    if (worker) shareWithCluster(metrics);
    const mongo = config.registry.mongodbUri ? new (await import('mongodb')).MongoClient(config.registry.mongodbUri) : undefined;
    // With MongoDB every gateway instance counts each caller in one place; a cluster's workers count in their primary.
    const rateLimitStore: RateLimitStore = mongo
      ? { kind: 'mongo', client: mongo, dbName: `${config.registry.mongodbDb}_hub`, local: worker ? 'cluster' : 'memory' }
      : { kind: worker ? 'cluster' : 'memory' };
    // Trusted documents live beside the registry (same file directory or MongoDB database); other instances' publishes are polled.
    const operations = await TrustedDocuments.open(await openOperationsStore(config.registry));
    operations.startPolling(config.registry.pollIntervalMs, (error) => logger.warn({ err: error }, 'cannot read the trusted documents store; keeping the documents last read'));
    // Serving a supergraph composed from stored SDL (the registry's, or the committed file), not by
    // introspecting subgraphs, lets the gateway start while a subgraph is down; it answers with
    // partial data and an error for the missing part.
    const registry = config.registry.enabled
      ? await createGatewayRegistry({
          store: await openRegistryStore(config.registry),
          coreUrls: config.subgraphUrls,
          pollIntervalMs: config.registry.pollIntervalMs,
          probeIntervalMs: config.registry.probeIntervalMs,
          probeTimeoutMs: config.healthProbeTimeoutMs,
          sdlFetchTimeoutMs: config.registry.sdlFetchTimeoutMs,
          addressPolicy: { allowPrivate: config.registry.allowPrivateAddresses, allowedNetworks: config.registry.allowedNetworks },
          partnerAllowedFields: config.registry.partnerAllowedFields,
          documents: () => operations.list(),
          logger: logger.child({ component: 'registry' }),
        })
      : undefined;
    const supergraphSdl = registry?.supergraph ?? readFileSync(config.supergraphPath, 'utf8');
    const running = await serveGateway({
      supergraphSdl,
      ...(registry ? { registry } : {}),
      operations,
      subgraphUrls: config.subgraphUrls,
      port: config.port,
      host: config.host,
      ...(await gatewaySettings(config, logger)),
      metrics,
      rateLimitStore,
      // A worker's metrics are served by the primary, summed over the workers.
      ...(worker ? { metricsListen: undefined } : {}),
    });
    logger.info({ url: running.url, health: running.url.replace(/\/graphql$/, '/health'), metrics: running.metricsUrl }, 'federated graph ready');
    // The last spans are exported, and the rate limit's MongoDB connection closed, before the process exits.
    const close = running.close;
    return Object.assign(running, { close: () => close().finally(() => Promise.all([stopTracing(), mongo?.close()])) });
  });

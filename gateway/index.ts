import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { createLogger } from '../platform/log.ts';
import { runMain } from '../platform/main.ts';
import { startTracing } from '../platform/tracing.ts';
import { loadGatewayConfig } from './config.ts';
import { gatewaySettings, serveGateway } from './serve.ts';
import { createGatewayRegistry, openRegistryStore } from './registry/index.ts';

/** How many gateway processes to run, and the signing key they share (settings read once; problems are reported by runMain below). */
function clusterSettings(): { workers: number; signingKey: JWK | undefined } {
  try {
    const { workers, signingKey } = loadGatewayConfig();
    return { workers, signingKey };
  } catch {
    return { workers: 1, signingKey: undefined };
  }
}

const { workers, signingKey } = clusterSettings();
if (workers > 1 && cluster.isPrimary) {
  // HUB_GATEWAY_WORKERS > 1: a cluster of gateway processes sharing the port. They share one
  // signing key (subgraphs fetch one JWKS whichever worker answers); a dead worker is replaced.
  const key = JSON.stringify(signingKey ?? (await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey)));
  let stopping = false;
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
    if (config.otelExporterUrl) await startTracing('gateway', config.otelExporterUrl);
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
          logger: logger.child({ component: 'registry' }),
        })
      : undefined;
    const supergraphSdl = registry?.supergraph ?? readFileSync(config.supergraphPath, 'utf8');
    const running = await serveGateway({
      supergraphSdl,
      ...(registry ? { registry } : {}),
      subgraphUrls: config.subgraphUrls,
      port: config.port,
      host: config.host,
      ...(await gatewaySettings(config, logger)),
    });
    logger.info({ url: running.url, health: running.url.replace(/\/graphql$/, '/health'), metrics: running.metricsUrl }, 'federated graph ready');
    return running;
  });

import { readFileSync } from 'node:fs';
import { createLogger } from '../subgraphs/kit/log.ts';
import { runMain } from '../subgraphs/kit/main.ts';
import { startTracing } from '../subgraphs/kit/tracing.ts';
import { loadGatewayConfig } from './config.ts';
import { serveGateway } from './http.ts';
import { createGatewayRegistry, openRegistryStore } from './registry/index.ts';
import { createCallerSigner } from './signer.ts';

runMain('gateway', async () => {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.logLevel);
  if (config.auth.usingDevelopmentSecret) {
    logger.warn('client tokens are checked with the documented DEVELOPMENT secret; set HUB_JWT_SECRET or HUB_JWKS_URL before real use');
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
    healthProbeTimeoutMs: config.healthProbeTimeoutMs,
    auth: config.auth,
    signer: await createCallerSigner({ privateJwk: config.signingKey }),
    agreementCacheMs: config.agreementCacheMs,
    production: config.env === 'production',
    limits: config.limits,
    bodyLimitBytes: config.bodyLimitBytes,
    rateLimit: config.rateLimit,
    subgraphPolicy: config.subgraphPolicy,
    logger,
  });
  logger.info({ url: running.url, health: running.url.replace(/\/graphql$/, '/health') }, 'federated graph ready');
  return running;
});

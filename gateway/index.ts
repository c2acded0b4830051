import { readFileSync } from 'node:fs';
import { runMain } from '../subgraphs/kit/main.ts';
import { loadGatewayConfig } from './config.ts';
import { serveGateway } from './http.ts';
import { createCallerSigner } from './signer.ts';

runMain('gateway', async () => {
  const config = loadGatewayConfig();
  if (config.auth.usingDevelopmentSecret) {
    console.warn('[gateway] WARNING: client tokens are checked with the documented DEVELOPMENT secret; set HUB_JWT_SECRET or HUB_JWKS_URL before real use.');
  }
  // Serving from the committed supergraph (not by introspecting subgraphs) lets the gateway start
  // while a subgraph is down; it answers with partial data and an error for the missing part.
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const running = await serveGateway({
    supergraphSdl,
    subgraphUrls: config.subgraphUrls,
    port: config.port,
    host: config.host,
    healthProbeTimeoutMs: config.healthProbeTimeoutMs,
    auth: config.auth,
    signer: await createCallerSigner({ privateJwk: config.signingKey }),
    agreementCacheMs: config.agreementCacheMs,
  });
  console.log(`[gateway] federated graph ready at ${running.url} (health: ${running.url.replace(/\/graphql$/, '/health')})`);
  return running;
});

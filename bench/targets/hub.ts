import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadGatewayConfig } from '../../gateway/config.ts';
import { gatewaySettings, serveGateway } from '../../gateway/serve.ts';
import { createLogger } from '../../platform/log.ts';
import { limitHeapGrowth, youngGenerationAdvice } from '../../gateway/heap.ts';
import { routingUrls } from '../federation/workload.ts';

/**
 * `hub`: the project's own gateway, built by the same `serveGateway` the production entry
 * (gateway/index.ts) uses, with every feature it ships on, over the supergraph file given. The
 * subgraph URLs are the supergraph's routing URLs (the benchmark's subgraphs are not the hub's);
 * everything else (client token checks, the caller-token signer, the agreement cache, operation
 * limits, rate limit, subgraph timeouts and breaker, logging) comes from the same settings as
 * `npm start`, so clients must send `Authorization: Bearer <token>`.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    supergraph: { type: 'string' },
  },
});
if (!values.port || !values.supergraph) {
  console.error('Usage: tsx bench/targets/hub.ts --port <n> --supergraph <file>');
  process.exit(2);
}
// The heap growth the production entry (gateway/index.ts) sets on its process.
limitHeapGrowth();
const config = loadGatewayConfig();
const logger = createLogger('gateway', config.logLevel);
// Started by startService, it has the gateway's node flags (gateway/heap.ts); said when it has not.
const youngGeneration = youngGenerationAdvice();
if (youngGeneration) logger.warn(youngGeneration);
const supergraphSdl = readFileSync(values.supergraph, 'utf8');
const running = await serveGateway({
  supergraphSdl,
  subgraphUrls: routingUrls(supergraphSdl),
  port: Number(values.port),
  host: values.host,
  ...(await gatewaySettings(config, logger)),
});
logger.info({ url: running.url }, 'bench hub gateway ready');
process.on('SIGTERM', () => {
  running.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});

import { listen, type RunningServer } from '../subgraphs/kit/server.ts';
import { probeSubgraph } from './health.ts';
import { createGatewayServer, type GatewayOptions } from './server.ts';

export interface ServeGatewayOptions extends GatewayOptions {
  port: number;
  host: string;
  healthProbeTimeoutMs?: number;
}

/**
 * Builds the gateway and serves it: /graphql, and /health answering 200 with each subgraph's
 * state (`ok` when all are up, `degraded` otherwise).
 */
export async function serveGateway(options: ServeGatewayOptions): Promise<RunningServer> {
  const { server } = createGatewayServer(options);
  return listen({
    server,
    port: options.port,
    host: options.host,
    context: async () => ({}),
    health: async () => {
      const entries = await Promise.all(
        Object.entries(options.subgraphUrls).map(
          async ([name, url]) => [name, await probeSubgraph(url, options.healthProbeTimeoutMs ?? 1000)] as const,
        ),
      );
      return {
        status: entries.every(([, h]) => h.status === 'up') ? 'ok' : 'degraded',
        subgraphs: Object.fromEntries(entries),
      };
    },
  });
}

import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { createErrorMasker } from '../subgraphs/kit/errors.ts';
import { HubDataSource } from './datasource.ts';

export interface GatewayOptions {
  supergraphSdl: string;
  /** URL of each subgraph by composition name; a name not listed keeps the supergraph's routing URL. */
  subgraphUrls: Record<string, string>;
  logError?: (error: unknown) => void;
}

/** Builds the Apollo gateway over a supergraph and the Apollo server in front of it (not listening). */
export function createGatewayServer(options: GatewayOptions) {
  // @apollo/gateway 2.14 otherwise starts an OpenTelemetry exporter that probes cloud metadata
  // addresses and sends usage metrics to Apollo's servers. A hub of provincial personal data sends
  // nothing anywhere it was not configured to, and the library reads only this variable.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const logError = options.logError ?? ((error: unknown) => console.error('[gateway]', error));
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new HubDataSource(name, options.subgraphUrls[name] ?? url!),
  });
  const server = new ApolloServer({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorMasker(logError),
  });
  return { gateway, server };
}

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

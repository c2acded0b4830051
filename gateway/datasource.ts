import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';

/**
 * How the gateway talks to one subgraph. A failed fetch (refused, reset, timed out) becomes a
 * SUBGRAPH_UNAVAILABLE error that names the subgraph, never its URL, host or port; the rest of
 * the plan goes on, so the client gets partial data.
 */
export class HubDataSource<TContext extends Record<string, any> = Record<string, any>> extends RemoteGraphQLDataSource<TContext> {
  constructor(
    readonly name: string,
    url: string,
  ) {
    super({ url });
  }

  override async process(options: GraphQLDataSourceProcessOptions<TContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      if (error instanceof GraphQLError && typeof error.extensions.code === 'string' && error.extensions.code !== 'INTERNAL_SERVER_ERROR') throw error;
      throw new GraphQLError(`The ${this.name} subgraph is unavailable; the data it owns is missing from this answer. Retry later.`, {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.name },
      });
    }
  }
}

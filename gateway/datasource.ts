import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { OPERATION_HEADER, REQUEST_ID_HEADER } from '../subgraphs/kit/request.ts';
import type { GatewayContext } from './context.ts';

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

  /** Relays the caller (as the gateway's signed caller token), the request id and the client's operation name. */
  override willSendRequest(options: GraphQLDataSourceProcessOptions<TContext>): void {
    const { request, context } = options;
    const headers = request.http?.headers;
    if (!headers) return;
    const ctx = context as Partial<GatewayContext>;
    if (ctx.callerToken) headers.set('authorization', `Bearer ${ctx.callerToken}`);
    if (ctx.requestId) headers.set(REQUEST_ID_HEADER, ctx.requestId);
    const operation = 'incomingRequestContext' in options ? (options.incomingRequestContext.operationName ?? undefined) : undefined;
    if (operation && /^[_A-Za-z][_0-9A-Za-z]{0,127}$/.test(operation)) headers.set(OPERATION_HEADER, operation);
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

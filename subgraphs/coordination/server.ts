import { GraphQLScalarType, valueFromASTUntyped } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { type Capability, CAPABILITIES } from '../../platform/config.ts';
import type { SubgraphService } from '../../platform/runner.ts';
import { createSubgraphServer } from '../../platform/server.ts';
import { AUDIT_SDL, loadSdl, subgraphSdlFiles } from '../../platform/sdl.ts';
import { createContext, type CoordinationContext } from './context.ts';
import { resolvers } from './resolvers/resolvers.generated.ts';
import { CoordinationStore } from './store.ts';

/**
 * LocalDate as the generated resolvers' (graphql-scalars) for answers, but an input date is taken as
 * sent: the models check it (IsoDate) where its path is known, so a bad date is BAD_USER_INPUT on
 * e.g. input.period.start. Refused at variable coercion it was an HTTP 400, which the gateway reports
 * as SUBGRAPH_UNAVAILABLE ("retry later"). The same in the other subgraph with LocalDate inputs.
 */
const LocalDate = new GraphQLScalarType({ ...LocalDateResolver.toConfig(), parseValue: (value) => value, parseLiteral: (ast) => valueFromASTUntyped(ast) });

export const { sdl, typeDefs } = loadSdl(...subgraphSdlFiles(new URL('./', import.meta.url)), AUDIT_SDL);

/** Builds the coordination subgraph (schema and Apollo server); it does not listen. */
export function createCoordinationServer(options: { logError?: (error: unknown) => void } = {}) {
  return createSubgraphServer<CoordinationContext>({ name: 'coordination', typeDefs, resolvers: { ...resolvers, LocalDate }, ...options });
}

/**
 * The coordination subgraph as the runner (index.ts) and the tests start it: one of the hub's own
 * subgraphs, with every platform capability; its seed is its part of the generated dataset.
 */
export const coordinationService: SubgraphService<CoordinationStore, CoordinationContext, Parameters<CoordinationStore['seed']>[0], Capability> = {
  kind: 'core',
  name: 'coordination',
  capabilities: CAPABILITIES,
  openStore: (db) => CoordinationStore.open(db),
  seed: (store, data) => store.seed(data),
  createServer: () => createCoordinationServer(),
  createContext,
};

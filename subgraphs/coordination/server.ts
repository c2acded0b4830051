import { LocalDate } from '../../platform/calendar.ts';
import { type Capability, CAPABILITIES } from '../../platform/config.ts';
import type { SubgraphService } from '../../platform/runner.ts';
import { createSubgraphServer } from '../../platform/server.ts';
import { AUDIT_SDL, loadSdl, subgraphSdlFiles } from '../../platform/sdl.ts';
import { createContext, type CoordinationContext } from './context.ts';
import { resolvers } from './resolvers/resolvers.generated.ts';
import { CoordinationStore } from './store.ts';

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

import type { SubgraphService } from '../../platform/runner.ts';
import { createSubgraphServer } from '../../platform/server.ts';
import { loadSdl } from '../../platform/sdl.ts';
import { createContext, type HainanContext } from './context.ts';
import { resolvers } from './resolvers/resolvers.generated.ts';
import { HainanStore } from './store.ts';

export const { sdl, typeDefs } = loadSdl(new URL('./schema.graphql', import.meta.url));

/** Builds the Hainan free-trade-port talent service subgraph (schema and Apollo server); it does not listen. */
export function createHainanServer(options: { logError?: (error: unknown) => void } = {}) {
  return createSubgraphServer<HainanContext>({ name: 'hainan', typeDefs, resolvers, ...options });
}

/**
 * The Hainan free-trade-port talent service subgraph as its index.ts and its tests start it: a
 * partner, on the platform's store, caller verification and server, with no hub capabilities;
 * its seed is its example data (`exampleData()`, for the seed's talent ids).
 */
export const hainanService: SubgraphService<HainanStore, HainanContext, Parameters<HainanStore['seed']>[0]> = {
  kind: 'partner',
  name: 'hainan',
  capabilities: [],
  openStore: (db) => HainanStore.open(db),
  seed: (store, data) => store.seed(data),
  createServer: () => createHainanServer(),
  createContext,
};

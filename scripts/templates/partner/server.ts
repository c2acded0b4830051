import type { SubgraphService } from '../../../platform/runner.ts';
import { createSubgraphServer } from '../../../platform/server.ts';
import { loadSdl } from '../../../platform/sdl.ts';
import { createContext, type AcmeContext } from './context.ts';
import { resolvers } from './resolvers/resolvers.generated.ts';
import { AcmeStore } from './store.ts';

export const { sdl, typeDefs } = loadSdl(new URL('./schema.graphql', import.meta.url));

/** Builds the acme subgraph (schema and Apollo server); it does not listen. */
export function createAcmeServer(options: { logError?: (error: unknown) => void } = {}) {
  return createSubgraphServer<AcmeContext>({ name: 'acme', typeDefs, resolvers, ...options });
}

/** The acme partner subgraph as its index.ts and its tests start it (seed: its example records). */
export const acmeService: SubgraphService<AcmeStore, AcmeContext, Parameters<AcmeStore['seed']>[0]> = {
  kind: 'partner',
  name: 'acme',
  capabilities: [],
  openStore: (db) => AcmeStore.open(db),
  seed: (store, records) => store.seed(records),
  createServer: () => createAcmeServer(),
  createContext,
};

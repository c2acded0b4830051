import { type Capability, CAPABILITIES } from '../../platform/config.ts';
import type { SubgraphService } from '../../platform/runner.ts';
import { createSubgraphServer } from '../../platform/server.ts';
import { AUDIT_SDL, loadSdl, subgraphSdlFiles } from '../../platform/sdl.ts';
import { createContext, type ExpertsContext } from './context.ts';
import { resolvers } from './resolvers/resolvers.generated.ts';
import { ExpertsStore } from './store.ts';

export const { sdl, typeDefs } = loadSdl(...subgraphSdlFiles(new URL('./', import.meta.url)), AUDIT_SDL);

/** Builds the experts subgraph (schema and Apollo server); it does not listen. */
export function createExpertsServer(options: { logError?: (error: unknown) => void } = {}) {
  return createSubgraphServer<ExpertsContext>({ name: 'experts', typeDefs, resolvers, ...options });
}

/**
 * The experts subgraph as the runner (index.ts) and the tests start it: one of the hub's own
 * subgraphs, with every platform capability; its seed is its part of the generated dataset, of
 * which a node keeps the talents and pools of the provinces it serves (and every discipline).
 */
export const expertsService: SubgraphService<ExpertsStore, ExpertsContext, Parameters<ExpertsStore['seed']>[0], Capability> = {
  kind: 'core',
  name: 'experts',
  capabilities: CAPABILITIES,
  openStore: (db) => ExpertsStore.open(db),
  seed: (store, data, node) =>
    store.seed({
      talents: data.talents.filter((t) => node.serves(t.homeRegion)),
      pools: data.pools.filter((p) => node.serves(p.regionCode)),
      disciplines: data.disciplines,
    }),
  createServer: () => createExpertsServer(),
  createContext,
};

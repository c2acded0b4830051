import type { SubgraphService } from '../../platform/service.ts';
import { createContext, type ExpertsContext } from './context.ts';
import { createExpertsServer } from './server.ts';
import { ExpertsStore } from './store.ts';

/** The experts subgraph as the runner and the end-to-end tests start it. */
export const expertsService: SubgraphService<ExpertsStore, ExpertsContext> = {
  name: 'experts',
  openStore: (db) => ExpertsStore.open(db),
  seed: (store, dataset) => store.seed(dataset.experts),
  createServer: () => createExpertsServer(),
  createContext,
};

import type { SubgraphService } from '../../platform/service.ts';
import { createContext, type CoordinationContext } from './context.ts';
import { createCoordinationServer } from './server.ts';
import { CoordinationStore } from './store.ts';

/** The coordination subgraph as the runner and the end-to-end tests start it. */
export const coordinationService: SubgraphService<CoordinationStore, CoordinationContext> = {
  name: 'coordination',
  openStore: (db) => CoordinationStore.open(db),
  seed: (store, dataset) => store.seed(dataset.coordination),
  createServer: () => createCoordinationServer(),
  createContext,
};

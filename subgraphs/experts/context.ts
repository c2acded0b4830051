import { createLoaders, type ExpertsLoaders } from './loaders.ts';
import type { ExpertsStore } from './store.ts';

/** What every experts resolver gets. */
export interface ExpertsContext {
  store: ExpertsStore;
  loaders: ExpertsLoaders;
  now: () => Date;
}

export interface ExpertsDeps {
  store: ExpertsStore;
  now?: () => Date;
}

/** A fresh context (and fresh loaders) for one request. */
export function createContext(deps: ExpertsDeps): ExpertsContext {
  return { store: deps.store, loaders: createLoaders(deps.store), now: deps.now ?? (() => new Date()) };
}

import { createLoaders, type CoordinationLoaders } from './loaders.ts';
import type { CoordinationStore } from './store.ts';

/** What every coordination resolver gets. */
export interface CoordinationContext {
  store: CoordinationStore;
  loaders: CoordinationLoaders;
  /** The current instant; tests fix it to make `inForce` deterministic. */
  now: () => Date;
}

export interface CoordinationDeps {
  store: CoordinationStore;
  now?: () => Date;
}

/** A fresh context (and fresh loaders) for one request. */
export function createContext(deps: CoordinationDeps): CoordinationContext {
  return { store: deps.store, loaders: createLoaders(deps.store), now: deps.now ?? (() => new Date()) };
}

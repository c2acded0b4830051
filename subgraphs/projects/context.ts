import { createLoaders, type ProjectsLoaders } from './loaders.ts';
import type { ProjectsStore } from './store.ts';

/** What every projects resolver gets. */
export interface ProjectsContext {
  store: ProjectsStore;
  loaders: ProjectsLoaders;
}

export interface ProjectsDeps {
  store: ProjectsStore;
}

/** A fresh context (and fresh loaders) for one request. */
export function createContext(deps: ProjectsDeps): ProjectsContext {
  return { store: deps.store, loaders: createLoaders(deps.store) };
}

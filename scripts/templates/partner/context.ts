import type { RequestInfo } from '../../../platform/request.ts';
import { createLoaders, type AcmeLoaders } from './loaders.ts';
import type { AcmeStore } from './store.ts';

/** What every acme resolver gets: the verified caller (from the gateway's token), the store, loaders. */
export interface AcmeContext extends RequestInfo {
  store: AcmeStore;
  loaders: AcmeLoaders;
}

/** A fresh context (and fresh loaders) for one request. */
export function createContext(deps: { store: AcmeStore }, request: RequestInfo): AcmeContext {
  return { ...request, store: deps.store, loaders: createLoaders(deps.store) };
}

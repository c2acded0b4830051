import type { RequestInfo } from '../../platform/request.ts';
import { createLoaders, type HainanLoaders } from './loaders.ts';
import type { HainanStore } from './store.ts';

/** What every hainan resolver gets: the verified caller (from the gateway's token), the store, loaders. */
export interface HainanContext extends RequestInfo {
  store: HainanStore;
  loaders: HainanLoaders;
}

/** A fresh context (and fresh loaders) for one request. */
export function createContext(deps: { store: HainanStore }, request: RequestInfo): HainanContext {
  return { ...request, store: deps.store, loaders: createLoaders(deps.store) };
}

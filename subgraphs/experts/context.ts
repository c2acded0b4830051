import type { AuditLog } from '../kit/audit.ts';
import type { RequestInfo } from '../kit/request.ts';
import { createLoaders, type ExpertsLoaders } from './loaders.ts';
import type { ExpertsStore } from './store.ts';

/** What every experts resolver gets. */
export interface ExpertsContext extends RequestInfo {
  store: ExpertsStore;
  audit: AuditLog;
  loaders: ExpertsLoaders;
  now: () => Date;
}

export interface ExpertsDeps {
  store: ExpertsStore;
  audit: AuditLog;
  now?: () => Date;
}

const ANONYMOUS: RequestInfo = { caller: null, operation: null, requestId: null };

/** A fresh context (and fresh loaders, scoped to the caller) for one request. */
export function createContext(deps: ExpertsDeps, request: RequestInfo = ANONYMOUS): ExpertsContext {
  const now = deps.now ?? (() => new Date());
  return {
    ...request,
    store: deps.store,
    audit: deps.audit,
    loaders: createLoaders(deps.store, deps.audit, request, now),
    now,
  };
}

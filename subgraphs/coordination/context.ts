import type { AuditLog } from '../kit/audit.ts';
import type { RequestInfo } from '../kit/request.ts';
import { createLoaders, type CoordinationLoaders } from './loaders.ts';
import type { CoordinationStore } from './store.ts';

/** What every coordination resolver gets. */
export interface CoordinationContext extends RequestInfo {
  store: CoordinationStore;
  audit: AuditLog;
  loaders: CoordinationLoaders;
  /** The current instant; tests fix it to make `inForce` deterministic. */
  now: () => Date;
}

export interface CoordinationDeps {
  store: CoordinationStore;
  audit: AuditLog;
  now?: () => Date;
}

const ANONYMOUS: RequestInfo = { caller: null, operation: null, requestId: null };

/** A fresh context (and fresh loaders) for one request. */
export function createContext(deps: CoordinationDeps, request: RequestInfo = ANONYMOUS): CoordinationContext {
  return { ...request, store: deps.store, audit: deps.audit, loaders: createLoaders(deps.store), now: deps.now ?? (() => new Date()) };
}

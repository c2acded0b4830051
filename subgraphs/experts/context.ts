import type { AuditLog } from '../kit/audit.ts';
import { DEFAULT_STATS_MIN_GROUP } from '../kit/config.ts';
import type { RequestInfo } from '../kit/request.ts';
import { createLoaders, type ExpertsLoaders } from './loaders.ts';
import type { ExpertsStore } from './store.ts';

/** What every experts resolver gets. */
export interface ExpertsContext extends RequestInfo {
  store: ExpertsStore;
  audit: AuditLog;
  loaders: ExpertsLoaders;
  now: () => Date;
  /** Aggregates report groups of fewer of another province's records than this as suppressed. */
  statsMinGroup: number;
}

export interface ExpertsDeps {
  store: ExpertsStore;
  audit: AuditLog;
  now?: () => Date;
  /** Default DEFAULT_STATS_MIN_GROUP (HUB_STATS_MIN_GROUP). */
  statsMinGroup?: number;
}

const ANONYMOUS: RequestInfo = { caller: null, operation: null, requestId: null, ownerLookupToken: null };

/** A fresh context (and fresh loaders, scoped to the caller) for one request. */
export function createContext(deps: ExpertsDeps, request: RequestInfo = ANONYMOUS): ExpertsContext {
  const now = deps.now ?? (() => new Date());
  return {
    ...request,
    store: deps.store,
    audit: deps.audit,
    loaders: createLoaders(deps.store, deps.audit, request, now),
    now,
    statsMinGroup: deps.statsMinGroup ?? DEFAULT_STATS_MIN_GROUP,
  };
}

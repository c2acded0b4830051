import type { AuditLog } from '../../platform/audit/chain.ts';
import { DEFAULT_STATS_MIN_GROUP } from '../../platform/config.ts';
import { DEFAULT_STATS_ROUNDING, type StatsRounding } from '../../platform/disclosure.ts';
import { DEVELOPMENT_LINKAGE, type LinkageSettings } from '../../platform/linkage/fetch.ts';
import type { RequestInfo } from '../../platform/request.ts';
import { EVERY_PROVINCE, type NodeScope } from '../../platform/runner.ts';
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
  /** How aggregates round other provinces' counts (HUB_STATS_ROUNDING_BASE, HUB_STATS_KEY). */
  statsRounding: StatsRounding;
  /** The node this process is: it holds, and writes, only the talents and pools of the provinces it serves. */
  node: NodeScope;
  /** The linkage key this node makes its records' linkage tokens with (HUB_LINKAGE_KEY; issue 17). */
  linkage: LinkageSettings;
}

export interface ExpertsDeps {
  store: ExpertsStore;
  audit: AuditLog;
  now?: () => Date;
  /** Default DEFAULT_STATS_MIN_GROUP (HUB_STATS_MIN_GROUP). */
  statsMinGroup?: number;
  /** Default DEFAULT_STATS_ROUNDING (base 5, the development key). */
  statsRounding?: StatsRounding;
  /** Default: the single node, serving every province. */
  node?: NodeScope;
  /** Default: the public development key. */
  linkage?: LinkageSettings;
}

const ANONYMOUS: RequestInfo = { caller: null, operation: null, requestId: null, ownerLookupToken: null };

/** A fresh context (and fresh loaders, scoped to the caller) for one request. */
export function createContext(deps: ExpertsDeps, request: RequestInfo = ANONYMOUS): ExpertsContext {
  const now = deps.now ?? (() => new Date());
  return {
    // Field by field, not `...request`: Node 20's object spread followed by more properties is off
    // V8's fast path (~1-3 us a context here, 0.05 with the fields named), and a context is made per fetch.
    caller: request.caller,
    operation: request.operation,
    requestId: request.requestId,
    ownerLookupToken: request.ownerLookupToken,
    store: deps.store,
    audit: deps.audit,
    loaders: createLoaders(deps.store, deps.audit, request, now),
    now,
    statsMinGroup: deps.statsMinGroup ?? DEFAULT_STATS_MIN_GROUP,
    statsRounding: deps.statsRounding ?? DEFAULT_STATS_ROUNDING,
    node: deps.node ?? EVERY_PROVINCE,
    linkage: deps.linkage ?? DEVELOPMENT_LINKAGE,
  };
}

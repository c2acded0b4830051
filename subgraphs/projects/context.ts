import type { AuditLog } from '../../platform/audit/chain.ts';
import { NO_OWNER_LOOKUP, type OwnerLookup } from '../../platform/owners.ts';
import type { RequestInfo } from '../../platform/request.ts';
import { createLoaders, type ProjectsLoaders } from './loaders.ts';
import type { ProjectsStore } from './store.ts';

/** What every projects resolver gets. */
export interface ProjectsContext extends RequestInfo {
  store: ProjectsStore;
  audit: AuditLog;
  loaders: ProjectsLoaders;
  now: () => Date;
  /** Asks experts where a talent belongs (and whether the caller may see it) before a write names it. */
  owners: OwnerLookup;
}

export interface ProjectsDeps {
  store: ProjectsStore;
  audit: AuditLog;
  now?: () => Date;
  /** Default: none, so every write that names a talent is refused (fail closed). */
  owners?: OwnerLookup;
}

const ANONYMOUS: RequestInfo = { caller: null, operation: null, requestId: null, ownerLookupToken: null };

/** A fresh context (and fresh loaders) for one request. */
export function createContext(deps: ProjectsDeps, request: RequestInfo = ANONYMOUS): ProjectsContext {
  return {
    // Field by field, not `...request`: Node 20's object spread followed by more properties is off
    // V8's fast path (~1-3 us a context here, 0.05 with the fields named), and a context is made per fetch.
    caller: request.caller,
    operation: request.operation,
    requestId: request.requestId,
    ownerLookupToken: request.ownerLookupToken,
    store: deps.store,
    audit: deps.audit,
    loaders: createLoaders(deps.store),
    now: deps.now ?? (() => new Date()),
    owners: deps.owners ?? NO_OWNER_LOOKUP,
  };
}

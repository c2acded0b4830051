import { requireScope } from '../../../platform/caller.ts';
import { listAuditEvents } from '../../../platform/audit/resolvers.ts';
import type { QueryResolvers } from './types.generated.ts';

/** The experts subgraph's audit queries: its own trail, and the entry point of chain verification. */
export const auditQueries: Pick<QueryResolvers, 'auditEvents' | 'verifyAuditChain'> = {
  auditEvents: (_parent, args, ctx) => listAuditEvents(ctx, args),
  verifyAuditChain: (_parent, _args, ctx) => {
    requireScope(ctx.caller, 'audit:read');
    return { id: 'hub' };
  },
};

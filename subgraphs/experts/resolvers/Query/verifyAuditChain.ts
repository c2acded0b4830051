import { requireScope } from '../../../../platform/caller.ts';
import type { QueryResolvers } from '../types.generated.ts';

/** The experts subgraph's audit queries: its own trail, and the entry point of chain verification. */
export const verifyAuditChain: NonNullable<QueryResolvers['verifyAuditChain']> = (_parent, _args, ctx) => {
  requireScope(ctx.caller, 'audit:read');
  return { id: 'hub' };
};

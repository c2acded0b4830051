import { listAuditEvents } from '../../../../platform/audit/resolvers.ts';
import type { QueryResolvers } from '../types.generated.ts';

/** The experts subgraph's audit queries: its own trail, and the entry point of chain verification. */
export const auditEvents: NonNullable<QueryResolvers['auditEvents']> = (_parent, args, ctx) => listAuditEvents(ctx, args);

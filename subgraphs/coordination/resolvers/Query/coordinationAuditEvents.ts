import { listAuditEvents } from '../../../../platform/audit/resolvers.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const coordinationAuditEvents: NonNullable<QueryResolvers['coordinationAuditEvents']> = (_parent, args, ctx) => listAuditEvents(ctx, args);

import { listAuditEvents } from '../../../../platform/audit/resolvers.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const projectsAuditEvents: NonNullable<QueryResolvers['projectsAuditEvents']> = (_parent, args, ctx) => listAuditEvents(ctx, args);

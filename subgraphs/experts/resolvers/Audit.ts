import { requireScope } from '../../../platform/caller.ts';
import { auditChainReportFields, auditEventFields, listAuditEvents, verifyAuditChainOf } from '../../../platform/audit/routes.ts';
import type { QueryResolvers, Resolvers } from './types.generated.ts';

export const auditQueries: Pick<QueryResolvers, 'auditEvents' | 'verifyAuditChain'> = {
  auditEvents: (_parent, args, ctx) => listAuditEvents(ctx, args),
  verifyAuditChain: (_parent, _args, ctx) => {
    requireScope(ctx.caller, 'audit:read');
    return { id: 'hub' };
  },
};

export const auditTypes: Pick<Resolvers, 'AuditEvent' | 'AuditVerification' | 'AuditEventConnection' | 'AuditChainReport'> = {
  AuditEvent: auditEventFields,
  AuditEventConnection: {
    totalCount: (c) => c.count(),
  },
  AuditChainReport: auditChainReportFields,
  AuditVerification: {
    __resolveReference: (ref) => ({ id: ref.id }),
    experts: (_ref, args, ctx) => verifyAuditChainOf(ctx, args),
  },
};

import { requireScope } from '../../kit/caller.ts';
import { auditEventFields, listAuditEvents } from '../../kit/audit-api.ts';
import type { QueryResolvers, Resolvers } from './types.generated.ts';

export const auditQueries: Pick<QueryResolvers, 'auditEvents' | 'verifyAuditChain'> = {
  auditEvents: (_parent, args, ctx) => listAuditEvents(ctx, args),
  verifyAuditChain: (_parent, _args, ctx) => {
    requireScope(ctx.caller, 'audit:read');
    return { id: 'hub' };
  },
};

export const auditTypes: Pick<Resolvers, 'AuditEvent' | 'AuditVerification' | 'AuditEventConnection'> = {
  AuditEvent: auditEventFields,
  AuditEventConnection: {
    totalCount: (c) => c.count(),
  },
  AuditVerification: {
    __resolveReference: (ref) => ({ id: ref.id }),
    experts: (_ref, _args, ctx) => {
      requireScope(ctx.caller, 'audit:read');
      return ctx.audit.verify();
    },
  },
};

import { requireScope } from '../../kit/caller.ts';
import { parsePage, toConnection } from '../../kit/connection.ts';
import { parseArgs } from '../../kit/errors.ts';
import { EntityId } from '../../kit/model.ts';
import { provinceOf } from '../../kit/text.ts';
import type { QueryResolvers, Resolvers } from './types.generated.ts';

export const auditQueries: Pick<QueryResolvers, 'auditEvents' | 'verifyAuditChain'> = {
  auditEvents: async (_parent, args, ctx) => {
    const caller = requireScope(ctx.caller, 'audit:read');
    const talentId = parseArgs(EntityId.nullish(), args.talentId, 'talentId');
    const page = parsePage(args);
    const options = { region: provinceOf(caller.region), talentId, since: args.since ?? null };
    const rows = await ctx.audit.list({ ...options, page });
    return toConnection(rows, page.first, () => ctx.audit.count(options));
  },
  verifyAuditChain: (_parent, _args, ctx) => {
    requireScope(ctx.caller, 'audit:read');
    return { id: 'hub' };
  },
};

export const auditTypes: Pick<Resolvers, 'AuditEvent' | 'AuditVerification' | 'AuditEventConnection'> = {
  AuditEvent: {
    id: (e) => e._id,
    actor: (e) => e.actorSub,
    actorRegion: (e) => ({ code: e.actorRegion }),
  },
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

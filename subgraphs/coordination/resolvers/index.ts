import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { auditEventFields, listAuditEvents } from '../../kit/audit-api.ts';
import { requireScope } from '../../kit/caller.ts';
import { CooperationAgreement } from './CooperationAgreement.ts';
import { Engagement } from './Engagement.ts';
import { Mutation } from './Mutation.ts';
import { PoolCoverage, poolCoverageQuery } from './PoolCoverage.ts';
import { Query } from './Query.ts';
import { Region } from './Region.ts';
import { Talent } from './Talent.ts';
import { TalentFlow, talentFlowsQuery } from './TalentFlow.ts';
import type { Resolvers } from './types.generated.ts';

export const resolvers: Resolvers = {
  LocalDate: LocalDateResolver,
  Query: { ...Query, ...talentFlowsQuery, ...poolCoverageQuery , coordinationAuditEvents: (_parent, args, ctx) => listAuditEvents(ctx, args) },
  DateTime: DateTimeResolver,
  AuditEvent: {
    ...auditEventFields,
    // Regions are this subgraph's own entities: resolve the stored region, not a reference.
    actorRegion: async (e, _args, ctx) => {
      const region = await ctx.loaders.regionByCode.load(e.actorRegion);
      if (!region) throw new Error(`audit event ${e._id} names region ${e.actorRegion}, which is not stored`);
      return region;
    },
  },
  AuditEventConnection: { totalCount: (c) => c.count() },
  Mutation,
  Region,
  CooperationAgreement,
  Engagement,
  Talent,
  TalentFlow,
  PoolCoverage,
  AuditVerification: {
    __resolveReference: (ref) => ({ id: ref.id }),
    coordination: (_ref, _args, ctx) => {
      requireScope(ctx.caller, 'audit:read');
      return ctx.audit.verify();
    },
  },
  EngagementConnection: {
    totalCount: (c) => c.count(),
  },
};

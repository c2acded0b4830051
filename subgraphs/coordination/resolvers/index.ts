import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { auditTypeResolvers, auditVerification, listAuditEvents } from '../../../platform/audit/resolvers.ts';
import type { AuditEventDoc } from '../../../platform/audit/event.ts';
import type { CoordinationContext } from '../context.ts';
import { CooperationAgreement } from './CooperationAgreement.ts';
import { Engagement } from './Engagement.ts';
import { Mutation } from './Mutation.ts';
import { PoolCoverage, poolCoverageQuery } from './PoolCoverage.ts';
import { Query } from './Query.ts';
import { Region } from './Region.ts';
import { Talent } from './Talent.ts';
import { TalentFlow, talentFlowsQuery } from './TalentFlow.ts';
import type { Resolvers } from './types.generated.ts';

/** A region an audit event names, as stored here (regions are this subgraph's own entities). */
async function storedRegion(ctx: CoordinationContext, e: AuditEventDoc, code: string) {
  const region = await ctx.loaders.regionByCode.load(code);
  if (!region) throw new Error(`audit event ${e._id} names region ${code}, which is not stored`);
  return region;
}

export const resolvers: Resolvers = {
  LocalDate: LocalDateResolver,
  Query: { ...Query, ...talentFlowsQuery, ...poolCoverageQuery , coordinationAuditEvents: (_parent, args, ctx) => listAuditEvents(ctx, args) },
  DateTime: DateTimeResolver,
  ...auditTypeResolvers,
  AuditEvent: {
    ...auditTypeResolvers.AuditEvent,
    // Regions are this subgraph's own entities: resolve the stored region, not a reference.
    actorRegion: (e, _args, ctx) => storedRegion(ctx, e, e.actorRegion),
    actorProvince: (e, _args, ctx) => storedRegion(ctx, e, e.actorProvince),
    talentHome: (e, _args, ctx) => (e.talentHome ? storedRegion(ctx, e, e.talentHome) : null),
    parties: (e, _args, ctx) => Promise.all(e.parties.map((code) => storedRegion(ctx, e, code))),
  },
  Mutation,
  Region,
  CooperationAgreement,
  Engagement,
  Talent,
  TalentFlow,
  PoolCoverage,
  AuditVerification: auditVerification('coordination'),
  EngagementConnection: {
    totalCount: (c) => c.count(),
  },
};

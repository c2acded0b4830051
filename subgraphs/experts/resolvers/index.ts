import { DateTimeResolver } from 'graphql-scalars';
import { auditTypeResolvers, auditVerification } from '../../../platform/audit/resolvers.ts';
import { auditQueries } from './Audit.ts';
import { ExpertPool } from './ExpertPool.ts';
import { Mutation } from './Mutation.ts';
import { talentOwnersQuery } from './Owners.ts';
import { PoolCoverage } from './PoolCoverage.ts';
import { Query } from './Query.ts';
import { Talent } from './Talent.ts';
import { TalentStatsKey, talentStatsQuery } from './TalentStats.ts';
import type { Resolvers } from './types.generated.ts';
import { visible } from '../visibility.ts';

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  Query: { ...Query, ...auditQueries, ...talentStatsQuery, ...talentOwnersQuery },
  ...auditTypeResolvers,
  AuditVerification: auditVerification('experts'),
  Mutation,
  Talent,
  ExpertPool,
  PoolCoverage,
  TalentStatsKey,
  Discipline: {
    __resolveReference: (ref, ctx) => ctx.loaders.disciplineByCode.load(ref.code),
    code: (d) => d._id,
  },
  // Award and Engagement belong to other subgraphs; experts resolves only their `talent`.
  Award: {
    talent: async (ref, _args, ctx) => visible(ctx.caller, await ctx.loaders.talentById.load(ref.talentId)),
  },
  Engagement: {
    talent: async (ref, _args, ctx) => visible(ctx.caller, await ctx.loaders.talentById.load(ref.talentId)),
  },
  TalentConnection: {
    totalCount: (c) => c.count(),
  },
};

import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { auditTypeResolvers, auditVerification, listAuditEvents } from '../../../platform/audit/resolvers.ts';
import { Award } from './Award.ts';
import { Challenge } from './Challenge.ts';
import { Mutation } from './Mutation.ts';
import { ProgramProgress, programProgressQuery } from './ProgramProgress.ts';
import { ProgramTarget } from './ProgramTarget.ts';
import { Query } from './Query.ts';
import { Talent } from './Talent.ts';
import { TalentProgram } from './TalentProgram.ts';
import type { Resolvers } from './types.generated.ts';

export const resolvers: Resolvers = {
  LocalDate: LocalDateResolver,
  Query: { ...Query, ...programProgressQuery , projectsAuditEvents: (_parent, args, ctx) => listAuditEvents(ctx, args) },
  DateTime: DateTimeResolver,
  ...auditTypeResolvers,
  AuditVerification: auditVerification('projects'),
  Mutation,
  TalentProgram,
  ProgramTarget,
  ProgramProgress,
  Award,
  Challenge,
  Talent,
  AwardConnection: {
    totalCount: (c) => c.count(),
  },
};

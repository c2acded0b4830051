import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { auditChainReportFields, auditEventFields, listAuditEvents, verifyAuditChainOf } from '../../../platform/audit/routes.ts';
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
  AuditEvent: auditEventFields,
  AuditEventConnection: { totalCount: (c) => c.count() },
  AuditChainReport: auditChainReportFields,
  Mutation,
  TalentProgram,
  ProgramTarget,
  ProgramProgress,
  Award,
  Challenge,
  Talent,
  AuditVerification: {
    __resolveReference: (ref) => ({ id: ref.id }),
    projects: (_ref, args, ctx) => verifyAuditChainOf(ctx, args),
  },
  AwardConnection: {
    totalCount: (c) => c.count(),
  },
};

/* This file was automatically generated. DO NOT UPDATE MANUALLY. */
    import type   { Resolvers } from './types.generated.ts';
    import    { auditEvents as Query_auditEvents } from './Query/auditEvents.ts';
import    { disciplines as Query_disciplines } from './Query/disciplines.ts';
import    { expertPool as Query_expertPool } from './Query/expertPool.ts';
import    { expertPools as Query_expertPools } from './Query/expertPools.ts';
import    { linkageTokens as Query_linkageTokens } from './Query/linkageTokens.ts';
import    { talent as Query_talent } from './Query/talent.ts';
import    { talentOwners as Query_talentOwners } from './Query/talentOwners.ts';
import    { talentStats as Query_talentStats } from './Query/talentStats.ts';
import    { talentStatsParts as Query_talentStatsParts } from './Query/talentStatsParts.ts';
import    { talents as Query_talents } from './Query/talents.ts';
import    { verifyAuditChain as Query_verifyAuditChain } from './Query/verifyAuditChain.ts';
import    { addTalentToPool as Mutation_addTalentToPool } from './Mutation/addTalentToPool.ts';
import    { markLinkedRecord as Mutation_markLinkedRecord } from './Mutation/markLinkedRecord.ts';
import    { registerTalent as Mutation_registerTalent } from './Mutation/registerTalent.ts';
import    { updateTalent as Mutation_updateTalent } from './Mutation/updateTalent.ts';
import    { AuditChainReport } from './AuditChainReport.ts';
import    { AuditEvent } from './AuditEvent.ts';
import    { AuditEventConnection } from './AuditEventConnection.ts';
import    { AuditVerification } from './AuditVerification.ts';
import    { Award } from './Award.ts';
import    { Discipline } from './Discipline.ts';
import    { Engagement } from './Engagement.ts';
import    { ExpertPool } from './ExpertPool.ts';
import    { LinkageTokenRecord } from './LinkageTokenRecord.ts';
import    { PoolCoverage } from './PoolCoverage.ts';
import    { RecordLink } from './RecordLink.ts';
import    { Region } from './Region.ts';
import    { Talent } from './Talent.ts';
import    { TalentConnection } from './TalentConnection.ts';
import    { TalentStatsKey } from './TalentStatsKey.ts';
import    { DateTimeResolver } from 'graphql-scalars';
    export const resolvers: Resolvers = {
      Query: { auditEvents: Query_auditEvents,disciplines: Query_disciplines,expertPool: Query_expertPool,expertPools: Query_expertPools,linkageTokens: Query_linkageTokens,talent: Query_talent,talentOwners: Query_talentOwners,talentStats: Query_talentStats,talentStatsParts: Query_talentStatsParts,talents: Query_talents,verifyAuditChain: Query_verifyAuditChain },
      Mutation: { addTalentToPool: Mutation_addTalentToPool,markLinkedRecord: Mutation_markLinkedRecord,registerTalent: Mutation_registerTalent,updateTalent: Mutation_updateTalent },
      
      AuditChainReport: AuditChainReport,
AuditEvent: AuditEvent,
AuditEventConnection: AuditEventConnection,
AuditVerification: AuditVerification,
Award: Award,
Discipline: Discipline,
Engagement: Engagement,
ExpertPool: ExpertPool,
LinkageTokenRecord: LinkageTokenRecord,
PoolCoverage: PoolCoverage,
RecordLink: RecordLink,
Region: Region,
Talent: Talent,
TalentConnection: TalentConnection,
TalentStatsKey: TalentStatsKey,
DateTime: DateTimeResolver
    }
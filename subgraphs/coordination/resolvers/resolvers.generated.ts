/* This file was automatically generated. DO NOT UPDATE MANUALLY. */
    import type   { Resolvers } from './types.generated.ts';
    import    { agreement as Query_agreement } from './Query/agreement.ts';
import    { agreements as Query_agreements } from './Query/agreements.ts';
import    { agreementsAwaitingRatification as Query_agreementsAwaitingRatification } from './Query/agreementsAwaitingRatification.ts';
import    { agreementsBetween as Query_agreementsBetween } from './Query/agreementsBetween.ts';
import    { coordinationAuditEvents as Query_coordinationAuditEvents } from './Query/coordinationAuditEvents.ts';
import    { engagement as Query_engagement } from './Query/engagement.ts';
import    { engagements as Query_engagements } from './Query/engagements.ts';
import    { linkCandidates as Query_linkCandidates } from './Query/linkCandidates.ts';
import    { poolCoverage as Query_poolCoverage } from './Query/poolCoverage.ts';
import    { region as Query_region } from './Query/region.ts';
import    { regions as Query_regions } from './Query/regions.ts';
import    { talentFlows as Query_talentFlows } from './Query/talentFlows.ts';
import    { acceptLinkCandidate as Mutation_acceptLinkCandidate } from './Mutation/acceptLinkCandidate.ts';
import    { amendAgreementScope as Mutation_amendAgreementScope } from './Mutation/amendAgreementScope.ts';
import    { findLinkCandidates as Mutation_findLinkCandidates } from './Mutation/findLinkCandidates.ts';
import    { proposeAgreement as Mutation_proposeAgreement } from './Mutation/proposeAgreement.ts';
import    { ratifyAgreement as Mutation_ratifyAgreement } from './Mutation/ratifyAgreement.ts';
import    { recordEngagement as Mutation_recordEngagement } from './Mutation/recordEngagement.ts';
import    { rejectLinkCandidate as Mutation_rejectLinkCandidate } from './Mutation/rejectLinkCandidate.ts';
import    { resumeAgreement as Mutation_resumeAgreement } from './Mutation/resumeAgreement.ts';
import    { suspendAgreement as Mutation_suspendAgreement } from './Mutation/suspendAgreement.ts';
import    { terminateAgreement as Mutation_terminateAgreement } from './Mutation/terminateAgreement.ts';
import    { undoRecordLink as Mutation_undoRecordLink } from './Mutation/undoRecordLink.ts';
import    { AuditChainReport } from './AuditChainReport.ts';
import    { AuditEvent } from './AuditEvent.ts';
import    { AuditEventConnection } from './AuditEventConnection.ts';
import    { AuditVerification } from './AuditVerification.ts';
import    { CooperationAgreement } from './CooperationAgreement.ts';
import    { Engagement } from './Engagement.ts';
import    { EngagementConnection } from './EngagementConnection.ts';
import    { FindLinkCandidatesPayload } from './FindLinkCandidatesPayload.ts';
import    { LinkCandidate } from './LinkCandidate.ts';
import    { LinkDecision } from './LinkDecision.ts';
import    { PoolCoverage } from './PoolCoverage.ts';
import    { RecordLink } from './RecordLink.ts';
import    { Region } from './Region.ts';
import    { Talent } from './Talent.ts';
import    { TalentFlow } from './TalentFlow.ts';
import    { DateTimeResolver,LocalDateResolver } from 'graphql-scalars';
    export const resolvers: Resolvers = {
      Query: { agreement: Query_agreement,agreements: Query_agreements,agreementsAwaitingRatification: Query_agreementsAwaitingRatification,agreementsBetween: Query_agreementsBetween,coordinationAuditEvents: Query_coordinationAuditEvents,engagement: Query_engagement,engagements: Query_engagements,linkCandidates: Query_linkCandidates,poolCoverage: Query_poolCoverage,region: Query_region,regions: Query_regions,talentFlows: Query_talentFlows },
      Mutation: { acceptLinkCandidate: Mutation_acceptLinkCandidate,amendAgreementScope: Mutation_amendAgreementScope,findLinkCandidates: Mutation_findLinkCandidates,proposeAgreement: Mutation_proposeAgreement,ratifyAgreement: Mutation_ratifyAgreement,recordEngagement: Mutation_recordEngagement,rejectLinkCandidate: Mutation_rejectLinkCandidate,resumeAgreement: Mutation_resumeAgreement,suspendAgreement: Mutation_suspendAgreement,terminateAgreement: Mutation_terminateAgreement,undoRecordLink: Mutation_undoRecordLink },
      
      AuditChainReport: AuditChainReport,
AuditEvent: AuditEvent,
AuditEventConnection: AuditEventConnection,
AuditVerification: AuditVerification,
CooperationAgreement: CooperationAgreement,
Engagement: Engagement,
EngagementConnection: EngagementConnection,
FindLinkCandidatesPayload: FindLinkCandidatesPayload,
LinkCandidate: LinkCandidate,
LinkDecision: LinkDecision,
PoolCoverage: PoolCoverage,
RecordLink: RecordLink,
Region: Region,
Talent: Talent,
TalentFlow: TalentFlow,
DateTime: DateTimeResolver,
LocalDate: LocalDateResolver
    }
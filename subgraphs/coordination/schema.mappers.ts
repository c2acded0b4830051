import type { AuditEventDoc } from '../../platform/audit/event.ts';
import type { Connection } from '../../platform/connection.ts';
import type { LinkageRun } from './linkage.ts';
import type { LinkCandidateDoc, LinkDecisionDoc } from './linkage-model.ts';
import type { AgreementDoc, EngagementDoc, RegionDoc } from './model.ts';

// Parent types of the resolvers are the stored documents.
export type RegionMapper = RegionDoc;
export type CooperationAgreementMapper = AgreementDoc;
export type EngagementMapper = EngagementDoc;
export type EngagementConnectionMapper = Connection<EngagementDoc>;
/** Talents live in the experts subgraph; here a talent is its key and the home region experts gave (@requires). */
export type TalentMapper = { id: string; homeRegion: { code: string } };
export type AuditVerificationMapper = { id: string };
/** A counted flow; its ends are looked up by code when asked for. */
export type TalentFlowMapper = { fromCode: string; toCode: string; kind: EngagementDoc['kind'] | null; count: number | null; suppressed: boolean };
/** The region and the codes of the areas under it, which the experts subgraph requires for the coverage. */
export type PoolCoverageMapper = { regionCode: string; region: RegionDoc; areaCodes: string[] };
export type AuditEventMapper = AuditEventDoc;
export type AuditEventConnectionMapper = Connection<AuditEventDoc>;
/** Link candidates are the stored documents (issue 17). */
export type LinkCandidateMapper = LinkCandidateDoc;
/** One record of a candidate, seen from the other (or listed in the candidate). */
export type RecordLinkMapper = { id: string; recordId: string; province: string; candidate: LinkCandidateDoc };
export type FindLinkCandidatesPayloadMapper = LinkageRun;
export type LinkDecisionMapper = LinkDecisionDoc;

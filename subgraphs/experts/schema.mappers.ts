import type { AuditEventDoc } from '../../platform/audit/event.ts';
import type { Connection } from '../../platform/connection.ts';
import type { LinkageTokens } from '../../platform/linkage/contract.ts';
import type { DisciplineDoc, ExpertPoolDoc, TalentDoc } from './model.ts';
import type { TalentDimension } from './store.ts';

// Parent types of the resolvers are the stored documents.
export type TalentMapper = TalentDoc;
export type ExpertPoolMapper = ExpertPoolDoc;
export type DisciplineMapper = DisciplineDoc;
export type TalentConnectionMapper = Connection<TalentDoc>;
export type RegionMapper = { code: string };
/** Award and Engagement as the gateway hands them over: key plus the required `talentId`. */
export type AwardMapper = { id: string; talentId: string };
export type EngagementMapper = { id: string; talentId: string };
export type AuditEventMapper = AuditEventDoc;
export type AuditEventConnectionMapper = Connection<AuditEventDoc>;
export type AuditVerificationMapper = { id: string };
/** A group key before its label is looked up (discipline names come from a loader). */
export type TalentStatsKeyMapper = { dimension: TalentDimension; value: string | null };
/** PoolCoverage as the gateway hands it over: its key and, for the fields that require them, the areas under the region. */
export type PoolCoverageMapper = { regionCode: string; areaCodes?: string[] };
/** RecordLink as the gateway hands it over: key plus the required `recordId` (the linked record). */
export type RecordLinkMapper = { id: string; recordId: string };
/** A record's linkage tokens, as the library makes them. */
export type LinkageTokenRecordMapper = LinkageTokens;

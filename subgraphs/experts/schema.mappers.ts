import type { AuditEventDoc } from '../kit/audit.ts';
import type { Connection } from '../kit/connection.ts';
import type { DisciplineDoc, ExpertPoolDoc, TalentDoc } from './model.ts';

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

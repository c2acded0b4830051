import type { Connection } from '../kit/connection.ts';
import type { AgreementDoc, EngagementDoc, RegionDoc } from './model.ts';

// Parent types of the resolvers are the stored documents.
export type RegionMapper = RegionDoc;
export type CooperationAgreementMapper = AgreementDoc;
export type EngagementMapper = EngagementDoc;
export type EngagementConnectionMapper = Connection<EngagementDoc>;
/** Talents live in the experts subgraph; here a talent is its key. */
export type TalentMapper = { id: string };
export type AuditVerificationMapper = { id: string };

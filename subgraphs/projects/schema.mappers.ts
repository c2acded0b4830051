import type { AuditEventDoc } from '../../platform/audit/event.ts';
import type { Connection } from '../../platform/connection.ts';
import type { AwardDoc, ChallengeDoc, ProgramDoc, ProgramTarget } from './model.ts';

// Parent types of the resolvers are the stored documents.
export type TalentProgramMapper = ProgramDoc;
export type AwardMapper = AwardDoc;
export type ChallengeMapper = ChallengeDoc;
export type AwardConnectionMapper = Connection<AwardDoc>;
/** Talents live in the experts subgraph; here a talent is its key and the home region experts gave (@requires). */
export type TalentMapper = { id: string; homeRegion: { code: string } };
export type RegionMapper = { code: string };
/** A stored target plus its programme's id, which `achieved` needs to count the programme's awards. */
export type ProgramTargetMapper = ProgramTarget & { programId: string };
export type AuditVerificationMapper = { id: string };
/** A programme whose progress is computed when its fields are asked for. */
export type ProgramProgressMapper = { program: ProgramDoc };
export type AuditEventMapper = AuditEventDoc;
export type AuditEventConnectionMapper = Connection<AuditEventDoc>;

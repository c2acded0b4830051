import { auditVerification } from '../../../platform/audit/resolvers.ts';
import type { AuditVerificationResolvers } from './types.generated.ts';

/** The hub's audit verification entity; this subgraph adds the report on its own chain. */
export const AuditVerification: AuditVerificationResolvers = { ...auditVerification('projects') };

import { auditEventFields } from '../../../platform/audit/resolvers.ts';
import type { AuditEventResolvers } from './types.generated.ts';

/** The shared audit event fields (platform/audit), regions given as references by code. */
export const AuditEvent: AuditEventResolvers = { ...auditEventFields };

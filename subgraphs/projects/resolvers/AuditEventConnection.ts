import { auditEventConnectionFields } from '../../../platform/audit/resolvers.ts';
import type { AuditEventConnectionResolvers } from './types.generated.ts';

export const AuditEventConnection: AuditEventConnectionResolvers = { ...auditEventConnectionFields };

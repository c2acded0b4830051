import { auditChainReportFields } from '../../../platform/audit/resolvers.ts';
import type { AuditChainReportResolvers } from './types.generated.ts';

export const AuditChainReport: AuditChainReportResolvers = { ...auditChainReportFields };

import type { AuditEventDoc, AuditLog } from './audit.ts';
import { requireScope, type Caller } from './caller.ts';
import { type Connection, parsePage, toConnection } from './connection.ts';
import { parseArgs } from './errors.ts';
import { EntityId } from './model.ts';
import { provinceOf } from './text.ts';

/**
 * The audit trail as every subgraph serves it: events about the caller's province's talents or
 * made by its region, oldest first, for callers with audit:read.
 */
export async function listAuditEvents(
  ctx: { caller: Caller | null; audit: AuditLog },
  args: { talentId?: string | null; since?: Date | null; first?: number | null; after?: string | null },
): Promise<Connection<AuditEventDoc>> {
  const caller = requireScope(ctx.caller, 'audit:read');
  const talentId = parseArgs(EntityId.nullish(), args.talentId, 'talentId');
  const page = parsePage(args);
  const options = { region: provinceOf(caller.region), talentId, since: args.since ?? null };
  const rows = await ctx.audit.list({ ...options, page });
  return toConnection(rows, page.first, () => ctx.audit.count(options));
}

/** Field resolvers of AuditEvent, the same in every subgraph. */
export const auditEventFields = {
  id: (e: AuditEventDoc) => e._id,
  actor: (e: AuditEventDoc) => e.actorSub,
  actorRegion: (e: AuditEventDoc) => ({ code: e.actorRegion }),
};

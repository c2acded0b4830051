import { auditEventFields } from '../../../platform/audit/resolvers.ts';
import type { AuditEventDoc } from '../../../platform/audit/event.ts';
import type { CoordinationContext } from '../context.ts';
import type { AuditEventResolvers } from './types.generated.ts';

/** A region an audit event names, as stored here (regions are this subgraph's own entities). */
async function storedRegion(ctx: CoordinationContext, e: AuditEventDoc, code: string) {
  const region = await ctx.loaders.regionByCode.load(code);
  if (!region) throw new Error(`audit event ${e._id} names region ${code}, which is not stored`);
  return region;
}

export const AuditEvent: AuditEventResolvers = {
  ...auditEventFields,
  // Regions are this subgraph's own entities: resolve the stored region, not a reference.
  actorRegion: (e, _args, ctx) => storedRegion(ctx, e, e.actorRegion),
  actorProvince: (e, _args, ctx) => storedRegion(ctx, e, e.actorProvince),
  talentHome: (e, _args, ctx) => (e.talentHome ? storedRegion(ctx, e, e.talentHome) : null),
  parties: (e, _args, ctx) => Promise.all(e.parties.map((code) => storedRegion(ctx, e, code))),
};

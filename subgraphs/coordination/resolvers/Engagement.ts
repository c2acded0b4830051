import type { CoordinationContext } from '../context.ts';
import type { RegionDoc } from '../model.ts';
import type { EngagementResolvers } from './types.generated.ts';

/**
 * The region an engagement names. Writes check that it exists, so a missing one is broken
 * data: an internal error (masked for the client, logged for us), not a client mistake.
 */
async function regionOf(ctx: CoordinationContext, code: string, engagementId: string): Promise<RegionDoc> {
  const region = await ctx.loaders.regionByCode.load(code);
  if (!region) throw new Error(`engagement ${engagementId} names region ${code}, which is not stored`);
  return region;
}

export const Engagement: EngagementResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.engagementById.load(ref.id),
  id: (e) => e._id,
  homeRegion: (e, _args, ctx) => regionOf(ctx, e.homeRegion, e._id),
  hostRegion: (e, _args, ctx) => regionOf(ctx, e.hostRegion, e._id),
  agreement: (e, _args, ctx) => (e.agreementId ? ctx.loaders.agreementById.load(e.agreementId) : null),
};

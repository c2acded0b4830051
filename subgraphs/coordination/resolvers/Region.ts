import { parseArgs } from '../../../platform/errors.ts';
import { IsoDate } from '../../../platform/model.ts';
import { chinaDate } from '../../../platform/calendar.ts';
import { inForceOn } from '../lifecycle.ts';
import type { RegionResolvers } from './types.generated.ts';

export const Region: RegionResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.regionByCode.load(ref.code),
  code: (r) => r._id,
  parent: (r, _args, ctx) => (r.parentCode ? ctx.loaders.regionByCode.load(r.parentCode) : null),
  children: (r, _args, ctx) => ctx.loaders.childrenByRegion.load(r._id),
  agreements: (r, _args, ctx) => ctx.loaders.agreementsByRegion.load(r._id),
  // Filtered from the region's agreements (a handful), so it shares their one batched query.
  // In force: ratified by every party province, not suspended or terminated, `on` within its dates.
  agreementsInForce: async (r, args, ctx) => {
    const on = parseArgs(IsoDate.nullish(), args.on, 'on') ?? chinaDate(ctx.now());
    return (await ctx.loaders.agreementsByRegion.load(r._id)).filter((a) => inForceOn(a, on));
  },
};

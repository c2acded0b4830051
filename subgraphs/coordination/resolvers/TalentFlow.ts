import { requireScope } from '../../kit/caller.ts';
import { isSmallGroup } from '../../kit/disclosure.ts';
import { parseArgs } from '../../kit/errors.ts';
import { provinceOf } from '../../kit/text.ts';
import type { CoordinationContext } from '../context.ts';
import { TalentFlowsArgs, type RegionDoc } from '../model.ts';
import type { QueryResolvers, Resolvers } from './types.generated.ts';

/** A flow's end is a province code computed from stored region codes; a missing one is broken data (masked, logged). */
async function province(ctx: CoordinationContext, code: string): Promise<RegionDoc> {
  const region = await ctx.loaders.regionByCode.load(code);
  if (!region) throw new Error(`an engagement names province ${code}, which is not stored`);
  return region;
}

export const talentFlowsQuery: Pick<QueryResolvers, 'talentFlows'> = {
  talentFlows: async (_parent, args, ctx) => {
    const caller = requireScope(ctx.caller, 'stats:read');
    const query = parseArgs(TalentFlowsArgs, { period: args.period, homeRegion: args.homeRegion, hostRegion: args.hostRegion, kind: args.kind, byKind: args.byKind });
    const flows = await ctx.store.flowCounts(await ctx.store.engagementFilter(query), query.byKind);
    const own = provinceOf(caller.region);
    return flows.map((f) => {
      // A province sees its own exchanges exactly; small flows between two others could single a person out.
      const suppressed = f.from !== own && f.to !== own && isSmallGroup(f.count, ctx.statsMinGroup);
      return { fromCode: f.from, toCode: f.to, kind: f.kind, count: suppressed ? null : f.count, suppressed };
    });
  },
};

export const TalentFlow: Resolvers['TalentFlow'] = {
  from: (f, _args, ctx) => province(ctx, f.fromCode),
  to: (f, _args, ctx) => province(ctx, f.toCode),
};

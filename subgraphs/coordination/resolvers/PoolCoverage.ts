import { requireScope } from '../../../platform/caller.ts';
import { parseArgs } from '../../../platform/errors.ts';
import { PoolCoverageArgs } from '../model.ts';
import type { QueryResolvers, Resolvers } from './types.generated.ts';

export const poolCoverageQuery: Pick<QueryResolvers, 'poolCoverage'> = {
  poolCoverage: async (_parent, args, ctx) => {
    requireScope(ctx.caller, 'stats:read');
    const { region: code } = parseArgs(PoolCoverageArgs, { region: args.region });
    const region = await ctx.loaders.regionByCode.load(code);
    if (!region) return null;
    return { regionCode: code, region, areaCodes: await ctx.store.regionCodesUnder(code) };
  },
};

export const PoolCoverage: Resolvers['PoolCoverage'] = {
  // The experts subgraph never hands a PoolCoverage over, but federation lets any subgraph ask.
  __resolveReference: async (ref, ctx) => {
    const region = await ctx.loaders.regionByCode.load(ref.regionCode);
    return region ? { regionCode: ref.regionCode, region, areaCodes: await ctx.store.regionCodesUnder(ref.regionCode) } : null;
  },
};

import type { PoolCoverageResolvers } from './types.generated.ts';
export const PoolCoverage: PoolCoverageResolvers = {
  // The experts subgraph never hands a PoolCoverage over, but federation lets any subgraph ask.
  __resolveReference: async (ref, ctx) => {
    const region = await ctx.loaders.regionByCode.load(ref.regionCode);
    return region ? { regionCode: ref.regionCode, region, areaCodes: await ctx.store.regionCodesUnder(ref.regionCode) } : null;
  },
};

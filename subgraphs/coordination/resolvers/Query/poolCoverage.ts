import { requireScope } from '../../../../platform/caller.ts';
import { parseArgs } from '../../../../platform/errors.ts';
import { PoolCoverageArgs } from '../../model.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const poolCoverage: NonNullable<QueryResolvers['poolCoverage']> = async (_parent, args, ctx) => {
  requireScope(ctx.caller, 'stats:read');
  const { region: code } = parseArgs(PoolCoverageArgs, { region: args.region });
  const region = await ctx.loaders.regionByCode.load(code);
  if (!region) return null;
  return { regionCode: code, region, areaCodes: await ctx.store.regionCodesUnder(code) };
};

import type { CoordinationContext } from '../context.ts';
import type { RegionDoc } from '../model.ts';
import type { TalentFlowResolvers } from './types.generated.ts';

/** A flow's end is a province code computed from stored region codes; a missing one is broken data (masked, logged). */
export async function province(ctx: CoordinationContext, code: string): Promise<RegionDoc> {
  const region = await ctx.loaders.regionByCode.load(code);
  if (!region) throw new Error(`an engagement names province ${code}, which is not stored`);
  return region;
}

export const TalentFlow: TalentFlowResolvers = {
  from: (f, _args, ctx) => province(ctx, f.fromCode),
  to: (f, _args, ctx) => province(ctx, f.toCode),
};

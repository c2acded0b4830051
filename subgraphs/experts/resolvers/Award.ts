import { visible } from '../visibility.ts';
import type { AwardResolvers } from './types.generated.ts';

// Award belongs to another subgraph; experts resolves only its `talent`.
export const Award: AwardResolvers = {
  talent: async (ref, _args, ctx) => visible(ctx.caller, await ctx.loaders.visibleTalentById.load(ref.talentId)),
};

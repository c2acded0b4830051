import { visible } from '../visibility.ts';
import type { EngagementResolvers } from './types.generated.ts';

// Engagement belongs to another subgraph; experts resolves only its `talent`.
export const Engagement: EngagementResolvers = {
  talent: async (ref, _args, ctx) => visible(ctx.caller, await ctx.loaders.visibleTalentById.load(ref.talentId)),
};

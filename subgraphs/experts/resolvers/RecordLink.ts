import { visible } from '../visibility.ts';
import type { RecordLinkResolvers } from './types.generated.ts';

// RecordLink belongs to the coordination subgraph; experts resolves only the linked record, under the sharing rules.
export const RecordLink: RecordLinkResolvers = {
  record: async (ref, _args, ctx) => visible(ctx.caller, await ctx.loaders.visibleTalentById.load(ref.recordId)),
};

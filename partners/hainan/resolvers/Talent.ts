import { requireScope } from '../../../platform/caller.ts';
import type { TalentResolvers } from './types.generated.ts';

// The gateway asks for a talent's services only after the experts subgraph resolved the talent
// for this caller, so the sharing rules of its home region have already been applied.
export const Talent: TalentResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  hainanServiceRecords: async (t, args, ctx) => {
    requireScope(ctx.caller, 'talent:read');
    const records = await ctx.loaders.recordsByTalentId.load(t.id);
    return args.kind ? records.filter((r) => r.kind === args.kind) : records;
  },
  hainanTalentCard: (t, _args, ctx) => {
    requireScope(ctx.caller, 'talent:read');
    return ctx.loaders.cardByTalentId.load(t.id);
  },
};

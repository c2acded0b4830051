import { requireScope } from '../../../../platform/caller.ts';
import type { TalentResolvers } from './types.generated.ts';

// The gateway asks for a talent's records only after the experts subgraph resolved the talent
// for this caller, so the sharing rules of its home region have already been applied.
export const Talent: TalentResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  acmeRecords: (t, _args, ctx) => {
    requireScope(ctx.caller, 'talent:read');
    return ctx.loaders.recordsByTalentId.load(t.id);
  },
};

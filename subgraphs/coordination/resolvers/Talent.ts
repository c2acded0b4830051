import type { TalentResolvers } from './types.generated.ts';

export const Talent: TalentResolvers = {
  // Talents are owned by experts: any id is a talent here, with the engagements recorded for it.
  __resolveReference: (ref) => ({ id: ref.id }),
  engagements: (t, _args, ctx) => ctx.loaders.engagementsByTalentId.load(t.id),
};

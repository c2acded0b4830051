import type { TalentResolvers } from './types.generated.ts';

/** Talents are owned by the experts subgraph; this one only adds their awards, so a reference is all it needs. */
export const Talent: TalentResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  awards: (t, _args, ctx) => ctx.loaders.awardsByTalentId.load(t.id),
};

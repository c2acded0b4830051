import type { ChallengeResolvers } from './types.generated.ts';

export const Challenge: ChallengeResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.challengeById.load(ref.id),
  id: (c) => c._id,
  region: (c) => ({ code: c.regionCode }),
  program: (c, _args, ctx) => (c.programId ? ctx.loaders.programById.load(c.programId) : null),
};

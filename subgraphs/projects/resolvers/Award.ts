import type { AwardResolvers } from './types.generated.ts';

export const Award: AwardResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.awardById.load(ref.id),
  id: (a) => a._id,
  program: async (a, _args, ctx) => {
    const program = await ctx.loaders.programById.load(a.programId);
    // An award whose programme is gone is broken data, not something the client can fix: masked and logged.
    if (!program) throw new Error(`award ${a._id} refers to programme ${a.programId}, which does not exist`);
    return program;
  },
};

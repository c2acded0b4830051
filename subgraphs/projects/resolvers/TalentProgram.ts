import { parsePage, toConnection } from '../../../platform/connection.ts';
import type { TalentProgramResolvers } from './types.generated.ts';

export const TalentProgram: TalentProgramResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.programById.load(ref.id),
  id: (p) => p._id,
  ownerRegion: (p) => ({ code: p.ownerRegion }),
  targets: (p) => p.targets.map((t) => ({ ...t, programId: p._id })),
  awards: async (p, args, ctx) => {
    const page = parsePage(args);
    const rows = await ctx.loaders.awardPageByProgram.load({ programId: p._id, page });
    return toConnection(rows, page.first, async () => (await ctx.loaders.awardStatsByProgramId.load(p._id)).total);
  },
};

import { parsePage, toConnection } from '../../../platform/connection.ts';
import type { ExpertPoolResolvers } from './types.generated.ts';

export const ExpertPool: ExpertPoolResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.poolById.load(ref.id),
  id: (p) => p._id,
  region: (p) => ({ code: p.regionCode }),
  members: async (p, args, ctx) => {
    const page = parsePage(args);
    const rows = await ctx.loaders.memberPageByPool.load({ poolId: p._id, page });
    return toConnection(rows, page.first, () => ctx.loaders.memberCountByPool.load(p._id));
  },
};

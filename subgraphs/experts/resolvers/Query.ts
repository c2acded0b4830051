import { requireScope } from '../../../platform/caller.ts';
import { parsePage, toConnection } from '../../../platform/connection.ts';
import { parseArgs } from '../../../platform/errors.ts';
import { EntityId, RegionCode, Sector } from '../../../platform/model.ts';
import { TalentFilterInput } from '../model.ts';
import { visibilityFilter, visible } from '../visibility.ts';
import type { QueryResolvers } from './types.generated.ts';

export const Query: QueryResolvers = {
  talent: async (_parent, args, ctx) => {
    requireScope(ctx.caller, 'talent:read');
    return visible(ctx.caller, await ctx.loaders.talentById.load(parseArgs(EntityId, args.id, 'id')));
  },

  talents: async (_parent, args, ctx) => {
    requireScope(ctx.caller, 'talent:read');
    const query = parseArgs(TalentFilterInput, args.filter, 'filter') ?? {};
    const page = parsePage(args);
    // What the caller may not see is left out of the page and of totalCount alike.
    const filter = ctx.store.talentFilter(query, visibilityFilter(ctx.caller));
    const rows = await ctx.store.findTalents(filter, page);
    return toConnection(rows, page.first, () => ctx.store.countTalents(filter));
  },

  expertPools: (_parent, args, ctx) =>
    ctx.store.listPools({
      region: parseArgs(RegionCode.nullish(), args.region, 'region'),
      sector: parseArgs(Sector.nullish(), args.sector, 'sector'),
    }),

  expertPool: (_parent, args, ctx) => ctx.loaders.poolById.load(parseArgs(EntityId, args.id, 'id')),

  disciplines: (_parent, _args, ctx) => ctx.store.listDisciplines(),
};

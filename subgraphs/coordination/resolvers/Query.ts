import { parsePage, toConnection } from '../../kit/connection.ts';
import { requireScope } from '../../kit/caller.ts';
import { parseArgs } from '../../kit/errors.ts';
import { EntityId, RegionCode } from '../../kit/model.ts';
import { provinceOf } from '../../kit/text.ts';
import { chinaDate } from '../calendar.ts';
import { awaitingRatificationBy, statusOf } from '../lifecycle.ts';
import { AgreementsArgs, AgreementsBetweenArgs, EngagementFilterArgs, RegionsArgs } from '../model.ts';
import type { QueryResolvers } from './types.generated.ts';

export const Query: QueryResolvers = {
  region: (_parent, args, ctx) => ctx.loaders.regionByCode.load(parseArgs(RegionCode, args.code, 'code')),

  regions: (_parent, args, ctx) => ctx.store.listRegions(parseArgs(RegionsArgs, { level: args.level, parent: args.parent })),

  agreement: (_parent, args, ctx) => ctx.loaders.agreementById.load(parseArgs(EntityId, args.id, 'id')),

  agreements: async (_parent, args, ctx) => {
    const { region, inForce, status } = parseArgs(AgreementsArgs, { region: args.region, inForce: args.inForce, status: args.status });
    const today = chinaDate(ctx.now());
    const list = await ctx.store.listAgreements({ region, inForce, today });
    return status ? list.filter((a) => statusOf(a, today) === status) : list;
  },

  agreementsAwaitingRatification: async (_parent, _args, ctx) => {
    const caller = requireScope(ctx.caller, 'coordination:write');
    const province = provinceOf(caller.region);
    const today = chinaDate(ctx.now());
    const list = await ctx.store.listAgreements({ region: province, today });
    return list.filter((a) => awaitingRatificationBy(a, today).includes(province));
  },

  agreementsBetween: (_parent, args, ctx) => {
    const { regionA, regionB, on } = parseArgs(AgreementsBetweenArgs, { regionA: args.regionA, regionB: args.regionB, on: args.on });
    return ctx.store.agreementsBetweenProvinces(provinceOf(regionA), provinceOf(regionB), on ?? chinaDate(ctx.now()));
  },

  engagement: (_parent, args, ctx) => ctx.loaders.engagementById.load(parseArgs(EntityId, args.id, 'id')),

  engagements: async (_parent, args, ctx) => {
    const query = parseArgs(EngagementFilterArgs, { hostRegion: args.hostRegion, homeRegion: args.homeRegion, kind: args.kind });
    const page = parsePage(args);
    const filter = await ctx.store.engagementFilter(query);
    const rows = await ctx.store.findEngagements(filter, page);
    return toConnection(rows, page.first, () => ctx.store.countEngagements(filter));
  },
};

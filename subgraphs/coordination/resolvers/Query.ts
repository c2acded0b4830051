import { parsePage, toConnection } from '../../../platform/connection.ts';
import { requireScope } from '../../../platform/caller.ts';
import { parseArgs } from '../../../platform/errors.ts';
import { EntityId, RegionCode } from '../../../platform/model.ts';
import { provinceOf } from '../../../platform/text.ts';
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

  // Engagement records are rows about people: a province reads those it hosts or sends and those
  // under an agreement in force it is party to (README, "Privacy"); every other engagement counts
  // only in talentFlows, rounded. Ids are sequential, so the lookup by id follows the same rule.
  engagement: async (_parent, args, ctx) => {
    const caller = requireScope(ctx.caller, 'talent:read');
    const engagement = await ctx.loaders.engagementById.load(parseArgs(EntityId, args.id, 'id'));
    if (!engagement) return null;
    const own = provinceOf(caller.region);
    if (provinceOf(engagement.homeRegion) === own || provinceOf(engagement.hostRegion) === own) return engagement;
    if (!engagement.agreementId) return null;
    const { agreementIds } = await ctx.store.engagementsShownTo(own, chinaDate(ctx.now()));
    return agreementIds.has(engagement.agreementId) ? engagement : null;
  },

  engagements: async (_parent, args, ctx) => {
    const caller = requireScope(ctx.caller, 'talent:read');
    const query = parseArgs(EngagementFilterArgs, { hostRegion: args.hostRegion, homeRegion: args.homeRegion, kind: args.kind });
    const page = parsePage(args);
    const [asked, shown] = await Promise.all([ctx.store.engagementFilter(query), ctx.store.engagementsShownTo(provinceOf(caller.region), chinaDate(ctx.now()))]);
    // The page and its totalCount are over the same rows, so the count is exact and tells nothing more.
    const filter = { $and: [asked, shown.filter] } as typeof asked;
    const rows = await ctx.store.findEngagements(filter, page);
    return toConnection(rows, page.first, () => ctx.store.countEngagements(filter));
  },
};

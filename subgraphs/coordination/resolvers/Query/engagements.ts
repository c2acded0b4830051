import { requireScope } from '../../../../platform/caller.ts';
import { parsePage, toConnection } from '../../../../platform/connection.ts';
import { parseArgs } from '../../../../platform/errors.ts';
import { provinceOf } from '../../../../platform/text.ts';
import { chinaDate } from '../../../../platform/calendar.ts';
import { EngagementFilterArgs } from '../../model.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const engagements: NonNullable<QueryResolvers['engagements']> = async (_parent, args, ctx) => {
  const caller = requireScope(ctx.caller, 'talent:read');
  const query = parseArgs(EngagementFilterArgs, { hostRegion: args.hostRegion, homeRegion: args.homeRegion, kind: args.kind });
  const page = parsePage(args);
  const [asked, shown] = await Promise.all([ctx.store.engagementFilter(query), ctx.store.engagementsShownTo(provinceOf(caller.region), chinaDate(ctx.now()))]);
  // The page and its totalCount are over the same rows, so the count is exact and tells nothing more.
  const filter = { $and: [asked, shown.filter] } as typeof asked;
  const rows = await ctx.store.findEngagements(filter, page);
  return toConnection(rows, page.first, () => ctx.store.countEngagements(filter));
};

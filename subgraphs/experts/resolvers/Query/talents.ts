import { requireScope } from '../../../../platform/caller.ts';
import { parsePage, toConnection } from '../../../../platform/connection.ts';
import { parseArgs } from '../../../../platform/errors.ts';
import { TalentFilterInput } from '../../model.ts';
import { visibilityFilter } from '../../visibility.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const talents: NonNullable<QueryResolvers['talents']> = async (_parent, args, ctx) => {
  requireScope(ctx.caller, 'talent:read');
  const query = parseArgs(TalentFilterInput, args.filter, 'filter') ?? {};
  const page = parsePage(args);
  // What the caller may not see is left out of the page and of totalCount alike.
  // The query's own home region (an equality) lets the visibility rule drop the branches of other regions.
  const filter = ctx.store.talentFilter(query, visibilityFilter(ctx.caller, 'talent:read', query.homeRegion));
  const rows = await ctx.store.findTalents(filter, page);
  return toConnection(rows, page.first, () => ctx.store.countTalents(filter));
};

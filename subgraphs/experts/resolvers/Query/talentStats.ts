import { GraphQLError } from 'graphql';
import { requireScope, type Caller } from '../../../../platform/caller.ts';
import { discloseCount, type DisclosureSettings, type PublishedCount } from '../../../../platform/disclosure.ts';
import { parseArgs } from '../../../../platform/errors.ts';
import { provinceOf } from '../../../../platform/text.ts';
import type { ExpertsContext } from '../../context.ts';
import { TalentStatsArgs } from '../../model.ts';
import type { TalentQuery } from '../../store.ts';
import { visibilityFilter } from '../../visibility.ts';
import type { QueryResolvers } from '../types.generated.ts';

/**
 * Filters that can narrow a count down to one named person (free text matches names, a skill or a
 * pool can be held by one talent). A caller that may read profiles could list those talents anyway;
 * a statistics-only caller (a dashboard key) could otherwise locate a person it may not look up.
 */
const LOCATING_FILTERS = ['text', 'skill', 'pool'] as const satisfies readonly (keyof TalentQuery)[];

function refuseLocatingFilters(caller: Caller, filter: TalentQuery | null | undefined): void {
  if (!filter || caller.scopes.has('talent:read')) return;
  const used = LOCATING_FILTERS.filter((name) => filter[name] != null);
  if (used.length === 0) return;
  throw new GraphQLError(
    `Filtering statistics by ${used.join(', ')} needs the "talent:read" scope: with statistics alone such a filter could locate a person. Filter by region, sector, discipline, career stage or availability instead.`,
    { extensions: { code: 'FORBIDDEN', field: `filter.${used[0]}` } },
  );
}

interface ShownGroup extends PublishedCount {
  values: (string | null)[];
  own: number;
}

/**
 * Largest published count first (a suppressed group by its own part, after the shown ones), then in
 * key order: the order depends only on what is published, so it tells nothing the counts do not.
 */
function byPublishedCountThenKey(a: ShownGroup, b: ShownGroup): number {
  if (a.suppressed !== b.suppressed) return a.suppressed ? 1 : -1;
  const size = (g: ShownGroup) => g.count ?? g.own;
  if (size(a) !== size(b)) return size(b) - size(a);
  const ka = JSON.stringify(a.values);
  const kb = JSON.stringify(b.values);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** HUB_STATS_MIN_GROUP, HUB_STATS_ROUNDING_BASE and HUB_STATS_KEY of this subgraph. */
function disclosureSettings(ctx: ExpertsContext): DisclosureSettings {
  return { minGroup: ctx.statsMinGroup, ...ctx.statsRounding };
}

export const talentStats: NonNullable<QueryResolvers['talentStats']> = async (_parent, args, ctx) => {
  const caller = requireScope(ctx.caller, 'stats:read');
  const { groupBy, filter } = parseArgs(TalentStatsArgs, { groupBy: args.groupBy, filter: args.filter });
  refuseLocatingFilters(caller, filter);
  const own = provinceOf(caller.region);
  const settings = disclosureSettings(ctx);
  // Only what the caller's province may see is counted: the sharing rules as a store filter.
  const match = ctx.store.talentFilter(filter ?? {}, visibilityFilter(caller, 'stats:read'));
  const { groups, total } = await ctx.store.talentGroupCounts(match, groupBy, own);
  // Cells that are the caller's own province by the question itself hold no one else's talents.
  const ownOnlyFilter = filter?.homeRegion === own;
  const region = groupBy.indexOf('REGION');
  const shown: ShownGroup[] = [];
  for (const g of groups) {
    const ownOnly = ownOnlyFilter || (region >= 0 && g.values[region] === own);
    const published = discloseCount({ own: g.own, others: g.others, ownOnly }, 'talents', settings);
    // Left out: fewer than the minimum of others and none of the caller's own, like an empty group.
    if (published) shown.push({ ...published, values: g.values, own: g.own });
  }
  const publishedTotal = discloseCount({ own: total.own, others: total.others, ownOnly: ownOnlyFilter }, 'talents', settings);
  return {
    groupBy,
    groups: shown.sort(byPublishedCountThenKey).map((g) => ({
      keys: groupBy.map((dimension, i) => ({ dimension, value: g.values[i] ?? null })),
      count: g.count,
      ownRegionCount: g.own,
      suppressed: g.suppressed,
    })),
    total: publishedTotal?.count ?? null,
    ownRegionTotal: total.own,
    suppressedGroups: shown.filter((g) => g.suppressed).length,
    minGroupSize: settings.minGroup,
  };
};

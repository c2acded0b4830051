import { GraphQLError } from 'graphql';
import type { Filter } from 'mongodb';
import { type Caller, requireScope } from '../../platform/caller.ts';
import { parseArgs } from '../../platform/errors.ts';
import type { TalentCounts } from '../../platform/talent-stats.ts';
import { provinceOf } from '../../platform/text.ts';
import type { ExpertsContext } from './context.ts';
import { type TalentDoc, TalentStatsArgs } from './model.ts';
import type { TalentDimension, TalentGroupCount, TalentQuery } from './store.ts';
import { visibilityFilter } from './visibility.ts';

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

/** This store's counts for a talentStats question, and what the answer is published with. */
export interface TalentStatsQuestion extends TalentCounts {
  groupBy: TalentDimension[];
  /** The filter's homeRegion, if any. */
  homeRegion: string | null | undefined;
  /** The caller's province. */
  own: string;
}

/**
 * The raw counts behind `talentStats` and `talentStatsParts`, under the same checks: the stats:read
 * scope, no locating filter without talent:read, and only the talents the caller's province may see
 * (the sharing rules as a store filter): from the counts kept as talents are written when they
 * can answer (counts.ts), else by one aggregation in the store.
 */
export async function countTalentStats(args: { groupBy: unknown; filter?: unknown; unit?: unknown }, ctx: ExpertsContext): Promise<TalentStatsQuestion> {
  const caller = requireScope(ctx.caller, 'stats:read');
  const { groupBy, filter } = parseArgs(TalentStatsArgs, { groupBy: args.groupBy, filter: args.filter });
  refuseLocatingFilters(caller, filter);
  const own = provinceOf(caller.region);
  // The counts kept as talents are written answer most questions; the pipeline answers the rest.
  const counted = await ctx.store.maintainedGroupCounts({ filter: filter ?? {}, dimensions: groupBy, own, grants: caller.grants });
  const records = counted ?? (await ctx.store.talentGroupCounts(ctx.store.talentFilter(filter ?? {}, visibilityFilter(caller, 'stats:read')), groupBy, own));
  if (args.unit === 'PERSONS') {
    // Persons: the records less the secondary records of confirmed links (link-marks.ts) among
    // them, counted by the pipeline over those few records alone (looked up by id).
    const secondary = await ctx.store.linkMarks.secondaryIds();
    if (secondary.length > 0) {
      const scope = { $and: [visibilityFilter(caller, 'stats:read'), { _id: { $in: secondary } }] } as Filter<TalentDoc>;
      subtractCounts(records, await ctx.store.talentGroupCounts(ctx.store.talentFilter(filter ?? {}, scope), groupBy, own));
    }
  }
  return { groupBy, homeRegion: filter?.homeRegion, own, groups: records.groups, total: records.total };
}

/** Counts as the store gives them (mutable: `subtractCounts` changes them in place). */
type GroupCounts = { groups: TalentGroupCount[]; total: TalentCounts['total'] };

/**
 * Takes the counts of `less` (a subset of the records counted in `from`) out of `from`: counts and
 * record-key fingerprints are exact integer sums, so what is left is exactly what counting the
 * remaining records gives, and a group left with none is dropped, as the pipeline would not list it.
 */
function subtractCounts(from: GroupCounts, less: GroupCounts): void {
  const minus = (a: GroupCounts['total'], b: GroupCounts['total']) => {
    a.own -= b.own;
    a.others = { n: a.others.n - b.others.n, fingerprint: a.others.fingerprint - b.others.fingerprint };
  };
  const byKey = new Map(from.groups.map((g) => [JSON.stringify(g.values), g]));
  for (const g of less.groups) {
    const mine = byKey.get(JSON.stringify(g.values));
    if (mine) minus(mine, g);
  }
  minus(from.total, less.total);
  from.groups = from.groups.filter((g) => g.own > 0 || g.others.n > 0);
}

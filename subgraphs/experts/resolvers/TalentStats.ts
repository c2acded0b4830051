import { requireScope } from '../../kit/caller.ts';
import { type DisclosedCell, discloseCells } from '../../kit/disclosure.ts';
import { parseArgs } from '../../kit/errors.ts';
import { provinceOf } from '../../kit/text.ts';
import { TalentStatsArgs } from '../model.ts';
import type { TalentDimension } from '../store.ts';
import { visibilityFilter } from '../visibility.ts';
import type { QueryResolvers, Resolvers } from './types.generated.ts';

/** Chinese labels of the enum-valued dimensions, as a dashboard shows them. */
const LABELS: Partial<Record<TalentDimension, Record<string, string>>> = {
  SECTOR: { AGRICULTURE: '农业', INDUSTRY: '工业', SERVICES: '服务业' },
  CAREER_STAGE: { EARLY: '青年人才', MID: '骨干人才', SENIOR: '资深人才', LEADING: '领军人才' },
  AVAILABILITY: { AVAILABLE: '可参与', LIMITED: '有限参与', UNAVAILABLE: '暂不可参与' },
};

/** Largest first, suppressed ones last (their size is what they hide), then in key order for a stable answer. */
function byCountThenKey(a: DisclosedCell, b: DisclosedCell): number {
  if (a.suppressed !== b.suppressed) return a.suppressed ? 1 : -1;
  const size = (c: DisclosedCell) => (c.suppressed ? c.own : c.own + c.others);
  if (size(a) !== size(b)) return size(b) - size(a);
  const ka = JSON.stringify(a.values);
  const kb = JSON.stringify(b.values);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export const talentStatsQuery: Pick<QueryResolvers, 'talentStats'> = {
  talentStats: async (_parent, args, ctx) => {
    const caller = requireScope(ctx.caller, 'stats:read');
    const { groupBy, filter } = parseArgs(TalentStatsArgs, { groupBy: args.groupBy, filter: args.filter });
    const own = provinceOf(caller.region);
    // Only what the caller's province may see is counted: the sharing rules as a store filter.
    const match = ctx.store.talentFilter(filter ?? {}, visibilityFilter(caller, 'stats:read'));
    const { groups, total } = await ctx.store.talentGroupCounts(match, groupBy, own);
    const { cells, totalDisclosed } = discloseCells(groups, total.others, ctx.statsMinGroup);
    return {
      groupBy,
      groups: [...cells].sort(byCountThenKey).map((cell) => ({
        keys: groupBy.map((dimension, i) => ({ dimension, value: cell.values[i] ?? null })),
        count: cell.suppressed ? null : cell.own + cell.others,
        ownRegionCount: cell.own,
        suppressed: cell.suppressed,
      })),
      total: totalDisclosed ? total.own + total.others : null,
      ownRegionTotal: total.own,
      suppressedGroups: cells.filter((c) => c.suppressed).length,
      minGroupSize: ctx.statsMinGroup,
    };
  },
};

export const TalentStatsKey: Resolvers['TalentStatsKey'] = {
  label: async (key, _args, ctx) => {
    if (key.value === null) return key.dimension === 'DISCIPLINE' ? '未填写学科' : '未填写';
    switch (key.dimension) {
      case 'REGION':
        return null;
      case 'TITLE':
        return key.value;
      case 'DISCIPLINE':
        return (await ctx.loaders.disciplineByCode.load(key.value))?.name ?? null;
      default:
        return LABELS[key.dimension]?.[key.value] ?? null;
    }
  },
  region: (key) => (key.dimension === 'REGION' && key.value ? { code: key.value } : null),
};

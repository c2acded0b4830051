import { requireScope } from '../../../../platform/caller.ts';
import { discloseCount } from '../../../../platform/disclosure.ts';
import { parseArgs } from '../../../../platform/errors.ts';
import { provinceOf } from '../../../../platform/text.ts';
import { TalentFlowsArgs } from '../../model.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const talentFlows: NonNullable<QueryResolvers['talentFlows']> = async (_parent, args, ctx) => {
  const caller = requireScope(ctx.caller, 'stats:read');
  const query = parseArgs(TalentFlowsArgs, { period: args.period, homeRegion: args.homeRegion, hostRegion: args.hostRegion, kind: args.kind, byKind: args.byKind });
  const flows = await ctx.store.flowCounts(await ctx.store.engagementFilter(query), query.byKind);
  const own = provinceOf(caller.region);
  const settings = { minGroup: ctx.statsMinGroup, ...ctx.statsRounding };
  const shown = [];
  for (const f of flows) {
    // A province sees its own exchanges exactly; flows between two others are rounded, and left
    // out (like absent ones) when smaller than the minimum, so a small flow looks like none.
    const mine = f.from === own || f.to === own;
    const others = mine ? { n: 0, fingerprint: 0 } : { n: f.count, fingerprint: f.fingerprint };
    const published = discloseCount({ own: mine ? f.count : 0, others, ownOnly: mine }, 'engagements', settings);
    if (published) shown.push({ fromCode: f.from, toCode: f.to, kind: f.kind, count: published.count, suppressed: published.suppressed });
  }
  // Largest published count first: the order depends only on what is published.
  return shown.sort(
    (a, b) => (b.count ?? 0) - (a.count ?? 0) || a.fromCode.localeCompare(b.fromCode) || a.toCode.localeCompare(b.toCode) || (a.kind ?? '').localeCompare(b.kind ?? ''),
  );
};

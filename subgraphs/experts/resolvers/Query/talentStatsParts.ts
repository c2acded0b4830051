import { countTalentStats } from '../../stats.ts';
import type { QueryResolvers } from '../types.generated.ts';

/**
 * `Query.talentStatsParts` (inaccessible: for the gateway only): this node's counts behind
 * talentStats, unpublished, so the gateway can sum the nodes' groups before disclosure control.
 */
export const talentStatsParts: NonNullable<QueryResolvers['talentStatsParts']> = async (_parent, args, ctx) => {
  const { groupBy, groups, total } = await countTalentStats(args, ctx);
  return {
    groups: groups.map((g) => ({
      keys: groupBy.map((dimension, i) => ({ dimension, value: g.values[i] ?? null })),
      own: g.own,
      others: g.others.n,
      fingerprint: g.others.fingerprint,
    })),
    total: { keys: [], own: total.own, others: total.others.n, fingerprint: total.others.fingerprint },
  };
};

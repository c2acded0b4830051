import { publishTalentStats } from '../../../../platform/talent-stats.ts';
import { countTalentStats } from '../../stats.ts';
import type { QueryResolvers } from '../types.generated.ts';

/** This node's talents counted, then published under disclosure control (platform/talent-stats.ts). */
export const talentStats: NonNullable<QueryResolvers['talentStats']> = async (_parent, args, ctx) => {
  const counts = await countTalentStats(args, ctx);
  return publishTalentStats({ ...counts, settings: { minGroup: ctx.statsMinGroup, ...ctx.statsRounding } });
};

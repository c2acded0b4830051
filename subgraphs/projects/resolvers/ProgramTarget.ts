import type { ProjectsContext } from '../context.ts';
import type { ProgramTargetMapper } from '../schema.mappers.ts';
import type { ProgramTargetResolvers } from './types.generated.ts';

/**
 * What a target has achieved: the reported figure for REPORTED targets, else the count of the
 * programme's awards (of the target's category, when it names one). Counts of every programme
 * in the request come from one aggregation, through the per-request loader.
 */
export async function achieved(t: ProgramTargetMapper, ctx: ProjectsContext): Promise<number> {
  if (t.source === 'REPORTED') return t.reported ?? 0;
  const stats = await ctx.loaders.awardStatsByProgramId.load(t.programId);
  return t.awardCategory ? (stats.byCategory.get(t.awardCategory) ?? 0) : stats.total;
}

export const ProgramTarget: ProgramTargetResolvers = {
  achieved: (t, _args, ctx) => achieved(t, ctx),
  share: async (t, _args, ctx) => (t.target === 0 ? 0 : (await achieved(t, ctx)) / t.target),
};

import type { DisciplineDoc, ExpertPoolDoc } from '../model.ts';
import type { TalentResolvers } from './types.generated.ts';

const present = <T>(values: (T | null | Error)[]): T[] => values.filter((v): v is T => v !== null && !(v instanceof Error));

export const Talent: TalentResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.talentById.load(ref.id),
  id: (t) => t._id,
  disciplines: async (t, _args, ctx) => present<DisciplineDoc>(await ctx.loaders.disciplineByCode.loadMany(t.disciplineCodes)),
  pools: async (t, _args, ctx) => present<ExpertPoolDoc>(await ctx.loaders.poolById.loadMany(t.poolIds)),
  homeRegion: (t) => ({ code: t.homeRegion }),
  hukouRegion: (t) => (t.hukouRegion ? { code: t.hukouRegion } : null),
};

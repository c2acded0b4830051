import type { DisciplineResolvers } from './types.generated.ts';

export const Discipline: DisciplineResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.disciplineByCode.load(ref.code),
  code: (d) => d._id,
};

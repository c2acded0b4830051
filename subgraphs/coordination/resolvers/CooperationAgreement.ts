import { chinaDate, inForceOn } from '../calendar.ts';
import type { RegionDoc } from '../model.ts';
import type { CooperationAgreementResolvers } from './types.generated.ts';

const present = <T>(values: (T | null | Error)[]): T[] => values.filter((v): v is T => v !== null && !(v instanceof Error));

export const CooperationAgreement: CooperationAgreementResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.agreementById.load(ref.id),
  id: (a) => a._id,
  parties: async (a, _args, ctx) => present<RegionDoc>(await ctx.loaders.regionByCode.loadMany(a.partyCodes)),
  inForce: (a, _args, ctx) => inForceOn(a, chinaDate(ctx.now())),
};

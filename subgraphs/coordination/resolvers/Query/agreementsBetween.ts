import { parseArgs } from '../../../../platform/errors.ts';
import { provinceOf } from '../../../../platform/text.ts';
import { chinaDate } from '../../../../platform/calendar.ts';
import { AgreementsBetweenArgs } from '../../model.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const agreementsBetween: NonNullable<QueryResolvers['agreementsBetween']> = (_parent, args, ctx) => {
  const { regionA, regionB, on } = parseArgs(AgreementsBetweenArgs, { regionA: args.regionA, regionB: args.regionB, on: args.on });
  return ctx.store.agreementsBetweenProvinces(provinceOf(regionA), provinceOf(regionB), on ?? chinaDate(ctx.now()));
};

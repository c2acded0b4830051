import { parseArgs } from '../../../../platform/errors.ts';
import { chinaDate } from '../../../../platform/calendar.ts';
import { statusOf } from '../../lifecycle.ts';
import { AgreementsArgs } from '../../model.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const agreements: NonNullable<QueryResolvers['agreements']> = async (_parent, args, ctx) => {
  const { region, inForce, status } = parseArgs(AgreementsArgs, { region: args.region, inForce: args.inForce, status: args.status });
  const today = chinaDate(ctx.now());
  const list = await ctx.store.listAgreements({ region, inForce, today });
  return status ? list.filter((a) => statusOf(a, today) === status) : list;
};

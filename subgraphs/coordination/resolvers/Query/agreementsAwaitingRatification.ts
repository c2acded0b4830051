import { requireScope } from '../../../../platform/caller.ts';
import { provinceOf } from '../../../../platform/text.ts';
import { chinaDate } from '../../../../platform/calendar.ts';
import { awaitingRatificationBy } from '../../lifecycle.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const agreementsAwaitingRatification: NonNullable<QueryResolvers['agreementsAwaitingRatification']> = async (_parent, _args, ctx) => {
  const caller = requireScope(ctx.caller, 'coordination:write');
  const province = provinceOf(caller.region);
  const today = chinaDate(ctx.now());
  const list = await ctx.store.listAgreements({ region: province, today });
  return list.filter((a) => awaitingRatificationBy(a, today).includes(province));
};

import { requireScope } from '../../../../platform/caller.ts';
import { parseArgs } from '../../../../platform/errors.ts';
import { EntityId } from '../../../../platform/model.ts';
import { provinceOf } from '../../../../platform/text.ts';
import { chinaDate } from '../../../../platform/calendar.ts';
import type { QueryResolvers } from '../types.generated.ts';

// Engagement records are rows about people: a province reads those it hosts or sends and those
// under an agreement in force it is party to (README, "Privacy"); every other engagement counts
// only in talentFlows, rounded. Ids are sequential, so the lookup by id follows the same rule.
export const engagement: NonNullable<QueryResolvers['engagement']> = async (_parent, args, ctx) => {
  const caller = requireScope(ctx.caller, 'talent:read');
  const engagement = await ctx.loaders.engagementById.load(parseArgs(EntityId, args.id, 'id'));
  if (!engagement) return null;
  const own = provinceOf(caller.region);
  if (provinceOf(engagement.homeRegion) === own || provinceOf(engagement.hostRegion) === own) return engagement;
  if (!engagement.agreementId) return null;
  const { agreementIds } = await ctx.store.engagementsShownTo(own, chinaDate(ctx.now()));
  return agreementIds.has(engagement.agreementId) ? engagement : null;
};

import { requireScope } from '../../../../platform/caller.ts';
import { parseArgs } from '../../../../platform/errors.ts';
import { EntityId } from '../../../../platform/model.ts';
import { visible } from '../../visibility.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const talent: NonNullable<QueryResolvers['talent']> = async (_parent, args, ctx) => {
  requireScope(ctx.caller, 'talent:read');
  return visible(ctx.caller, await ctx.loaders.visibleTalentById.load(parseArgs(EntityId, args.id, 'id')));
};

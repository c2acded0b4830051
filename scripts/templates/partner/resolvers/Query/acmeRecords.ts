import { requireOwnProvince, requireScope } from '../../../../../platform/caller.ts';
import { parseArgs } from '../../../../../platform/errors.ts';
import { EntityId } from '../../../../../platform/model.ts';
import { OWNER_REGION } from '../../model.ts';
import type { QueryResolvers } from '../types.generated.ts';

// Root fields reach records without going through a talent the experts subgraph let the caller
// see, so only the owner region's own systems may use them.
export const acmeRecords: NonNullable<QueryResolvers['acmeRecords']> = (_parent, args, ctx) => {
  requireOwnProvince(requireScope(ctx.caller, 'talent:read'), OWNER_REGION, "acme's own systems");
  return ctx.loaders.recordsByTalentId.load(parseArgs(EntityId, args.talentId, 'talentId'));
};

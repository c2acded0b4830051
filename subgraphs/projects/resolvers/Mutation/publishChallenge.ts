import { auditWrite } from '../../../../platform/audit/chain.ts';
import { requireOwnProvince, requireScope } from '../../../../platform/caller.ts';
import { notFound, parseArgs } from '../../../../platform/errors.ts';
import { PublishChallengeInput, type ChallengeDoc } from '../../model.ts';
import { hex } from '../../ids.ts';
import type { MutationResolvers } from '../types.generated.ts';

export const publishChallenge: NonNullable<MutationResolvers['publishChallenge']> = async (_parent, args, ctx) => {
  const caller = requireScope(ctx.caller, 'projects:write');
  const input = parseArgs(PublishChallengeInput, args.input, 'input');
  requireOwnProvince(caller, input.region, "the challenge's region");
  if (input.programId) {
    // Publishing under a programme adds to it: only the programme's own province may.
    const program = await ctx.loaders.programById.load(input.programId);
    if (!program) throw notFound('TalentProgram', input.programId);
    requireOwnProvince(caller, program.ownerRegion, "the programme's owner region");
  }
  const { region, ...rest } = input;
  const doc: ChallengeDoc = { _id: `chl-${hex().slice(0, 12)}`, ...rest, regionCode: region, status: 'OPEN' };
  await auditWrite(ctx, caller, { entityType: 'Challenge', entityId: doc._id, talentId: null, talentHome: null, fields: Object.keys(args.input) });
  await ctx.store.insertChallenge(doc);
  return { challenge: doc };
};

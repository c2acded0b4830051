import { auditWrite } from '../../../../platform/audit/chain.ts';
import { requireOwnProvince, requireScope } from '../../../../platform/caller.ts';
import { parseArgs } from '../../../../platform/errors.ts';
import { CreateProgramInput, type ProgramDoc } from '../../model.ts';
import { hex } from '../../ids.ts';
import type { MutationResolvers } from '../types.generated.ts';

export const createProgram: NonNullable<MutationResolvers['createProgram']> = async (_parent, args, ctx) => {
  const caller = requireScope(ctx.caller, 'projects:write');
  const input = parseArgs(CreateProgramInput, args.input, 'input');
  // A new programme is stored under this region: the caller creates programmes of its own province only.
  requireOwnProvince(caller, input.ownerRegion, "the programme's owner region");
  const doc: ProgramDoc = { _id: `prog-${hex().slice(0, 12)}`, ...input };
  await auditWrite(ctx, caller, { entityType: 'TalentProgram', entityId: doc._id, talentId: null, talentHome: null, fields: Object.keys(args.input) });
  await ctx.store.insertProgram(doc);
  return { program: doc };
};

import { auditWrite } from '../../../../platform/audit/chain.ts';
import { requireOwnProvince, requireScope } from '../../../../platform/caller.ts';
import { badUserInput, notFound, parseArgs } from '../../../../platform/errors.ts';
import { RecordAwardInput, type AwardDoc } from '../../model.ts';
import { hex } from '../../ids.ts';
import type { MutationResolvers } from '../types.generated.ts';

export const recordAward: NonNullable<MutationResolvers['recordAward']> = async (_parent, args, ctx) => {
  const caller = requireScope(ctx.caller, 'projects:write');
  const input = parseArgs(RecordAwardInput, args.input, 'input');
  const program = await ctx.loaders.programById.load(input.programId);
  if (!program) throw notFound('TalentProgram', input.programId);
  // The stored programme decides who may add to it, never the caller's input.
  requireOwnProvince(caller, program.ownerRegion, "the programme's owner region");
  const first = Number(program.period.start.slice(0, 4));
  const last = Number(program.period.end.slice(0, 4));
  if (input.year < first || input.year > last) {
    throw badUserInput([{ field: 'input.year', message: `must be a year inside the programme period ${program.period.start} to ${program.period.end} (${first}-${last})` }]);
  }
  // The talent is experts' record: experts says where it belongs, and only if this caller may
  // see it. A hidden talent is NOT_FOUND like a missing one, so the caller learns nothing of it.
  const owner = (await ctx.owners.locate(ctx, [input.talentId])).get(input.talentId);
  if (!owner) throw notFound('Talent', input.talentId);
  const doc: AwardDoc = { _id: `A${hex().slice(0, 16).toUpperCase()}`, ...input };
  // The talent's home province reads this event (an award names its talent).
  await auditWrite(ctx, caller, { entityType: 'Award', entityId: doc._id, talentId: doc.talentId, talentHome: owner.homeRegion, fields: Object.keys(args.input) });
  await ctx.store.insertAward(doc);
  return { award: doc };
};

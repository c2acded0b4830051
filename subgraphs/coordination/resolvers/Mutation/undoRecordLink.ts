import { parseArgs } from '../../../../platform/errors.ts';
import { changeCandidate } from '../../linkage.ts';
import { LinkCandidateId } from '../../linkage-model.ts';
import type { MutationResolvers } from '../types.generated.ts';

export const undoRecordLink: NonNullable<MutationResolvers['undoRecordLink']> = async (_parent, args, ctx) => {
  const { id } = parseArgs(LinkCandidateId, args.input, 'input');
  return { candidate: await changeCandidate(ctx, id, 'undo') };
};

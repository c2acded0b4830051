import { parseArgs } from '../../../../platform/errors.ts';
import { findLinkCandidates as run } from '../../linkage.ts';
import { FindLinkCandidatesInput } from '../../linkage-model.ts';
import type { MutationResolvers } from '../types.generated.ts';

export const findLinkCandidates: NonNullable<MutationResolvers['findLinkCandidates']> = (_parent, args, ctx) => {
  const input = parseArgs(FindLinkCandidatesInput, args.input, 'input');
  return run(ctx, input.counterpart);
};

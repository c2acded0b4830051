import { markLinkedRecord as mark } from '../../link-marks.ts';
import type { MutationResolvers } from '../types.generated.ts';

/** `Mutation.markLinkedRecord`, for the matcher only (inaccessible; see subgraphs/experts/link-marks.ts). */
export const markLinkedRecord: NonNullable<MutationResolvers['markLinkedRecord']> = (_parent, args, ctx) => mark(ctx, args.talentId, args.linkId, args.secondary);

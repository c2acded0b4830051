import { candidatesOf } from '../../linkage.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const linkCandidates: NonNullable<QueryResolvers['linkCandidates']> = (_parent, args, ctx) => candidatesOf(ctx, args.awaiting ?? true);

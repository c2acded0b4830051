import { z } from 'zod';
import { parseArgs } from '../../../../platform/errors.ts';
import { RegionCode } from '../../../../platform/model.ts';
import { linkageTokensOf } from '../../linkage.ts';
import { SharingLevel } from '../../model.ts';
import type { QueryResolvers } from '../types.generated.ts';

const Args = z.object({ province: RegionCode, sharing: z.array(SharingLevel).min(1, 'must name at least one sharing level') });

/** `Query.linkageTokens`, for the matcher only (inaccessible; see subgraphs/experts/linkage.ts). */
export const linkageTokens: NonNullable<QueryResolvers['linkageTokens']> = (_parent, args, ctx) => {
  const { province, sharing } = parseArgs(Args, args);
  return linkageTokensOf(ctx, province, sharing);
};

import { parseArgs } from '../../../../platform/errors.ts';
import { RegionCode } from '../../../../platform/model.ts';
import { ChallengeStatus } from '../../model.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const challenges: NonNullable<QueryResolvers['challenges']> = (_parent, args, ctx) =>
  ctx.store.listChallenges({
    region: parseArgs(RegionCode.nullish(), args.region, 'region'),
    status: parseArgs(ChallengeStatus.nullish(), args.status, 'status'),
  });

import { parseArgs } from '../../../platform/errors.ts';
import { EntityId, RegionCode } from '../../../platform/model.ts';
import { ChallengeStatus, ProgramKind } from '../model.ts';
import type { QueryResolvers } from './types.generated.ts';

export const Query: QueryResolvers = {
  program: (_parent, args, ctx) => ctx.loaders.programById.load(parseArgs(EntityId, args.id, 'id')),

  programs: (_parent, args, ctx) =>
    ctx.store.listPrograms({
      region: parseArgs(RegionCode.nullish(), args.region, 'region'),
      kind: parseArgs(ProgramKind.nullish(), args.kind, 'kind'),
    }),

  award: (_parent, args, ctx) => ctx.loaders.awardById.load(parseArgs(EntityId, args.id, 'id')),

  challenges: (_parent, args, ctx) =>
    ctx.store.listChallenges({
      region: parseArgs(RegionCode.nullish(), args.region, 'region'),
      status: parseArgs(ChallengeStatus.nullish(), args.status, 'status'),
    }),

  challenge: (_parent, args, ctx) => ctx.loaders.challengeById.load(parseArgs(EntityId, args.id, 'id')),
};

import { parseArgs } from '../../../../platform/errors.ts';
import { EntityId } from '../../../../platform/model.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const challenge: NonNullable<QueryResolvers['challenge']> = (_parent, args, ctx) => ctx.loaders.challengeById.load(parseArgs(EntityId, args.id, 'id'));

import { parseArgs } from '../../../../platform/errors.ts';
import { EntityId } from '../../../../platform/model.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const award: NonNullable<QueryResolvers['award']> = (_parent, args, ctx) => ctx.loaders.awardById.load(parseArgs(EntityId, args.id, 'id'));

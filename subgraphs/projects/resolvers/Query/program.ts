import { parseArgs } from '../../../../platform/errors.ts';
import { EntityId } from '../../../../platform/model.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const program: NonNullable<QueryResolvers['program']> = (_parent, args, ctx) => ctx.loaders.programById.load(parseArgs(EntityId, args.id, 'id'));

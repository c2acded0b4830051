import { parseArgs } from '../../../../platform/errors.ts';
import { EntityId } from '../../../../platform/model.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const expertPool: NonNullable<QueryResolvers['expertPool']> = (_parent, args, ctx) => ctx.loaders.poolById.load(parseArgs(EntityId, args.id, 'id'));

import { parseArgs } from '../../../../platform/errors.ts';
import { EntityId } from '../../../../platform/model.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const agreement: NonNullable<QueryResolvers['agreement']> = (_parent, args, ctx) => ctx.loaders.agreementById.load(parseArgs(EntityId, args.id, 'id'));

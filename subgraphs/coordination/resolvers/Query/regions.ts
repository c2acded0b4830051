import { parseArgs } from '../../../../platform/errors.ts';
import { RegionsArgs } from '../../model.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const regions: NonNullable<QueryResolvers['regions']> = (_parent, args, ctx) => ctx.store.listRegions(parseArgs(RegionsArgs, { level: args.level, parent: args.parent }));

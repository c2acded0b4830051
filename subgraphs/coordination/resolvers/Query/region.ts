import { parseArgs } from '../../../../platform/errors.ts';
import { RegionCode } from '../../../../platform/model.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const region: NonNullable<QueryResolvers['region']> = (_parent, args, ctx) => ctx.loaders.regionByCode.load(parseArgs(RegionCode, args.code, 'code'));

import { parseArgs } from '../../../../platform/errors.ts';
import { RegionCode, Sector } from '../../../../platform/model.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const expertPools: NonNullable<QueryResolvers['expertPools']> = (_parent, args, ctx) =>
  ctx.store.listPools({
    region: parseArgs(RegionCode.nullish(), args.region, 'region'),
    sector: parseArgs(Sector.nullish(), args.sector, 'sector'),
  });

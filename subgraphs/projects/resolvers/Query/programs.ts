import { parseArgs } from '../../../../platform/errors.ts';
import { RegionCode } from '../../../../platform/model.ts';
import { ProgramKind } from '../../model.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const programs: NonNullable<QueryResolvers['programs']> = (_parent, args, ctx) =>
  ctx.store.listPrograms({
    region: parseArgs(RegionCode.nullish(), args.region, 'region'),
    kind: parseArgs(ProgramKind.nullish(), args.kind, 'kind'),
  });

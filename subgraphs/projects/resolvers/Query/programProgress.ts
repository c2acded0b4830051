import { requireScope } from '../../../../platform/caller.ts';
import { parseArgs } from '../../../../platform/errors.ts';
import { ProgramProgressArgs } from '../../model.ts';
import type { QueryResolvers } from '../types.generated.ts';

export const programProgress: NonNullable<QueryResolvers['programProgress']> = async (_parent, args, ctx) => {
  requireScope(ctx.caller, 'stats:read');
  const { region, kind } = parseArgs(ProgramProgressArgs, { region: args.region, kind: args.kind });
  const programs = await ctx.store.listPrograms({ region, kind });
  return programs.map((program) => ({ program }));
};

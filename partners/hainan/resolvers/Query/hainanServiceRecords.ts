import { requireOwnProvince, requireScope } from '../../../../platform/caller.ts';
import { parsePage, toConnection } from '../../../../platform/connection.ts';
import { parseArgs } from '../../../../platform/errors.ts';
import { OWNER_REGION, RecordFilterInput } from '../../model.ts';
import type { QueryResolvers } from '../types.generated.ts';

// Root fields reach records without going through a talent the experts subgraph let the caller
// see, so only Hainan's own systems may use them; other provinces see services through Talent.
export const hainanServiceRecords: NonNullable<QueryResolvers['hainanServiceRecords']> = async (_parent, args, ctx) => {
  requireOwnProvince(requireScope(ctx.caller, 'talent:read'), OWNER_REGION, "Hainan's own systems");
  const query = parseArgs(RecordFilterInput, { kind: args.kind, status: args.status });
  const page = parsePage(args);
  const filter = ctx.store.recordFilter(query);
  const rows = await ctx.store.findRecords(filter, page);
  return toConnection(rows, page.first, () => ctx.store.countRecords(filter));
};

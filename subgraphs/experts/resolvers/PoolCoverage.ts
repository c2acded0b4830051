import { requireScope } from '../../../platform/caller.ts';
import { parseArgs } from '../../../platform/errors.ts';
import { Sector } from '../../../platform/model.ts';
import type { ExpertsContext } from '../context.ts';
import { type ExpertPoolDoc, PoolCoverageRepresentation } from '../model.ts';
import type { PoolCoverageMapper } from '../schema.mappers.ts';
import type { PoolCoverageResolvers, PoolCoverageStatus } from './types.generated.ts';

const SECTORS: readonly Sector[] = Sector.options;
const STATUS_ORDER: Record<PoolCoverageStatus, number> = { NONE: 0, PARTIAL: 1, FULL: 2 };

interface Area {
  region: { code: string };
  status: PoolCoverageStatus;
  pools: ExpertPoolDoc[];
  sectors: Sector[];
  missingSectors: Sector[];
}

/**
 * The coverage of every area the coordination subgraph listed: the pools of all of them come from
 * one batched `$in` (the loader), so asking for `areas` and `summary` together costs one query.
 */
async function areasOf(coverage: PoolCoverageMapper, ctx: ExpertsContext): Promise<Area[]> {
  requireScope(ctx.caller, 'stats:read');
  // The codes come from the gateway's query plan, but they are still input to this subgraph.
  const { areaCodes } = parseArgs(PoolCoverageRepresentation, coverage, 'representation');
  if (!areaCodes) throw new Error('PoolCoverage.areas resolved without the required areaCodes');
  const poolsPerArea = await ctx.loaders.poolsByRegionCode.loadMany(areaCodes);
  const areas = areaCodes.map((code, i): Area => {
    const found = poolsPerArea[i];
    if (found instanceof Error) throw found;
    const pools = found ?? [];
    const covered = new Set(pools.flatMap((p) => p.sectors));
    const sectors = SECTORS.filter((s) => covered.has(s));
    const status: PoolCoverageStatus = pools.length === 0 ? 'NONE' : sectors.length === SECTORS.length ? 'FULL' : 'PARTIAL';
    return { region: { code }, status, pools, sectors, missingSectors: SECTORS.filter((s) => !covered.has(s)) };
  });
  // Gaps first; GB/T 2260 code order keeps a prefecture before its counties within each status.
  return areas.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.region.code < b.region.code ? -1 : 1));
}

export const PoolCoverage: PoolCoverageResolvers = {
  __resolveReference: (ref) => ({ regionCode: ref.regionCode, ...(ref.areaCodes ? { areaCodes: ref.areaCodes } : {}) }),
  areas: (coverage, _args, ctx) => areasOf(coverage, ctx),
  summary: async (coverage, _args, ctx) => {
    const areas = await areasOf(coverage, ctx);
    const count = (status: PoolCoverageStatus) => areas.filter((a) => a.status === status).length;
    return { areas: areas.length, none: count('NONE'), partial: count('PARTIAL'), full: count('FULL') };
  },
  regionPools: (coverage, _args, ctx) => {
    requireScope(ctx.caller, 'stats:read');
    return ctx.loaders.poolsByRegionCode.load(coverage.regionCode);
  },
};

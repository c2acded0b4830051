import type { Sector } from '../platform/model.ts';
import type { ExpertPoolDoc } from '../subgraphs/experts/model.ts';
import type { RegionContext } from './context.ts';
import { Weighted } from './prng.ts';
import { SECTORS } from './vocabulary.ts';

/**
 * Expert pools: every province's sector pools, capital-city pools, and the named regional pools
 * (Guizhou's three levels, 川渝, the 浙闽 exchange counties, 佛山, 南昌).
 */

const SECTOR_SUFFIX: Readonly<Record<Sector, string>> = { AGRICULTURE: 'agr', INDUSTRY: 'ind', SERVICES: 'svc' };

const POOL_NAME: Readonly<Record<Sector, string>> = {
  AGRICULTURE: '农业农村专家库',
  INDUSTRY: '工业和信息化专家库',
  SERVICES: '现代服务业专家库',
};

/** Guizhou's poverty-alleviation counties with their own pools (codes checked against the region list). */
const GUIZHOU_COUNTY_POOLS: ReadonlyArray<readonly [code: string, sectors: readonly Sector[]]> = [
  ['520526', ['AGRICULTURE']], // 威宁彝族回族苗族自治县
  ['520527', ['AGRICULTURE']], // 赫章县
  ['520525', ['AGRICULTURE', 'SERVICES']], // 纳雍县
  ['522326', ['AGRICULTURE']], // 望谟县
  ['522327', ['AGRICULTURE']], // 册亨县
  ['522324', ['AGRICULTURE', 'INDUSTRY']], // 晴隆县
  ['522633', ['AGRICULTURE', 'SERVICES']], // 从江县
  ['522632', ['AGRICULTURE']], // 榕江县
  ['522634', ['AGRICULTURE', 'SERVICES']], // 雷山县
  ['520425', ['AGRICULTURE']], // 紫云苗族布依族自治县
  ['520627', ['AGRICULTURE']], // 沿河土家族自治县
];

/** The expert pools, sorted by id. Seed-independent, so their ids are stable across seeds. */
export function buildPools(ctx: RegionContext): ExpertPoolDoc[] {
  const pools: ExpertPoolDoc[] = [];
  const add = (regionCode: string, suffix: string, name: string, sectors: Sector[]) => {
    const region = ctx.regionById.get(regionCode);
    if (!region) throw new Error(`pool region ${regionCode} missing`);
    const level = region.level === 'PROVINCE' ? 'PROVINCE' : region.level === 'PREFECTURE' ? 'CITY' : 'COUNTY';
    pools.push({ _id: `pool-${regionCode}-${suffix}`, name: `${region.name}${name}`, level, regionCode, sectors });
  };
  const perSector = (regionCode: string, sectors: readonly Sector[], name?: string) => {
    for (const s of sectors) add(regionCode, SECTOR_SUFFIX[s], name ?? POOL_NAME[s], [s]);
  };

  for (const p of ctx.provinces) {
    perSector(p.code, SECTORS);
    // The capital hosts industry and services pools, the next prefecture an agriculture pool.
    const [capital, second] = p.prefectures;
    if (capital) perSector(capital._id, ['INDUSTRY', 'SERVICES']);
    if (second) perSector(second._id, ['AGRICULTURE']);
  }

  // 贵州: three-level pools over the former poverty areas.
  add('520000', 'rural', '乡村振兴人才专家库', ['AGRICULTURE', 'INDUSTRY', 'SERVICES']);
  perSector('522600', ['AGRICULTURE', 'INDUSTRY']); // 黔东南苗族侗族自治州
  perSector('520500', ['AGRICULTURE']); // 毕节市
  perSector('522300', ['AGRICULTURE']); // 黔西南布依族苗族自治州
  perSector('520600', ['AGRICULTURE']); // 铜仁市
  perSector('522700', ['SERVICES']); // 黔南布依族苗族自治州
  for (const [code, sectors] of GUIZHOU_COUNTY_POOLS) add(code, 'agr', '乡村振兴专家库', [...sectors]);

  // 川渝: the shared pool is kept as one pool per side.
  add('510000', 'chuanyu', '川渝协同发展专家库', ['AGRICULTURE', 'INDUSTRY', 'SERVICES']);
  add('500000', 'chuanyu', '川渝协同发展专家库', ['AGRICULTURE', 'INDUSTRY', 'SERVICES']);
  perSector('500101', ['AGRICULTURE']); // 万州区
  perSector('500236', ['AGRICULTURE']); // 奉节县
  perSector('500243', ['SERVICES']); // 彭水苗族土家族自治县
  perSector('510100', ['AGRICULTURE']); // 成都市

  // Counties of the 浙闽 cadre exchange, 佛山 and 南昌.
  perSector('331125', ['AGRICULTURE', 'SERVICES']); // 云和县
  perSector('350725', ['AGRICULTURE']); // 政和县
  perSector('350724', ['AGRICULTURE']); // 松溪县
  perSector('350924', ['AGRICULTURE']); // 寿宁县
  add('440600', 'mfg', '制造业人才专家库', ['INDUSTRY']);
  perSector('440606', ['INDUSTRY']); // 顺德区
  perSector('360121', ['AGRICULTURE']); // 南昌县

  const seen = new Set<string>();
  // A region listed twice above (say, a capital that is also named) must still give unique ids: the first wins.
  const unique = pools.filter((p) => {
    if (seen.has(p._id)) return false;
    seen.add(p._id);
    return true;
  });
  return unique.sort((a, b) => (a._id < b._id ? -1 : 1));
}

/**
 * The pools a talent of a province and sector may join, keyed by two-digit province code +
 * sector, weighted so province pools (the main registers) hold more experts than city and
 * county pools. A province and sector without a pool has no entry.
 */
export function poolTables(ctx: RegionContext, pools: readonly ExpertPoolDoc[]): Map<string, Weighted<string>> {
  const poolsByProvinceSector = new Map<string, Weighted<string>>();
  for (const p of ctx.provinces) {
    for (const s of SECTORS) {
      const matching = pools.filter((pool) => pool.regionCode.startsWith(p.info.code2) && pool.sectors.includes(s));
      if (matching.length === 0) continue;
      // Province pools are the main registers; city and county pools hold fewer experts.
      poolsByProvinceSector.set(p.info.code2 + s, new Weighted(matching.map((pool) => [pool._id, pool.level === 'PROVINCE' ? 4 : 1] as const)));
    }
  }
  return poolsByProvinceSector;
}

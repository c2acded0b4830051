import { describe, expect, it } from 'vitest';
import { regionContext, MAINLAND_PROVINCE_CODES } from '../../data/context.ts';
import { poolTables } from '../../data/pools.ts';
import { Rng } from '../../data/prng.ts';
import { ds, regionById } from './fixture.ts';

describe('expert pools', () => {
  it('has the three-level Guizhou pools and a province pool per sector everywhere', () => {
    const pools = ds.experts.pools;
    for (const province of MAINLAND_PROVINCE_CODES) {
      for (const suffix of ['agr', 'ind', 'svc']) {
        expect(pools.find((p) => p._id === `pool-${province}-${suffix}`)?.level, `${province} ${suffix}`).toBe('PROVINCE');
      }
    }
    const guizhou = pools.filter((p) => p.regionCode.startsWith('52'));
    expect(new Set(guizhou.map((p) => p.level))).toEqual(new Set(['PROVINCE', 'CITY', 'COUNTY']));
    const counties = guizhou.filter((p) => p.level === 'COUNTY');
    expect(counties.length).toBeGreaterThanOrEqual(5);
    for (const p of counties) expect(regionById.get(p.regionCode)?.level).toBe('COUNTY');
    expect(pools.find((p) => p._id === 'pool-522600-ind')?.level).toBe('CITY');
  });

  it('poolTables offers a talent the pools of its province and sector, province pools four times as often', () => {
    const tables = poolTables(regionContext(), ds.experts.pools);
    expect(tables.size).toBe(MAINLAND_PROVINCE_CODES.length * 3);
    const rng = new Rng(1, 'pool-tables-test');
    const picks = new Map<string, number>();
    for (let i = 0; i < 9000; i++) {
      const id = tables.get('51INDUSTRY')!.pick(rng);
      picks.set(id, (picks.get(id) ?? 0) + 1);
    }
    const expected = ds.experts.pools.filter((p) => p.regionCode.startsWith('51') && p.sectors.includes('INDUSTRY'));
    expect([...picks.keys()].sort()).toEqual(expected.map((p) => p._id).sort());
    expect(expected.map((p) => p.level).sort()).toEqual(['CITY', 'PROVINCE', 'PROVINCE']);
    // Weights 4 + 4 + 1: the city pool gets about a ninth of the draws.
    const city = expected.find((p) => p.level === 'CITY')!;
    expect(picks.get(city._id)! / 9000).toBeGreaterThan(0.08);
    expect(picks.get(city._id)! / 9000).toBeLessThan(0.145);
  });
});

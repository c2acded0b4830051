import { describe, expect, it } from 'vitest';
import { buildFakerPools } from '../../data/names.ts';
import { GIVEN_NAME_CHARS } from '../../data/vocabulary.ts';

describe('buildFakerPools', () => {
  const pools = buildFakerPools(11);

  it('gives the same name material for the same seed and other material for another seed', () => {
    expect(buildFakerPools(11)).toEqual(pools);
    expect(buildFakerPools(12).given.MALE.older).not.toEqual(pools.given.MALE.older);
  });

  it('composes the older names of one or two era-typical characters; brands are two characters', () => {
    for (const sex of ['MALE', 'FEMALE'] as const) {
      const chars = new Set<string>(GIVEN_NAME_CHARS[sex]);
      expect(pools.given[sex].older).toHaveLength(500);
      expect(pools.given[sex].younger).toHaveLength(500);
      for (const name of pools.given[sex].older) {
        expect(name.length === 1 || name.length === 2, name).toBe(true);
        for (const ch of name) expect(chars.has(ch), `${sex} ${name}`).toBe(true);
      }
    }
    expect(pools.brands).toHaveLength(300);
    for (const brand of pools.brands) expect(brand).toHaveLength(2);
  });
});

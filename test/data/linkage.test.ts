import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../data/generate.ts';
import { goldLinks, linkageSource } from '../../data/linkage.ts';
import { validateDataset } from '../../data/validate.ts';
import { DEFAULT_THRESHOLDS, matchTokens } from '../../platform/linkage/match.ts';
import { validateResidentId } from '../../platform/linkage/resident-id.ts';
import { tokenize } from '../../platform/linkage/tokens.ts';
import { ds, SEED, talentById } from './fixture.ts';

type WithResidentId = (typeof ds.experts.talents)[number] & { residentId?: string | null };
const talents = ds.experts.talents as WithResidentId[];
const gold = goldLinks(ds.experts.talents, SEED);

describe('identity numbers and the linkage gold standard in the seed', () => {
  it('about 90% of talents have a valid identity number matching their gender and birth year (±1 for a clerk)', () => {
    const withId = talents.filter((t) => t.residentId);
    expect(withId.length / talents.length).toBeGreaterThan(0.85);
    expect(withId.length / talents.length).toBeLessThan(0.95);
    for (const t of withId) {
      const checked = validateResidentId(t.residentId as string);
      expect(checked.ok).toBe(true);
      if (checked.ok) {
        expect(checked.parts.gender).toBe(t.gender);
        expect(Math.abs(checked.parts.birthYear - t.birthYear)).toBeLessThanOrEqual(1);
      }
    }
    expect(validateDataset(ds)).toEqual([]);
  });

  it('people recorded in Sichuan and Chongqing, and NATIONAL records of two provinces, never PRIVATE ones', () => {
    const chuanyu = gold.filter(([a, b]) => a.startsWith('T-510000-') && b.startsWith('T-500000-'));
    expect(chuanyu.length).toBeGreaterThanOrEqual(10);
    const national = gold.filter((pair) => !chuanyu.includes(pair));
    expect(national.length).toBeGreaterThanOrEqual(5);
    for (const [a, b] of gold) {
      const [x, y] = [talentById.get(a), talentById.get(b)];
      expect(x?.sharing).not.toBe('PRIVATE');
      expect(y?.sharing).not.toBe('PRIVATE');
      expect(x?.homeRegion).not.toBe(y?.homeRegion);
    }
    for (const [a, b] of national) expect([talentById.get(a)?.sharing, talentById.get(b)?.sharing]).toEqual(['NATIONAL', 'NATIONAL']);
  });

  it('the two records of a person differ the way clerks differ, and the matcher finds them', () => {
    const pairs = gold.map(([a, b]) => [talentById.get(a) as WithResidentId, talentById.get(b) as WithResidentId] as const);
    expect(pairs.some(([x, y]) => !x.residentId !== !y.residentId)).toBe(true);
    expect(pairs.some(([x, y]) => x.name !== y.name)).toBe(true);
    expect(pairs.some(([x, y]) => x.birthYear !== y.birthYear)).toBe(true);
    const key = new Uint8Array(32).fill(5);
    const sichuan = talents.filter((t) => t.homeRegion === '510000').map((t) => tokenize(linkageSource(t), key));
    const chongqing = talents.filter((t) => t.homeRegion === '500000').map((t) => tokenize(linkageSource(t), key));
    const linked = matchTokens(sichuan, chongqing, { thresholds: DEFAULT_THRESHOLDS }).candidates.filter((c) => c.band === 'LINK');
    const truth = new Set(gold.map(([a, b]) => `${a} ${b}`));
    const found = linked.filter((c) => truth.has(`${c.left} ${c.right}`)).length;
    const chuanyu = gold.filter(([a]) => a.startsWith('T-510000-')).length;
    expect(found / chuanyu).toBeGreaterThanOrEqual(0.9);
    expect(found / linked.length).toBeGreaterThanOrEqual(0.9);
  });

  it('is deterministic: the same talents and seed give the same gold pairs and numbers', () => {
    const again = generateDataset({ talents: 3000, seed: SEED });
    expect(goldLinks(again.experts.talents, SEED)).toEqual(gold);
    expect(again.experts.talents.map((t) => (t as WithResidentId).residentId)).toEqual(talents.map((t) => t.residentId));
  });
});

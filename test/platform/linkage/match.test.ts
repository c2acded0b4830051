import { describe, expect, it } from 'vitest';
import { linkageBenchmarkData } from '../../../data/linkage.ts';
import type { LinkageSource } from '../../../platform/linkage/contract.ts';
import { DEFAULT_THRESHOLDS, matchTokens } from '../../../platform/linkage/match.ts';
import { makeResidentId } from '../../../platform/linkage/resident-id.ts';
import { tokenize } from '../../../platform/linkage/tokens.ts';

const KEY = new Uint8Array(32).fill(11);
const small = linkageBenchmarkData(1500, 5);
const left = small.left.map((s) => tokenize(s, KEY));
const right = small.right.map((s) => tokenize(s, KEY));
const truth = new Set(small.goldLinks.map(([a, b]) => `${a} ${b}`));
const result = matchTokens(left, right, { thresholds: DEFAULT_THRESHOLDS });

describe('matchTokens', () => {
  it('links a gold set of people recorded twice: precision and recall of the LINK band at least 0.95', () => {
    const linked = result.candidates.filter((c) => c.band === 'LINK');
    const correct = linked.filter((c) => truth.has(`${c.left} ${c.right}`)).length;
    expect(small.goldLinks.length).toBe(225);
    expect(correct / linked.length).toBeGreaterThanOrEqual(0.95);
    expect(correct / truth.size).toBeGreaterThanOrEqual(0.95);
  });

  it('every candidate carries its evidence: one entry per field, weights summing to the score with the prior', () => {
    const fields = ['residentId', 'name', 'birthYear', 'gender', 'organisation', 'disciplines'];
    for (const c of result.candidates) {
      expect(c.evidence.map((e) => e.field)).toEqual(fields);
      for (const e of c.evidence) expect(['AGREE', 'PARTIAL', 'DISAGREE', 'MISSING']).toContain(e.outcome);
      if (c.method === 'PROBABILISTIC') {
        const sum = c.evidence.reduce((s, e) => s + e.weight, result.model.priorLog2);
        expect(Math.abs(sum - c.score)).toBeLessThan(0.1);
      } else {
        expect(c.evidence[0]?.outcome).toBe('AGREE');
        expect(c.band).toBe('LINK');
      }
    }
  });

  it('pairs each record at most once on each side', () => {
    expect(new Set(result.candidates.map((c) => c.left)).size).toBe(result.candidates.length);
    expect(new Set(result.candidates.map((c) => c.right)).size).toBe(result.candidates.length);
  });

  it('thresholds move the bands: a higher link threshold sends probabilistic links to review', () => {
    const strict = matchTokens(left, right, { thresholds: { link: 40, review: DEFAULT_THRESHOLDS.review } });
    const count = (r: typeof result, band: string) => r.candidates.filter((c) => c.band === band).length;
    expect(count(strict, 'LINK')).toBe(strict.candidates.filter((c) => c.method === 'IDENTITY_NUMBER').length);
    expect(count(strict, 'REVIEW')).toBeGreaterThan(count(result, 'REVIEW'));
    expect(count(strict, 'LINK') + count(strict, 'REVIEW')).toBe(count(result, 'LINK') + count(result, 'REVIEW'));
  });

  it('an equal identity number links with certainty whatever else differs', () => {
    const person: LinkageSource = {
      id: 'T-510000-000001',
      province: '510000',
      residentId: makeResidentId('510104', '1985-07-09', 123),
      name: '张伟',
      birthYear: 1985,
      gender: 'MALE',
      organisation: '四川大学',
      disciplines: ['210'],
      sharing: 'AGREEMENT',
    };
    const other = { ...person, id: 'T-500000-000002', province: '500000', name: 'Chang Wai', organisation: '重庆大学', disciplines: ['630'] };
    const { candidates, model } = matchTokens([tokenize(person, KEY)], [tokenize(other, KEY)], { thresholds: DEFAULT_THRESHOLDS });
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toMatchObject({ left: person.id, right: other.id, method: 'IDENTITY_NUMBER', band: 'LINK', score: Math.round(model.maxScore * 100) / 100 });
  });

  it('blocking keeps the work near-linear: 4 times the records compare fewer than 6 times the pairs', () => {
    const big = linkageBenchmarkData(6000, 5);
    const bigResult = matchTokens(
      big.left.map((s) => tokenize(s, KEY)),
      big.right.map((s) => tokenize(s, KEY)),
      { thresholds: DEFAULT_THRESHOLDS },
    );
    const growth = bigResult.stats.pairsCompared / result.stats.pairsCompared;
    expect(growth).toBeGreaterThan(3);
    expect(growth).toBeLessThan(6);
  });
});

import { describe, expect, it } from 'vitest';
import { scaleGrowth, serialGrowthLines, serialScaleGrowth } from '../../bench/lib/ratios.ts';
import type { Entry } from '../../bench/lib/results.ts';

const row = (e: Partial<Entry> & Pick<Entry, 'query' | 'talents' | 'p50Ms' | 'p99Ms'>): Entry => ({
  scenario: 'scale',
  target: 'hub',
  rps: 1,
  errors: 0,
  subgraphFetchesPerRequest: 1,
  storeCallsPerRequest: null,
  peakRssMb: null,
  ok: true,
  rounds: [],
  ...e,
});

const entries: Entry[] = [
  // Under load (50 connections): latency is mostly queueing.
  row({ query: 'talentById', talents: 1000, p50Ms: 200, p99Ms: 800 }),
  row({ query: 'talentById', talents: 1_000_000, p50Ms: 500, p99Ms: 1500 }),
  // One request at a time: what a caller waits.
  row({ query: 'talentById', talents: 1_000_000, connections: 1, p50Ms: 3.5, p99Ms: 30 }),
  row({ query: 'talentById', talents: 1000, connections: 1, p50Ms: 3.2, p99Ms: 20 }),
  row({ query: 'talentsPage', talents: 1000, connections: 1, p50Ms: 4, p99Ms: 10 }),
  row({ query: 'talentsPage', talents: 1_000_000, connections: 1, p50Ms: 5, p99Ms: 9 }),
];

describe('scale growth (bench/lib/ratios.ts)', () => {
  it('judges the one-at-a-time p50 growth, largest size ÷ smallest, against 1.2, apart from the rows under load', () => {
    const growth = serialScaleGrowth(entries);
    expect(growth.talentById).toEqual({ talents: [1000, 1_000_000], p50Ms: [3.2, 3.5], p99Ms: [20, 30], p50Growth: 1.09, p99Growth: 1.5, target: 1.2, met: true });
    expect(growth.talentsPage).toMatchObject({ p50Growth: 1.25, p99Growth: 0.9, met: false });
    expect(scaleGrowth(entries).talentById).toMatchObject({ talents: [1000, 1_000_000], p50Ms: [200, 500], p50Growth: 2.5 });
    expect(serialGrowthLines(growth)).toEqual([
      'goal 6 talentById, one request at a time through the gateway: p50 3.2 → 3.5 ms, p99 20 → 30 ms over 1000 → 1000000 talents: p50 ×1.09, p99 ×1.5 (target p50 ≤ ×1.2: met)',
      'goal 6 talentsPage, one request at a time through the gateway: p50 4 → 5 ms, p99 10 → 9 ms over 1000 → 1000000 talents: p50 ×1.25, p99 ×0.9 (target p50 ≤ ×1.2: NOT met)',
    ]);
  });

  it('gives no growth (and no verdict) with one size, or when a size failed: it would compare other sizes', () => {
    const failed = entries.map((e) => (e.query === 'talentsPage' && e.talents === 1_000_000 ? { ...e, ok: false, errors: 1 } : e));
    expect(serialScaleGrowth(failed).talentsPage).toMatchObject({ talents: [1000], p50Growth: null, met: null });
    expect(serialScaleGrowth(entries.filter((e) => e.talents === 1000)).talentById).toMatchObject({ p50Growth: null, met: null });
    expect(serialGrowthLines(serialScaleGrowth(failed))).toHaveLength(1);
  });
});

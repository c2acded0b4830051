import { describe, expect, it } from 'vitest';
import { startHub } from '../helpers/hub.ts';
import { countBy, MIN, province } from '../helpers/stats.ts';

/**
 * HUB_STATS_MIN_GROUP through the gateway: a hub started with a smaller minimum shows other
 * provinces' groups and flows down to that size (the default is covered in dashboard-api.test.ts).
 */
const QINGHAI = '630000'; // no agreement at all
const STATS = ['stats:read'];

describe('HUB_STATS_MIN_GROUP', () => {
  it('sets the smallest group shown', async () => {
    const small = await startHub({ talents: 300, statsMinGroup: 2 });
    try {
      const res = await small.query('{ talentStats(groupBy: [REGION]) { minGroupSize groups { keys { value } count suppressed } } }', {}, { region: QINGHAI, scopes: STATS });
      const stats = res.body.data!.talentStats;
      expect(stats.minGroupSize).toBe(2);
      // Qinghai is bound by no agreement: it counts other provinces' NATIONAL talents.
      const national = countBy(
        small.dataset.experts.talents.filter((t) => t.sharing === 'NATIONAL' && t.homeRegion !== QINGHAI),
        (t) => t.homeRegion,
      );
      const shown = new Set(stats.groups.map((g: any) => g.keys[0].value));
      const between = [...national].filter(([, n]) => n >= 2 && n < MIN).map(([code]) => code);
      expect(between.length, 'the seed has provinces with 2 to 4 NATIONAL talents').toBeGreaterThan(0);
      for (const code of between) expect(shown.has(code), code).toBe(true);
      for (const [code, n] of national) if (n < 2) expect(shown.has(code), code).toBe(false);
      const flows = await small.query('{ talentFlows { from { code } to { code } kind count } }', {}, { region: QINGHAI, scopes: STATS });
      const flowTruth = countBy(small.dataset.coordination.engagements, (e) => JSON.stringify([province(e.homeRegion), province(e.hostRegion), e.kind]));
      const others = flows.body.data!.talentFlows.filter((f: any) => f.from.code !== QINGHAI && f.to.code !== QINGHAI);
      const sizes = others.map((f: any) => flowTruth.get(JSON.stringify([f.from.code, f.to.code, f.kind]))!);
      expect(
        sizes.some((n: number) => n < MIN),
        'flows of 2 to 4 engagements between others are shown',
      ).toBe(true);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(2);
    } finally {
      await small.close();
    }
  });
});

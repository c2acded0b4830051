import { describe, expect, it } from 'vitest';
import { ds, NOW, provinceOf, talentById } from './fixture.ts';

describe('awards', () => {
  it('awards scale with talents, fall in the programme period and mostly go to the owner province', () => {
    expect(ds.projects.awards.length).toBeGreaterThanOrEqual(300);
    const programs = new Map(ds.projects.programs.map((p) => [p._id, p]));
    for (const a of ds.projects.awards) {
      const p = programs.get(a.programId)!;
      expect(a.year).toBeGreaterThanOrEqual(Number(p.period.start.slice(0, 4)));
      expect(a.year).toBeLessThanOrEqual(Math.min(Number(p.period.end.slice(0, 4)), NOW.getUTCFullYear()));
      const home = talentById.get(a.talentId)!.homeRegion;
      if (p.kind !== 'INTRODUCTION') expect(home).toBe(provinceOf(p.ownerRegion));
    }
    for (const p of ds.projects.programs)
      expect(
        ds.projects.awards.some((a) => a.programId === p._id),
        p._id,
      ).toBe(true);
  });
});

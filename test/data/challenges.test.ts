import { describe, expect, it } from 'vitest';
import { ds } from './fixture.ts';

describe('challenges', () => {
  it('has about twenty challenges, mostly Liaoning 揭榜挂帅, due in 2026-2027', () => {
    const cs = ds.projects.challenges;
    expect(cs.length).toBeGreaterThanOrEqual(15);
    const liaoning = cs.filter((c) => c.regionCode.startsWith('21'));
    expect(liaoning.length).toBeGreaterThan(cs.length / 2);
    for (const c of liaoning) expect(c.programId).toBe('prog-liaoning-jiebang');
    for (const c of cs) expect(c.deadline >= '2026-01-01' && c.deadline <= '2027-12-31').toBe(true);
    expect(new Set(cs.map((c) => c.status))).toEqual(new Set(['OPEN', 'AWARDED', 'CLOSED']));
  });
});

import { describe, expect, it } from 'vitest';
import { DisciplineDoc, ExpertPoolDoc, TalentDoc } from '../../subgraphs/experts/model.ts';
import { AwardDoc, ChallengeDoc, ProgramDoc } from '../../subgraphs/projects/model.ts';
import { AgreementDoc, EngagementDoc, RegionDoc } from '../../subgraphs/coordination/model.ts';
import { validateDataset } from '../../data/validate.ts';
import { ds } from './fixture.ts';

describe('schemas', () => {
  const failures = <T extends { _id: string }>(schema: { safeParse(v: unknown): { success: boolean } }, docs: T[]) =>
    docs.filter((d) => !schema.safeParse(d).success).map((d) => d._id);

  it('every document passes its zod schema', () => {
    expect(failures(TalentDoc, ds.experts.talents)).toEqual([]);
    expect(failures(ExpertPoolDoc, ds.experts.pools)).toEqual([]);
    expect(failures(DisciplineDoc, ds.experts.disciplines)).toEqual([]);
    expect(failures(ProgramDoc, ds.projects.programs)).toEqual([]);
    expect(failures(AwardDoc, ds.projects.awards)).toEqual([]);
    expect(failures(ChallengeDoc, ds.projects.challenges)).toEqual([]);
    expect(failures(RegionDoc, ds.coordination.regions)).toEqual([]);
    expect(failures(AgreementDoc, ds.coordination.agreements)).toEqual([]);
    expect(failures(EngagementDoc, ds.coordination.engagements)).toEqual([]);
  });

  it('validateDataset finds no problem, and finds a broken reference', () => {
    expect(validateDataset(ds)).toEqual([]);
    const broken = structuredClone(ds);
    (broken.projects.awards[0] as AwardDoc).talentId = 'T-510000-999999';
    expect(validateDataset(broken).join('\n')).toMatch(/unknown talent T-510000-999999/);
  });

  it('finds a talent or pool whose id names another province than its home or region', () => {
    const moved = structuredClone(ds);
    const talent = moved.experts.talents[0]!;
    talent.homeRegion = talent.homeRegion === '510000' ? '500000' : '510000';
    const pool = moved.experts.pools[0]!;
    pool.regionCode = pool.regionCode.startsWith('51') ? '500000' : '510000';
    const problems = validateDataset(moved).join('\n');
    expect(problems).toContain(`talent ${talent._id}: id does not name its home province ${talent.homeRegion}`);
    expect(problems).toContain(`pool ${pool._id}: id does not name the province of its region ${pool.regionCode}`);
  });
});

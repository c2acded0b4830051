import { describe, expect, it } from 'vitest';
import { ds } from './fixture.ts';

describe('programmes', () => {
  const program = (id: string) => {
    const p = ds.projects.programs.find((x) => x._id === id);
    expect(p, id).toBeDefined();
    return p!;
  };

  it('has the named programmes with their owners and kinds', () => {
    const expected: Array<[string, string, string, string]> = [
      ['prog-qinghai-scholar', '青海学者', '630000', 'SCHOLAR'],
      ['prog-qinghai-gaoduan', '青海省高端创新创业人才', '630000', 'INTRODUCTION'],
      ['prog-xingliao-yingcai', '兴辽英才计划', '210000', 'TRAINING'],
      ['prog-liaoning-jiebang', '辽宁揭榜挂帅', '210000', 'OPEN_CHALLENGE'],
      ['prog-hebei-shuangqian', '河北双千计划', '130000', 'INTRODUCTION'],
      ['prog-foshan-staffing', '佛山专项编制池', '440600', 'STAFFING_POOL'],
      ['prog-nanchang-10', '南昌人才10条', '360100', 'POLICY_PACKAGE'],
    ];
    for (const [id, name, owner, kind] of expected) {
      expect(program(id)).toMatchObject({ name, ownerRegion: owner, kind });
    }
  });

  it('河北双千计划 runs five years with 1000 introduced and 1000 trained', () => {
    const p = program('prog-hebei-shuangqian');
    expect(Number(p.period.end.slice(0, 4)) - Number(p.period.start.slice(0, 4))).toBe(4);
    expect(p.period.start.slice(5)).toBe('01-01');
    expect(p.period.end.slice(5)).toBe('12-31');
    expect(p.targets).toEqual([
      expect.objectContaining({ metric: 'TALENTS_INTRODUCED', target: 1000, source: 'AWARDS', awardCategory: 'INTRODUCED' }),
      expect.objectContaining({ metric: 'TALENTS_TRAINED', target: 1000, source: 'AWARDS', awardCategory: 'TRAINED' }),
    ]);
    const hebei = ds.projects.awards.filter((a) => a.programId === 'prog-hebei-shuangqian');
    expect(hebei.some((a) => a.category === 'INTRODUCED')).toBe(true);
    expect(hebei.some((a) => a.category === 'TRAINED')).toBe(true);
    expect(ds.projects.awards.filter((a) => a.programId !== 'prog-hebei-shuangqian').every((a) => a.category === null)).toBe(true);
  });

  it('佛山专项编制池 reports 126 of 200 staffing positions used', () => {
    expect(program('prog-foshan-staffing').targets).toEqual([
      expect.objectContaining({ metric: 'STAFFING_POSITIONS_USED', target: 200, source: 'REPORTED', reported: 126, awardCategory: null }),
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awards, callCounts, expectedAchieved, programs, type ProjectsEnv, setup, talentIds } from './fixture.ts';

describe('projects subgraph: entities', () => {
  let env: ProjectsEnv;
  beforeAll(async () => {
    env = await setup();
  });
  afterAll(async () => {
    await env?.close();
  });

  it("resolves entities: a talent's awards (most recent year first), programmes, awards and challenges by key", async () => {
    const talentId = talentIds[2]!; // three awards
    const { data, errors } = await env.run(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Talent { id awards { id year program { id } talentId } }
        ... on TalentProgram { id name }
        ... on Award { id year }
        ... on Challenge { id title }
      } }`,
      {
        r: [
          // As the gateway sends them: with the home region experts gave (@requires).
          { __typename: 'Talent', id: talentId, homeRegion: { code: '630000' } },
          { __typename: 'Talent', id: 'T999999', homeRegion: { code: '510000' } },
          { __typename: 'TalentProgram', id: 'prog-nc-ten' },
          { __typename: 'TalentProgram', id: 'prog-nope' },
          { __typename: 'Award', id: awards[0]!._id },
          { __typename: 'Challenge', id: 'chl-qh-1' },
        ],
      },
    );
    expect(errors).toBeUndefined();
    const own = awards
      .filter((a) => a.talentId === talentId)
      .sort((a, b) => b.year - a.year || a._id.localeCompare(b._id))
      .map((a) => ({ id: a._id, year: a.year, program: { id: a.programId }, talentId }));
    expect(own).toHaveLength(3);
    expect(data._entities).toEqual([
      { id: talentId, awards: own },
      { id: 'T999999', awards: [] },
      { id: 'prog-nc-ten', name: '南昌人才10条' },
      null,
      { id: awards[0]!._id, year: awards[0]!.year },
      { id: 'chl-qh-1', title: '盐湖锂资源提取' },
    ]);
  });

  it('batches entity references: 50 talents with awards, their programmes and targets cost one call per hop', async () => {
    const r = talentIds.slice(0, 50).map((id) => ({ __typename: 'Talent', id, homeRegion: { code: '630000' } }));
    env.calls.length = 0;
    const { data, errors } = await env.run(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { id awards { id program { id name targets { metric achieved share } } } } } }',
      { r },
    );
    expect(errors).toBeUndefined();
    expect(data._entities).toHaveLength(50);
    const total = data._entities.reduce((n: number, t: { awards: unknown[] }) => n + t.awards.length, 0);
    expect(total).toBe(awards.filter((a) => talentIds.slice(0, 50).includes(a.talentId)).length);
    const qh = data._entities.flatMap((t: { awards: { program: any }[] }) => t.awards.map((a) => a.program)).find((p: { id: string }) => p.id === 'prog-qh-scholar');
    expect(qh.targets.find((t: { metric: string }) => t.metric === 'SCHOLARS').achieved).toBe(expectedAchieved(programs[0]!, 'SCHOLARS'));
    // One find of the awards by talent, one find of their programmes, one aggregation counting every programme's awards.
    expect(callCounts(env.calls)).toEqual(['awards.aggregate', 'awards.find', 'programs.find']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awards, programs, type ProjectsEnv, setup, writes } from './fixture.ts';

describe('projects subgraph: awards', () => {
  let env: ProjectsEnv;
  beforeAll(async () => {
    env = await setup();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('looks an award up by id, with its programme and a reference to its talent', async () => {
    const a = awards[4]!;
    const { data, errors } = await env.run('query($id: ID!) { award(id: $id) { id year amount category program { id name } talentId } }', { id: a._id });
    expect(errors).toBeUndefined();
    expect(data.award).toEqual({
      id: a._id,
      year: a.year,
      amount: a.amount,
      category: a.category,
      program: { id: a.programId, name: programs.find((p) => p._id === a.programId)!.name },
      talentId: a.talentId,
    });
    expect((await env.run('{ award(id: "A0") { id } }')).data.award).toBeNull();
  });

  it('records an award that counts towards targets; wrong year, unknown programme or bad ids write nothing', async () => {
    const p = programs[0]!;
    const mutation = 'mutation($input: RecordAwardInput!) { recordAward(input: $input) { award { id year amount category talentId program { id targets { metric achieved } } } } }';
    const input = { programId: p._id, talentId: 'T-630000-000777', year: 2024, amount: 300_000, category: 'INTRODUCED' };
    env.calls.length = 0;
    for (const [bad, field] of [
      [{ ...input, year: 2020 }, 'input.year'],
      [{ ...input, year: 2026 }, 'input.year'],
      [{ ...input, talentId: 'T 777' }, 'input.talentId'],
      [{ ...input, programId: '../prog' }, 'input.programId'],
      [{ ...input, amount: -5 }, 'input.amount'],
      [{ ...input, category: 'introduced' }, 'input.category'],
    ] as const) {
      const r = await env.run(mutation, { input: bad });
      expect(r.data, field).toBeNull();
      expect(r.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const unknown = await env.run(mutation, { input: { ...input, programId: 'prog-nope' } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.message).toContain('prog-nope');
    expect(writes(env.calls)).toEqual([]);

    const before = await env.run('{ program(id: "prog-qh-scholar") { awards { totalCount } targets { metric achieved } } }');
    const achievedBefore = Object.fromEntries(before.data.program.targets.map((t: { metric: string; achieved: number }) => [t.metric, t.achieved]));
    const recorded = await env.run(mutation, { input });
    expect(recorded.errors).toBeUndefined();
    const award = recorded.data.recordAward.award;
    expect(award.id).toMatch(/^A[0-9A-F]{16}$/);
    expect(award).toMatchObject({ year: 2024, amount: 300_000, category: 'INTRODUCED', talentId: 'T-630000-000777' });
    const achieved = Object.fromEntries(award.program.targets.map((t: { metric: string; achieved: number }) => [t.metric, t.achieved]));
    expect(achieved).toEqual({ ...achievedBefore, SCHOLARS: achievedBefore.SCHOLARS + 1, INTRODUCED: achievedBefore.INTRODUCED + 1 });

    const after = await env.run(
      'query($r: [_Any!]!) { program(id: "prog-qh-scholar") { awards { totalCount } } _entities(representations: $r) { ... on Talent { awards { id } } } }',
      {
        r: [{ __typename: 'Talent', id: 'T-630000-000777', homeRegion: { code: '630000' } }],
      },
    );
    expect(after.data.program.awards.totalCount).toBe(before.data.program.awards.totalCount + 1);
    expect(after.data._entities).toEqual([{ awards: [{ id: award.id }] }]);
  });
});

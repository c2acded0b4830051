import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awards, callCounts, expectedAchieved, programs, type ProjectsEnv, setup, writes } from './fixture.ts';

describe('projects subgraph: programmes', () => {
  let env: ProjectsEnv;
  beforeAll(async () => {
    env = await setup();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('looks a programme up by id, with targets achieved from its awards or as reported', async () => {
    const p = programs[0]!;
    const { data, errors } = await env.run(
      'query($id: ID!) { program(id: $id) { id name kind ownerRegion { code } period { start end } description targets { metric label target unit source awardCategory achieved share } } }',
      { id: p._id },
    );
    expect(errors).toBeUndefined();
    expect(data.program).toMatchObject({ id: p._id, name: p.name, kind: 'SCHOLAR', ownerRegion: { code: '630000' }, period: p.period, description: p.description });
    const byMetric = Object.fromEntries(data.program.targets.map((t: { metric: string }) => [t.metric, t]));
    expect(Object.keys(byMetric)).toEqual(['SCHOLARS', 'INTRODUCED', 'POSITIONS_USED', 'OPEN_GOAL']);
    const scholars = expectedAchieved(p, 'SCHOLARS');
    const introduced = expectedAchieved(p, 'INTRODUCED');
    expect(scholars).toBeGreaterThan(introduced);
    expect(introduced).toBeGreaterThan(0);
    expect(byMetric.SCHOLARS).toMatchObject({ source: 'AWARDS', awardCategory: null, achieved: scholars, share: scholars / 40 });
    expect(byMetric.INTRODUCED).toMatchObject({ awardCategory: 'INTRODUCED', achieved: introduced, share: introduced / 8 });
    expect(byMetric.POSITIONS_USED).toMatchObject({ source: 'REPORTED', achieved: 20, share: 0.4 });
    expect(byMetric.OPEN_GOAL).toMatchObject({ target: 0, achieved: expectedAchieved(p, 'OPEN_GOAL'), share: 0 });

    const missing = await env.run('{ program(id: "prog-nope") { id } }');
    expect(missing.errors).toBeUndefined();
    expect(missing.data.program).toBeNull();
    const bad = await env.run('{ program(id: "{$gt: 1}") { id } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('lists programmes at or under a region and of a kind; a bad region is BAD_USER_INPUT', async () => {
    const list = async (variables: Record<string, unknown>) => {
      const { data, errors } = await env.run('query($region: ID, $kind: ProgramKind) { programs(region: $region, kind: $kind) { id } }', variables);
      expect(errors).toBeUndefined();
      return data.programs.map((p: { id: string }) => p.id);
    };
    expect(await list({})).toEqual(programs.map((p) => p._id).sort());
    expect(await list({ region: '360000' })).toEqual(['prog-jx-intro', 'prog-nc-ten']);
    expect(await list({ region: '360100' })).toEqual(['prog-nc-ten']);
    expect(await list({ region: '360000', kind: 'INTRODUCTION' })).toEqual(['prog-jx-intro']);
    expect(await list({ kind: 'OPEN_CHALLENGE' })).toEqual(['prog-sc-jbgs']);
    expect(await list({ region: '110000' })).toEqual([]);
    const bad = await env.run('{ programs(region: "36") { id } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'region' });
  });

  it("pages a programme's awards with opaque cursors, with totalCount, no gaps or repeats", async () => {
    const expected = awards
      .filter((a) => a.programId === 'prog-qh-scholar')
      .map((a) => a._id)
      .sort();
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { data, errors }: { data?: any; errors?: any[] } = await env.run(
        'query($after: String) { program(id: "prog-qh-scholar") { awards(first: 7, after: $after) { totalCount edges { cursor node { id program { id } } } pageInfo { hasNextPage endCursor } } } }',
        { after },
      );
      expect(errors).toBeUndefined();
      const connection = data.program.awards;
      expect(connection.totalCount).toBe(expected.length);
      seen.push(...connection.edges.map((e: { node: { id: string; program: { id: string } } }) => e.node.id));
      for (const e of connection.edges) expect(e.node.program.id).toBe('prog-qh-scholar');
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);

    const empty = await env.run('{ program(id: "prog-sc-jbgs") { awards { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } } }');
    expect(empty.data.program.awards).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });

    for (const [variables, field] of [
      [{ first: 101 }, 'first'],
      [{ first: -1 }, 'first'],
      [{ after: 'garbage' }, 'after'],
    ] as const) {
      const { errors } = await env.run('query($first: Int, $after: String) { program(id: "prog-qh-scholar") { awards(first: $first, after: $after) { totalCount } } }', variables);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('batches programme lists: award pages, totals and targets of every programme cost one aggregation each', async () => {
    env.calls.length = 0;
    const paged = await env.run('{ programs { id awards(first: 2) { totalCount edges { node { id } } } } }');
    expect(paged.errors).toBeUndefined();
    expect(paged.data.programs).toHaveLength(programs.length);
    for (const p of paged.data.programs) {
      const own = awards
        .filter((a) => a.programId === p.id)
        .map((a) => a._id)
        .sort();
      expect(p.awards.totalCount).toBe(own.length);
      expect(p.awards.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(own.slice(0, 2));
    }
    // One `$facet` aggregation for every programme's page, one `$group` for every programme's total.
    expect(callCounts(env.calls)).toEqual(['awards.aggregate', 'awards.aggregate', 'programs.find']);

    env.calls.length = 0;
    const counted = await env.run('{ programs { id targets { metric achieved share } } }');
    expect(counted.errors).toBeUndefined();
    for (const p of counted.data.programs) {
      const doc = programs.find((x) => x._id === p.id)!;
      for (const t of p.targets) expect(t.achieved, `${p.id} ${t.metric}`).toBe(expectedAchieved(doc, t.metric));
    }
    expect(callCounts(env.calls)).toEqual(['awards.aggregate', 'programs.find']);
  });

  it('creates a programme; bad input is BAD_USER_INPUT naming the field and writes nothing', async () => {
    const input = {
      name: '昆仑英才',
      ownerRegion: '630100',
      kind: 'TRAINING',
      period: { start: '2024-01-01', end: '2028-12-31' },
      targets: [
        { metric: 'TRAINED', label: '培养人才', target: 100, unit: '人', source: 'AWARDS', awardCategory: 'TRAINED' },
        { metric: 'FUNDS_USED', label: '经费使用', target: 500, unit: '万元', source: 'REPORTED', reported: 120 },
        { metric: 'BASES', label: '基地', target: 5, unit: '个', source: 'REPORTED' },
      ],
    };
    const mutation =
      'mutation($input: CreateProgramInput!) { createProgram(input: $input) { program { id name kind ownerRegion { code } period { start end } description targets { metric source awardCategory achieved share } } } }';
    env.calls.length = 0;
    for (const [bad, field] of [
      [{ ...input, name: '  ' }, 'input.name'],
      [{ ...input, ownerRegion: '63' }, 'input.ownerRegion'],
      [{ ...input, period: { start: '2028-01-01', end: '2024-12-31' } }, 'input.period.end'],
      [{ ...input, targets: [input.targets[0], { ...input.targets[0], label: '再培养' }] }, 'input.targets.1.metric'],
      [{ ...input, targets: [{ ...input.targets[0], metric: 'trained' }] }, 'input.targets.0.metric'],
      [{ ...input, targets: [{ ...input.targets[0], target: -1 }] }, 'input.targets.0.target'],
      [{ ...input, targets: [{ ...input.targets[1], awardCategory: 'TRAINED' }] }, 'input.targets.0.awardCategory'],
      [{ ...input, targets: [{ ...input.targets[0], reported: 3 }] }, 'input.targets.0.reported'],
      [{ ...input, description: 'x'.repeat(501) }, 'input.description'],
    ] as const) {
      const r = await env.run(mutation, { input: bad });
      expect(r.data, field).toBeNull();
      expect(r.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(writes(env.calls)).toEqual([]);

    const created = await env.run(mutation, { input });
    expect(created.errors).toBeUndefined();
    const program = created.data.createProgram.program;
    expect(program.id).toMatch(/^prog-[0-9a-f]{12}$/);
    expect(program).toMatchObject({
      name: '昆仑英才',
      kind: 'TRAINING',
      ownerRegion: { code: '630100' },
      period: input.period,
      description: '',
      targets: [
        { metric: 'TRAINED', source: 'AWARDS', awardCategory: 'TRAINED', achieved: 0, share: 0 },
        { metric: 'FUNDS_USED', source: 'REPORTED', awardCategory: null, achieved: 120, share: 0.24 },
        { metric: 'BASES', source: 'REPORTED', awardCategory: null, achieved: 0, share: 0 },
      ],
    });
    const listed = await env.run('{ programs(region: "630000", kind: TRAINING) { id } }');
    expect(listed.data.programs).toEqual([{ id: program.id }]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProjectsEnv, setup, writes } from './fixture.ts';

describe('projects subgraph: challenges', () => {
  let env: ProjectsEnv;
  beforeAll(async () => {
    env = await setup();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('lists challenges by region and status, earliest deadline first, and looks one up', async () => {
    const list = async (variables: Record<string, unknown>) => {
      const { data, errors } = await env.run('query($region: ID, $status: ChallengeStatus) { challenges(region: $region, status: $status) { id } }', variables);
      expect(errors).toBeUndefined();
      return data.challenges.map((c: { id: string }) => c.id);
    };
    expect(await list({})).toEqual(['chl-sc-3', 'chl-qh-1', 'chl-sc-2', 'chl-sc-1']);
    expect(await list({ region: '510000' })).toEqual(['chl-sc-3', 'chl-sc-2', 'chl-sc-1']);
    expect(await list({ region: '510000', status: 'OPEN' })).toEqual(['chl-sc-2', 'chl-sc-1']);
    expect(await list({ region: '510100' })).toEqual(['chl-sc-2']);
    expect(await list({ status: 'CLOSED' })).toEqual([]);

    const { data, errors } = await env.run('{ challenge(id: "chl-sc-1") { id title region { code } sector reward deadline status program { id kind } } }');
    expect(errors).toBeUndefined();
    expect(data.challenge).toEqual({
      id: 'chl-sc-1',
      title: '川西高原果蔬保鲜技术',
      region: { code: '510000' },
      sector: 'AGRICULTURE',
      reward: 2_000_000,
      deadline: '2026-06-30',
      status: 'OPEN',
      program: { id: 'prog-sc-jbgs', kind: 'OPEN_CHALLENGE' },
    });
    expect((await env.run('{ challenge(id: "chl-qh-1") { program { id } } }')).data.challenge.program).toBeNull();
    expect((await env.run('{ challenge(id: "chl-nope") { id } }')).data.challenge).toBeNull();
  });

  it('publishes a challenge as OPEN; bad input or an unknown programme writes nothing', async () => {
    const mutation =
      'mutation($input: PublishChallengeInput!) { publishChallenge(input: $input) { challenge { id title region { code } sector reward deadline status program { id } } } }';
    const input = { title: '高原草地生态修复', region: '632200', sector: 'AGRICULTURE', reward: 1_500_000, deadline: '2026-09-30' };
    env.calls.length = 0;
    for (const [bad, field] of [
      [{ ...input, title: '' }, 'input.title'],
      [{ ...input, region: 'QH' }, 'input.region'],
      [{ ...input, reward: -1 }, 'input.reward'],
      [{ ...input, programId: 'prog nope' }, 'input.programId'],
    ] as const) {
      const r = await env.run(mutation, { input: bad });
      expect(r.data, field).toBeNull();
      expect(r.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // Not a calendar date: rejected by the LocalDate scalar before any resolver runs.
    const badDate = await env.run(mutation, { input: { ...input, deadline: '2026-02-30' } });
    expect(badDate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await env.run(mutation, { input: { ...input, programId: 'prog-nope' } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(writes(env.calls)).toEqual([]);

    const plain = await env.run(mutation, { input });
    expect(plain.errors).toBeUndefined();
    expect(plain.data.publishChallenge.challenge).toMatchObject({ ...input, region: { code: '632200' }, status: 'OPEN', program: null });
    expect(plain.data.publishChallenge.challenge.id).toMatch(/^chl-[0-9a-f]{12}$/);
    const under = await env.run(mutation, { input: { ...input, title: '青海湖湟鱼保护', programId: 'prog-qh-scholar' } });
    expect(under.errors).toBeUndefined();
    expect(under.data.publishChallenge.challenge.program).toEqual({ id: 'prog-qh-scholar' });
    const listed = await env.run('{ challenges(region: "630000", status: OPEN) { id } }');
    expect(listed.data.challenges.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining(['chl-qh-1', plain.data.publishChallenge.challenge.id, under.data.publishChallenge.challenge.id]),
    );
  });
});

import type { Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../../data/generate.ts';
import { createEmbeddedDatabase } from '../../../store/embedded.ts';
import { type CollectionPort, type DatabasePort, recordCalls, type StoreCall } from '../../../store/port.ts';
import { AuditLog } from '../../../platform/audit/chain.ts';
import type { RequestInfo } from '../../../platform/request.ts';
import { createContext } from '../../../subgraphs/projects/context.ts';
import { callerFor } from '../../helpers/caller.ts';
import { startOwnerDirectory, talentAt } from '../../helpers/owners.ts';
import { AwardDoc, ChallengeDoc, ProgramDoc } from '../../../subgraphs/projects/model.ts';
import { createProjectsServer } from '../../../subgraphs/projects/server.ts';
import { ProjectsStore } from '../../../subgraphs/projects/store.ts';

// Small hand-built documents, parsed with the stored-document schemas so they are valid ones.
const programs: ProgramDoc[] = [
  {
    _id: 'prog-qh-scholar',
    name: '青海学者',
    ownerRegion: '630000',
    kind: 'SCHOLAR',
    period: { start: '2021-01-01', end: '2025-12-31' },
    description: '青海省高层次人才支持计划',
    targets: [
      { metric: 'SCHOLARS', label: '入选学者', target: 40, unit: '人', source: 'AWARDS', awardCategory: null, reported: null },
      { metric: 'INTRODUCED', label: '引进人才', target: 8, unit: '人', source: 'AWARDS', awardCategory: 'INTRODUCED', reported: null },
      { metric: 'POSITIONS_USED', label: '编制使用', target: 50, unit: '个', source: 'REPORTED', awardCategory: null, reported: 20 },
      { metric: 'OPEN_GOAL', label: '未定目标', target: 0, unit: '人', source: 'AWARDS', awardCategory: 'TRAINED', reported: null },
    ],
  },
  {
    _id: 'prog-nc-ten',
    name: '南昌人才10条',
    ownerRegion: '360100',
    kind: 'POLICY_PACKAGE',
    period: { start: '2022-03-01', end: '2026-12-31' },
    description: '',
    targets: [{ metric: 'SUPPORTED', label: '支持人才', target: 30, unit: '人', source: 'AWARDS', awardCategory: null, reported: null }],
  },
  {
    _id: 'prog-jx-intro',
    name: '江西省双千计划',
    ownerRegion: '360000',
    kind: 'INTRODUCTION',
    period: { start: '2019-01-01', end: '2023-12-31' },
    description: '引进和培养高层次人才',
    targets: [
      { metric: 'INTRODUCED', label: '引进', target: 10, unit: '人', source: 'AWARDS', awardCategory: 'INTRODUCED', reported: null },
      { metric: 'TRAINED', label: '培养', target: 10, unit: '人', source: 'AWARDS', awardCategory: 'TRAINED', reported: null },
    ],
  },
  {
    _id: 'prog-sc-jbgs',
    name: '四川揭榜挂帅',
    ownerRegion: '510000',
    kind: 'OPEN_CHALLENGE',
    period: { start: '2023-01-01', end: '2027-12-31' },
    description: '',
    targets: [],
  },
].map((p) => ProgramDoc.parse(p));

const talentIds = Array.from({ length: 60 }, (_, i) => `T${String(i + 1).padStart(6, '0')}`);
const awardPrograms = ['prog-qh-scholar', 'prog-nc-ten', 'prog-jx-intro'] as const;
const categories = [null, 'INTRODUCED', 'TRAINED'] as const;
const firstYear: Record<string, number> = { 'prog-qh-scholar': 2021, 'prog-nc-ten': 2022, 'prog-jx-intro': 2019 };
// Every talent gets one to three awards, spread over the three programmes, years and categories.
const awards: AwardDoc[] = talentIds.flatMap((talentId, i) =>
  Array.from({ length: (i % 3) + 1 }, (_, j) => {
    const programId = awardPrograms[(i + j) % 3]!;
    return AwardDoc.parse({
      _id: `A${String(i * 10 + j).padStart(16, '0')}`,
      programId,
      talentId,
      year: firstYear[programId]! + ((i + 2 * j) % 4),
      amount: 100_000 * (j + 1),
      category: categories[(Math.floor(i / 3) + j) % 3]!,
    });
  }),
);

const challenges: ChallengeDoc[] = [
  { _id: 'chl-sc-1', title: '川西高原果蔬保鲜技术', regionCode: '510000', sector: 'AGRICULTURE', reward: 2_000_000, deadline: '2026-06-30', status: 'OPEN', programId: 'prog-sc-jbgs' },
  { _id: 'chl-sc-2', title: '成都轨道交通智能运维', regionCode: '510100', sector: 'INDUSTRY', reward: 5_000_000, deadline: '2026-03-31', status: 'OPEN', programId: 'prog-sc-jbgs' },
  { _id: 'chl-sc-3', title: '攀西钒钛资源综合利用', regionCode: '510400', sector: 'INDUSTRY', reward: 8_000_000, deadline: '2025-12-31', status: 'AWARDED', programId: null },
  { _id: 'chl-qh-1', title: '盐湖锂资源提取', regionCode: '630000', sector: 'INDUSTRY', reward: 3_000_000, deadline: '2026-01-15', status: 'OPEN', programId: null },
].map((c) => ChallengeDoc.parse(c));

const dataset = { programs, awards, challenges };

/** What a target should report, computed straight from the documents. */
function expectedAchieved(program: ProgramDoc, metric: string, all: AwardDoc[] = awards): number {
  const t = program.targets.find((x) => x.metric === metric)!;
  if (t.source === 'REPORTED') return t.reported ?? 0;
  return all.filter((a) => a.programId === program._id && (t.awardCategory === null || a.category === t.awardCategory)).length;
}

async function setup() {
  const calls: StoreCall[] = [];
  const db = recordCalls(createEmbeddedDatabase(), (call) => calls.push(call));
  const store = await ProjectsStore.open(db);
  await store.seed(dataset);
  await store.seed(dataset); // idempotent: upserts by id
  calls.length = 0;
  const { server } = createProjectsServer({ logError: () => {} });
  const audit = await AuditLog.open(db);
  // The owner of talents (a real experts subgraph) knows T000777 as a Qinghai talent.
  const [base] = generateDataset({ talents: 1, seed: 3 }).experts.talents;
  const directory = await startOwnerDirectory([talentAt(base!, 'T000777', '630000', 'PRIVATE')]);
  // Most fixtures are Qinghai's programmes, so the default caller is Qinghai's system.
  const run = async (query: string, variables?: Record<string, unknown>, request: RequestInfo = callerFor('630000')) => {
    const contextValue = createContext({ store, audit, owners: directory.owners }, await directory.withLookup(request));
    const res = await server.executeOperation({ query, variables }, { contextValue });
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    return res.body.singleResult as { data?: any; errors?: any[] };
  };
  return { store, audit, calls, run, close: () => directory.close() };
}

const writes = (calls: StoreCall[]) => calls.filter((c) => ['insertOne', 'updateOne', 'bulkWrite'].includes(c.method));
const callCounts = (calls: StoreCall[]) => calls.map((c) => `${c.collection}.${c.method}`).sort();

describe('projects subgraph', () => {
  let env: Awaited<ReturnType<typeof setup>>;
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
    const expected = awards.filter((a) => a.programId === 'prog-qh-scholar').map((a) => a._id).sort();
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

  it('batches programme lists: award pages, totals and targets of every programme cost one aggregation each', async () => {
    env.calls.length = 0;
    const paged = await env.run('{ programs { id awards(first: 2) { totalCount edges { node { id } } } } }');
    expect(paged.errors).toBeUndefined();
    expect(paged.data.programs).toHaveLength(programs.length);
    for (const p of paged.data.programs) {
      const own = awards.filter((a) => a.programId === p.id).map((a) => a._id).sort();
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
    const mutation = 'mutation($input: CreateProgramInput!) { createProgram(input: $input) { program { id name kind ownerRegion { code } period { start end } description targets { metric source awardCategory achieved share } } } }';
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

  it('records an award that counts towards targets; wrong year, unknown programme or bad ids write nothing', async () => {
    const p = programs[0]!;
    const mutation = 'mutation($input: RecordAwardInput!) { recordAward(input: $input) { award { id year amount category talentId program { id targets { metric achieved } } } } }';
    const input = { programId: p._id, talentId: 'T000777', year: 2024, amount: 300_000, category: 'INTRODUCED' };
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
    expect(award).toMatchObject({ year: 2024, amount: 300_000, category: 'INTRODUCED', talentId: 'T000777' });
    const achieved = Object.fromEntries(award.program.targets.map((t: { metric: string; achieved: number }) => [t.metric, t.achieved]));
    expect(achieved).toEqual({ ...achievedBefore, SCHOLARS: achievedBefore.SCHOLARS + 1, INTRODUCED: achievedBefore.INTRODUCED + 1 });

    const after = await env.run('query($r: [_Any!]!) { program(id: "prog-qh-scholar") { awards { totalCount } } _entities(representations: $r) { ... on Talent { awards { id } } } }', {
      r: [{ __typename: 'Talent', id: 'T000777', homeRegion: { code: '630000' } }],
    });
    expect(after.data.program.awards.totalCount).toBe(before.data.program.awards.totalCount + 1);
    expect(after.data._entities).toEqual([{ awards: [{ id: award.id }] }]);
  });

  it('publishes a challenge as OPEN; bad input or an unknown programme writes nothing', async () => {
    const mutation = 'mutation($input: PublishChallengeInput!) { publishChallenge(input: $input) { challenge { id title region { code } sector reward deadline status program { id } } } }';
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

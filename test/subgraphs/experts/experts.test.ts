import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../../data/generate.ts';
import { createContext } from '../../../subgraphs/experts/context.ts';
import { createExpertsServer } from '../../../subgraphs/experts/server.ts';
import { ExpertsStore } from '../../../subgraphs/experts/store.ts';
import { AuditLog } from '../../../platform/audit/chain.ts';
import { createEmbeddedDatabase } from '../../../store/embedded.ts';
import type { RequestInfo } from '../../../platform/request.ts';
import { callerFor } from '../../helpers/caller.ts';
import { recordCalls, type StoreCall } from '../../../store/port.ts';

const dataset = generateDataset({ talents: 400, seed: 11 });
const REGION = '510000';
// The default caller is Sichuan's system with no agreements: it sees its own talents and NATIONAL ones.
const talents = dataset.experts.talents.filter((t) => t.homeRegion === REGION || t.sharing === 'NATIONAL');

async function setup() {
  const calls: StoreCall[] = [];
  const db = recordCalls(createEmbeddedDatabase(), (call) => calls.push(call));
  const store = await ExpertsStore.open(db);
  await store.seed(dataset.experts);
  calls.length = 0;
  const { server } = createExpertsServer({ logError: () => {} });
  const audit = await AuditLog.open(db);
  calls.length = 0;
  const run = async (query: string, variables?: Record<string, unknown>, request: RequestInfo = callerFor('510000')) => {
    const res = await server.executeOperation({ query, variables }, { contextValue: createContext({ store, audit }, request) });
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    return res.body.singleResult as { data?: any; errors?: any[] };
  };
  return { store, audit, calls, run };
}

describe('experts subgraph', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup();
  });

  it('looks a talent up by id, with disciplines and pools resolved', async () => {
    const t = talents.find((x) => x.poolIds.length > 0 && x.homeRegion === REGION)!;
    const { data, errors } = await env.run('query($id: ID!) { talent(id: $id) { id name title homeRegion { code } disciplines { code name } pools { id level } sectors } }', {
      id: t._id,
    });
    expect(errors).toBeUndefined();
    expect(data.talent).toMatchObject({ id: t._id, name: t.name, title: t.title, homeRegion: { code: t.homeRegion }, sectors: t.sectors });
    expect(data.talent.disciplines.map((d: { code: string }) => d.code)).toEqual(t.disciplineCodes);
    expect(data.talent.pools.map((p: { id: string }) => p.id)).toEqual(t.poolIds);
    const missing = await env.run('{ talent(id: "T999999") { id } }');
    expect(missing.data.talent).toBeNull();
  });

  it('filters talents by region, sector, discipline, skill, availability and text, with exact totalCount', async () => {
    const t = talents.find((x) => x.homeRegion !== REGION && x.skills.length > 0)!;
    const cases: [Record<string, unknown>, (x: (typeof talents)[number]) => boolean][] = [
      [{ homeRegion: t.homeRegion }, (x) => x.homeRegion === t.homeRegion],
      [{ sector: 'AGRICULTURE' }, (x) => x.sectors.includes('AGRICULTURE')],
      [{ discipline: t.disciplineCodes[0] }, (x) => x.disciplineCodes.includes(t.disciplineCodes[0]!)],
      [{ skill: t.skills[0] }, (x) => x.skills.includes(t.skills[0]!)],
      [{ availability: 'LIMITED', sector: 'INDUSTRY' }, (x) => x.availability === 'LIMITED' && x.sectors.includes('INDUSTRY')],
      [{ text: t.organization.slice(0, 4) }, (x) => [x.name, x.organization, ...x.skills].some((s) => s.toLowerCase().includes(t.organization.slice(0, 4).toLowerCase()))],
    ];
    for (const [filter, predicate] of cases) {
      const { data, errors } = await env.run('query($f: TalentFilter) { talents(filter: $f, first: 100) { totalCount edges { node { id } } } }', { f: filter });
      expect(errors).toBeUndefined();
      const expected = talents
        .filter(predicate)
        .map((x) => x._id)
        .sort();
      expect(data.talents.totalCount, JSON.stringify(filter)).toBe(expected.length);
      expect(data.talents.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(expected.slice(0, 100));
    }
  });

  it('pages with opaque cursors until the end, with no gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { data, errors }: { data?: any; errors?: any[] } = await env.run(
        'query($after: String) { talents(filter: { sector: SERVICES }, first: 37, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      expect(errors).toBeUndefined();
      seen.push(...data.talents.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!data.talents.pageInfo.hasNextPage) break;
      after = data.talents.pageInfo.endCursor;
    }
    expect(seen).toEqual(
      talents
        .filter((t) => t.sectors.includes('SERVICES'))
        .map((t) => t._id)
        .sort(),
    );
  });

  it('rejects forged cursors, first above 100 and negative first as BAD_USER_INPUT naming the argument', async () => {
    for (const [variables, field] of [
      [{ first: 101 }, 'first'],
      [{ first: -1 }, 'first'],
      [{ after: 'not-a-cursor' }, 'after'],
      [{ after: Buffer.from('{"v":1,"k":{"$gt":""}}').toString('base64url') }, 'after'],
    ] as const) {
      const { data, errors } = await env.run('query($first: Int, $after: String) { talents(first: $first, after: $after) { totalCount } }', variables);
      expect(data).toBeNull();
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('registers, updates and pools a talent; bad input is BAD_USER_INPUT with the field and writes nothing', async () => {
    const input = {
      name: '测试人才甲',
      gender: 'FEMALE',
      birthYear: 1985,
      degree: 'DOCTORATE',
      title: '研究员',
      careerStage: 'SENIOR',
      organization: '四川省农业科学院',
      disciplineCodes: ['210'],
      sectors: ['AGRICULTURE'],
      skills: ['水稻育种'],
      homeRegion: '510000',
      sharing: 'AGREEMENT',
      consent: { contactSharing: true, purposes: ['EXPERT_CONSULTATION'] },
      contact: { phone: '13800000000', email: 'test-a@example.org' },
      source: '四川省专家人才库',
    };
    const before = await env.store.countTalents({});
    for (const [bad, field] of [
      [{ ...input, birthYear: 1800 }, 'input.birthYear'],
      [{ ...input, homeRegion: '510100' }, 'input.homeRegion'],
      [{ ...input, disciplineCodes: ['210', '999'] }, 'input.disciplineCodes.1'],
      [{ ...input, contact: { email: 'not-an-email' } }, 'input.contact.email'],
      [{ ...input, name: '   ' }, 'input.name'],
    ] as const) {
      const r = await env.run('mutation($input: RegisterTalentInput!) { registerTalent(input: $input) { talent { id } } }', { input: bad });
      expect(r.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await env.store.countTalents({})).toBe(before);

    const created = await env.run(
      'mutation($input: RegisterTalentInput!) { registerTalent(input: $input) { talent { id name homeRegion { code } consent { contactSharing consentedAt } } } }',
      { input },
    );
    expect(created.errors).toBeUndefined();
    const id = created.data.registerTalent.talent.id as string;
    // The id names the home province, so the hub can route it to the node that holds it.
    expect(id).toMatch(/^T-510000-[0-9A-F]{16}$/);
    expect(new Date(created.data.registerTalent.talent.consent.consentedAt).getTime()).toBeGreaterThan(0);
    expect(await env.store.countTalents({})).toBe(before + 1);

    const updated = await env.run('mutation($id: ID!) { updateTalent(id: $id, input: { title: "正高级农艺师", skills: ["杂交水稻"] }) { talent { title skills name } } }', { id });
    expect(updated.data.updateTalent.talent).toEqual({ title: '正高级农艺师', skills: ['杂交水稻'], name: '测试人才甲' });
    const emptyUpdate = await env.run('mutation($id: ID!) { updateTalent(id: $id, input: {}) { talent { id } } }', { id });
    expect(emptyUpdate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await env.run('mutation { updateTalent(id: "T000000X", input: { title: "x" }) { talent { id } } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // A pool of the caller's own province: only its province's systems add members to a pool.
    const pool = dataset.experts.pools.find((p) => p.regionCode.startsWith('51'))!;
    for (let i = 0; i < 2; i++) {
      const added = await env.run('mutation($t: ID!, $p: ID!) { addTalentToPool(talentId: $t, poolId: $p) { talent { pools { id } } pool { id } } }', { t: id, p: pool._id });
      expect(added.data.addTalentToPool.talent.pools).toEqual([{ id: pool._id }]);
    }
    const noPool = await env.run('mutation($t: ID!) { addTalentToPool(talentId: $t, poolId: "pool-nope") { pool { id } } }', { t: id });
    expect(noPool.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const members = await env.run('query($p: ID!) { expertPool(id: $p) { members(first: 100) { totalCount edges { node { id } } } } }', { p: pool._id });
    expect(members.data.expertPool.members.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);
  });

  it('lists pools by region prefix and sector, and the GB/T 13745 disciplines', async () => {
    const { data } = await env.run('{ expertPools(region: "520000", sector: AGRICULTURE) { id level region { code } sectors } disciplines { code name } }');
    expect(data.expertPools.length).toBeGreaterThan(0);
    for (const p of data.expertPools) {
      expect(p.region.code.startsWith('52')).toBe(true);
      expect(p.sectors).toContain('AGRICULTURE');
    }
    expect(data.expertPools.map((p: { level: string }) => p.level)).toEqual(expect.arrayContaining(['PROVINCE', 'COUNTY']));
    expect(data.disciplines).toContainEqual({ code: '210', name: '农学' });
  });

  it('batches entity references: 50 talents with disciplines and pools cost one call per collection', async () => {
    const ids = talents.slice(0, 50).map((t) => ({ __typename: 'Talent', id: t._id }));
    env.calls.length = 0;
    const { data, errors } = await env.run('query($r: [_Any!]!) { _entities(representations: $r) { ... on Talent { id disciplines { name } pools { name } } } }', { r: ids });
    expect(errors).toBeUndefined();
    expect(data._entities).toHaveLength(50);
    const counts: Record<string, number> = {};
    for (const c of env.calls) counts[c.collection] = (counts[c.collection] ?? 0) + 1;
    expect(counts).toEqual({ talents: 1, disciplines: 1, pools: 1 });
  });

  it('batches pool members: many pools with members and counts cost one call each', async () => {
    const pools = dataset.experts.pools.slice(1, 31).map((p) => ({ __typename: 'ExpertPool', id: p._id }));
    env.calls.length = 0;
    const { data, errors } = await env.run(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on ExpertPool { id members(first: 3) { totalCount edges { node { id } } } } } }',
      { r: pools },
    );
    expect(errors).toBeUndefined();
    for (const p of data._entities) {
      const expected = talents
        .filter((t) => t.poolIds.includes(p.id))
        .map((t) => t._id)
        .sort();
      expect(p.members.totalCount).toBe(expected.length);
      expect(p.members.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(expected.slice(0, 3));
    }
    expect(env.calls.map((c) => `${c.collection}.${c.method}`).sort()).toEqual(['pools.find', 'talents.aggregate', 'talents.aggregate']);
  });
});

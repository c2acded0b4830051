import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../../data/generate.ts';
import { type CallerSigner, createCallerSigner } from '../../../gateway/signer.ts';
import type { Grant } from '../../../platform/caller.ts';
import { DEFAULT_STATS_ROUNDING } from '../../../platform/disclosure.ts';
import { type ExpertsNode, nodeAudience } from '../../../platform/nodes.ts';
import { type StartedSubgraph, startSubgraph } from '../../../platform/runner.ts';
import { mergeTalentCounts, publishTalentStats, type TalentCounts } from '../../../platform/talent-stats.ts';
import type { TalentDoc } from '../../../subgraphs/experts/model.ts';
import { expertsService } from '../../../subgraphs/experts/server.ts';
import type { ExpertsStore } from '../../../subgraphs/experts/store.ts';
import { createEmbeddedDatabase } from '../../../store/embedded.ts';
import { ALL_SCOPES } from '../../helpers/caller.ts';

/**
 * Provincial nodes of the experts subgraph (issue 14), each started as `npm start` starts it
 * (startSubgraph, real HTTP on port 0, tokens signed by a gateway signer): a node holds only its
 * provinces' talents and pools, answers only tokens made for it, refuses writes for other
 * provinces, and its raw counts, summed with the other nodes' and published, are exactly the
 * answer of one node holding every talent.
 */
const dataset = generateDataset({ talents: 600, seed: 7 });
const SICHUAN = '510000';
const CHONGQING = '500000';
const QINGHAI = '630000';
const URL_UNUSED = 'http://127.0.0.1:9/graphql';
const NODES: ExpertsNode[] = [
  { name: 'sichuan', provinces: [SICHUAN], url: URL_UNUSED },
  { name: 'rest', provinces: '*', url: URL_UNUSED },
];
/** What the 川渝 agreement gives Chongqing: every sector of Sichuan. */
const chengyu: Grant = { region: SICHUAN, agreementId: 'agr-test-chengyu', sectors: ['AGRICULTURE', 'INDUSTRY', 'SERVICES'], disciplines: [], contact: true };

interface Answer {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

type Node = StartedSubgraph<ExpertsStore>;

describe('experts nodes', () => {
  let signer: CallerSigner;
  let single: Node;
  let sichuan: Node;
  let rest: Node;

  const start = async (node?: string) =>
    (await startSubgraph(expertsService, {
      db: createEmbeddedDatabase(),
      port: 0,
      host: '127.0.0.1',
      keys: signer.localKeys(),
      seed: dataset.experts,
      node: node ? { name: node, nodes: NODES } : undefined,
    })) as Node;

  beforeAll(async () => {
    signer = await createCallerSigner();
    [single, sichuan, rest] = await Promise.all([start(), start('sichuan'), start('rest')]);
  });
  afterAll(async () => {
    await Promise.all([single, sichuan, rest].map((n) => n?.close()));
  });

  /** Asks `node` as the gateway would for a system of `region`, with a token made for `audience` (default: that node's). */
  async function ask(
    node: Node,
    query: string,
    variables: Record<string, unknown> = {},
    as: { region?: string; scopes?: string[]; grants?: Grant[]; audience?: string | string[] } = {},
  ): Promise<Answer> {
    const name = node === single ? 'experts' : node === sichuan ? 'sichuan' : 'rest';
    const token = await signer.sign({
      audience: as.audience ?? nodeAudience('experts', name),
      sub: `test-${as.region ?? SICHUAN}`,
      region: as.region ?? SICHUAN,
      scopes: as.scopes ?? ALL_SCOPES,
      purpose: null,
      grants: as.grants ?? [],
    });
    const res = await fetch(node.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as Answer;
  }

  const ids = async (node: Node, collection: string) =>
    (
      await node.db
        .collection<{ _id: string }>(collection)
        .find({}, { sort: { _id: 1 } })
        .toArray()
    ).map((d) => d._id);

  it("seeds each node with only its provinces' talents and pools, and every discipline", async () => {
    const inSichuan = (code: string) => code.startsWith('51');
    const talents = (keep: (t: TalentDoc) => boolean) =>
      dataset.experts.talents
        .filter(keep)
        .map((t) => t._id)
        .sort();
    expect(await ids(sichuan, 'talents')).toEqual(talents((t) => inSichuan(t.homeRegion)));
    expect(await ids(rest, 'talents')).toEqual(talents((t) => !inSichuan(t.homeRegion)));
    expect(await ids(single, 'talents')).toEqual(talents(() => true));
    expect((await ids(sichuan, 'talents')).length).toBeGreaterThan(0);
    const pools = (keep: (code: string) => boolean) =>
      dataset.experts.pools
        .filter((p) => keep(p.regionCode))
        .map((p) => p._id)
        .sort();
    expect(await ids(sichuan, 'pools')).toEqual(pools(inSichuan));
    expect(await ids(rest, 'pools')).toEqual(pools((code) => !inSichuan(code)));
    expect((await ids(sichuan, 'disciplines')).length).toBe(dataset.experts.disciplines.length);
    expect((await ids(rest, 'disciplines')).length).toBe(dataset.experts.disciplines.length);
  });

  it('answers only tokens made for it: its own audience, or a list that names it', async () => {
    const query = '{ talents(first: 1) { totalCount } }';
    const own = await ask(sichuan, query);
    expect(own.errors).toBeUndefined();
    expect(own.data?.talents.totalCount).toBeGreaterThan(0);
    for (const audience of ['experts', 'experts@rest', 'projects']) {
      const refused = await ask(sichuan, query, {}, { audience });
      expect(refused.errors?.[0]?.extensions?.code, audience).toBe('UNAUTHENTICATED');
    }
    // An owner-lookup token is made for every node at once.
    const listed = await ask(rest, query, {}, { audience: ['experts@sichuan', 'experts@rest'] });
    expect(listed.errors).toBeUndefined();
    // The single node keeps today's audience.
    expect((await ask(single, query)).errors).toBeUndefined();
  });

  const PARTS = `query($groupBy: [TalentDimension!]!, $filter: TalentFilter) { talentStatsParts(groupBy: $groupBy, filter: $filter) {
    groups { keys { dimension value label } own others fingerprint } total { keys { value } own others fingerprint } } }`;
  const STATS = `query($groupBy: [TalentDimension!]!, $filter: TalentFilter) { talentStats(groupBy: $groupBy, filter: $filter) {
    groupBy groups { keys { dimension value } count ownRegionCount suppressed } total ownRegionTotal suppressedGroups minGroupSize } }`;

  type Part = { keys: { value: string | null; label?: string | null }[]; own: number; others: number; fingerprint: number };
  const counts = (parts: { groups: Part[]; total: Part }): TalentCounts => ({
    groups: parts.groups.map((g) => ({ values: g.keys.map((k) => k.value), own: g.own, others: { n: g.others, fingerprint: g.fingerprint } })),
    total: { own: parts.total.own, others: { n: parts.total.others, fingerprint: parts.total.fingerprint } },
  });

  it('sums to the same published statistics as one node holding every talent', async () => {
    const callers = [{ region: SICHUAN }, { region: CHONGQING, grants: [chengyu] }, { region: QINGHAI, scopes: ['stats:read'] }];
    const questions: [string[], Record<string, unknown> | null][] = [
      [['REGION'], null],
      [['SECTOR', 'CAREER_STAGE'], null],
      [['DISCIPLINE'], { sector: 'AGRICULTURE' }],
      [['AVAILABILITY'], { homeRegion: SICHUAN }],
      [['REGION', 'SECTOR'], { careerStage: 'SENIOR' }],
    ];
    let suppressed = 0;
    for (const as of callers) {
      for (const [groupBy, filter] of questions) {
        const what = `${as.region} ${groupBy.join('+')} ${JSON.stringify(filter)}`;
        const expected = await ask(single, STATS, { groupBy, filter }, as);
        expect(expected.errors, what).toBeUndefined();
        const parts = await Promise.all([sichuan, rest].map((n) => ask(n, PARTS, { groupBy, filter }, as)));
        for (const p of parts) expect(p.errors, what).toBeUndefined();
        const merged = mergeTalentCounts(parts.map((p) => counts(p.data!.talentStatsParts)));
        const published = publishTalentStats({
          ...merged,
          groupBy,
          homeRegion: (filter?.homeRegion as string) ?? null,
          own: as.region,
          settings: { minGroup: 5, ...DEFAULT_STATS_ROUNDING },
        });
        expect(published, what).toEqual(expected.data!.talentStats);
        suppressed += published.suppressedGroups;
      }
    }
    // The questions reach groups small enough to be suppressed, where merging first matters.
    expect(suppressed).toBeGreaterThan(0);
  });

  it('gives the parts with labelled keys, and refuses them exactly as talentStats', async () => {
    const parts = await ask(sichuan, PARTS, { groupBy: ['SECTOR'], filter: null });
    expect(parts.data?.talentStatsParts.groups.map((g: Part) => g.keys[0]!.label).sort()).toEqual(['工业', '服务业', '农业'].sort());
    expect(parts.data?.talentStatsParts.total.keys).toEqual([]);
    const noScope = await ask(sichuan, PARTS, { groupBy: ['SECTOR'] }, { scopes: ['talent:read'] });
    expect(noScope.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const locating = await ask(sichuan, PARTS, { groupBy: ['SECTOR'], filter: { skill: '水稻育种' } }, { scopes: ['stats:read'] });
    expect(locating.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'filter.skill' });
    const badGroup = await ask(sichuan, PARTS, { groupBy: [] });
    expect(badGroup.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  // The writes come last: the statistics above compare nodes with a single node seeded alike.
  const REGISTER = 'mutation($input: RegisterTalentInput!) { registerTalent(input: $input) { talent { id homeRegion { code } } } }';
  const input = (homeRegion: string) => ({
    name: '测试人才乙',
    gender: 'MALE',
    birthYear: 1980,
    degree: 'MASTER',
    title: '高级工程师',
    careerStage: 'SENIOR',
    organization: '测试单位',
    disciplineCodes: ['210'],
    sectors: ['AGRICULTURE'],
    homeRegion,
    sharing: 'NATIONAL',
    source: '测试',
  });
  const auditEvents = (node: Node) => node.db.collection('audit_events').countDocuments({});

  it("registers a talent of its own province with an id naming it, and refuses another province's with nothing written", async () => {
    const talentsBefore = await sichuan.db.collection('talents').countDocuments({});
    const eventsBefore = await auditEvents(sichuan);
    const refused = await ask(sichuan, REGISTER, { input: input(CHONGQING) }, { region: CHONGQING });
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.homeRegion' });
    expect(refused.errors?.[0]?.message).toContain("registered by its home province's node, through the hub");
    expect(await sichuan.db.collection('talents').countDocuments({})).toBe(talentsBefore);
    expect(await auditEvents(sichuan)).toBe(eventsBefore);

    const created = await ask(sichuan, REGISTER, { input: input(SICHUAN) });
    expect(created.errors).toBeUndefined();
    expect(created.data?.registerTalent.talent.id).toMatch(/^T-510000-[0-9A-F]{16}$/);
    expect(await sichuan.db.collection('talents').countDocuments({})).toBe(talentsBefore + 1);
    // The rest node registers Chongqing's talents.
    const elsewhere = await ask(rest, REGISTER, { input: input(CHONGQING) }, { region: CHONGQING });
    expect(elsewhere.data?.registerTalent.talent.id).toMatch(/^T-500000-/);
  });

  it("answers writes to another node's talents and pools as for missing records", async () => {
    const chongqingTalent = dataset.experts.talents.find((t) => t.homeRegion === CHONGQING)!;
    const sichuanTalent = dataset.experts.talents.find((t) => t.homeRegion === SICHUAN)!;
    const chongqingPool = dataset.experts.pools.find((p) => p.regionCode.startsWith('50'))!;
    const sichuanPool = dataset.experts.pools.find((p) => p.regionCode === SICHUAN)!;
    const UPDATE = 'mutation($id: ID!) { updateTalent(id: $id, input: { title: "研究员" }) { talent { id } } }';
    const ADD = 'mutation($t: ID!, $p: ID!) { addTalentToPool(talentId: $t, poolId: $p) { pool { id } } }';
    const asChongqing = { region: CHONGQING };
    const missing = await ask(sichuan, UPDATE, { id: 'T-500000-999999' }, asChongqing);
    const foreign = await ask(sichuan, UPDATE, { id: chongqingTalent._id }, asChongqing);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(foreign.errors?.[0]?.message.replace(chongqingTalent._id, 'ID')).toBe(missing.errors?.[0]?.message.replace('T-500000-999999', 'ID'));
    const foreignPool = await ask(sichuan, ADD, { t: chongqingTalent._id, p: chongqingPool._id }, asChongqing);
    expect(foreignPool.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // A pool of the node with a talent another node holds (its id says so): refused as such,
    // without looking the talent up, so nothing about it is told.
    const foreignTalent = await ask(sichuan, ADD, { t: chongqingTalent._id, p: sichuanPool._id });
    expect(foreignTalent.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'talentId' });
    expect(foreignTalent.errors?.[0]?.message).toContain(CHONGQING);
    // Its own records it writes.
    const own = await ask(sichuan, ADD, { t: sichuanTalent._id, p: sichuanPool._id });
    expect(own.errors).toBeUndefined();
  });
});

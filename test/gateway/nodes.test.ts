import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsOptions, type Hub, startHub } from '../helpers/hub.ts';

/**
 * The gateway's routing over provincial experts nodes (gateway/nodes): the same seed served by
 * three nodes (Sichuan, Chongqing, the rest) and by one node holding everything must give
 * identical answers, through the gateway over HTTP, for every kind of experts fetch: fanned-out
 * connections and their cursors, routed lookups, `_entities` batches split by node, merged lists
 * and aggregates merged before suppression.
 */
describe('experts as provincial nodes: answers identical to one node', () => {
  let three: Hub;
  let one: Hub;
  beforeAll(async () => {
    [three, one] = await Promise.all([startHub({ talents: 700, seed: 11 }), startHub({ talents: 700, seed: 11, nodes: 'single' })]);
  });
  afterAll(async () => {
    await Promise.all([three?.close(), one?.close()]);
  });

  /** Asks both hubs and expects the same body. */
  async function same(query: string, variables?: Record<string, unknown>, as?: AsOptions) {
    const [a, b] = await Promise.all([three.query(query, variables, as), one.query(query, variables, as)]);
    expect(a.status).toBe(b.status);
    expect(a.body).toEqual(b.body);
    return a.body;
  }

  const TALENT_PAGE = `query Page($first: Int, $after: String, $filter: TalentFilter) {
    talents(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id name homeRegion { code name } sharing disciplines { code name } } }
    }
  }`;

  it('merges an open search over all nodes in id order, with cursors valid across nodes and first honoured exactly', async () => {
    let after: string | null = null;
    const ids: string[] = [];
    for (let page = 0; page < 4; page++) {
      const body: any = await same(TALENT_PAGE, { first: 37, after });
      expect(body.errors).toBeUndefined();
      const conn = body.data.talents;
      expect(conn.edges.length).toBeLessThanOrEqual(37);
      ids.push(...conn.edges.map((e: any) => e.node.id));
      after = conn.pageInfo.endCursor;
      if (!conn.pageInfo.hasNextPage) break;
    }
    // The pages cover several provinces' nodes, and never repeat a talent.
    expect(new Set(ids.map((id) => id.slice(2, 8))).size).toBeGreaterThan(2);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('costs each node the store calls one node makes for an open search (one page read, one count)', async () => {
    three.resetCalls();
    one.resetCalls();
    await same(TALENT_PAGE, { first: 20, filter: { sector: 'AGRICULTURE', careerStage: 'MID' } });
    const calls = (list: { collection: string; method: string }[]) => list.map((c) => `${c.collection}.${c.method}`).filter((c) => c.startsWith('talents.'));
    const single = calls(one.calls.experts);
    expect(single).toEqual(['talents.find', 'talents.countDocuments']);
    for (const node of Object.keys(three.nodes)) expect(calls(three.nodeCalls[node]!), node).toEqual(single);
  });

  it('routes a filtered search to one node and merges every other filter over all', async () => {
    for (const filter of [{ homeRegion: '500000' }, { homeRegion: '440000', sector: 'INDUSTRY' }, { sector: 'AGRICULTURE' }, { text: '研究' }, { careerStage: 'LEADING' }]) {
      const body: any = await same(TALENT_PAGE, { first: 100, filter });
      expect(body.errors).toBeUndefined();
    }
    // As another province, with fewer scopes: still the same answers.
    await same(TALENT_PAGE, { first: 50 }, { region: '440000', scopes: ['talent:read'] });
  });

  it('answers lookups by id, several root fields in one fetch and lists of pools', async () => {
    const sample = three.dataset.experts.talents.filter((_, i) => i % 97 === 0).map((t) => t._id);
    const fields = sample.map((id, i) => `t${i}: talent(id: "${id}") { id name homeRegion { code } pools { id name } }`).join('\n');
    const body: any = await same(`{ ${fields} missing: talent(id: "T-510000-999999") { id } disciplines { code name } }`);
    expect(body.data.missing).toBeNull();
    expect(Object.keys(body.data).length).toBe(sample.length + 2);
    await same('{ expertPools { id name level region { code } sectors } }');
    await same('{ expertPools(region: "500000") { id name } sc: expertPools(region: "510100", sector: INDUSTRY) { id } }');
    // Pool coverage: coordination names the areas, the node holding the region's pools adds them.
    await same('{ poolCoverage(region: "510000") { summary { areas none partial full } areas { region { code } status pools { id } } } }', {}, { scopes: ['stats:read'] });
  });

  it('splits entity batches by node and reassembles them in order (awards and engagements name their talents)', async () => {
    const body: any = await same(`{
      programs { id awards(first: 30) { edges { node { id talent { id name homeRegion { code } } } } } }
      engagements(first: 60) { edges { node { id talent { id name } } } }
    }`);
    const awards = body.data.programs.flatMap((p: any) => p.awards.edges);
    const talents = [...awards, ...body.data.engagements.edges].map((e: any) => e.node.talent).filter(Boolean);
    expect(new Set(talents.map((t: any) => t.id.slice(2, 8))).size).toBeGreaterThan(1);
  });

  it('merges aggregates before suppression: the same groups, counts and suppressed cells as one node', async () => {
    const STATS = `query Stats($groupBy: [TalentDimension!]!, $filter: TalentFilter) {
      talentStats(groupBy: $groupBy, filter: $filter) {
        groupBy total ownRegionTotal suppressedGroups minGroupSize
        groups { count ownRegionCount suppressed keys { dimension value label region { code name } } }
      }
    }`;
    const stats = { scopes: ['stats:read'] };
    for (const region of ['510000', '500000', '440000']) {
      for (const groupBy of [['REGION'], ['SECTOR', 'CAREER_STAGE'], ['DISCIPLINE'], ['REGION', 'AVAILABILITY']]) {
        const body: any = await same(STATS, { groupBy }, { ...stats, region });
        expect(body.errors).toBeUndefined();
      }
    }
    // Suppression happened somewhere, so the comparison covered it.
    const body: any = await same(STATS, { groupBy: ['TITLE', 'DISCIPLINE'] }, { ...stats, region: '510000' });
    expect(body.data.talentStats.suppressedGroups).toBeGreaterThan(0);
    await same(STATS, { groupBy: ['SECTOR'], filter: { homeRegion: '500000' } }, stats);
  });

  it("pages audit events over every node's chain: oldest first, none twice, as many as totalCount", async () => {
    // Sichuan's evidence lives on two nodes: its writes of its own talents on Sichuan's node, its
    // reads of Chongqing talents' contact details (under the 川渝 agreement, with consent) on Chongqing's.
    const talents = three.dataset.experts.talents;
    const own = talents.filter((t) => t.homeRegion === '510000').slice(0, 3);
    const consented = talents
      .filter((t) => t.homeRegion === '500000' && t.sharing !== 'PRIVATE' && t.consent.contactSharing && t.consent.purposes.includes('EXPERT_CONSULTATION'))
      .slice(0, 3);
    expect(consented.length).toBeGreaterThan(0);
    const as = { region: '510000', scopes: ['talent:read', 'talent:write', 'talent:contact', 'audit:read'] };
    for (const t of own) {
      const res = await three.query('mutation($id: ID!) { updateTalent(id: $id, input: { title: "研究员" }) { talent { id } } }', { id: t._id }, as);
      expect(res.body.errors).toBeUndefined();
    }
    for (const t of consented) {
      const res = await three.query('query($id: ID!) { talent(id: $id) { contact { phone } } }', { id: t._id }, { ...as, purpose: 'EXPERT_CONSULTATION' });
      expect(res.body.errors).toBeUndefined();
    }
    const PAGE = 'query($after: String) { auditEvents(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { seq at talentHome { code } } } } }';
    const seen: { seq: number; at: string; home: string }[] = [];
    let after: string | null = null;
    let total = -1;
    for (let i = 0; i < 50; i++) {
      const res: any = await three.query(PAGE, { after }, as);
      expect(res.body.errors).toBeUndefined();
      const conn = res.body.data.auditEvents;
      total = conn.totalCount;
      seen.push(...conn.edges.map((e: any) => ({ seq: e.node.seq, at: e.node.at, home: e.node.talentHome?.code })));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen.map((e) => `${e.home}/${e.seq}`)).size).toBe(seen.length);
    expect(new Set(seen.map((e) => e.home))).toEqual(new Set(['510000', '500000']));
    expect(seen.map((e) => e.at)).toEqual([...seen.map((e) => e.at)].sort());
  });

  it("writes a pool membership on the pool's node only, and says so for a talent another node holds", async () => {
    const pool = three.dataset.experts.pools.find((p) => p.regionCode.startsWith('51'))!;
    const sichuan = three.dataset.experts.talents.find((t) => t.homeRegion === '510000' && !t.poolIds.includes(pool._id))!;
    const chongqing = three.dataset.experts.talents.find((t) => t.homeRegion === '500000' && t.sharing === 'NATIONAL')!;
    const ADD = 'mutation($t: ID!, $p: ID!) { addTalentToPool(talentId: $t, poolId: $p) { talent { id pools { id } } } }';
    const as = { region: '510000', scopes: ['talent:read', 'talent:write'] };
    const ok = await three.query(ADD, { t: sichuan._id, p: pool._id }, as);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data!.addTalentToPool.talent.pools.map((p: any) => p.id)).toContain(pool._id);
    const cross = await three.query(ADD, { t: chongqing._id, p: pool._id }, as);
    expect(cross.body.data).toBeNull();
    expect(cross.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(cross.body.errors?.[0]?.message).toContain('500000');
    // Another province's pool stays FORBIDDEN, decided by the pool's own node.
    const foreign = three.dataset.experts.pools.find((p) => p.regionCode.startsWith('50'))!;
    const forbidden = await three.query(ADD, { t: sichuan._id, p: foreign._id }, as);
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses bad input the same way (one error, not one per node)', async () => {
    const body: any = await same(TALENT_PAGE, { first: 500 });
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    await same(TALENT_PAGE, { first: 5, after: 'not-a-cursor' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../gateway/serve.ts';
import { ALL_SCOPES, clientToken } from '../helpers/caller.ts';
import type { HainanStore } from '../../partners/hainan/store.ts';
import type { StartedSubgraph } from '../../platform/runner.ts';
import { type GraphQLResponse, type Hub, post, startHub } from '../helpers/hub.ts';
import { admin, removeDir, startHainan, tempDataDir, withRegistry } from '../helpers/registry.ts';

/**
 * Demand control through the gateway (gateway/cost): the estimated cost comes from the subgraphs'
 * @cost and @listSize as composed into the supergraph, is checked per client before any subgraph
 * is called, and is reported with the actual cost when the client asks, and in the metrics.
 */
let hub: Hub;
let hainan: StartedSubgraph<HainanStore, never>;
let dataDir: string;
const BIG = 'analytics-system';

beforeAll(async () => {
  dataDir = await tempDataDir();
  hub = await startHub({
    talents: 120,
    nodes: 'single',
    // Served from the registry, so a partner publish changes the supergraph at run time.
    registry: withRegistry({ dataDir }),
    gateway: { cost: { limits: { default: 1000, clients: { [BIG]: 50_000 } }, defaultListSize: 10 }, metricsListen: { host: '127.0.0.1', port: 0 } },
  });
});
afterAll(async () => {
  await hainan?.close();
  await hub?.close();
  await removeDir(dataDir);
});

const withCost = async (query: string, variables?: Record<string, unknown>, sub?: string) => {
  const token = await clientToken({ region: '510000', scopes: ALL_SCOPES, ...(sub ? { sub } : {}) });
  return post(hub.url, query, variables, { authorization: `Bearer ${token}`, 'hub-include-cost': 'true' });
};

/** What the gateway reported in `extensions.cost`. */
const costOf = (res: GraphQLResponse) => (res.body as { extensions?: { cost?: { estimated: number; actual: number; result: string; strategy: string } } }).extensions?.cost;

// talents: TalentConnection (1) + edges sized by `first` (@listSize sizedFields: ["edges"]) x
// (TalentEdge 1 + Talent 1 + homeRegion Region 1 + pools @listSize(assumedSize: 5) x ExpertPool 1).
const PAGE = '{ talents(first: 5) { totalCount edges { node { id name homeRegion { code } pools { id } } } } }';
const PAGE_COST = 1 + 5 * (1 + 1 + 1 + 5 * 1);

describe('estimated cost from the schema directives', () => {
  it('prices a page of talents by its slicing argument and the assumed size of pools', async () => {
    const res = await withCost(PAGE);
    expect(res.status).toBe(200);
    expect(costOf(res)).toMatchObject({ estimated: PAGE_COST, result: 'COST_OK', strategy: 'static_estimated' });
  });

  it('reads the slicing argument from variables, else the argument default (first = 20)', async () => {
    const query = 'query Page($n: Int) { talents(first: $n) { edges { node { id } } } }';
    expect(costOf(await withCost(query, { n: 7 }))?.estimated).toBe(1 + 7 * 2);
    expect(costOf(await withCost('{ talents { edges { node { id } } } }'))?.estimated).toBe(1 + 20 * 2);
  });

  it('adds the @cost weight of an aggregate (talentStats 50) and sizes its groups (assumed 50, keys 3)', async () => {
    const res = await withCost('{ talentStats(groupBy: [SECTOR]) { total groups { count keys { value } } } }');
    expect(res.status).toBe(200);
    expect(costOf(res)?.estimated).toBe(50 + 50 * (1 + 3 * 1));
  });
});

describe('limits per client', () => {
  // 1 + 100 x (edge 1 + talent 1 + 5 pools x (pool 1 + members connection 1 + 10 x (edge 1 + talent 1)))
  const NESTED = '{ talents(first: 100) { edges { node { id pools { id members(first: 10) { edges { node { id } } } } } } } }';
  const NESTED_COST = 1 + 100 * (2 + 5 * (2 + 10 * 2));

  it('refuses an operation over the limit before any subgraph is called, naming estimate and limit', async () => {
    const before = hub.graphqlRequests();
    const res = await withCost(NESTED);
    expect(hub.graphqlRequests()).toEqual(before);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'COST_ESTIMATED_TOO_EXPENSIVE', estimated: NESTED_COST, limit: 1000 });
    expect(res.body.errors?.[0]?.message).toContain(`estimated cost of this operation is ${NESTED_COST}, over the limit of 1000`);
    expect(costOf(res)).toMatchObject({ estimated: NESTED_COST, result: 'COST_ESTIMATED_TOO_EXPENSIVE' });
  });

  it('lets a client with a higher limit run the same operation', async () => {
    const res = await withCost(NESTED, undefined, BIG);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(costOf(res)).toMatchObject({ estimated: NESTED_COST, result: 'COST_OK' });
  });

  it('refuses nested pages of 1000 even for that client', async () => {
    const abusive = '{ talents(first: 1000) { edges { node { pools { members(first: 1000) { edges { node { id } } } } } } } }';
    const res = await withCost(abusive, undefined, BIG);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('COST_ESTIMATED_TOO_EXPENSIVE');
  });
});

describe('actual cost and reporting', () => {
  it('counts the actual cost from the response: at most the estimate', async () => {
    const res = await withCost(PAGE);
    const edges = res.body.data?.talents.edges as { node: { pools: unknown[] } }[];
    expect(edges.length).toBe(5);
    const counted = 1 + edges.reduce((sum, e) => sum + 3 + e.node.pools.length, 0);
    expect(costOf(res)?.actual).toBe(counted);
    expect(costOf(res)?.actual).toBeLessThanOrEqual(costOf(res)?.estimated ?? 0);
  });

  it('reports the cost only when asked (header or request extensions)', async () => {
    expect((await hub.query(PAGE)).body).not.toHaveProperty('extensions.cost');
    const token = await clientToken({ region: '510000', scopes: ALL_SCOPES });
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: PAGE, extensions: { cost: true } }),
    });
    expect(((await res.json()) as { extensions?: { cost?: { estimated: number } } }).extensions?.cost?.estimated).toBe(PAGE_COST);
  });

  it('exposes estimated and actual costs per client in the metrics', async () => {
    await withCost(PAGE, undefined, BIG);
    const text = await (await fetch((hub.gateway as RunningGateway).metricsUrl!)).text();
    expect(text).toMatch(new RegExp(`hub_operation_cost_count\\{client="${BIG}",kind="estimated"\\} [1-9]`));
    expect(text).toMatch(new RegExp(`hub_operation_cost_count\\{client="${BIG}",kind="actual"\\} [1-9]`));
    expect(text).toMatch(/hub_operation_cost_count\{client="[^"]+",kind="estimated"\} [1-9]/);
  });
});

describe('a supergraph change re-prices', () => {
  it("prices a partner's field by its own @listSize once the partner is published", async () => {
    hainan = await startHainan(hub);
    const query = '{ talents(first: 3) { edges { node { id hainanServiceRecords { id kind } } } } }';
    expect((await withCost(query)).status, 'no such field before the publish').toBe(400);
    const published = await admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url: hainan.url });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    let res = await withCost(query);
    for (let i = 0; i < 50 && res.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      res = await withCost(query);
    }
    expect(res.status).toBe(200);
    // talents 1 + 3 x (edge 1 + talent 1 + Talent.hainanServiceRecords @listSize(assumedSize: 6) x record 1)
    expect(costOf(res)?.estimated).toBe(1 + 3 * (2 + 6));
  });
});

import { ApolloServer, HeaderMap } from '@apollo/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { responseCache } from '../../gateway/cache.ts';
import type { GatewayContext } from '../../gateway/context.ts';

/**
 * The response cache plugin on an Apollo server whose schema carries the hints a subgraph's does
 * (the gateway gets the same policy from the subgraphs' Cache-Control): an aggregate PRIVATE for
 * 60 s, a lookup by id without hints (never cached). The server's cache counts what the plugin
 * reads and writes.
 */
const typeDefs = `
  enum CacheControlScope { PUBLIC PRIVATE }
  directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
  type Query {
    talentStats(sector: String): TalentStats! @cacheControl(maxAge: 60, scope: PRIVATE)
    talentById(id: ID!): Talent
    broken: Int @cacheControl(maxAge: 60)
  }
  type TalentStats @cacheControl(inheritMaxAge: true) { total: Int! }
  type Talent { id: ID! name: String! }
`;

/** A KeyValueCache (Apollo's interface) that counts the response cache's reads and writes (keys `fqc:`). */
class CountingCache {
  readonly entries = new Map<string, { value: string; expires: number }>();
  reads = 0;
  writes = 0;
  async get(key: string): Promise<string | undefined> {
    if (key.startsWith('fqc:')) this.reads += 1;
    const entry = this.entries.get(key);
    return entry && entry.expires > Date.now() ? entry.value : undefined;
  }
  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    if (key.startsWith('fqc:')) this.writes += 1;
    this.entries.set(key, { value, expires: options?.ttl ? Date.now() + options.ttl * 1000 : Number.POSITIVE_INFINITY });
  }
  async delete(key: string): Promise<boolean> {
    return this.entries.delete(key);
  }
}

const cache = new CountingCache();
const runs = { talentStats: 0, talentById: 0 };
let server: ApolloServer<GatewayContext>;

beforeAll(async () => {
  server = new ApolloServer<GatewayContext>({
    typeDefs,
    resolvers: {
      Query: {
        talentStats: (_: unknown, args: { sector?: string }) => {
          runs.talentStats += 1;
          return { total: args.sector ? 7 : 42 };
        },
        talentById: (_: unknown, args: { id: string }) => {
          runs.talentById += 1;
          return { id: args.id, name: '测试人才' };
        },
        broken: () => {
          throw new Error('this field always fails');
        },
      },
    },
    cache,
    plugins: [responseCache()],
  });
  await server.start();
});
afterAll(async () => {
  await server?.stop();
});
beforeEach(() => {
  cache.reads = 0;
  cache.writes = 0;
});

function contextOf(region: string, sub = 'dashboard-a'): GatewayContext {
  return {
    caller: { sub, region, scopes: ['stats:read', 'talent:read'], purpose: null },
    callerToken: async () => 'unused',
    ownerLookupToken: async () => 'unused',
    grants: async () => [],
    requestId: 'test-request',
  };
}

async function query(text: string, as: GatewayContext, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await server.executeOperation(
    { query: text, variables, http: { method: 'POST', headers: new HeaderMap(Object.entries(headers)), search: '', body: {} } },
    { contextValue: as },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { result: response.body.singleResult, headers: response.http.headers };
}

const STATS = 'query Stats($sector: String) { talentStats(sector: $sector) { total } }';
const BY_ID = 'query TalentById($id: ID!) { talentById(id: $id) { id name } }';

describe('the response cache', () => {
  it('never hashes or reads for a query no answer of which was stored (a lookup by id): the plugin is not asked', async () => {
    for (const id of ['t1', 't2', 't1']) {
      const { result } = await query(BY_ID, contextOf('510000'), { id });
      expect(result.data).toEqual({ talentById: { id, name: '测试人才' } });
    }
    expect(runs.talentById).toBe(3);
    expect({ reads: cache.reads, writes: cache.writes }).toEqual({ reads: 0, writes: 0 });
  });

  it('stores a cacheable answer at its first request and serves it from then on, per caller view', async () => {
    const first = await query(STATS, contextOf('510000'));
    expect(first.result.data).toEqual({ talentStats: { total: 42 } });
    expect(first.headers.get('cache-control')).toBe('max-age=60, private');
    // Nothing of this document was stored yet: written, not read.
    expect({ reads: cache.reads, writes: cache.writes }).toEqual({ reads: 0, writes: 1 });
    const ran = runs.talentStats;

    const again = await query(STATS, contextOf('510000', 'dashboard-b'));
    expect(again.result.data).toEqual({ talentStats: { total: 42 } });
    expect(again.headers.get('age')).not.toBeNull();
    expect(runs.talentStats, 'served from the cache').toBe(ran);
    expect(cache.writes).toBe(1);

    // Another region is another view: it runs, and is stored for that view.
    await query(STATS, contextOf('500000'));
    expect(runs.talentStats).toBe(ran + 1);
    await query(STATS, contextOf('500000'));
    expect(runs.talentStats).toBe(ran + 1);

    // Other variables are another entry: looked up (a miss), run and stored.
    const reads = cache.reads;
    const other = await query(STATS, contextOf('510000'), { sector: 'INDUSTRY' });
    expect(other.result.data).toEqual({ talentStats: { total: 7 } });
    expect(runs.talentStats).toBe(ran + 2);
    expect(cache.reads).toBeGreaterThan(reads);
    await query(STATS, contextOf('510000'), { sector: 'INDUSTRY' });
    expect(runs.talentStats).toBe(ran + 2);
  });

  it('skips the lookup with Cache-Control: no-cache and refreshes the entry', async () => {
    const text = '{ talentStats(sector: "SERVICES") { total } }';
    await query(text, contextOf('510000'));
    const ran = runs.talentStats;
    const writes = cache.writes;
    await query(text, contextOf('510000'), {}, { 'cache-control': 'no-cache' });
    expect(runs.talentStats).toBe(ran + 1);
    expect(cache.writes).toBe(writes + 1);
    await query(text, contextOf('510000'));
    expect(runs.talentStats).toBe(ran + 1);
  });

  it('never stores an answer with errors, or one with a field without hints', async () => {
    for (const text of ['{ talentStats { total } broken }', '{ talentStats { total } talentById(id: "t9") { id } }']) {
      const ran = runs.talentStats;
      await query(text, contextOf('510000'));
      await query(text, contextOf('510000'));
      expect(runs.talentStats, text).toBe(ran + 2);
    }
    expect({ reads: cache.reads, writes: cache.writes }).toEqual({ reads: 0, writes: 0 });
  });
});

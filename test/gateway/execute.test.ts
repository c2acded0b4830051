import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSubgraphs, serveBenchmarkSubgraphs } from '../../bench/federation/subgraphs.ts';
import { type FederationWorkload, loadWorkload, rewriteRoutingUrls, routingUrls } from '../../bench/federation/workload.ts';
import { FEDERATION_FIXTURE_DIR } from '../helpers/federation.ts';
import { DEFAULT_COST_SETTINGS } from '../../gateway/cost/settings.ts';
import { reuseExecutionOperations } from '../../gateway/execute/operations.ts';
import { compileResponseShaping } from '../../gateway/execute/shaping.ts';
import type { RunningServer } from '../../platform/server.ts';
import { clientToken } from '../helpers/caller.ts';
import { post, serveTestGateway } from '../helpers/hub.ts';

/**
 * The execution's Operation reused per parsed document (gateway/execute/operations.ts), through
 * the hub gateway over the standard federation workload on real HTTP. Its hit count is what pins
 * the hook to @apollo/gateway's internals: an upgrade that stops calling it fails here.
 */
describe('reusing the execution Operation per document', () => {
  let workload: FederationWorkload;
  let subgraphs: RunningSubgraphs;
  let gateway: RunningServer;
  let headers: Record<string, string>;
  beforeAll(async () => {
    workload = loadWorkload(FEDERATION_FIXTURE_DIR);
    subgraphs = await serveBenchmarkSubgraphs({ data: workload.data, port: 0, host: '127.0.0.1' });
    const supergraphSdl = rewriteRoutingUrls(workload.supergraphSdl, subgraphs.baseUrl);
    gateway = await serveTestGateway({
      supergraphSdl,
      subgraphUrls: routingUrls(supergraphSdl),
      cost: { ...DEFAULT_COST_SETTINGS, limits: { default: 10_000_000, clients: {} } },
    });
    headers = { authorization: `Bearer ${await clientToken({ region: '510000', scopes: ['talent:read'], sub: 'bench-client' })}` };
  });
  afterAll(async () => {
    await gateway?.close();
    await subgraphs?.close();
  });

  it('answers TestQuery exactly as expected-response.json, the repeats reusing the first request Operation, each shaped by its compiled plan', async () => {
    const before = { ...reuseExecutionOperations() };
    const shapedBefore = compileResponseShaping().served;
    for (let i = 0; i < 3; i++) {
      const res = await fetch(gateway.url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ query: workload.query }) });
      // Byte for byte: expected-response.json's key order is @apollo/gateway's.
      expect(await res.text()).toBe(`${JSON.stringify(workload.expected)}\n`);
    }
    expect(compileResponseShaping().served - shapedBefore).toBe(3);
    const after = reuseExecutionOperations();
    expect(after.hits - before.hits).toBeGreaterThanOrEqual(2);
    expect(after.hits + after.misses - before.hits - before.misses).toBe(3);
  });

  it('applies each request variables to a reused Operation (@include, @skip, arguments)', async () => {
    const query = 'query Products($with: Boolean!, $first: Int) { topProducts(first: $first) { upc name @include(if: $with) price @skip(if: $with) } }';
    const before = reuseExecutionOperations().hits;
    const withNames = await post(gateway.url, query, { with: true, first: 2 }, headers);
    const withPrices = await post(gateway.url, query, { with: false, first: 1 }, headers);
    const again = await post(gateway.url, query, { with: true, first: 2 }, headers);
    expect(withNames.body).toEqual({
      data: {
        topProducts: [
          { upc: '1', name: 'Table' },
          { upc: '2', name: 'Couch' },
        ],
      },
    });
    expect(withPrices.body).toEqual({ data: { topProducts: [{ upc: '1', price: 899 }] } });
    expect(again.body).toEqual(withNames.body);
    expect(reuseExecutionOperations().hits - before).toBeGreaterThanOrEqual(2);
  });
});

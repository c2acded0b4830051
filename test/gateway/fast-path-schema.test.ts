import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics, type GatewayMetrics } from '../../gateway/metrics.ts';
import type { HainanStore } from '../../partners/hainan/store.ts';
import type { StartedSubgraph } from '../../platform/runner.ts';
import { ALL_SCOPES, clientToken } from '../helpers/caller.ts';
import { type Hub, post, startHub } from '../helpers/hub.ts';
import { admin, removeDir, startHainan, tempDataDir, withRegistry } from '../helpers/registry.ts';

/**
 * The fast path (gateway/fast) knows an operation only on the schema it was learned on: a partner
 * published at run time changes the supergraph, and every operation goes through the full
 * pipeline again before the fast path answers it anew. Real registry, real HTTP.
 */
let hub: Hub;
let hainan: StartedSubgraph<HainanStore, never>;
let dataDir: string;
let metrics: GatewayMetrics;

beforeAll(async () => {
  dataDir = await tempDataDir();
  metrics = createMetrics();
  hub = await startHub({ talents: 120, nodes: 'single', registry: withRegistry({ dataDir }), gateway: { metrics } });
});
afterAll(async () => {
  await hainan?.close();
  await hub?.close();
  await removeDir(dataDir);
});

const served = async () => (await metrics.fastPath.get()).values.find((v) => v.labels.outcome === 'served')?.value ?? 0;

describe('the fast path across a schema change', () => {
  it('forgets what it knew when the gateway loads a new supergraph, and learns it again on the new one', async () => {
    const token = await clientToken({ region: '510000', scopes: ALL_SCOPES });
    const headers = { authorization: `Bearer ${token}` };
    const id = hub.dataset.experts.talents.find((t) => t.homeRegion === '510000')!._id;
    const byId = async () => {
      const res = await post(hub.url, 'query Known($id: ID!) { talent(id: $id) { id name } }', { id }, headers);
      expect(res.body.data?.talent?.id).toBe(id);
    };
    await byId();
    let before = await served();
    await byId();
    expect(await served()).toBe(before + 1);

    hainan = await startHainan(hub);
    const partnerQuery = '{ talents(first: 1) { edges { node { id hainanServiceRecords { id } } } } }';
    const published = await admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url: hainan.url });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    let res = await post(hub.url, partnerQuery, undefined, headers);
    for (let i = 0; i < 50 && res.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      res = await post(hub.url, partnerQuery, undefined, headers);
    }
    expect(res.status).toBe(200);

    before = await served();
    await byId();
    expect(await served(), 'the first request on the new schema goes through the full pipeline').toBe(before);
    await byId();
    expect(await served()).toBe(before + 1);
  });
});

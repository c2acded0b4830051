import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../platform/server.ts';
import { ALL_SCOPES, clientToken } from '../helpers/caller.ts';
import { type Hub, post, startGatewayOver, startHub } from '../helpers/hub.ts';

/**
 * Identical query fetches in flight share one subgraph request; different callers and mutations
 * never do. A proxy in front of each experts node that holds every request for 300 ms makes "in
 * flight at once" certain, and counts what reaches each node.
 */
describe('subgraph fetch deduplication', () => {
  let hub: Hub;
  const proxies: Server[] = [];
  let gateway: RunningServer;
  /** Requests forwarded to each experts node, by node name. */
  const forwarded: Record<string, number> = {};
  const total = () => Object.values(forwarded).reduce((a, b) => a + b, 0);
  const reset = () => {
    for (const node of hub.expertsNodes) forwarded[node.name] = 0;
  };

  /** A proxy in front of one experts node: counts, holds 300 ms, forwards. */
  async function holdingProxy(node: string, target: string): Promise<string> {
    const proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        forwarded[node] = (forwarded[node] ?? 0) + 1;
        setTimeout(async () => {
          const upstream = await fetch(target, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' },
            body: Buffer.concat(chunks),
          });
          res.writeHead(upstream.status, { 'content-type': 'application/json' });
          res.end(await upstream.text());
        }, 300);
      });
    });
    proxies.push(proxy);
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`;
  }

  beforeAll(async () => {
    hub = await startHub({ talents: 300 });
    const expertsNodes = await Promise.all(hub.expertsNodes.map(async (node) => ({ ...node, url: await holdingProxy(node.name, node.url) })));
    gateway = await startGatewayOver(hub, { subgraphUrls: { ...hub.subgraphUrls, experts: expertsNodes[0]!.url }, expertsNodes });
  });
  afterAll(async () => {
    await gateway?.close();
    for (const proxy of proxies) proxy.close();
    await hub?.close();
  });

  it('shares one fetch per experts node among identical concurrent queries of one caller, not among callers', async () => {
    const query = '{ talents(first: 3) { totalCount edges { node { id name } } } }';
    const sichuan = await clientToken({ region: '510000', scopes: ALL_SCOPES });
    const qinghai = await clientToken({ region: '630000', scopes: ALL_SCOPES });
    reset();
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, () => post(gateway.url, query, undefined, { authorization: `Bearer ${sichuan}` })),
      ...Array.from({ length: 10 }, () => post(gateway.url, query, undefined, { authorization: `Bearer ${qinghai}` })),
    ]);
    for (const a of answers) expect(a.body.errors).toBeUndefined();
    // Sichuan's ten answers are one answer; Qinghai's are another, and different (it sees less).
    const bySichuan = new Set(answers.slice(0, 10).map((a) => JSON.stringify(a.body.data)));
    const byQinghai = new Set(answers.slice(10).map((a) => JSON.stringify(a.body.data)));
    expect(bySichuan.size).toBe(1);
    expect(byQinghai.size).toBe(1);
    expect([...bySichuan][0]).not.toEqual([...byQinghai][0]);
    // The open search asks every node: one fetch per node for Sichuan's ten, one for Qinghai's.
    expect(forwarded).toEqual(Object.fromEntries(hub.expertsNodes.map((n) => [n.name, 2])));
  });

  it('shares only identical bodies: different queries of one caller with bodies of the same length each get their own fetch and answer', async () => {
    const token = await clientToken({ region: '510000', scopes: ALL_SCOPES });
    // Same length, different request: 3 and 4 talents.
    const [three, four] = [3, 4].map((n) => `{ talents(first: ${n}) { totalCount edges { node { id name } } } }`) as [string, string];
    expect(three.length).toBe(four.length);
    reset();
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => post(gateway.url, i % 2 ? four : three, undefined, { authorization: `Bearer ${token}` })));
    for (const [i, a] of answers.entries()) {
      expect(a.body.errors).toBeUndefined();
      expect(a.body.data?.talents.edges).toHaveLength(i % 2 ? 4 : 3);
    }
    // One fetch per node for the four requests of each query.
    expect(forwarded).toEqual(Object.fromEntries(hub.expertsNodes.map((n) => [n.name, 2])));
  });

  it('never shares mutations', async () => {
    const token = await clientToken({ region: '510000', scopes: ALL_SCOPES });
    const talent = hub.dataset.experts.talents.find((t) => t.homeRegion === '510000')!;
    const pool = hub.dataset.experts.pools.find((p) => p.regionCode === '510000')!;
    reset();
    const mutation = `mutation { addTalentToPool(talentId: "${talent._id}", poolId: "${pool._id}") { pool { id } } }`;
    const answers = await Promise.all(Array.from({ length: 3 }, () => post(gateway.url, mutation, undefined, { authorization: `Bearer ${token}` })));
    for (const a of answers) expect(a.body.errors).toBeUndefined();
    // Each one reaches the talent's home node (Sichuan's), and no other node.
    expect(forwarded).toEqual({ sichuan: 3, chongqing: 0, rest: 0 });
    expect(total()).toBe(3);
  });
});

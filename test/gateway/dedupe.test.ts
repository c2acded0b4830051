import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../platform/server.ts';
import { ALL_SCOPES, clientToken } from '../helpers/caller.ts';
import { type Hub, post, startGatewayOver, startHub } from '../helpers/hub.ts';

/**
 * Identical query fetches in flight share one subgraph request; different callers and mutations
 * never do. A proxy that holds every experts request for 300 ms makes "in flight at once" certain.
 */
describe('subgraph fetch deduplication', () => {
  let hub: Hub;
  let proxy: Server;
  let gateway: RunningServer;
  let forwarded = 0;

  beforeAll(async () => {
    hub = await startHub({ talents: 300 });
    proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        forwarded += 1;
        setTimeout(async () => {
          const upstream = await fetch(hub.subgraphUrls.experts, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' },
            body: Buffer.concat(chunks),
          });
          res.writeHead(upstream.status, { 'content-type': 'application/json' });
          res.end(await upstream.text());
        }, 300);
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const subgraphUrls = { ...hub.subgraphUrls, experts: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql` };
    gateway = await startGatewayOver(hub, { subgraphUrls });
  });
  afterAll(async () => {
    await gateway?.close();
    proxy?.close();
    await hub?.close();
  });

  it('shares one experts fetch among identical concurrent queries of one caller, not among callers', async () => {
    const query = '{ talents(first: 3) { totalCount edges { node { id name } } } }';
    const sichuan = await clientToken({ region: '510000', scopes: ALL_SCOPES });
    const qinghai = await clientToken({ region: '630000', scopes: ALL_SCOPES });
    forwarded = 0;
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
    expect(forwarded).toBe(2);
  });

  it('never shares mutations', async () => {
    const token = await clientToken({ region: '510000', scopes: ALL_SCOPES });
    const talent = hub.dataset.experts.talents.find((t) => t.homeRegion === '510000')!;
    const pool = hub.dataset.experts.pools.find((p) => p.regionCode === '510000')!;
    forwarded = 0;
    const mutation = `mutation { addTalentToPool(talentId: "${talent._id}", poolId: "${pool._id}") { pool { id } } }`;
    const answers = await Promise.all(Array.from({ length: 3 }, () => post(gateway.url, mutation, undefined, { authorization: `Bearer ${token}` })));
    for (const a of answers) expect(a.body.errors).toBeUndefined();
    expect(forwarded).toBe(3);
  });
});

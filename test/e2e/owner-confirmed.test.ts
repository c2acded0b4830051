import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgricultureTalentsDocument } from '../../schema/operations/generated.ts';
import type { RunningServer } from '../../platform/server.ts';
import { clientToken } from '../helpers/caller.ts';
import { type Hub, post, startGatewayOver, startHub } from '../helpers/hub.ts';

/**
 * Talent.awards (projects) and Talent.engagements (coordination) @require the talent's home region
 * from experts, so the gateway asks them only about talents experts returned to the caller. The
 * required field must ride on the first experts fetch: the README's cross-subgraph query costs the
 * same subgraph fetches as before (counted at the subgraphs' doors, through real HTTP), and a
 * province still sees every award and engagement of the talents it may see.
 */
let hub: Hub;
let gateway: RunningServer;
const proxies: Server[] = [];
/** Fetches each subgraph received, as "subgraph:operation kind" strings. */
const fetches: string[] = [];
/** Entity representations sent to projects and coordination. */
const representations: Record<string, any>[] = [];

/** A pass-through proxy in front of one subgraph that records every GraphQL request it relays. */
async function countingProxy(name: string, target: string): Promise<string> {
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    // Only the fetches of the client's operation (the gateway relays its name), not its own grant lookups.
    if (req.method === 'POST' && req.headers['x-hub-operation'] === 'AgricultureTalents') {
      const { query = '', variables } = JSON.parse(body.toString()) as { query?: string; variables?: { representations?: Record<string, any>[] } };
      fetches.push(`${name}:${/_entities/.test(query) ? 'entities' : 'root'}`);
      if (!name.startsWith('experts')) representations.push(...(variables?.representations ?? []));
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
    const answer = await fetch(target, { method: req.method ?? 'POST', headers, ...(req.method === 'POST' ? { body } : {}) });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  proxies.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

beforeAll(async () => {
  hub = await startHub({ talents: 600 });
  // Each experts node behind its own proxy, counted as `experts@<node>`.
  const expertsNodes = await Promise.all(hub.expertsNodes.map(async (node) => ({ ...node, url: await countingProxy(`experts@${node.name}`, node.url) })));
  const subgraphUrls = {
    experts: expertsNodes[0]!.url,
    projects: await countingProxy('projects', hub.subgraphUrls.projects),
    coordination: await countingProxy('coordination', hub.subgraphUrls.coordination),
  };
  // Fetch combining off: this test compares the query plan's fetches with the plan before the owner
  // check; combining (tested in test/gateway/combine.test.ts) would merge the parallel coordination
  // fetches into one request and hide an extra fetch the owner check might add.
  gateway = await startGatewayOver(hub, { subgraphUrls, expertsNodes, combineFetches: false });
});

afterAll(async () => {
  await gateway?.close();
  await Promise.all(proxies.map((p) => new Promise((resolve) => p.close(resolve))));
  await hub?.close();
});

describe('owner-confirmed awards and engagements', () => {
  it('answers the README cross-subgraph query in the same subgraph fetches as before the owner check (one experts root fetch per node)', async () => {
    const token = await clientToken({ region: '510000', scopes: ['talent:read'] });
    fetches.length = 0;
    representations.length = 0;
    const res = await post(gateway.url, print(AgricultureTalentsDocument), { first: 20 }, { authorization: `Bearer ${token}` });
    expect(res.body.errors).toBeUndefined();
    // One experts root fetch (talents with their home region; the open search asks each node
    // once, in parallel); then projects (awards) and coordination (engagements, home regions'
    // names) in parallel; then coordination again for the programmes' owner regions. Measured on
    // the code before the owner check: the same plan, and no experts fetch beyond the root one.
    expect(fetches.sort()).toEqual([
      'coordination:entities',
      'coordination:entities',
      'coordination:entities',
      'experts@chongqing:root',
      'experts@rest:root',
      'experts@sichuan:root',
      'projects:entities',
    ]);
    // Every talent projects and coordination were asked about came with the home region experts
    // resolved for this caller: they are never asked about a talent the owner did not return.
    const talentRefs = representations.filter((r) => r.__typename === 'Talent');
    expect(talentRefs.length).toBeGreaterThan(0);
    for (const r of talentRefs) expect(r, JSON.stringify(r)).toMatchObject({ homeRegion: { code: expect.stringMatching(/^\d{6}$/) } });

    // Every award and engagement of the talents on the page is there (Sichuan may see them all).
    const nodes = res.body.data!.talents.edges.map((e: any) => e.node);
    const ids = new Set(nodes.map((n: any) => n.id));
    const awards = hub.dataset.projects.awards.filter((a) => ids.has(a.talentId));
    const engagements = hub.dataset.coordination.engagements.filter((e) => ids.has(e.talentId));
    expect(nodes.reduce((n: number, t: any) => n + t.awards.length, 0)).toBe(awards.length);
    expect(nodes.reduce((n: number, t: any) => n + t.engagements.length, 0)).toBe(engagements.length);
    expect(awards.length + engagements.length).toBeGreaterThan(0);
  });
});

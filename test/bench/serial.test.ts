import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { measureSerial, serialSets } from '../../bench/hub/serial.ts';
import type { RunningHub } from '../../bench/hub/start.ts';
import { BENCH_CLIENT } from '../../bench/lib/tokens.ts';
import { clientToken, TEST_JWT_SECRET } from '../helpers/caller.ts';
import { type Hub, startHub } from '../helpers/hub.ts';

// Goal 6 as a caller sees it (bench/hub/serial.ts): requests one at a time through a real gateway
// over the three experts nodes, every answer checked against the reference read before.
const TALENTS = 3000;
let hub: Hub;
let running: RunningHub;
let headers: Record<string, string>;

beforeAll(async () => {
  // Page filters are asked by a client of each province, signed as `npm run token` signs (the configured secret).
  vi.stubEnv('HUB_JWT_SECRET', TEST_JWT_SECRET);
  hub = await startHub({ talents: TALENTS });
  headers = { authorization: `Bearer ${await clientToken({ region: BENCH_CLIENT.region, scopes: BENCH_CLIENT.scope.split(' ') })}` };
  const requests = () => {
    const r = hub.graphqlRequests();
    return r.experts + r.projects + r.coordination;
  };
  const storeCalls = () => Object.values(hub.calls).reduce((n, list) => n + list.length, 0);
  let base = { fetches: 0, storeCalls: 0 };
  running = {
    topology: 'three',
    gatewayUrl: hub.url,
    nodes: hub.expertsNodes,
    nodeFor: (province) => ({ url: hub.nodeFor(province).url, audience: '', pid: process.pid }),
    gatewayPid: process.pid,
    fetches: {
      reset: async () => {
        base = { fetches: requests(), storeCalls: storeCalls() };
      },
      read: async () => ({ fetches: requests() - base.fetches, storeCalls: storeCalls() - base.storeCalls }),
    },
    signer: hub.signer,
    stop: () => hub.close(),
  };
}, 120_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await hub?.close();
});

describe('serial latency (issue 16 goal 6)', () => {
  it('looks up ids spread over the whole key range of the client province, and pages only of filters whose page is full, each asked by its own province', async () => {
    const sets = await serialSets(running, TALENTS, headers);
    const ids = sets.talentById.bodies.map((b) => (JSON.parse(b) as { variables: { id: string } }).variables.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith(`T-${BENCH_CLIENT.region}-`))).toBe(true);
    const serials = ids.map((id) => Number(id.split('-')[2]));
    // Not only the first talents: the last id found lies in the last tenth of the serials.
    expect(Math.max(...serials)).toBeGreaterThan(TALENTS * 0.9);
    expect(Math.min(...serials)).toBeLessThan(TALENTS * 0.1);
    for (const [i, expected] of sets.talentById.expected.entries()) expect(JSON.parse(expected).data.talent.id).toBe(ids[i]);

    expect(sets.shortPages).toBe(0);
    expect(new Set(sets.filters.map((f) => f.homeRegion)).size).toBeGreaterThan(1);
    for (const [i, expected] of sets.talentsPage.expected.entries()) {
      const filter = sets.filters[i]!;
      const edges = JSON.parse(expected).data.talents.edges as { node: { homeRegion: { code: string }; sectors: string[] } }[];
      expect(edges).toHaveLength(20);
      expect(edges.every((e) => e.node.homeRegion.code === filter.homeRegion && e.node.sectors.includes(filter.sector))).toBe(true);
    }
    // A larger size reuses the smallest size's filters and says which of them are not full there.
    const again = await serialSets(running, TALENTS, headers, [...sets.filters, { homeRegion: '630000', sector: 'AGRICULTURE' }]);
    expect(again.filters).toHaveLength(sets.filters.length + 1);
    expect(again.shortPages).toBe(1);
  }, 60_000);

  it('times each request one at a time, counts one experts fetch per request, and fails a row on a wrong answer', async () => {
    const sets = await serialSets(running, TALENTS, headers);
    const [byId, page] = await measureSerial([{ talents: TALENTS, hub: running, sets }], { warmup: 10, samples: 30 });
    for (const row of [byId!, page!]) {
      expect(row).toMatchObject({ scenario: 'scale', target: 'hub', talents: TALENTS, connections: 1, errors: 0, ok: true });
      // One experts fetch per request (and now and then the gateway's agreements fetch).
      expect(row.subgraphFetchesPerRequest).toBeGreaterThanOrEqual(1);
      expect(row.subgraphFetchesPerRequest).toBeLessThan(1.2);
      expect(row.p50Ms).toBeGreaterThan(0);
      expect(row.p99Ms).toBeGreaterThanOrEqual(row.p50Ms);
      expect(row.note).toMatch(/^30 requests one at a time over \d+ distinct ones/);
    }
    expect([byId!.query, page!.query]).toEqual(['talentById', 'talentsPage']);

    // One reference answer changed: the requests that get it are errors, and the row is not ok.
    const wrong = { ...sets, talentById: { ...sets.talentById, expected: sets.talentById.expected.map((e, i) => (i === 0 ? e.replace('"talent"', '"other"') : e)) } };
    const [bad, good] = await measureSerial([{ talents: TALENTS, hub: running, sets: wrong }], { warmup: 0, samples: sets.talentById.bodies.length });
    expect(bad).toMatchObject({ query: 'talentById', ok: false, errors: 1 });
    expect(bad!.note).toContain('first wrong answer: talentById (HTTP 200)');
    expect(good).toMatchObject({ query: 'talentsPage', ok: true, errors: 0 });
  }, 60_000);
});

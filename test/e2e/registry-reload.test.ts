import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HainanStore } from '../../partners/hainan/store.ts';
import type { StartedSubgraph } from '../../platform/runner.ts';
import { ALL_SCOPES, clientToken } from '../helpers/caller.ts';
import { type Hub, post, startHub } from '../helpers/hub.ts';
import { admin, collectingLogger, removeDir, startHainan, tempDataDir, withRegistry } from '../helpers/registry.ts';

/**
 * Hot reload under load: 8 concurrent client loops query core data across all three core
 * subgraphs while a partner subgraph is published and removed several times. Not one request
 * may fail (HTTP non-200 or any GraphQL error): the gateway swaps supergraphs between requests.
 */

const LOOPS = 8;
const CYCLES = 3;
const MIN_DURATION_MS = 3000;
const QUERY = 'query CoreUnderReload { talents(first: 5) { totalCount edges { node { id name homeRegion { name } awards { year program { name } } engagements { kind } } } } }';

let hub: Hub;
let hainan: StartedSubgraph<HainanStore, never>;
let dataDir: string;
const log = collectingLogger();

beforeAll(async () => {
  dataDir = await tempDataDir();
  hub = await startHub({ talents: 400, registry: withRegistry({ dataDir, logger: log }) });
  hainan = await startHainan(hub);
});
afterAll(async () => {
  await hainan?.close();
  await hub?.close();
  await removeDir(dataDir);
});

describe('hot reload without downtime', () => {
  it('serves every request of a concurrent load while a partner is published and removed again and again', async () => {
    // Several calling systems per loop, so the per-caller rate limit is not what this measures.
    const tokens = await Promise.all(Array.from({ length: LOOPS * 4 }, (_, i) => clientToken({ region: '510000', scopes: ALL_SCOPES, sub: `load-${i}` })));
    const failures: string[] = [];
    let requests = 0;
    let stop = false;

    const loop = async (i: number) => {
      for (let k = 0; !stop; k++) {
        const token = tokens[(i * 4 + (k % 4)) % tokens.length]!;
        try {
          const res = await post(hub.url, QUERY, {}, { authorization: `Bearer ${token}` });
          requests += 1;
          if (res.status !== 200) failures.push(`HTTP ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}`);
          else if (res.body.errors?.length) failures.push(`errors: ${JSON.stringify(res.body.errors).slice(0, 300)}`);
          else if (res.body.data?.talents?.edges?.length !== 5) failures.push(`unexpected data: ${JSON.stringify(res.body.data).slice(0, 200)}`);
        } catch (error) {
          requests += 1;
          failures.push(`request failed: ${String(error)}`);
        }
      }
    };

    const started = Date.now();
    const loops = Array.from({ length: LOOPS }, (_, i) => loop(i));
    const hashes = new Set<string>();
    try {
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        const published = await admin(hub.url, 'POST', '/subgraphs', { name: 'hainan', url: hainan.url });
        expect(published.status, JSON.stringify(published.body)).toBe(201);
        hashes.add(published.body.supergraphHash);
        await new Promise((r) => setTimeout(r, 150));
        const removed = await admin(hub.url, 'DELETE', '/subgraphs/hainan');
        expect(removed.status, JSON.stringify(removed.body)).toBe(200);
        hashes.add(removed.body.supergraphHash);
        await new Promise((r) => setTimeout(r, 150));
      }
      const left = MIN_DURATION_MS - (Date.now() - started);
      if (left > 0) await new Promise((r) => setTimeout(r, left));
    } finally {
      stop = true;
      await Promise.all(loops);
    }

    expect(failures.slice(0, 5), `${failures.length} of ${requests} requests failed`).toEqual([]);
    expect(requests).toBeGreaterThan(100);
    // Two supergraphs alternated (with and without the partner), each swap logged.
    expect(hashes.size).toBe(2);
    expect(log.lines.filter((l) => l.message.startsWith('serving supergraph')).length).toBe(CYCLES * 2);
    expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});

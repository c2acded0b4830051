import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_SCOPES, clientToken, TEST_JWT_SECRET } from '../helpers/caller.ts';
import { GATEWAY_NODE_ARGS } from '../../gateway/heap.ts';
import { startService } from '../../scripts/lib/processes.ts';
import { freePort, type Service } from '../helpers/processes.ts';
import { tempDirs } from '../helpers/temp.ts';

/**
 * The gateway as a cluster (HUB_GATEWAY_WORKERS=2), a real process: one scrape of /metrics sees
 * every worker (the primary sums their registries), and the rate limit is one count per caller
 * across the workers (counted in the primary), not one per worker. One cluster serves both tests:
 * the rate limit counts per caller (the token's `sub`), so the metrics test sends each request as
 * a caller of its own and is never limited.
 */

/** POSTs `{ __typename }` on a connection of its own (no keep-alive), so the primary hands requests to the workers in turn. */
function postOnNewConnection(port: number, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent: false, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end('{"query":"{ __typename }"}');
  });
}

const temp = tempDirs();

async function startCluster(env: Record<string, string>): Promise<{ gateway: Service; port: number; metricsUrl: string }> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  // Started without the gateway's node flags, as `node gateway/index.js` by hand: the primary gives them to its workers.
  const gateway = startService({
    name: 'gateway',
    entry: 'gateway/index.ts',
    withoutEntryFlags: true,
    env: {
      NODE_ENV: 'development',
      HUB_LOG_LEVEL: 'info',
      HUB_JWT_SECRET: TEST_JWT_SECRET,
      HUB_GATEWAY_WORKERS: '2',
      HUB_GATEWAY_PORT: String(port),
      HUB_METRICS_PORT: String(metricsPort),
      // The supergraph file as it is; `{ __typename }` needs no subgraph, so none is started.
      HUB_REGISTRY: 'false',
      HUB_DATA_DIR: temp.make('hub-cluster-'),
      HUB_EXPERTS_URL: 'http://127.0.0.1:9/graphql',
      HUB_PROJECTS_URL: 'http://127.0.0.1:9/graphql',
      HUB_COORDINATION_URL: 'http://127.0.0.1:9/graphql',
      ...env,
    },
  });
  // Both workers listening: each logs that it is ready.
  const deadline = Date.now() + 180_000;
  while (gateway.output.filter((line) => line.includes('federated graph ready')).length < 2) {
    if (Date.now() > deadline || gateway.child.exitCode !== null) throw new Error(`the gateway cluster did not start:\n${gateway.output.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  // The primary serves /metrics from before it forks the workers.
  return { gateway, port, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` };
}

describe('a gateway cluster (HUB_GATEWAY_WORKERS=2)', () => {
  let started: Awaited<ReturnType<typeof startCluster>>;
  // 1 request a second, plus 8 at once, per caller.
  beforeAll(async () => {
    started = await startCluster({ HUB_RATE_LIMIT_RATE: '1', HUB_RATE_LIMIT_BURST: '8' });
  }, 240_000);
  afterAll(async () => {
    await started?.gateway.stop();
    temp.remove();
  });

  it("runs its workers with the gateway's node flags (gateway/heap.ts) though the primary was started without them, and they do not warn", () => {
    const primary = started.gateway.child.pid!;
    expect(readFileSync(`/proc/${primary}/cmdline`, 'utf8').split('\0')).not.toContain(GATEWAY_NODE_ARGS[0]);
    const workers = readFileSync(`/proc/${primary}/task/${primary}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    expect(workers).toHaveLength(2);
    for (const pid of workers) {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      for (const flag of GATEWAY_NODE_ARGS) expect(argv, `worker ${pid}`).toContain(flag);
    }
    expect(started.gateway.output.join('')).not.toContain('started without');
  });

  it('serves the metrics of both workers in one scrape: a counter shows the sum over the workers', async () => {
    // 40 callers of one request each: none is rate limited.
    const tokens = await Promise.all(Array.from({ length: 40 }, (_, i) => clientToken({ region: '510000', scopes: ALL_SCOPES, sub: `cluster-metrics-${i}` })));
    const count = async () => Number(/^hub_gateway_requests_total\{operation="anonymous",outcome="ok"\} (\d+)$/m.exec(await (await fetch(started.metricsUrl)).text())?.[1] ?? 0);
    const before = await count();
    const statuses = await Promise.all(tokens.map((token) => postOnNewConnection(started.port, token)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    // Handed out in turn, each worker answered about half: only a sum over both reaches 40.
    expect((await count()) - before).toBe(40);
    const text = await (await fetch(started.metricsUrl)).text();
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="gateway"\} [\d.e+-]+$/m);
    expect(text).not.toContain('hub_gateway_process_');
  }, 240_000);

  it('counts the rate limit once across the workers: a burst spread over both is limited as one caller', async () => {
    // 1 request a second, plus 8 at once: one caller gets about 9 in the first seconds, however many workers answer.
    const token = await clientToken({ region: '510000', scopes: ALL_SCOPES });
    const t0 = Date.now();
    const statuses = await Promise.all(Array.from({ length: 30 }, () => postOnNewConnection(started.port, token)));
    const seconds = Math.ceil((Date.now() - t0) / 1000);
    const allowed = statuses.filter((s) => s === 200).length;
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(allowed).toBeGreaterThanOrEqual(8);
    // Counted per worker, each of the two would allow its own 8 + 1 a second (18 or more in all).
    expect(allowed, `${allowed} allowed in ${seconds} s`).toBeLessThanOrEqual(8 + seconds + 1);
    const text = await (await fetch(started.metricsUrl)).text();
    expect(text).toMatch(new RegExp(`^hub_gateway_rate_limited_total ${30 - allowed}$`, 'm'));
  }, 240_000);
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHealthMonitor, type ProbeState } from '../../../gateway/registry/monitor.ts';

/**
 * The background health monitor with the gateway's real `{ __typename }` probe, against a real
 * HTTP server whose answer each test switches between a GraphQL answer and HTTP 500.
 */
let server: Server;
let url: string;
let healthy = true;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (healthy) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { __typename: 'Query' } }));
      else res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createHealthMonitor', () => {
  it('records each probe, counts failures in a row, and reports only changes of status', async () => {
    const changes: [string, string, string | undefined][] = [];
    let targets = [{ name: 'partner', url }];
    const monitor = createHealthMonitor({
      targets: () => targets,
      intervalMs: 60_000,
      timeoutMs: 2000,
      onChange: (name, state, previous) => changes.push([name, state.status, previous?.status]),
    });
    expect(monitor.get('partner')).toBeUndefined();

    healthy = true;
    await monitor.probeAll();
    const up = monitor.get('partner') as ProbeState;
    expect(up).toMatchObject({ status: 'up', consecutiveFailures: 0 });
    expect(up.lastUpAt).toEqual(up.checkedAt);

    healthy = false;
    await monitor.probeAll();
    await monitor.probeAll();
    expect(monitor.get('partner')).toMatchObject({ status: 'down', error: 'answered HTTP 500', consecutiveFailures: 2, lastUpAt: up.lastUpAt });
    expect(changes).toEqual([
      ['partner', 'up', undefined],
      ['partner', 'down', 'up'],
    ]);

    // A target that left the graph is forgotten at the next round.
    targets = [];
    await monitor.probeAll();
    expect(monitor.get('partner')).toBeUndefined();
  });

  it('probes in the background every interval once started, and not after stop', async () => {
    healthy = true;
    let rounds = 0;
    const monitor = createHealthMonitor({
      targets: () => {
        rounds += 1;
        return [{ name: 'partner', url }];
      },
      intervalMs: 10,
      timeoutMs: 2000,
    });
    monitor.start();
    for (let i = 0; i < 1000 && rounds < 2; i++) await new Promise((r) => setTimeout(r, 5));
    await monitor.stop();
    expect(rounds).toBeGreaterThanOrEqual(2);
    const seen = rounds;
    await new Promise((r) => setTimeout(r, 50));
    expect(rounds).toBe(seen);
    expect(monitor.get('partner')?.status).toBe('up');
  });
});

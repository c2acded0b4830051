import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing } from '../../subgraphs/kit/tracing.ts';
import { ALL_SCOPES, clientToken } from '../helpers/caller.ts';
import { type Hub, startHub } from '../helpers/hub.ts';

describe('a view inside: request ids, metrics, readiness, tracing', () => {
  let hub: Hub;
  let collector: Server;
  const received: string[] = [];
  let stopTracing: () => Promise<void>;

  beforeAll(async () => {
    // A stand-in OTLP/HTTP collector on loopback: tracing is off unless an endpoint is configured.
    collector = createServer((req, res) => {
      received.push(req.url ?? '');
      req.resume();
      req.on('end', () => res.end('{}'));
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    stopTracing = await startTracing('gateway-test', `http://127.0.0.1:${(collector.address() as AddressInfo).port}/v1/traces`);
    hub = await startHub({ talents: 200 });
  });
  afterAll(async () => {
    await hub?.close();
    await stopTracing?.();
    collector?.close();
  });

  it('returns a request id (the client one when well formed) on every answer', async () => {
    const token = await clientToken({ region: '510000', scopes: ALL_SCOPES });
    const generated = await fetch(hub.url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const given = await fetch(hub.url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': 'dashboard-0001' }, body: '{"query":"{ __typename }"}' });
    expect(given.headers.get('x-request-id')).toBe('dashboard-0001');
    const rejected = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(rejected.status).toBe(401);
    expect(rejected.headers.get('x-request-id')).toEqual(expect.any(String));
  });

  it('exposes Prometheus metrics: requests by operation and outcome, latency, subgraph fetches', async () => {
    await hub.query('query MetricsProbe { talents(first: 2) { edges { node { name awards { year } } } } }');
    await hub.query('query MetricsBad { talents(first: 500) { totalCount } }');
    const text = await (await fetch(hub.url.replace(/graphql$/, 'metrics'))).text();
    expect(text).toMatch(/hub_gateway_requests_total\{operation="MetricsProbe",outcome="ok"\} 1/);
    expect(text).toMatch(/hub_gateway_requests_total\{operation="MetricsBad",outcome="error"\} 1/);
    expect(text).toMatch(/hub_gateway_request_duration_seconds_count\{operation="MetricsProbe"\} 1/);
    expect(text).toMatch(/hub_gateway_subgraph_fetch_duration_seconds_count\{subgraph="experts"\} \d+/);
    expect(text).toMatch(/hub_gateway_subgraph_fetch_duration_seconds_count\{subgraph="projects"\} \d+/);
    expect(text).toContain('hub_gateway_rate_limited_total');
    expect(text).toContain('hub_gateway_subgraph_errors_total');
  });

  it('answers /health and /ready on the gateway and on every subgraph', async () => {
    for (const base of [hub.url, ...Object.values(hub.subgraphUrls)]) {
      for (const path of ['health', 'ready']) {
        const res = await fetch(base.replace(/graphql$/, path));
        expect(res.status, `${base} ${path}`).toBe(200);
      }
    }
  });

  it('exports traces to a configured OTLP endpoint', async () => {
    await hub.query('query Traced { talents(first: 1) { totalCount } }');
    const started = Date.now();
    while (!received.some((u) => u.startsWith('/v1/traces')) && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 100));
    expect(received.some((u) => u.startsWith('/v1/traces'))).toBe(true);
  });
});

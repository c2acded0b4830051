import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, stopTracing } from '../../platform/tracing.ts';
import { ALL_SCOPES, clientToken } from '../helpers/caller.ts';
import type { RunningGateway } from '../../gateway/serve.ts';
import { type Hub, startHub } from '../helpers/hub.ts';

describe('a view inside: request ids, metrics, readiness, tracing', () => {
  let hub: Hub;
  let collector: Server;
  const received: string[] = [];

  beforeAll(async () => {
    // A stand-in OTLP/HTTP collector on loopback: tracing is off unless an endpoint is configured.
    collector = createServer((req, res) => {
      received.push(req.url ?? '');
      req.resume();
      req.on('end', () => res.end('{}'));
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    const started = startTracing({
      serviceName: 'gateway-test',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
    });
    expect(started).toBe(true);
    hub = await startHub({ talents: 200, gateway: { metricsListen: { host: '127.0.0.1', port: 0 } } });
  });
  afterAll(async () => {
    await hub?.close();
    await stopTracing();
    collector?.close();
  });

  it('returns a request id (the client one when well formed) on every answer', async () => {
    const token = await clientToken({ region: '510000', scopes: ALL_SCOPES });
    const generated = await fetch(hub.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const given = await fetch(hub.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': 'dashboard-0001' },
      body: '{"query":"{ __typename }"}',
    });
    expect(given.headers.get('x-request-id')).toBe('dashboard-0001');
    const rejected = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(rejected.status).toBe(401);
    expect(rejected.headers.get('x-request-id')).toEqual(expect.any(String));
  });

  it('exposes Prometheus metrics on their own port: requests by operation and outcome, latency, subgraph fetches', async () => {
    // Known operations (schema/operations/talents.graphql) are counted by name.
    await hub.query('query AgricultureTalents { talents(first: 2) { edges { node { name awards { year } } } } }');
    await hub.query('query TalentById { talents(first: 500) { totalCount } }');
    const metricsUrl = (hub.gateway as RunningGateway).metricsUrl!;
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const text = await (await fetch(metricsUrl)).text();
    expect(text).toMatch(/hub_gateway_requests_total\{operation="AgricultureTalents",outcome="ok"\} 1/);
    expect(text).toMatch(/hub_gateway_requests_total\{operation="TalentById",outcome="error"\} 1/);
    expect(text).toMatch(/hub_gateway_request_duration_seconds_count\{operation="AgricultureTalents"\} 1/);
    // An open search asks every experts node: each is timed under its own name.
    for (const node of ['experts@sichuan', 'experts@chongqing', 'experts@rest'])
      expect(text).toMatch(new RegExp(`hub_gateway_subgraph_fetch_duration_seconds_count\\{subgraph="${node}"\\} \\d+`));
    expect(text).toMatch(/hub_gateway_subgraph_fetch_duration_seconds_count\{subgraph="projects"\} \d+/);
    expect(text).toContain('hub_gateway_rate_limited_total');
    expect(text).toContain('hub_gateway_subgraph_errors_total');
    // Node's own metrics keep their standard names, labelled with the service.
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="gateway"\} [\d.e+-]+$/m);
    expect(text).toMatch(/^nodejs_heap_size_total_bytes\{service="gateway"\} \d+/m);
    expect(text).not.toContain('hub_gateway_process_');
  });

  it('does not serve /metrics on the public port', async () => {
    const res = await fetch(hub.url.replace(/graphql$/, 'metrics'));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('hub_gateway_');
  });

  it('bounds the operation label: 100 made-up operation names are one "other" series', async () => {
    const before = await (await fetch((hub.gateway as RunningGateway).metricsUrl!)).text();
    const otherBefore = Number(/hub_gateway_requests_total\{operation="other",outcome="ok"\} (\d+)/.exec(before)?.[1] ?? 0);
    const names = Array.from({ length: 100 }, () => `Op${randomBytes(6).toString('hex')}`);
    for (const name of names) await hub.query(`query ${name} { __typename }`);
    const text = await (await fetch((hub.gateway as RunningGateway).metricsUrl!)).text();
    for (const name of names) expect(text).not.toContain(name);
    expect(text).toMatch(new RegExp(`hub_gateway_requests_total\\{operation="other",outcome="ok"\\} ${otherBefore + 100}\\b`));
    const series = text.split('\n').filter((line) => line.startsWith('hub_gateway_requests_total{'));
    // Known operations and "other" only, however many names clients invent.
    expect(series.length).toBeLessThanOrEqual(10);
    expect(text.split('\n').filter((line) => line.startsWith('hub_gateway_request_duration_seconds_count{operation="other"}'))).toHaveLength(1);
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

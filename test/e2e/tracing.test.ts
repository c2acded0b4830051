import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_SCOPES, clientToken } from '../helpers/caller.ts';
import { type HubProcesses, startHubProcesses } from '../helpers/processes.ts';

/**
 * Tracing across the hub's real processes (gateway, three experts nodes, projects, coordination),
 * configured only by the standard OTEL_* variables and exported to an OTLP/HTTP (JSON) receiver of
 * the test's own: one client request is one trace, and each subgraph's server span is the child
 * of the gateway's fetch that reached it.
 */

/** A span as the OTLP JSON encoding carries it, with the `service.name` of the resource that sent it. */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  /** 1 internal, 2 server, 3 client. */
  kind: number;
  attributes: Record<string, string | number | undefined>;
}

/** OTLP JSON carries 64-bit integers as strings. */
type OtlpValue = { stringValue?: string; intValue?: string | number };
type OtlpAttributes = { key: string; value: OtlpValue }[];
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttributes };
    scopeSpans?: { spans?: { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: OtlpAttributes }[] }[];
  }[];
}

/** An OTLP/HTTP receiver on a free loopback port: keeps every span posted to /v1/traces. */
async function startReceiver(): Promise<{ server: Server; url: string; spans: ReceivedSpan[]; paths: string[] }> {
  const spans: ReceivedSpan[] = [];
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(`${req.method} ${req.url}`);
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      try {
        const data = JSON.parse(body) as OtlpExport;
        for (const rs of data.resourceSpans ?? []) {
          const service = rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
          for (const ss of rs.scopeSpans ?? []) {
            for (const s of ss.spans ?? []) {
              const attributes = Object.fromEntries(
                (s.attributes ?? []).map((a) => [a.key, a.value.stringValue ?? (a.value.intValue === undefined ? undefined : Number(a.value.intValue))]),
              );
              spans.push({ service, traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId ?? '', name: s.name, kind: s.kind, attributes });
            }
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, paths };
}

describe('one request is one trace across the hub processes', () => {
  let hub: HubProcesses;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let token: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    hub = await startHubProcesses(
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '200',
        // A small seed: six processes that also load the SDK start on a shared machine.
        HUB_SEED_TALENTS: '40',
      },
      { readyTimeoutMs: 240_000 },
    );
    token = await clientToken({ region: '510000', scopes: ALL_SCOPES });
  }, 300_000);

  afterAll(async () => {
    await hub?.close();
    receiver?.server.close();
  });

  it('gives the spans of the gateway and of every subgraph the request reached one trace id, linked parent to child across processes', async () => {
    // The client's own W3C trace context: the hub continues the caller's trace.
    const traceId = randomBytes(16).toString('hex');
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
      body: JSON.stringify({ query: '{ talents(first: 3) { edges { node { id name awards { year } } } } }' }),
    });
    const body = (await res.json()) as { data?: { talents: { edges: unknown[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    // Awards come from projects for each talent the caller may see.
    expect(body.data?.talents.edges.length).toBeGreaterThan(0);

    const expected = ['gateway', ...hub.expertsProcesses, 'projects'];
    const deadline = Date.now() + 15_000;
    const ofTrace = () => receiver.spans.filter((s) => s.traceId === traceId);
    // Each process exports in its own batches: wait until every expected service's server span has
    // arrived and, for the subgraphs, the gateway client span it names as its parent (the gateway's
    // client span may end, and be exported, after the subgraph's server span).
    const complete = () => {
      const spans = ofTrace();
      const ids = new Set(spans.map((s) => s.spanId));
      return expected.every((service) => {
        const servers = spans.filter((s) => s.service === service && s.kind === 2);
        return servers.length > 0 && (service === 'gateway' || servers.every((s) => ids.has(s.parentSpanId)));
      });
    };
    while (Date.now() < deadline && !complete()) await new Promise((r) => setTimeout(r, 200));
    const spans = ofTrace();
    const services = new Set(spans.map((s) => s.service));
    for (const service of expected)
      expect(services, `spans of ${service} in trace ${traceId}; received from ${[...new Set(receiver.spans.map((s) => s.service))].join(', ')}`).toContain(service);
    // Sent over OTLP/HTTP JSON, as configured (OTEL_EXPORTER_OTLP_PROTOCOL), to the standard path.
    expect(receiver.paths.every((p) => p === 'POST /v1/traces')).toBe(true);

    const byId = new Map(spans.map((s) => [s.spanId, s]));
    // Apollo's gateway spans (request, plan, fetch) belong to the same trace as the HTTP spans.
    expect(spans.some((s) => s.service === 'gateway' && s.name === 'gateway.fetch')).toBe(true);
    for (const service of expected.slice(1)) {
      const servers = spans.filter((s) => s.service === service && s.kind === 2);
      expect(servers.length, service).toBeGreaterThan(0);
      for (const server of servers) {
        // Each subgraph's server span is the child of the gateway's client span for that fetch.
        const parent = byId.get(server.parentSpanId);
        expect(parent, `parent of ${service}'s ${server.name}`).toBeDefined();
        expect(parent).toMatchObject({ service: 'gateway', kind: 3 });
      }
    }
    // Down to the store: each subgraph's embedded store calls are spans of the same trace.
    for (const service of expected.slice(1))
      expect(
        spans.some((s) => s.service === service && s.kind === 3 && /^(find|aggregate|countDocuments) /.test(s.name)),
        `store spans of ${service}`,
      ).toBe(true);
    // Nothing in the trace lacks its parent except the gateway's server span, whose parent is the client's.
    const roots = spans.filter((s) => !byId.has(s.parentSpanId));
    expect(roots.map((s) => [s.service, s.kind])).toEqual([['gateway', 2]]);
  });

  it('never hands a talent hidden from the caller to the node that answers: its lookup reads what an id that does not exist reads', async () => {
    // THREAT-MODEL.md: a province must never learn that a hidden talent exists, timing included.
    // Qinghai registers a talent it shares with no one; Sichuan looks it up, and an id of the same
    // shape that no talent has. Both answers are the same null; the store spans of each trace say
    // how many documents the experts node read: none for either (a hidden talent read and then
    // dropped would take longer to answer than a missing one; bench/hub/hidden-timing.ts measures it).
    const qinghai = await clientToken({ region: '630000', scopes: ['talent:read', 'talent:write'], sub: 'qinghai-hidden' });
    const registered = await fetch(hub.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${qinghai}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: RegisterTalentInput!) { registerTalent(input: $input) { talent { id } } }',
        variables: {
          input: {
            name: '隐藏测试',
            gender: 'MALE',
            birthYear: 1980,
            degree: 'MASTER',
            title: '高级工程师',
            careerStage: 'SENIOR',
            organization: '青海省水利水电科学研究院',
            disciplineCodes: ['210'],
            sectors: ['INDUSTRY'],
            homeRegion: '630000',
            sharing: 'PRIVATE',
            source: '追踪测试',
          },
        },
      }),
    });
    const hiddenId = ((await registered.json()) as { data: { registerTalent: { talent: { id: string } } } }).data.registerTalent.talent.id;
    const missingId = hiddenId.replace(/-(\d+)$/, '-9$1');
    const lookup = async (id: string) => {
      const traceId = randomBytes(16).toString('hex');
      const res = await fetch(hub.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
        body: JSON.stringify({ query: 'query($id: ID!) { talent(id: $id) { id name } }', variables: { id } }),
      });
      return { traceId, text: await res.text() };
    };
    const hidden = await lookup(hiddenId);
    const missing = await lookup(missingId);
    expect(hidden.text).toBe(missing.text);
    expect(JSON.parse(hidden.text)).toEqual({ data: { talent: null } });
    const reads = (traceId: string) => receiver.spans.filter((s) => s.traceId === traceId && s.kind === 3 && s.name === 'find talents');
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && (reads(hidden.traceId).length === 0 || reads(missing.traceId).length === 0)) await new Promise((r) => setTimeout(r, 200));
    for (const { traceId } of [hidden, missing]) {
      expect(reads(traceId).length, `store reads of talents in trace ${traceId}`).toBeGreaterThan(0);
      expect(reads(traceId).map((s) => s.attributes['db.response.returned_rows'])).toEqual(reads(traceId).map(() => 0));
    }
  });

  it('serves Prometheus metrics on every subgraph, under Node’s standard names, labelled with the service', async () => {
    for (const name of ['projects', 'coordination', ...hub.expertsProcesses]) {
      const res = await fetch(`http://127.0.0.1:${hub.ports[name]}/metrics`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await res.text();
      const label = `service="${name}"`;
      expect(text).toMatch(new RegExp(`^process_cpu_user_seconds_total\\{${label}\\} [\\d.e+-]+$`, 'm'));
      expect(text).toMatch(new RegExp(`^process_resident_memory_bytes\\{${label}\\} \\d+`, 'm'));
      expect(text).toMatch(new RegExp(`^nodejs_heap_size_used_bytes\\{${label}\\} \\d+`, 'm'));
      expect(text).toMatch(new RegExp(`^hub_graphql_requests_total\\{${label}\\} \\d+`, 'm'));
    }
  });
});

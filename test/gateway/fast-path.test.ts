import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastPathShaping } from '../../gateway/fast/path.ts';
import { createMetrics, type GatewayMetrics } from '../../gateway/metrics.ts';
import type { RunningServer } from '../../platform/server.ts';
import type { TalentDoc } from '../../subgraphs/experts/model.ts';
import { clientToken } from '../helpers/caller.ts';
import { type Hub, startGatewayOver, startHub } from '../helpers/hub.ts';

/**
 * The fast path (gateway/fast) against the full pipeline, over real HTTP: one hub (three experts
 * nodes), its gateway with the fast path on, and a second gateway over the same subgraphs with it
 * off. Every request goes to both; status, the headers Apollo sets and the body bytes must be equal,
 * and the fast path's counter says which way it went.
 */

const BY_ID = 'query TalentById($id: ID!) { talent(id: $id) { id name sharing homeRegion { code } disciplines { code } } }';
const SHAPED = `query Shaped($id: ID!, $withPools: Boolean!) {
  person: talent(id: $id) { __typename ...Basics pools @include(if: $withPools) { id level } skills @skip(if: $withPools) }
}
fragment Basics on Talent { id title careerStage }`;
const PAGE = 'query Page($first: Int!) { talents(first: $first) { edges { node { id name } } } }';

let hub: Hub;
let full: RunningServer;
let metrics: GatewayMetrics;
let own: TalentDoc;
let privateElsewhere: TalentDoc;
/** Another talent of Sichuan's, the one the altering proxy below changes. */
let victim: TalentDoc;
const tokens: Record<string, string> = {};

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** Headers that differ between any two responses (time, connection, the request id). */
const VARYING = new Set(['date', 'connection', 'keep-alive', 'x-request-id']);

async function send(url: string, body: unknown, extra: Record<string, string> = {}, sub = 'sichuan-system'): Promise<Answer> {
  // 'reader-system' may read talents but not their contact details.
  tokens[sub] ??= await clientToken({ region: '510000', scopes: sub === 'reader-system' ? ['talent:read'] : ['talent:read', 'talent:contact'], sub });
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[sub]}`, ...extra }, body: JSON.stringify(body) });
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!VARYING.has(name)) headers[name] = value;
  });
  return { status: res.status, headers, text: await res.text() };
}

type Outcome = 'served' | 'declined' | 'handed_over';

async function outcomes(): Promise<Record<Outcome, number>> {
  const counts: Record<Outcome, number> = { served: 0, declined: 0, handed_over: 0 };
  for (const v of (await metrics.fastPath.get()).values) counts[v.labels.outcome as Outcome] = v.value;
  return counts;
}

/**
 * Sends `body` to both gateways (the fast one after a first request that teaches it the operation),
 * expects equal answers; returns the answer, the fast path's outcome (`none`: not a known operation)
 * and how many requests the experts nodes got for the fast gateway's request.
 */
async function same(
  body: { query: string; variables?: Record<string, unknown>; operationName?: string },
  extra: Record<string, string> = {},
  learnWith?: Record<string, unknown>,
  sub?: string,
) {
  await send(hub.gateway.url, { ...body, variables: learnWith ?? body.variables }, {}, sub);
  const before = { outcomes: await outcomes(), fetched: hub.graphqlRequests().experts };
  const fast = await send(hub.gateway.url, body, extra, sub);
  const after = { outcomes: await outcomes(), fetched: hub.graphqlRequests().experts };
  const slow = await send(full.url, body, extra, sub);
  expect(fast).toEqual(slow);
  const moved = (Object.keys(after.outcomes) as Outcome[]).filter((k) => after.outcomes[k] !== before.outcomes[k]);
  return { answer: fast, outcome: moved.length === 1 ? moved[0] : moved.length === 0 ? 'none' : moved.join('+'), fetched: after.fetched - before.fetched };
}

beforeAll(async () => {
  metrics = createMetrics();
  hub = await startHub({ talents: 300, gateway: { metrics, cost: { defaultListSize: 10, limits: { default: 5000, clients: { 'small-client': 50 } } } } });
  full = await startGatewayOver(hub, { fastPath: false, cost: { defaultListSize: 10, limits: { default: 5000, clients: { 'small-client': 50 } } } });
  const talents = hub.dataset.experts.talents;
  own = talents.find((t) => t.homeRegion === '510000')!;
  victim = talents.find((t) => t.homeRegion === '510000' && t._id !== own._id)!;
  privateElsewhere = talents.find((t) => t.homeRegion !== '510000' && t.homeRegion !== '500000' && t.sharing === 'PRIVATE')!;
});
afterAll(async () => {
  await full?.close();
  await hub?.close();
});

describe('the fast path answers exactly as the full pipeline', () => {
  it('serves a known one-fetch query byte for byte, after one full run taught it', async () => {
    const { answer, outcome, fetched } = await same({ query: BY_ID, variables: { id: own._id } });
    expect(outcome).toBe('served');
    expect(fetched).toBe(1);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).data.talent.id).toBe(own._id);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('shapes aliases, fragments, __typename, @include and @skip with the request variables', async () => {
    const learn = { id: own._id, withPools: true };
    for (const withPools of [true, false]) {
      const { answer, outcome } = await same({ query: SHAPED, variables: { id: own._id, withPools } }, {}, learn);
      expect(outcome).toBe('served');
      const person = JSON.parse(answer.text).data.person;
      expect(person.__typename).toBe('Talent');
      expect('pools' in person).toBe(withPools);
      expect('skills' in person).toBe(!withPools);
    }
  });

  it('serves an absent talent (null), and one the caller may not see as the pipeline does', async () => {
    const absent = await same({ query: BY_ID, variables: { id: 'T-510000-999998' } }, {}, { id: own._id });
    expect([absent.outcome, absent.answer.status, JSON.parse(absent.answer.text).data.talent]).toEqual(['served', 200, null]);
    const hidden = await same({ query: BY_ID, variables: { id: privateElsewhere._id } }, {}, { id: own._id });
    expect(hidden.answer.status).toBe(200);
    expect(JSON.parse(hidden.answer.text).data.talent).toBeNull();
  });

  it('hands an answer with errors to the pipeline, which answers with it without fetching again', async () => {
    const query = 'query Contact($id: ID!) { talent(id: $id) { id name contact { email } } }';
    // Learned from a caller allowed the contact; asked by one who is not (the node answers with an error).
    await send(hub.gateway.url, { query, variables: { id: own._id } });
    const { answer, outcome, fetched } = await same({ query, variables: { id: own._id } }, {}, { id: own._id }, 'reader-system');
    expect(outcome).toBe('handed_over');
    expect(fetched).toBe(1);
    expect(JSON.parse(answer.text).errors.length).toBeGreaterThan(0);
  });

  it('leaves to the pipeline, before any fetch, what it does not answer itself', async () => {
    const cases: [string, { query: string; variables?: Record<string, unknown> }, Record<string, string>, string][] = [
      ['variables that do not coerce', { query: BY_ID, variables: { id: { $gt: '' } } }, {}, 'declined'],
      ['a missing variable', { query: BY_ID, variables: {} }, {}, 'declined'],
      ['another accept', { query: BY_ID, variables: { id: own._id } }, { accept: 'application/graphql-response+json' }, 'none'],
      ['the cost asked for', { query: BY_ID, variables: { id: own._id } }, { 'hub-include-cost': 'true' }, 'none'],
      ['extensions in the body', { query: BY_ID, variables: { id: own._id }, extensions: { cost: true } } as never, {}, 'none'],
    ];
    for (const [what, body, extra, expected] of cases) {
      const { answer, outcome, fetched } = await same(body, extra, { id: own._id });
      expect([what, outcome]).toEqual([what, expected]);
      // Refused by the pipeline (400) without a fetch, or answered by it with one.
      expect([what, fetched]).toEqual([what, answer.status === 200 ? 1 : 0]);
    }
  });

  it('refuses a cost over the client limit as the pipeline does (declined, nothing fetched)', async () => {
    await send(hub.gateway.url, { query: PAGE, variables: { first: 2 } }, {}, 'small-client');
    const before = { outcomes: await outcomes(), fetched: hub.graphqlRequests().experts };
    const fast = await send(hub.gateway.url, { query: PAGE, variables: { first: 100 } }, {}, 'small-client');
    const after = { outcomes: await outcomes(), fetched: hub.graphqlRequests().experts };
    const slow = await send(full.url, { query: PAGE, variables: { first: 100 } }, {}, 'small-client');
    expect(fast).toEqual(slow);
    expect(fast.status).toBe(400);
    expect(JSON.parse(fast.text).errors[0].extensions.code).toBe('COST_ESTIMATED_TOO_EXPENSIVE');
    expect(after.outcomes.declined - before.outcomes.declined).toBe(1);
    expect(after.fetched).toBe(before.fetched);
  });

  it('hands a failed fetch to the pipeline, which answers with it without fetching again', async () => {
    const dead = startGatewayOver(hub, {
      metrics,
      expertsNodes: hub.expertsNodes.map((n) => (n.provinces === '*' || n.name === 'rest' ? { ...n, url: 'http://127.0.0.1:9/graphql' } : n)),
      subgraphPolicy: { timeoutMs: 2000, retryBackoffMs: 0, breaker: { errorThresholdPercentage: 50, volumeThreshold: 1000, resetTimeoutMs: 10_000 }, dedupe: false },
    });
    const gateway = await dead;
    try {
      await send(gateway.url, { query: BY_ID, variables: { id: own._id } });
      const before = await outcomes();
      const elsewhere = hub.dataset.experts.talents.find((t) => !['510000', '500000'].includes(t.homeRegion) && t.sharing === 'NATIONAL')!;
      const answer = await send(gateway.url, { query: BY_ID, variables: { id: elsewhere._id } });
      const after = await outcomes();
      expect(after.handed_over - before.handed_over).toBe(1);
      expect(answer.status).toBe(200);
      const body = JSON.parse(answer.text);
      expect(body.data.talent).toBeNull();
      expect(body.errors[0].extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
      expect(answer.text).not.toMatch(/127\.0\.0\.1|:9\b/);
    } finally {
      await gateway.close();
    }
  });

  it('counts and prices every request it serves as the pipeline does', async () => {
    const count = async () => {
      const requests = (await metrics.requests.get()).values.find((v) => v.labels.operation === 'TalentById' && v.labels.outcome === 'ok')?.value ?? 0;
      const costs = (await metrics.operationCost.get()).values.filter((v) => v.metricName === 'hub_operation_cost_count');
      return { requests, estimated: costs.find((v) => v.labels.kind === 'estimated')?.value ?? 0, actual: costs.find((v) => v.labels.kind === 'actual')?.value ?? 0 };
    };
    await send(hub.gateway.url, { query: BY_ID, variables: { id: own._id } });
    await new Promise((resolve) => setImmediate(resolve));
    const before = { ...(await count()), served: (await outcomes()).served };
    for (let i = 0; i < 3; i++) await send(hub.gateway.url, { query: BY_ID, variables: { id: own._id } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const after = { ...(await count()), served: (await outcomes()).served };
    expect(after.served - before.served).toBe(3);
    expect({ requests: after.requests - before.requests, estimated: after.estimated - before.estimated, actual: after.actual - before.actual }).toEqual({
      requests: 3,
      estimated: 3,
      actual: 3,
    });
  });

  /**
   * Sichuan's node behind a proxy that changes `victim` whenever it returns it (`change`), a gateway with the
   * fast path and one without over it; `run` gets both URLs.
   */
  async function throughAlteringNode(change: (talent: Record<string, unknown>) => void, run: (fastUrl: string, fullUrl: string) => Promise<void>) {
    const sichuan = hub.expertsNodes.find((n) => n.provinces !== '*' && n.provinces.includes('510000'))!;
    const proxy = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', async () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
        const answer = (await (await fetch(sichuan.url, { method: 'POST', headers, body })).json()) as { data?: { talent?: Record<string, unknown> | null } };
        if (answer.data?.talent && answer.data.talent.id === victim._id) change(answer.data.talent);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`;
    const nodes = hub.expertsNodes.map((n) => (n === sichuan ? { ...n, url } : n));
    const [fastGateway, fullGateway] = await Promise.all([
      startGatewayOver(hub, { metrics, expertsNodes: nodes }),
      startGatewayOver(hub, { fastPath: false, expertsNodes: nodes }),
    ]);
    try {
      await run(fastGateway.url, fullGateway.url);
    } finally {
      await Promise.all([fastGateway.close(), fullGateway.close()]);
      await new Promise((resolve) => proxy.close(resolve));
    }
  }

  /** Learns BY_ID on `fastUrl` (with `own`), then asks both for `victim`: equal answers; the outcome and how the answer was written. */
  async function alteredAnswer(fastUrl: string, fullUrl: string) {
    await send(fastUrl, { query: BY_ID, variables: { id: own._id } });
    const before = { outcomes: await outcomes(), shaping: { ...fastPathShaping() } };
    const fast = await send(fastUrl, { query: BY_ID, variables: { id: victim._id } });
    const after = { outcomes: await outcomes(), shaping: fastPathShaping() };
    expect(fast).toEqual(await send(fullUrl, { query: BY_ID, variables: { id: victim._id } }));
    const outcome = (Object.keys(after.outcomes) as Outcome[]).find((k) => after.outcomes[k] !== before.outcomes[k]);
    return { fast, outcome, asIs: after.shaping.asIs - before.shaping.asIs, shaped: after.shaping.shaped - before.shaping.shaped };
  }

  it('writes a plain answer as it came, and shapes one with fragments or directives', async () => {
    for (const [body, written] of [
      [{ query: BY_ID, variables: { id: own._id } }, 'asIs'],
      [{ query: SHAPED, variables: { id: own._id, withPools: true } }, 'shaped'],
    ] as const) {
      await send(hub.gateway.url, body);
      const before = { ...fastPathShaping() };
      const fast = await send(hub.gateway.url, body);
      expect(fast).toEqual(await send(full.url, body));
      const after = fastPathShaping();
      expect({ asIs: after.asIs - before.asIs, shaped: after.shaped - before.shaped }).toEqual(written === 'asIs' ? { asIs: 1, shaped: 0 } : { asIs: 0, shaped: 1 });
    }
  });

  it('keeps fields a member node adds unasked out of the answer, as the pipeline does', async () => {
    await throughAlteringNode(
      (talent) => Object.assign(talent, { birthYear: 1970, contact: { phone: '13800000000' } }),
      async (fastUrl, fullUrl) => {
        const { fast, outcome, asIs, shaped } = await alteredAnswer(fastUrl, fullUrl);
        expect({ outcome, asIs, shaped }).toEqual({ outcome: 'served', asIs: 0, shaped: 1 });
        expect(Object.keys(JSON.parse(fast.text).data.talent)).toEqual(['id', 'name', 'sharing', 'homeRegion', 'disciplines']);
        expect(fast.text).not.toMatch(/birthYear|13800000000/);
      },
    );
  });

  it('puts the fields of an answer in another order back in the order asked, as the pipeline does', async () => {
    await throughAlteringNode(
      (talent) => {
        const entries = Object.entries(talent).reverse();
        for (const key of Object.keys(talent)) delete talent[key];
        Object.assign(talent, Object.fromEntries(entries));
      },
      async (fastUrl, fullUrl) => {
        const { fast, outcome, shaped } = await alteredAnswer(fastUrl, fullUrl);
        expect({ outcome, shaped }).toEqual({ outcome: 'served', shaped: 1 });
        expect(Object.keys(JSON.parse(fast.text).data.talent)).toEqual(['id', 'name', 'sharing', 'homeRegion', 'disciplines']);
      },
    );
  });

  it('hands an answer with a value its type does not allow to the pipeline, which refuses it as always', async () => {
    for (const change of [(t: Record<string, unknown>) => (t.sharing = 'EVERYONE'), (t: Record<string, unknown>) => (t.id = null), (t: Record<string, unknown>) => (t.name = 42)]) {
      await throughAlteringNode(change, async (fastUrl, fullUrl) => {
        const { fast, outcome, asIs } = await alteredAnswer(fastUrl, fullUrl);
        expect({ outcome, asIs }).toEqual({ outcome: 'handed_over', asIs: 0 });
        expect(JSON.parse(fast.text).errors?.length ?? JSON.parse(fast.text).extensions?.valueCompletion?.length).toBeGreaterThan(0);
      });
    }
  });
});

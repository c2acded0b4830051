import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../gateway/serve.ts';
import { DEFAULT_LIMITS } from '../../gateway/limits.ts';
import { ALL_SCOPES, clientToken } from '../helpers/caller.ts';
import { type Hub, startHub } from '../helpers/hub.ts';

/**
 * Hostile and malformed requests. Every one is answered with a JSON GraphQL error (400 when it
 * cannot run, 405 for a mutation over GET as the GraphQL-over-HTTP spec requires, 413 when too
 * big, 429 when over the rate), never a 5xx, never HTML, never a stack, host, port or database
 * message; a request rejected at the gateway costs no subgraph call; the process stays healthy.
 */
const LIMITS = { depth: 5, aliases: 3, rootFields: 3, directives: 3, tokens: 120 };
/** Demand control (gateway/cost): every client of `limited` may spend an estimated cost of 250 per operation: the root-field test (disciplines 62 + expertPools 50 + regions 100) passes, the wide page of test 11 (261) does not. */
const COST = { limits: { default: 250, clients: {} }, defaultListSize: 10 };

let hub: Hub;
let limited: Hub;
let token: string;

beforeAll(async () => {
  hub = await startHub({ talents: 200 });
  limited = await startHub({
    talents: 200,
    gateway: { limits: LIMITS, cost: COST, bodyLimitBytes: 4096, rateLimit: { ratePerSecond: 2, burst: 3 }, production: true, metricsListen: { host: '127.0.0.1', port: 0 } },
  });
  token = await clientToken({ region: '510000', scopes: ALL_SCOPES });
});
afterAll(async () => {
  await hub?.close();
  await limited?.close();
});

interface Sent {
  status: number;
  contentType: string | null;
  text: string;
  body: any;
}

let sent = 0;
async function send(target: Hub, init: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<Sent> {
  // A fresh calling system per request, so the rate limit (tested on its own) stays out of the way.
  const auth = await clientToken({ region: '510000', scopes: ALL_SCOPES, sub: `hostile-${(sent += 1)}` });
  const res = await fetch(`${target.url}${init.path ?? ''}`, {
    method: init.method ?? 'POST',
    headers: { authorization: `Bearer ${auth}`, ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await res.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    // asserted below
  }
  return { status: res.status, contentType: res.headers.get('content-type'), text, body };
}

const json = (payload: unknown) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });

/** The common contract of every rejection. */
async function expectRejected(_target: Hub, sent: Sent, status: number, what: string) {
  expect(sent.status, `${what}: ${sent.text.slice(0, 300)}`).toBe(status);
  expect(sent.contentType, what).toMatch(/application\/(graphql-response\+)?json/);
  expect(sent.body?.errors?.[0]?.message, what).toEqual(expect.any(String));
  expect(sent.body.errors[0].extensions?.code, what).toEqual(expect.any(String));
  expect(sent.text, what).not.toMatch(/<html|<!DOCTYPE|\bat [\w.<>]+ \(|node_modules|127\.0\.0\.1|localhost|ECONN|Mongo|stack/i);
}

/** Runs `fn`, asserting that it caused no subgraph request and left the gateway healthy. */
async function noSubgraphCall(target: Hub, fn: () => Promise<void>) {
  const before = Object.values(target.subgraphs).map((s) => s.graphqlRequests);
  await fn();
  expect(Object.values(target.subgraphs).map((s) => s.graphqlRequests)).toEqual(before);
  expect((await fetch(target.url.replace(/graphql$/, 'health'))).status).toBe(200);
}

describe('hostile and malformed requests', () => {
  it('1. malformed JSON bodies', async () => {
    await noSubgraphCall(hub, async () => {
      for (const body of ['{"query": "{ __typename }"', 'not json at all', '{"query": {"nested": [1, 2}}', '\u0000\u0001\u0002']) {
        await expectRejected(hub, await send(hub, { headers: { 'content-type': 'application/json' }, body }), 400, `malformed ${JSON.stringify(body)}`);
      }
    });
  });

  it('2. wrong content types', async () => {
    await noSubgraphCall(hub, async () => {
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
        const sent = await send(hub, { headers: { 'content-type': contentType }, body: '{"query":"{ talents { totalCount } }"}' });
        expect([400, 415], contentType).toContain(sent.status);
        await expectRejected(hub, sent, sent.status, contentType);
      }
    });
  });

  it('3. empty bodies and bodies without a query', async () => {
    await noSubgraphCall(hub, async () => {
      for (const body of ['', '{}', '{"query": ""}', '{"query": null}', '[]', '"just a string"', '{"variables": {}}']) {
        await expectRejected(hub, await send(hub, { headers: { 'content-type': 'application/json' }, body }), 400, `body ${JSON.stringify(body)}`);
      }
    });
  });

  it('4. a mutation over GET (405, as the GraphQL-over-HTTP spec requires)', async () => {
    await noSubgraphCall(hub, async () => {
      for (const query of [
        'mutation { addTalentToPool(talentId: "T000001", poolId: "x") { pool { id } } }',
        'mutation M($i: RegisterTalentInput!) { registerTalent(input: $i) { talent { id } } }',
      ]) {
        const sent = await send(hub, { method: 'GET', path: `?query=${encodeURIComponent(query)}`, headers: { 'apollo-require-preflight': 'true' } });
        await expectRejected(hub, sent, 405, query);
      }
    });
  });

  it('5. CSRF-style simple requests (no preflight) are refused', async () => {
    await noSubgraphCall(hub, async () => {
      const simple = [
        { method: 'GET', path: `?query=${encodeURIComponent('{ talents { totalCount } }')}` },
        { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ talents { totalCount } }"}' },
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' },
      ];
      for (const request of simple) await expectRejected(hub, await send(hub, request), 400, JSON.stringify(request));
    });
  });

  it('6. depth: exactly at the limit passes, one past fails', async () => {
    const atLimit = '{ talents(first: 1) { edges { node { pools { id } } } } }'; // depth 5
    const past = '{ talents(first: 1) { edges { node { pools { region { code } } } } } }'; // depth 6
    expect((await send(limited, json({ query: atLimit }))).status).toBe(200);
    await noSubgraphCall(limited, async () => {
      const deep = await send(limited, json({ query: past }));
      await expectRejected(limited, deep, 400, 'depth');
      // The depth limit says what it is, not "Syntax Error" (the query parsed).
      expect(deep.body.errors[0].message).toBe('Query depth 6 exceeds the limit of 5: nest fewer levels, or fetch the inner objects in a second query by id.');
      expect(deep.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', reason: 'QUERY_TOO_DEEP', limit: 5, found: 6 });
      await expectRejected(limited, await send(limited, json({ query: '{ talents { edges { node { pools { members { edges { node { id } } } } } } } }' })), 400, 'depth 9');
    });
  });

  it('7. aliases: at the limit passes, past it fails', async () => {
    expect((await send(limited, json({ query: '{ a: disciplines { code } b: disciplines { code } c: disciplines { code } }' }))).status).toBe(200);
    await noSubgraphCall(limited, async () => {
      const aliased = await send(limited, json({ query: '{ a: disciplines { x: code } b: disciplines { code } c: disciplines { code } }' }));
      await expectRejected(limited, aliased, 400, '4 aliases');
      expect(aliased.body.errors[0].extensions).toMatchObject({ code: 'TOO_MANY_ALIASES', reason: 'TOO_MANY_ALIASES', limit: 3, found: 4 });
      expect(aliased.text).not.toMatch(/Syntax Error/i);
      await expectRejected(limited, await send(limited, json({ query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: __typename`).join(' ')} }` })), 400, '40 aliases');
    });
  });

  it('8. root fields: at the limit passes, past it fails (fragments counted)', async () => {
    expect((await send(limited, json({ query: '{ disciplines { code } expertPools { id } regions { code } }' }))).status).toBe(200);
    await noSubgraphCall(limited, async () => {
      const rooted = await send(limited, json({ query: '{ disciplines { code } expertPools { id } regions { code } programs { id } }' }));
      await expectRejected(limited, rooted, 400, '4 root fields');
      expect(rooted.body.errors[0].extensions).toMatchObject({ code: 'TOO_MANY_ROOT_FIELDS', reason: 'TOO_MANY_ROOT_FIELDS', limit: 3, found: 4 });
      await expectRejected(
        limited,
        await send(limited, json({ query: 'query { ...F disciplines { code } } fragment F on Query { expertPools { id } regions { code } programs { id } }' })),
        400,
        'root fields via fragment',
      );
    });
  });

  it('9. directives: at the limit passes, past it fails', async () => {
    const d = (n: number) => `{ disciplines { ${Array.from({ length: n }, () => 'code @include(if: true)').join(' ')} } }`;
    expect((await send(limited, json({ query: d(3) }))).status).toBe(200);
    await noSubgraphCall(limited, async () => {
      const directed = await send(limited, json({ query: d(4) }));
      await expectRejected(limited, directed, 400, '4 directives');
      expect(directed.body.errors[0].extensions).toMatchObject({ code: 'TOO_MANY_DIRECTIVES', reason: 'TOO_MANY_DIRECTIVES', limit: 3, found: 4 });
      await expectRejected(
        limited,
        await send(limited, json({ query: '{ __typename @skip(if: false) @skip(if: false) @skip(if: false) @skip(if: false) @skip(if: false) }' })),
        400,
        'repeated directives',
      );
    });
  });

  it('10. tokens: exactly at the token limit passes, one past is refused by the parser', async () => {
    // "{ disciplines {" + n fields + "} }" is n + 5 tokens.
    const fields = (n: number) => `{ disciplines { ${Array.from({ length: n }, () => 'code').join(' ')} } }`;
    const tokensHub = await startHub({ talents: 50, gateway: { limits: { ...DEFAULT_LIMITS, tokens: 200 } } });
    try {
      const at = await send(tokensHub, json({ query: fields(195) }));
      expect(at.status, at.text.slice(0, 300)).toBe(200);
      await noSubgraphCall(tokensHub, async () => {
        const past = await send(tokensHub, json({ query: fields(196) }));
        await expectRejected(tokensHub, past, 400, 'one token past');
        expect(past.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
      });
      // The default limit, far past it.
      await noSubgraphCall(hub, async () => {
        await expectRejected(hub, await send(hub, json({ query: fields(DEFAULT_LIMITS.tokens) })), 400, 'past the default');
      });
    } finally {
      await tokensHub.close();
    }
  });

  it('11. estimated cost: an expensive operation is refused before planning', async () => {
    await noSubgraphCall(limited, async () => {
      const wide =
        '{ talents { edges { node { id name title organization skills sectors availability sharing homeRegion { code name } pools { id name level sectors } disciplines { code name } } } } }';
      const costly = await send(limited, json({ query: wide }));
      await expectRejected(limited, costly, 400, 'cost');
      // The cost limit says what it is, with the cost found, not "Syntax Error" (the query parsed).
      expect(costly.text).not.toMatch(/Syntax Error/i);
      expect(costly.body.errors[0].message).toMatch(/^The estimated cost of this operation is \d+, over the limit of 250 for client hostile-\d+: ask for smaller pages/);
      expect(costly.body.errors[0].extensions).toMatchObject({ code: 'COST_ESTIMATED_TOO_EXPENSIVE', limit: 250, estimated: expect.any(Number) });
      expect(costly.body.errors[0].extensions.estimated).toBeGreaterThan(250);
    });
    expect((await send(limited, json({ query: '{ disciplines { code name } }' }))).status).toBe(200);
  });

  it('12. batched HTTP requests are off', async () => {
    await noSubgraphCall(hub, async () => {
      await expectRejected(hub, await send(hub, json([{ query: '{ __typename }' }, { query: '{ __typename }' }])), 400, 'batch of 2');
      await expectRejected(hub, await send(hub, json([{ query: '{ talents { totalCount } }' }])), 400, 'batch of 1');
    });
  });

  it('13. oversize bodies get 413', async () => {
    await noSubgraphCall(limited, async () => {
      await expectRejected(limited, await send(limited, json({ query: '{ __typename }', variables: { pad: 'x'.repeat(5000) } })), 413, '5 KB');
    });
    await noSubgraphCall(hub, async () => {
      await expectRejected(hub, await send(hub, json({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_100_000) } })), 413, '1.1 MB');
    });
  });

  it('14. introspection and field suggestions are off in production, on in development', async () => {
    const introspection = '{ __schema { queryType { name } } }';
    expect((await send(hub, json({ query: introspection }))).body.data.__schema.queryType.name).toBe('Query');
    await noSubgraphCall(limited, async () => {
      await expectRejected(limited, await send(limited, json({ query: introspection })), 400, 'introspection in production');
      const typo = await send(limited, json({ query: '{ talentz { totalCount } }' }));
      await expectRejected(limited, typo, 400, 'typo');
      expect(typo.text).not.toMatch(/Did you mean/);
    });
    const devTypo = await send(hub, json({ query: '{ talentz { totalCount } }' }));
    expect(devTypo.text).toMatch(/Did you mean/);
  });

  it('15. NoSQL-injection style variables are BAD_USER_INPUT', async () => {
    await noSubgraphCall(hub, async () => {
      const cases: [string, Record<string, unknown>][] = [
        ['query($id: ID!) { talent(id: $id) { id } }', { id: { $gt: '' } }],
        ['query($id: ID!) { talent(id: $id) { id } }', { id: { $where: 'sleep(1000)' } }],
        ['query($f: TalentFilter) { talents(filter: $f) { totalCount } }', { f: { homeRegion: { $ne: null } } }],
        ['query($a: String) { talents(after: $a) { totalCount } }', { a: { $regex: '.*' } }],
        ['query($id: ID!) { talent(id: $id) { id } }', { id: ['T000001'] }],
      ];
      for (const [query, variables] of cases) {
        const sent = await send(hub, json({ query, variables }));
        await expectRejected(hub, sent, 400, JSON.stringify(variables));
        expect(sent.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      }
    });
    // Strings shaped like operators are just strings: validated by the subgraph, never run as operators.
    const sent = await send(hub, json({ query: 'query($id: ID!) { talent(id: $id) { id } }', variables: { id: '{"$gt": ""}' } }));
    expect(sent.status).toBe(200);
    expect(sent.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('16. rate limiting per calling system: 429 with Retry-After, others unaffected', async () => {
    const as = async (sub: string) => {
      const t = await clientToken({ region: '510000', scopes: ALL_SCOPES, sub });
      const res = await fetch(limited.url, {
        method: 'POST',
        headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
    };
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await as('greedy-system'));
    const limitedOnes = results.filter((r) => r.status === 429);
    expect(results.filter((r) => r.status === 200).length).toBe(5); // rate 2 + burst 3
    expect(limitedOnes.length).toBe(3);
    for (const r of limitedOnes) {
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(r.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    }
    expect((await as('another-system')).status).toBe(200);
    const metrics = await (await fetch((limited.gateway as RunningGateway).metricsUrl!)).text();
    expect(metrics).toMatch(/hub_gateway_rate_limited_total 3/);
  });

  it('17. syntax errors, unknown fields and unknown paths', async () => {
    await noSubgraphCall(hub, async () => {
      await expectRejected(hub, await send(hub, json({ query: '{ talents { ' })), 400, 'syntax');
      await expectRejected(hub, await send(hub, json({ query: '{ nope }' })), 400, 'unknown field');
      await expectRejected(hub, await send(hub, json({ query: 'query A { __typename } query B { __typename }' })), 400, 'no operationName');
      await expectRejected(hub, await send(hub, { method: 'GET', path: '/../../etc/passwd' }), 404, 'unknown path');
    });
  });
});

describe('GraphQL over HTTP compliance (graphql-http audits)', () => {
  it('passes every MUST audit', async () => {
    const fetchFn: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    };
    const audits = serverAudits({ url: hub.url, fetchFn });
    const failures: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (audit.name.startsWith('MUST') && result.status !== 'ok') failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
    expect(audits.filter((a) => a.name.startsWith('MUST')).length).toBeGreaterThan(10);
  });
});

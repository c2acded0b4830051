import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLScalarType, parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SUBGRAPH_POLICY, HubDataSource, type SubgraphPolicy } from '../../gateway/datasource.ts';
import type { RunningServer } from '../../platform/server.ts';
import { clientToken } from '../helpers/caller.ts';
import { post, serveTestGateway } from '../helpers/hub.ts';

/**
 * A client's bad input is the client's error, never a subgraph outage: a subgraph that refuses a
 * request with HTTP 400 and GraphQL errors (Apollo Server does so for variables it cannot coerce)
 * is passed through with its own code, not retried, and not counted by the circuit breaker, so one
 * caller repeating a bad input cannot open the breaker for everyone else.
 */

// Opens after 3 fetches of which half failed; stays open for the rest of the test.
const POLICY: SubgraphPolicy = {
  ...DEFAULT_SUBGRAPH_POLICY,
  retryBackoffMs: 10,
  breaker: { errorThresholdPercentage: 50, volumeThreshold: 3, resetTimeoutMs: 60_000 },
  dedupe: false,
};
const BAD_TIMES = 3 * POLICY.breaker.volumeThreshold;
const QUERY = 'query Y($year: Int!) { intake(year: $year) }';

// A fetch outside a client request (as the other data source tests send), to a core subgraph.
const fetchOf = (variables: Record<string, unknown>) =>
  ({ kind: 'health check', request: { query: QUERY, variables }, context: {} }) as unknown as GraphQLDataSourceProcessOptions<Record<string, never>>;

describe('a subgraph refusing a bad variable (a real Apollo subgraph, HTTP 400)', () => {
  let server: ApolloServer;
  let url: string;
  let requests = 0;
  beforeAll(async () => {
    server = new ApolloServer({
      schema: buildSubgraphSchema({
        typeDefs: parse('type Query { intake(year: Int!): String }'),
        resolvers: { Query: { intake: (_: unknown, { year }: { year: number }) => `intake ${year}` } },
      }),
      plugins: [ApolloServerPluginInlineTraceDisabled(), { requestDidStart: async () => void (requests += 1) }],
    });
    ({ url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } }));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('passes its errors through, sends each once, and leaves the breaker closed for the next caller', async () => {
    const source = new HubDataSource('experts', url, POLICY);
    requests = 0;
    for (let i = 0; i < BAD_TIMES; i += 1) {
      const answer = await source.process(fetchOf({ year: 'not a year' }));
      expect(answer.data).toBeUndefined();
      expect(answer.errors).toHaveLength(1);
      const [error] = answer.errors!;
      expect(error!.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error!.message).toContain('$year');
      expect(JSON.stringify(answer.errors)).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\b|SUBGRAPH_UNAVAILABLE/);
    }
    // No retries: one request per bad fetch.
    expect(requests).toBe(BAD_TIMES);
    // Another caller's good request still reaches the subgraph and is answered.
    const good = await source.process(fetchOf({ year: 2026 }));
    expect(good.errors).toBeUndefined();
    expect(good.data).toEqual({ intake: 'intake 2026' });
    expect(requests).toBe(BAD_TIMES + 1);
  });
});

describe('what stays a failure', () => {
  let plain: Server | undefined;
  async function stop() {
    const server = plain;
    plain = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  afterEach(stop);

  async function subgraph(status: number, body: string): Promise<{ url: string; count: () => number }> {
    let count = 0;
    plain = createServer((_req, res) => {
      count += 1;
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => plain!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(plain.address() as AddressInfo).port}/graphql`, count: () => count };
  }

  const ERRORS = JSON.stringify({ errors: [{ message: 'refused', extensions: { code: 'BAD_USER_INPUT' } }] });

  it('a 5xx with GraphQL errors is retried, counted, and opens the breaker', async () => {
    const { url, count } = await subgraph(500, ERRORS);
    const source = new HubDataSource('experts', url, POLICY);
    for (let i = 0; i < BAD_TIMES; i += 1) {
      await expect(source.process(fetchOf({ year: 1 }))).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });
    }
    // The first fetches were retried; once open, the breaker sent nothing more.
    expect(count()).toBeGreaterThan(POLICY.breaker.volumeThreshold);
    expect(count()).toBeLessThan(2 * BAD_TIMES);
  });

  it('a 429 and a 400 without GraphQL errors stay SUBGRAPH_UNAVAILABLE, retried once', async () => {
    for (const [status, body] of [
      [429, ERRORS],
      [400, '{"message":"no"}'],
    ] as const) {
      const { url, count } = await subgraph(status, body);
      const source = new HubDataSource('experts', url, POLICY);
      await expect(source.process(fetchOf({ year: 1 }))).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'experts' } });
      expect(count()).toBe(2);
      await stop();
    }
  });

  it('a 401 or 403 is the subgraph refusing the hub (SUBGRAPH_REFUSED, test/gateway/subgraph-refused.test.ts), not retried', async () => {
    for (const status of [401, 403]) {
      const { url, count } = await subgraph(status, ERRORS);
      const source = new HubDataSource('experts', url, POLICY);
      await expect(source.process(fetchOf({ year: 1 }))).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_REFUSED', serviceName: 'experts' } });
      expect(count()).toBe(1);
      await stop();
    }
  });
});

describe('through the gateway: one caller repeating a bad input', () => {
  let subgraph: ApolloServer;
  let gateway: RunningServer;
  let requests = 0;
  beforeAll(async () => {
    // The subgraph's scalar is stricter than the supergraph's (which passes any value on), so the
    // value reaches the subgraph and its variable coercion refuses it: HTTP 400 with errors.
    const typeDefs = parse('extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"]) scalar Year type Query { intake(year: Year!): String }');
    const Year = new GraphQLScalarType({
      name: 'Year',
      parseValue: (value) => {
        // A scalar whose own text repeats the value it refused (as graphql-scalars' do) for a name-like string.
        if (typeof value === 'string' && value.includes(' ')) throw new TypeError(`${value} is not a year`);
        if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError('a year is a whole number, e.g. 2026');
        return value;
      },
    });
    subgraph = new ApolloServer({
      schema: buildSubgraphSchema({ typeDefs, resolvers: { Year, Query: { intake: (_: unknown, { year }: { year: number }) => `intake ${year}` } } }),
      plugins: [ApolloServerPluginInlineTraceDisabled(), { requestDidStart: async () => void (requests += 1) }],
    });
    const { url } = await startStandaloneServer(subgraph, { listen: { port: 0, host: '127.0.0.1' } });
    const composed = composeServices([{ name: 'experts', typeDefs, url }]);
    if (!composed.supergraphSdl) throw new Error(JSON.stringify(composed.errors));
    gateway = await serveTestGateway({
      supergraphSdl: composed.supergraphSdl,
      subgraphUrls: { experts: url },
      subgraphPolicy: POLICY,
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await subgraph?.stop();
  });

  const as = async (sub: string) => ({ authorization: `Bearer ${await clientToken({ region: '510000', scopes: ['talent:read'], sub })}` });
  const GATEWAY_QUERY = 'query Y($year: Year!) { intake(year: $year) }';

  it('tells the caller what to fix each time, and the breaker stays closed for another caller', async () => {
    const mallory = await as('province-a');
    requests = 0;
    for (let i = 0; i < BAD_TIMES; i += 1) {
      const res = await post(gateway.url, GATEWAY_QUERY, { year: 'MMXXVI' }, mallory);
      const codes = (res.body.errors ?? []).map((e) => e.extensions?.code);
      expect(codes, JSON.stringify(res.body.errors)).toEqual(['BAD_USER_INPUT']);
      expect(res.body.errors![0]!.message).toContain('a year is a whole number');
      expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\b|SUBGRAPH_UNAVAILABLE|stacktrace/);
    }
    expect(requests).toBe(BAD_TIMES);
    const other = await post(gateway.url, GATEWAY_QUERY, { year: 2026 }, await as('province-b'));
    expect(other.body.errors).toBeUndefined();
    expect(other.body.data).toEqual({ intake: 'intake 2026' });
  });

  it("keeps a scalar's own text only when it does not repeat the value sent", async () => {
    const res = await post(gateway.url, GATEWAY_QUERY, { year: 'Wang Fang' }, await as('province-c'));
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors![0]!.message).toBe('Variable "$year" has an invalid value at "year": not a valid "Year".');
    expect(JSON.stringify(res.body)).not.toContain('Wang Fang');
  });
});

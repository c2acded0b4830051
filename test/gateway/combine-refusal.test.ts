import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, GraphQLScalarType, parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFetchCombiner, withCombining } from '../../gateway/combine/batcher.ts';
import { DEFAULT_SUBGRAPH_POLICY, HubDataSource } from '../../gateway/datasource.ts';

/**
 * A combined request the subgraph refuses (HTTP 400 for one fetch's variable it cannot coerce)
 * costs one more request for the fetches that did nothing wrong, not one request per fetch: the
 * fetch whose variable was refused gets the subgraph's refusal as it would have alone, and the
 * others are sent again together. A real Apollo subgraph on port 0 counts the requests.
 */

const typeDefs = parse('scalar Year type Query { intake(year: Year!): String quota(year: Year!, region: String!): Int }');
const Year = new GraphQLScalarType({
  name: 'Year',
  parseValue: (value) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError('a year is a whole number, e.g. 2026');
    return value;
  },
});

const INTAKE = 'query I($year: Year!) { intake(year: $year) }';
const QUOTA = 'query Q($year: Year!, $region: String!) { quota(year: $year, region: $region) }';

describe('the fetch combiner and a combined request refused with HTTP 400', () => {
  let server: ApolloServer;
  let url: string;
  const received: { query: string; status?: number }[] = [];
  beforeAll(async () => {
    server = new ApolloServer({
      schema: buildSubgraphSchema({
        typeDefs,
        resolvers: {
          Year,
          Query: {
            intake: (_: unknown, { year }: { year: number }) => `intake ${year}`,
            quota: (_: unknown, { year, region }: { year: number; region: string }) => {
              if (region === 'nowhere') throw new GraphQLError('no such region', { extensions: { code: 'NOT_FOUND' } });
              return year - 2000;
            },
          },
        } as never,
      }),
      plugins: [ApolloServerPluginInlineTraceDisabled(), { requestDidStart: async ({ request }) => void received.push({ query: request.query ?? '' }) }],
    });
    ({ url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } }));
  });
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(() => {
    received.length = 0;
  });

  let requestCount = 0;
  /** One data source with the combiner, as the gateway builds it; the fetches share one client request (its context object). */
  function source() {
    return withCombining(new HubDataSource('experts', url, { ...DEFAULT_SUBGRAPH_POLICY, retryBackoffMs: 10, dedupe: false }), createFetchCombiner());
  }
  function fetches(bodies: { query: string; variables: Record<string, unknown> }[]) {
    const context = { requestId: `req-${++requestCount}` };
    return bodies.map((request) => ({ kind: 'health check', request: { ...request }, context }) as unknown as GraphQLDataSourceProcessOptions<Record<string, unknown>>);
  }
  const settled = (s: HubDataSource<Record<string, unknown>>, options: GraphQLDataSourceProcessOptions<Record<string, unknown>>[]) =>
    Promise.allSettled(options.map((o) => s.process(o)));

  it('gives the refusal to the fetch that caused it and sends the others again together: 2 requests, not 1 + 3', async () => {
    const s = source();
    const results = await settled(
      s,
      fetches([
        { query: INTAKE, variables: { year: 2026 } },
        { query: QUOTA, variables: { year: 'MMXXVI', region: 'sichuan' } },
        { query: QUOTA, variables: { year: 2027, region: 'chongqing' } },
      ]),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    const [intake, bad, quota] = results.map((r) => (r as PromiseFulfilledResult<{ data?: unknown; errors?: { message: string; extensions?: { code?: unknown } }[] }>).value);
    expect(intake!.data).toEqual({ intake: 'intake 2026' });
    expect(quota!.data).toEqual({ quota: 27 });
    // The refused fetch: the subgraph's own error, naming the variable as that fetch named it.
    expect(bad!.data).toBeUndefined();
    expect(bad!.errors).toHaveLength(1);
    expect(bad!.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad!.errors![0]!.message).toContain('"$year"');
    expect(bad!.errors![0]!.message).toContain('a year is a whole number');
    expect(JSON.stringify(bad!.errors)).not.toMatch(/_c\d+_/);
    // The combined request, then the two good fetches combined again.
    expect(received).toHaveLength(2);
    expect(received[1]!.query).toMatch(/__combined/);
    expect(received[1]!.query).not.toMatch(/MMXXVI/);
  });

  it('one good fetch left goes alone; two refused fetches each get their own refusal', async () => {
    const s = source();
    const results = await settled(
      s,
      fetches([
        { query: INTAKE, variables: { year: 'two thousand' } },
        { query: QUOTA, variables: { year: 2030, region: 'nowhere' } },
        { query: QUOTA, variables: { year: 2.5, region: 'sichuan' } },
      ]),
    );
    const answers = results.map((r) => (r as PromiseFulfilledResult<{ data?: unknown; errors?: { message: string; extensions?: { code?: unknown }; path?: unknown }[] }>).value);
    expect(answers[0]!.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answers[0]!.errors![0]!.message).toContain('"two thousand"');
    expect(answers[2]!.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answers[2]!.errors![0]!.message).toContain('2.5');
    // The good one, sent alone, with its own (field) error at its own path.
    expect(answers[1]!.data).toEqual({ quota: null });
    expect(answers[1]!.errors!.map((e) => [e.extensions?.code, e.path])).toEqual([['NOT_FOUND', ['quota']]]);
    expect(received).toHaveLength(2);
    expect(received[1]!.query).not.toMatch(/__combined/);
  });

  it('every fetch refused: one request in all', async () => {
    const s = source();
    const results = await settled(
      s,
      fetches([
        { query: INTAKE, variables: { year: 'x' } },
        { query: QUOTA, variables: { year: 'y', region: 'sichuan' } },
      ]),
    );
    for (const r of results) expect((r as PromiseFulfilledResult<{ errors?: { extensions?: { code?: unknown } }[] }>).value.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(received).toHaveLength(1);
  });

  it('a 401 (the caller token refused, which every fetch carries) answers every fetch: one request in all', async () => {
    let count = 0;
    const refusing = createServer((_req, res) => {
      count += 1;
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: 'not a token I trust', extensions: { code: 'UNAUTHENTICATED' } }] }));
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const s = withCombining(new HubDataSource('experts', `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/graphql`, DEFAULT_SUBGRAPH_POLICY), createFetchCombiner());
      const results = await settled(
        s,
        fetches([
          { query: INTAKE, variables: { year: 2026 } },
          { query: QUOTA, variables: { year: 2027, region: 'sichuan' } },
          { query: QUOTA, variables: { year: 2028, region: 'sichuan' } },
        ]),
      );
      for (const r of results) expect((r as PromiseRejectedResult).reason).toMatchObject({ extensions: { code: 'SUBGRAPH_REFUSED', serviceName: 'experts' } });
      expect(count).toBe(1);
    } finally {
      refusing.closeAllConnections();
      await new Promise((resolve) => refusing.close(resolve));
    }
  });
});

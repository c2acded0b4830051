import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFetchCombiner, LARGE_ANSWER_CHARS, withCombining } from '../../gateway/combine/batcher.ts';
import { DEFAULT_SUBGRAPH_POLICY, HubDataSource } from '../../gateway/datasource.ts';

/**
 * Fetches whose combined answer was large (a string on V8's large-object pages: fresh memory,
 * faulted in, on every answer) are sent apart from then on, while each alone stays under the
 * limit; small answers keep being combined. Each fetch gets the same answer either way. A real
 * Apollo subgraph on port 0 counts the requests.
 */

const typeDefs = parse('type Query { text(length: Int!): String }');

describe('the fetch combiner and large combined answers', () => {
  let server: ApolloServer;
  let url: string;
  const received: string[] = [];
  beforeAll(async () => {
    server = new ApolloServer({
      schema: buildSubgraphSchema({ typeDefs, resolvers: { Query: { text: (_: unknown, { length }: { length: number }) => 'x'.repeat(length) } } as never }),
      plugins: [ApolloServerPluginInlineTraceDisabled(), { requestDidStart: async ({ request }) => void received.push(request.query ?? '') }],
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
  /** One client request's two fetches (one context object), named as the planner names a plan's fetches. */
  function clientRequest(operation: string, length: number) {
    const context = { requestId: `large-${++requestCount}` };
    return [1, 2].map(
      (n) =>
        ({
          kind: 'health check',
          request: { query: `query ${operation}__experts__${n} { t${n}: text(length: ${length + n}) }`, operationName: `${operation}__experts__${n}`, variables: {} },
          context,
        }) as unknown as GraphQLDataSourceProcessOptions<Record<string, unknown>>,
    );
  }
  async function answers(s: HubDataSource<Record<string, unknown>>, operation: string, length: number) {
    return (await Promise.all(clientRequest(operation, length).map((o) => s.process(o)))).map((r) => ({ data: r.data, errors: r.errors }));
  }
  const source = () => withCombining(new HubDataSource('experts', url, { ...DEFAULT_SUBGRAPH_POLICY, dedupe: false }), createFetchCombiner());

  it('sends the fetches of a group whose combined answer was over the limit apart the next time, each alone under it', async () => {
    const s = source();
    const length = Math.ceil(LARGE_ANSWER_CHARS / 2) + 100;
    const expected = [
      { data: { t1: 'x'.repeat(length + 1) }, errors: undefined },
      { data: { t2: 'x'.repeat(length + 2) }, errors: undefined },
    ];
    expect(await answers(s, 'LargeOp', length)).toEqual(expected);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatch(/__combined/);
    received.length = 0;
    expect(await answers(s, 'LargeOp', length)).toEqual(expected);
    expect(received).toHaveLength(2);
    expect(received.some((q) => q.includes('__combined'))).toBe(false);
  });

  it('keeps combining fetches whose answers are small', async () => {
    const s = source();
    const expected = [
      { data: { t1: 'x'.repeat(1001) }, errors: undefined },
      { data: { t2: 'x'.repeat(1002) }, errors: undefined },
    ];
    for (let i = 0; i < 2; i++) expect(await answers(s, 'SmallOp', 1000)).toEqual(expected);
    expect(received).toHaveLength(2);
    expect(received.every((q) => q.includes('__combined'))).toBe(true);
  });
});

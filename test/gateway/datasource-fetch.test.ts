import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SUBGRAPH_POLICY, HubDataSource } from '../../gateway/datasource.ts';
import { timedFetch } from '../../gateway/subgraph-http.ts';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function subgraph(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

// A fetch outside a client request (the kind the gateway's health checks send), to a core subgraph.
const fetchOf = (query: string) => ({ kind: 'health check', request: { query }, context: {} }) as unknown as GraphQLDataSourceProcessOptions<Record<string, never>>;

describe('subgraph fetches', () => {
  it('reads an answer in full and parses it', async () => {
    const url = await subgraph((_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=5' }).end('{"data":{"__typename":"Query"}}'));
    const source = new HubDataSource('experts', url, DEFAULT_SUBGRAPH_POLICY);
    const response = await source.process(fetchOf('{ __typename }'));
    expect(response.data).toEqual({ __typename: 'Query' });
  });

  it('reads an answer that comes in many pieces, characters split between them, as the text it is', async () => {
    const names = Array.from({ length: 2000 }, (_, i) => `成都高新区人才${i}号`);
    const bytes = Buffer.from(JSON.stringify({ data: { names } }));
    const url = await subgraph(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // 7-byte pieces, each flushed on its own: most of the three-byte characters are cut in two.
      for (let i = 0; i < bytes.length; i += 7 * 1024) {
        for (let j = i; j < Math.min(i + 7 * 1024, bytes.length); j += 7) res.write(bytes.subarray(j, Math.min(j + 7, bytes.length)));
        await new Promise((resolve) => setImmediate(resolve));
      }
      res.end();
    });
    const source = new HubDataSource('experts', url, DEFAULT_SUBGRAPH_POLICY);
    const response = await source.process(fetchOf('{ names }'));
    expect(response.data).toEqual({ names });
  });

  it('gives every fetch that shares an answer its own copy to read', async () => {
    let requests = 0;
    const url = await subgraph((_req, res) => {
      requests += 1;
      // Answers a moment later, so the identical fetches are all in flight together.
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"talent":{"id":"t1","name":"张三"}}}'), 50);
    });
    const source = new HubDataSource('experts', url, DEFAULT_SUBGRAPH_POLICY);
    const answers = await Promise.all([1, 2, 3].map(() => source.process(fetchOf('{ talent { id name } }'))));
    expect(requests).toBe(1);
    for (const answer of answers) expect(answer.data).toEqual({ talent: { id: 't1', name: '张三' } });
    // Separate objects: a change one fetch makes to its answer is not seen by the others.
    expect(new Set(answers.map((a) => a.data)).size).toBe(3);
  });

  it('abandons a fetch whose answer stalls after its headers: the timeout covers the body', async () => {
    const url = await subgraph((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
    });
    const source = new HubDataSource('experts', url, { ...DEFAULT_SUBGRAPH_POLICY, timeoutMs: 300, retryBackoffMs: 10 });
    const started = Date.now();
    await expect(source.process(fetchOf('{ __typename }'))).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: 'experts' } });
    // One attempt and one retry, each cut at 300 ms.
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('treats a redirect as a failed fetch and never follows it', async () => {
    let followed = 0;
    const target = await subgraph((req, res) => {
      if (req.url === '/inside') followed += 1;
      res.writeHead(307, { location: '/inside' }).end();
    });
    const source = new HubDataSource('experts', target, { ...DEFAULT_SUBGRAPH_POLICY, retryBackoffMs: 10 });
    await expect(source.process(fetchOf('{ __typename }'))).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });
    expect(followed).toBe(0);
  });

  describe('sends what RemoteGraphQLDataSource.process sends, and reads the answer as it does', () => {
    // Each data source's requests as the subgraph saw them, and the cache hints each restricted its client request by.
    interface Seen {
      headers: Record<string, unknown>;
      body: string;
    }
    async function exchange(status: number, answer: string, answerHeaders: Record<string, string>) {
      const seen: Seen[] = [];
      const url = await subgraph((req, res) => {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (chunk: string) => {
          body += chunk;
        });
        req.on('end', () => {
          const { host: _host, connection: _connection, ...headers } = req.headers;
          seen.push({ headers, body });
          res.writeHead(status, { 'content-type': 'application/json', ...answerHeaders }).end(answer);
        });
      });
      // The same hook on both: what a subclass sets on the request's headers is sent.
      const willSendRequest = ({ request }: GraphQLDataSourceProcessOptions<Record<string, never>>) => {
        request.http?.headers.set('X-Hub-Request-Id', 'req-12345678');
        request.http?.headers.append('x-extra', 'one');
        request.http?.headers.append('x-extra', 'two');
      };
      const hub = new HubDataSource<Record<string, never>>('experts', url, { ...DEFAULT_SUBGRAPH_POLICY, dedupe: false, retryBackoffMs: 10 });
      hub.willSendRequest = async (options) => willSendRequest(options);
      const apollo = new RemoteGraphQLDataSource<Record<string, never>>({ url, fetcher: timedFetch(5000) as never, willSendRequest });
      const results: { value?: unknown; error?: unknown; hints: unknown[] }[] = [];
      for (const source of [apollo, hub]) {
        const hints: unknown[] = [];
        const options = {
          kind: 'incoming operation',
          request: {
            query: 'query T__experts__0($id: ID!) { talent(id: $id) { id name } }',
            variables: { id: 't1', names: ['张三'] },
            operationName: 'T__experts__0',
            extensions: { note: 'kept' },
            // What executeQueryPlan passes with tracing on.
            http: { method: 'POST', url, headers: new Headers({ 'apollo-federation-include-trace': 'ftv1' }) },
          },
          incomingRequestContext: { overallCachePolicy: { restrict: (hint: unknown) => hints.push(hint) } },
          context: {},
          pathInIncomingRequest: [],
        } as unknown as GraphQLDataSourceProcessOptions<Record<string, never>>;
        try {
          const response = await source.process(options);
          results.push({ value: { data: response.data, errors: response.errors, status: response.http?.status }, hints });
        } catch (error) {
          results.push({ error: { message: (error as Error).message, extensions: (error as { extensions?: unknown }).extensions }, hints });
        }
      }
      return { seen, results };
    }

    it('a 200 answer with a cache-control header', async () => {
      const { seen, results } = await exchange(200, '{"data":{"talent":{"id":"t1","name":"张三"}}}', { 'cache-control': 'max-age=30, private' });
      expect(seen).toHaveLength(2);
      expect(seen[1]).toEqual(seen[0]);
      expect(JSON.parse(seen[1]!.body)).toMatchObject({ variables: { names: ['张三'] }, extensions: { note: 'kept' } });
      expect(seen[1]!.headers).toMatchObject({ 'apollo-federation-include-trace': 'ftv1', 'x-hub-request-id': 'req-12345678', 'x-extra': 'one, two' });
      expect(results[1]).toEqual(results[0]);
      expect(results[1]!.hints).toEqual([{ maxAge: 30, scope: 'PRIVATE' }]);
    });

    it('a 400 refusal with GraphQL errors, and a body that is not an object', async () => {
      const refused = await exchange(400, '{"errors":[{"message":"Variable $id got invalid value","extensions":{"code":"BAD_USER_INPUT"}}]}', {});
      expect(refused.results[1]).toEqual({
        value: { data: undefined, errors: [{ message: 'Variable $id got invalid value', extensions: { code: 'BAD_USER_INPUT' } }], status: undefined },
        hints: [],
      });
      const list = await exchange(200, '[1,2]', {});
      expect(list.results[0]).toMatchObject({ error: { message: 'Expected JSON response body, but received: 1,2' } });
      // The hub's data source turns what Apollo's throws into its own unavailable error.
      expect(list.results[1]).toMatchObject({ error: { extensions: { code: 'SUBGRAPH_UNAVAILABLE' } } });
    });
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SUBGRAPH_POLICY, HubDataSource } from '../../gateway/datasource.ts';

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
});

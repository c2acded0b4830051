import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallerSigner } from '../../gateway/signer.ts';
import { exampleData } from '../../partners/hainan/data.ts';
import { hainanService } from '../../partners/hainan/server.ts';
import { graphqlHttpHandler } from '../../platform/graphql-http.ts';
import { startSubgraph } from '../../platform/runner.ts';
import type { RunningServer } from '../../platform/server.ts';
import { createEmbeddedDatabase } from '../../store/embedded.ts';

// A subgraph started by the runner serves the gateway's fetches (POST, JSON) on its own path
// (platform/graphql-http.ts), not through express.json() and Apollo's express integration. A
// gzip-encoded body still takes the express path, so the same request can be asked both ways.

let subgraph: RunningServer;
let token: string;
const QUERY = 'query Records { hainanServiceRecords(first: 3) { totalCount edges { node { id kind status } } } }';

beforeAll(async () => {
  const signer = await createCallerSigner();
  subgraph = await startSubgraph(hainanService, { db: createEmbeddedDatabase(), port: 0, host: '127.0.0.1', keys: signer.localKeys(), seed: exampleData });
  token = await signer.sign({ audience: 'hainan', sub: 'test-hainan', region: '460000', scopes: ['talent:read'], purpose: null, grants: [] });
});
afterAll(() => subgraph.close());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One POST over a fresh connection; `chunked` sends the body without a content-length. */
function post(body: string | Buffer, headers: Record<string, string>, chunked = false, url = subgraph.url): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, ...(chunked ? {} : { 'content-length': String(Buffer.byteLength(body)) }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (chunked) {
      const half = Math.floor(body.length / 2);
      req.write(body.slice(0, half));
      req.end(body.slice(half));
    } else req.end(body);
  });
}

const json = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}`, ...extra });

describe('the subgraph HTTP path for the gateway fetches', () => {
  it('answers a JSON POST as the express path answers the same request', async () => {
    const body = JSON.stringify({ query: QUERY, operationName: 'Records' });
    const direct = await post(body, json());
    const viaExpress = await post(gzipSync(body), json({ 'content-encoding': 'gzip' }));
    expect(direct.status).toBe(200);
    expect(JSON.parse(direct.text).data.hainanServiceRecords.edges).toHaveLength(3);
    expect(direct.text).toBe(viaExpress.text);
    expect(direct.headers['content-type']).toBe(viaExpress.headers['content-type']);
    expect(direct.headers['content-length']).toBe(String(Buffer.byteLength(direct.text)));
    // A body sent in chunks without a content-length, and a charset in the type, are read the same.
    expect((await post(body, json({ 'content-type': 'application/json; charset=utf-8' }), true)).text).toBe(direct.text);
  });

  it('keeps the caller check: no token, no data (401 UNAUTHENTICATED), the open fields stay open', async () => {
    const noToken = await post(JSON.stringify({ query: QUERY }), { 'content-type': 'application/json' });
    expect(noToken.status).toBe(401);
    expect(JSON.parse(noToken.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const open = await post(JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'application/json' });
    expect(JSON.parse(open.text)).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a body over 1 MB with 413 PAYLOAD_TOO_LARGE, declared or streamed, and a body that is not JSON with 400 BAD_REQUEST', async () => {
    const big = JSON.stringify({ query: QUERY, variables: { pad: 'x'.repeat(1024 * 1024) } });
    for (const chunked of [false, true]) {
      const answer = await post(big, json(), chunked);
      expect(answer.status, `chunked: ${chunked}`).toBe(413);
      expect(JSON.parse(answer.text).errors[0]).toMatchObject({ extensions: { code: 'PAYLOAD_TOO_LARGE' }, message: expect.stringMatching(/larger than 1048576 bytes/) });
    }
    for (const bad of ['{"query": ', '"a string"', '123']) {
      const answer = await post(bad, json());
      expect(answer.status, bad).toBe(400);
      expect(JSON.parse(answer.text).errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' }, message: expect.stringMatching(/not valid JSON/) });
    }
    // Still serving after the refusals.
    expect((await post(JSON.stringify({ query: QUERY }), json())).status).toBe(200);
  });
});

describe('graphqlHttpHandler on its own (a bare node:http server, no express)', () => {
  let apollo: ApolloServer;
  let http: Server;
  let url: string;
  const passed: unknown[] = [];
  beforeAll(async () => {
    apollo = new ApolloServer({
      typeDefs: 'type Query { hello(name: String!): String! }',
      resolvers: { Query: { hello: (_: unknown, a: { name: string }) => `你好, ${a.name}` } },
    });
    await apollo.start();
    const handler = graphqlHttpHandler(apollo, async () => ({}), 1000);
    http = createServer((req, res) => {
      void handler(req, res, (error) => {
        // What the handler leaves to the express path: recorded, answered 599 so the test sees it.
        passed.push(error ?? 'next');
        res.statusCode = 599;
        res.end();
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await new Promise((resolve) => http.close(resolve));
    await apollo.stop();
  });

  it('answers a JSON POST itself and hands everything else on, untouched', async () => {
    const body = JSON.stringify({ query: 'query Hi($n: String!) { hello(name: $n) }', variables: { n: '川' } });
    const answer = await post(body, { 'content-type': 'application/json' }, false, url);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ data: { hello: '你好, 川' } });
    expect(passed).toEqual([]);
    expect((await post(body, { 'content-type': 'text/plain' }, false, url)).status).toBe(599);
    expect((await post(gzipSync(body), { 'content-type': 'application/json', 'content-encoding': 'gzip' }, false, url)).status).toBe(599);
    expect(passed).toEqual(['next', 'next']);
  });

  it("passes on body errors shaped as body-parser's (what the JSON error handler answers), over its limit or not JSON", async () => {
    passed.length = 0;
    await post(JSON.stringify({ query: `{ hello(name: "${'x'.repeat(1000)}") }` }), { 'content-type': 'application/json' }, true, url);
    await post('[1, 2', { 'content-type': 'application/json' }, false, url);
    expect(passed).toEqual([
      expect.objectContaining({ type: 'entity.too.large', status: 413, limit: 1000 }),
      expect.objectContaining({ type: 'entity.parse.failed', status: 400 }),
    ]);
  });
});

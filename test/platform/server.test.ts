import { gzipSync } from 'node:zlib';
import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../platform/server.ts';

// A plain Apollo server served by the platform's listen (as the gateway and every subgraph are), on port 0.
const typeDefs = `type Query { greeting(name: String!): String! }`;
const resolvers = { Query: { greeting: (_: unknown, { name }: { name: string }) => `你好, ${name}` } };

let running: RunningServer;
beforeAll(async () => {
  running = await listen({ server: new ApolloServer({ typeDefs, resolvers }), port: 0, host: '127.0.0.1', context: async () => ({}), bodyLimitBytes: 4096 });
});
afterAll(() => running.close());

const post = (body: string, headers: Record<string, string> = {}) => fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('listen: GraphQL answers over HTTP', () => {
  it('answers a POST with the JSON text, its exact byte length and charset, and no ETag', async () => {
    const res = await post(JSON.stringify({ query: 'query Hi($n: String!) { greeting(name: $n) }', variables: { n: '四川' } }));
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(JSON.parse(bytes.toString('utf8'))).toEqual({ data: { greeting: '你好, 四川' } });
    // Multi-byte characters: the length is in bytes, not characters.
    expect(res.headers.get('content-length')).toBe(String(bytes.length));
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    // POST answers are never revalidated: no SHA-1 of each answer.
    expect(res.headers.get('etag')).toBeNull();
  });

  it('answers a GraphQL error the same way, with its status', async () => {
    const res = await post(JSON.stringify({ query: '{ nope }' }));
    expect(res.status).toBe(400);
    const text = await res.text();
    expect((JSON.parse(text) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(res.headers.get('etag')).toBeNull();
  });

  it('still answers a GET query (through Apollo’s express integration), without an ETag', async () => {
    const res = await fetch(`${running.url}?query=${encodeURIComponent('{ greeting(name: "重庆") }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { greeting: '你好, 重庆' } });
    expect(res.headers.get('etag')).toBeNull();
  });

  it('reads the JSON body as express.json does: a byte order mark, a compressed body, no charset', async () => {
    const body = JSON.stringify({ query: '{ greeting(name: "成都") }' });
    const expected = { data: { greeting: '你好, 成都' } };
    expect(await (await post(`\uFEFF${body}`)).json()).toEqual(expected);
    const gzipped = await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'gzip' }, body: gzipSync(body) });
    expect(await gzipped.json()).toEqual(expected);
  });

  it('refuses a body over the limit (413) and one that is not a JSON object (400), each with a code', async () => {
    const big = await post(JSON.stringify({ query: `{ greeting(name: "${'x'.repeat(5000)}") }` }));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const scalar = await post('"{ greeting(name: \\"x\\") }"');
    expect(scalar.status).toBe(400);
    expect(((await scalar.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses a body that is not JSON with a JSON error and a code', async () => {
    const res = await post('{"query": ');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ message: expect.stringContaining('not valid JSON'), extensions: { code: 'BAD_REQUEST' } }] });
  });
});

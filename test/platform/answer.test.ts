import { ApolloServer, HeaderMap } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerBytes, answerPlugin, claimAnswer, stringifyAnswer } from '../../platform/answer.ts';
import { listen, type RunningServer } from '../../platform/server.ts';

/** What Apollo's prettyJSONStringify writes, as bytes: the reference every answer must equal. */
const apollo = (value: unknown) => Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');

/** A synthetic talent, with Chinese text (multi-byte) and text JSON must escape. */
const talent = (i: number) => ({
  id: `T${String(i).padStart(6, '0')}`,
  name: `测试人才${i}`,
  title: i % 3 === 0 ? null : `研究员 "${i}"\n\t\\`,
  sectors: ['INDUSTRY', 'SERVICES'],
  homeRegion: { code: '510000', name: '四川省' },
  score: i / 7,
  emoji: '😀',
});

describe('answerBytes: a GraphQL answer as Apollo writes it, without one string of the whole answer', () => {
  it('gives exactly JSON.stringify(value) + a newline for small, nested, odd and large answers', () => {
    const values: unknown[] = [
      { data: { greeting: '你好' } },
      { data: null, errors: [{ message: 'nope', extensions: { code: 'BAD_USER_INPUT' } }] },
      { data: { a: [1, 'two', null, true, { b: [[], {}] }], c: {} } },
      // Members JSON.stringify leaves out, list items it writes as null, toJSON, a null prototype, number keys.
      {
        data: { gone: undefined, f: () => 1, s: Symbol('x'), list: [undefined, () => 1, 3], at: new Date(0), n: Object.assign(Object.create(null), { x: 1 }), 2: 'two', 1: 'one' },
      },
      { data: { later: { toJSON: () => undefined }, kept: 1 } },
      { data: { talents: { edges: Array.from({ length: 2000 }, (_, i) => ({ cursor: String(i), node: talent(i) })) } } },
      { data: { big: [{ deep: { deeper: { deepest: Array.from({ length: 3000 }, (_, i) => talent(i)) } } }] } },
      [{ data: { x: 1 } }, 'text', 7],
      '字符串',
      42,
    ];
    for (const value of values) expect(answerBytes(value).equals(apollo(value))).toBe(true);
    expect(answerBytes(values[5]).length).toBeGreaterThan(300_000);
  });

  it('refuses a value JSON.stringify cannot write, as it would', () => {
    expect(() => answerBytes(undefined)).toThrow(TypeError);
    expect(() => answerBytes({ data: { n: 1n } })).toThrow(TypeError);
  });
});

describe('a server built with answerPlugin and stringifyAnswer, served by listen', () => {
  const typeDefs = `type Talent { id: ID! name: String! title: String sectors: [String!]! }
    type Query { talents(n: Int!): [Talent!]! fail: String }`;
  const resolvers = {
    Query: {
      talents: (_: unknown, { n }: { n: number }) => Array.from({ length: n }, (_, i) => talent(i)),
      fail: () => {
        throw new Error('boom');
      },
    },
  };
  let running: RunningServer;
  beforeAll(async () => {
    const server = new ApolloServer({ typeDefs, resolvers, plugins: [answerPlugin], stringifyResult: stringifyAnswer, includeStacktraceInErrorResponses: false });
    running = await listen({ server, port: 0, host: '127.0.0.1', context: async () => ({}), bodyLimitBytes: 4096 });
  });
  afterAll(() => running.close());

  const query = '{ talents(n: 3000) { id name title sectors } }';
  const expected = {
    data: {
      talents: Array.from({ length: 3000 }, (_, i) => {
        const { id, name, title, sectors } = talent(i);
        return { id, name, title, sectors };
      }),
    },
  };

  it('hands a claimed answer over instead of stringifying it (Apollo copies the context: the claim survives it)', async () => {
    const server = new ApolloServer({ typeDefs, resolvers, plugins: [answerPlugin], stringifyResult: stringifyAnswer });
    await server.start();
    try {
      const ask = (claim: boolean) => {
        const base = { region: '510000' };
        const claimed = claim ? claimAnswer(base) : undefined;
        const answer = server.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body: { query: '{ talents(n: 2) { id } }' } },
          context: async () => claimed?.context ?? base,
        });
        return answer.then((a) => ({ answer: a, slot: claimed?.slot }));
      };
      const { answer, slot } = await ask(true);
      expect(answer.body).toEqual({ kind: 'complete', string: '' });
      expect(answerBytes(slot!.value).toString('utf8')).toBe(`${JSON.stringify({ data: { talents: [{ id: 'T000000' }, { id: 'T000001' }] } })}\n`);
      // Unclaimed (Apollo's own integration, executeOperation, another handler): the string as Apollo writes it.
      const plain = await ask(false);
      expect(plain.answer.body).toEqual({ kind: 'complete', string: `${JSON.stringify({ data: { talents: [{ id: 'T000000' }, { id: 'T000001' }] } })}\n` });
    } finally {
      await server.stop();
    }
  });

  it('two requests answered with the same data object (a plugin serving one result to both) each get their own answer', async () => {
    const shared = { talents: [{ id: 'T000001' }] };
    const server = new ApolloServer({
      typeDefs,
      resolvers,
      plugins: [
        {
          async requestDidStart() {
            return {
              async responseForOperation() {
                return { http: { headers: new HeaderMap(), status: undefined }, body: { kind: 'single' as const, singleResult: { data: shared } } };
              },
            };
          },
        },
        answerPlugin,
      ],
      stringifyResult: stringifyAnswer,
    });
    await server.start();
    try {
      const ask = async () => {
        const claimed = claimAnswer({});
        const answer = await server.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body: { query: '{ talents(n: 1) { id } }' } },
          context: async () => claimed.context,
        });
        return answer.body.kind === 'complete' && answer.body.string === '' ? answerBytes(claimed.slot.value).toString('utf8') : (answer.body as { string: string }).string;
      };
      const answers = await Promise.all([ask(), ask(), ask()]);
      for (const answer of answers) expect(answer).toBe(`${JSON.stringify({ data: shared })}\n`);
    } finally {
      await server.stop();
    }
  });

  it('answers a large POST with the bytes Apollo would write, and their exact length', async () => {
    const res = await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(200_000);
    expect(bytes.equals(apollo(expected))).toBe(true);
    expect(res.headers.get('content-length')).toBe(String(bytes.length));
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('answers errors and a GET (Apollo’s own integration, which writes its string) as before', async () => {
    const failed = await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ fail }' }) });
    const text = await failed.text();
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toMatchObject({ data: { fail: null }, errors: [{ message: expect.any(String), path: ['fail'] }] });
    const invalid = await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ nope }' }) });
    expect(invalid.status).toBe(400);
    expect((await invalid.text()).endsWith('}\n')).toBe(true);
    const get = await fetch(`${running.url}?query=${encodeURIComponent(query)}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(Buffer.from(await get.arrayBuffer()).equals(apollo(expected))).toBe(true);
  });
});

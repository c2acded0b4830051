import { type IncomingMessage, request as httpRequest, type ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import type { RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonBody, listen, type RunningServer } from '../../platform/server.ts';

// POST /graphql is dispatched straight to its handlers (platform/graphql-dispatch.ts); everything
// else goes through the express app. These tests pin what both paths answer, as the gateway uses
// them: an authentication step that answers 401 itself, routes mounted before /graphql, the 404
// and error answers, the request counter.
const typeDefs = `type Query { greeting(name: String!): String! }`;
const resolvers = { Query: { greeting: (_: unknown, { name }: { name: string }) => `你好, ${name}` } };

type Seen = { url: string; baseUrl: string; originalUrl: string; app: boolean; locals: boolean; json: boolean };
const seen: Seen[] = [];
const appLevel: string[] = [];
const logged: unknown[] = [];

// As the gateway's authenticate: a header on every answer, 401 answered with res.status().json().
const authenticate: RequestHandler = (req, res, next) => {
  res.setHeader('x-request-id', 'test-request');
  seen.push({
    url: req.url,
    baseUrl: req.baseUrl,
    originalUrl: req.originalUrl,
    app: req.app !== undefined,
    locals: res.locals !== undefined,
    json: typeof res.json === 'function',
  });
  const auth = req.headers.authorization;
  if (auth === 'Bearer throw') throw new Error('thrown before Apollo');
  if (auth === 'Bearer reject') return Promise.reject(new Error('rejected before Apollo')) as never;
  if (auth === 'Bearer partial') {
    // An answer begun, then an error: express's final handler destroys the connection.
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('partial');
    return next(new Error('failed after the headers'));
  }
  if (auth !== 'Bearer ok') {
    res.setHeader('www-authenticate', 'Bearer');
    res.status(401).json({ errors: [{ message: 'No token.', extensions: { code: 'UNAUTHENTICATED' } }] });
    return;
  }
  next();
};

let running: RunningServer;
let base: string;
beforeAll(async () => {
  running = await listen({
    server: new ApolloServer({ typeDefs, resolvers }),
    port: 0,
    host: '127.0.0.1',
    context: async () => ({}),
    bodyLimitBytes: 4096,
    beforeGraphQL: [authenticate],
    logError: (error) => logged.push(error),
    routes: (app) => {
      // A path-less middleware among the routes: it sees every request but POST /graphql.
      app.use((req, _res, next) => {
        appLevel.push(`${req.method} ${req.url}`);
        next();
      });
      app.get('/.well-known/jwks.json', (_req, res) => {
        res.json({ keys: [] });
      });
    },
  });
  base = running.url.replace(/\/graphql$/, '');
});
afterAll(() => running.close());

const query = JSON.stringify({ query: '{ greeting(name: "四川") }' });
const send = (path: string, init: { method?: string; body?: string; auth?: string; type?: string } = {}) =>
  fetch(`${base}${path}`, {
    method: init.method ?? 'POST',
    headers: { 'content-type': init.type ?? 'application/json', ...(init.auth === undefined ? { authorization: 'Bearer ok' } : init.auth ? { authorization: init.auth } : {}) },
    ...(init.body !== undefined || (init.method ?? 'POST') === 'POST' ? { body: init.body ?? query } : {}),
  });
const codeOf = async (res: Response) => ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code;

describe('listen: POST /graphql dispatched past the router', () => {
  it('answers POST /graphql, with or without a query string, seeing what express gives a mounted handler', async () => {
    seen.length = 0;
    appLevel.length = 0;
    for (const path of ['/graphql', '/graphql?trace=1']) {
      const res = await send(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toBe('test-request');
      expect(await res.json()).toEqual({ data: { greeting: '你好, 四川' } });
    }
    expect(seen).toEqual([
      { url: '/', baseUrl: '/graphql', originalUrl: '/graphql', app: true, locals: true, json: true },
      { url: '/?trace=1', baseUrl: '/graphql', originalUrl: '/graphql?trace=1', app: true, locals: true, json: true },
    ]);
    // The fast dispatch skipped the app's routes.
    expect(appLevel).toEqual([]);
  });

  it('leaves every other path and method to the app, which answers as before', async () => {
    appLevel.length = 0;
    // express mounts are case-insensitive and match a trailing slash: still GraphQL.
    for (const path of ['/graphql/', '/GraphQL']) {
      const res = await send(path);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ data: { greeting: '你好, 四川' } });
    }
    const get = await fetch(`${base}/graphql?query=${encodeURIComponent('{ greeting(name: "重庆") }')}`, {
      headers: { authorization: 'Bearer ok', 'apollo-require-preflight': 'true' },
    });
    expect(await get.json()).toEqual({ data: { greeting: '你好, 重庆' } });
    const head = await fetch(`${base}/graphql`, { method: 'HEAD', headers: { authorization: 'Bearer ok' } });
    expect(head.headers.get('x-request-id')).toBe('test-request');
    const notFound = await send('/graphqlx');
    expect(notFound.status).toBe(404);
    expect(await codeOf(notFound)).toBe('NOT_FOUND');
    expect((await send('/.well-known/jwks.json', { method: 'GET' })).status).toBe(200);
    expect(appLevel).toEqual([
      'POST /graphql/',
      'POST /GraphQL',
      `GET /graphql?query=${encodeURIComponent('{ greeting(name: "重庆") }')}`,
      'HEAD /graphql',
      'POST /graphqlx',
      'GET /.well-known/jwks.json',
    ]);
  });

  it('answers 401 from a step before Apollo, 413 over the limit, 400 for bad JSON, each a JSON error with a code', async () => {
    const unauthenticated = await send('/graphql', { auth: '' });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('www-authenticate')).toBe('Bearer');
    expect(await codeOf(unauthenticated)).toBe('UNAUTHENTICATED');
    const big = await send('/graphql', { body: JSON.stringify({ query: `{ greeting(name: "${'x'.repeat(5000)}") }` }) });
    expect(big.status).toBe(413);
    expect(await codeOf(big)).toBe('PAYLOAD_TOO_LARGE');
    const bad = await send('/graphql', { body: '{"query": ' });
    expect(bad.status).toBe(400);
    expect(await codeOf(bad)).toBe('BAD_REQUEST');
    // Not JSON: express.json leaves no body, and Apollo's integration answers it (as before the dispatch).
    const text = await send('/graphql', { type: 'text/plain' });
    expect(text.status).toBe(400);
  });

  it('turns a thrown error and a rejected promise into a masked 500 and logs them', async () => {
    logged.length = 0;
    for (const auth of ['Bearer throw', 'Bearer reject']) {
      const res = await send('/graphql', { auth });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
    expect(logged.map((e) => (e as Error).message)).toEqual(['thrown before Apollo', 'rejected before Apollo']);
  });

  it('destroys the connection when an error comes after the answer has begun', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest(`${base}/graphql`, { method: 'POST', headers: { authorization: 'Bearer partial', 'content-type': 'application/json' } }, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve('ended'));
        res.on('error', () => resolve('destroyed'));
        res.on('aborted', () => resolve('destroyed'));
      });
      req.on('error', () => resolve('destroyed'));
      req.end(query);
    });
    expect(outcome).toBe('destroyed');
  });

  it('makes each request and response with the express app prototypes, so express never swaps them', async () => {
    const arrived: boolean[] = [];
    const record = (req: IncomingMessage, res: ServerResponse) => {
      // The app's request and response prototypes are the ones holding `app` (express's own hold none).
      arrived.push(Object.hasOwn(Object.getPrototypeOf(req) as object, 'app') && Object.hasOwn(Object.getPrototypeOf(res) as object, 'app'));
    };
    running.httpServer.prependListener('request', record);
    try {
      await send('/graphql');
      await send('/.well-known/jwks.json', { method: 'GET' });
    } finally {
      running.httpServer.off('request', record);
    }
    expect(arrived).toEqual([true, true]);
  });

  it('counts every GraphQL request, dispatched or not', async () => {
    const before = running.graphqlRequests;
    await send('/graphql');
    await send('/graphql/');
    await send('/graphql', { auth: '' });
    expect(running.graphqlRequests - before).toBe(3);
  });
});

describe('listen: a body read before Apollo', () => {
  it('is read once: a step before Apollo that read and changed it keeps its change', async () => {
    // As the gateway's trusted documents: jsonBody, then a step that swaps the text, then listen's own jsonBody.
    const swap: RequestHandler = (req, _res, next) => {
      req.body = { ...(req.body as object), query: '{ greeting(name: "替换") }' };
      next();
    };
    const own = await listen({ server: new ApolloServer({ typeDefs, resolvers }), port: 0, host: '127.0.0.1', context: async () => ({}), beforeGraphQL: [jsonBody(4096), swap] });
    try {
      const res = await fetch(own.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query });
      expect(await res.json()).toEqual({ data: { greeting: '你好, 替换' } });
    } finally {
      await own.close();
    }
  });
});

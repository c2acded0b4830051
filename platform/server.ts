import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin, type BaseContext, HeaderMap } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { Counter, collectDefaultMetrics, Registry } from 'prom-client';
import { type AnswerSlot, answerBytes, answerPlugin, claimAnswer, stringifyAnswer } from './answer.ts';
import { type Caller, requireCallerPlugin } from './caller.ts';
import { createErrorMasker } from './errors.ts';
import { expressHttpClasses, graphqlDispatch, isGraphQLPost } from './graphql-dispatch.ts';
import { createLogger } from './log.ts';

export interface SubgraphServerOptions<TContext extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  /** Codegen's `Resolvers<Context>` for the subgraph (scalars included). */
  resolvers: object;
  plugins?: ApolloServerPlugin<TContext>[];
  /** Where masked internal errors go (never to the client). */
  logError?: (error: unknown) => void;
}

/**
 * Builds a federation subgraph server (not started, not listening). Operations without a valid
 * gateway caller token get no data; only `_service { sdl }` and `__typename` stay open.
 */
export function createSubgraphServer<TContext extends BaseContext & { caller: Caller | null }>(
  options: SubgraphServerOptions<TContext>,
): { schema: GraphQLSchema; server: ApolloServer<TContext> } {
  const schema = buildSubgraphSchema({
    typeDefs: options.typeDefs,
    // Codegen's typed resolver map and Apollo's loose one describe the same object.
    resolvers: options.resolvers as GraphQLResolverMap<unknown>,
  });
  const logger = createLogger(options.name);
  const logError = options.logError ?? ((error: unknown) => logger.error({ err: error }, 'masked error'));
  const server = new ApolloServer<TContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    // runMain owns SIGTERM/SIGINT: Apollo's own handler would stop the server and let the process
    // end before the service's onClose (last audit checkpoint, closing the store) has run.
    stopOnTerminationSignals: false,
    formatError: createErrorMasker(logError),
    // Inline traces (ftv1) are for Apollo Studio, which the hub does not use; they cost every fetch work.
    plugins: [ApolloServerPluginInlineTraceDisabled(), requireCallerPlugin<TContext>(), ...(options.plugins ?? []), answerPlugin as ApolloServerPlugin<TContext>],
    // Large answers are written without one string of the whole answer (platform/answer.ts).
    stringifyResult: stringifyAnswer,
  });
  return { schema, server };
}

export interface ListenOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  port: number;
  host: string;
  context: (req: IncomingMessage) => Promise<TContext>;
  /** Readiness check (e.g. the store answers a ping); /ready answers 503 with the reason when it throws. */
  ready?: () => Promise<void>;
  /** Body of GET /health (liveness); default `{ status: 'ok' }`. It always answers 200 while the process serves. */
  health?: () => Promise<Record<string, unknown>>;
  /** Middleware run on /graphql before Apollo (e.g. authentication that answers 401 itself). */
  beforeGraphQL?: RequestHandler[];
  /**
   * Extra routes mounted before /graphql. They never see `POST /graphql` (with or without a query
   * string), which goes straight to `beforeGraphQL` and Apollo (platform/graphql-dispatch.ts): a
   * middleware every GraphQL request needs belongs in `beforeGraphQL`.
   */
  routes?: (app: express.Express) => void;
  /** Called after the HTTP server has stopped and Apollo has drained (close the store here). */
  onClose?: () => Promise<void>;
  /** Largest accepted request body, in bytes (default 1 MB). */
  bodyLimitBytes?: number;
  logError?: (error: unknown) => void;
  /**
   * Serve Prometheus metrics at GET /metrics on this port, labelled `service` (a subgraph's port is
   * internal: only the gateway and the scraper reach it). The gateway serves its own elsewhere.
   */
  metrics?: { service: string };
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: Server;
  /** GraphQL requests received so far (tests and the benchmark count subgraph fetches with it). */
  readonly graphqlRequests: number;
  /** Stops accepting, lets requests in flight finish, stops Apollo, then runs `onClose`. */
  close(): Promise<void>;
}

/**
 * Turns errors raised before Apollo (body too large, malformed JSON, bad encoding) into JSON
 * GraphQL errors with the right status, instead of express's HTML error page.
 */
export function jsonErrorHandler(logError?: (error: unknown) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    const e = error as { type?: string; status?: number; limit?: number };
    let status = 500;
    let code = 'INTERNAL_SERVER_ERROR';
    let message = 'Internal server error.';
    if (e.type === 'entity.too.large') {
      [status, code, message] = [413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${e.limit ?? 'the allowed'} bytes; send a smaller operation or fewer variables.`];
    } else if (e.type === 'entity.parse.failed') {
      [status, code, message] = [400, 'BAD_REQUEST', 'The request body is not valid JSON: send {"query": "...", "variables": {...}} with content-type application/json.'];
    } else if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      [status, code, message] = [e.status, 'BAD_REQUEST', 'The request could not be read: check its content-type, encoding and body.'];
    } else {
      logError?.(error);
    }
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}

/**
 * Node's default metrics (process_*, nodejs_*) into `registry`. The event-loop delay histogram samples
 * every 100 ms, not prom-client's 10: at 10 ms its timer alone costs an idle process ~7.4 ms of CPU a
 * second (1.6 at 100 ms, measured over 10 s each), paid by every one of the hub's processes; the
 * histogram's percentiles at a 15-60 s scrape interval are no less useful for it.
 */
export function collectNodeMetrics(registry: Registry, labels?: Record<string, string>): void {
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100, ...(labels ? { labels } : {}) });
}

/**
 * A service's Prometheus registry: Node's default metrics under their standard names (process_*,
 * nodejs_*), and the GraphQL requests it received, all labelled with the service's name.
 */
export function serviceMetrics(service: string): { registry: Registry; requests: Counter } {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectNodeMetrics(registry);
  const requests = new Counter({ name: 'hub_graphql_requests_total', help: 'GraphQL requests received (POST /graphql)', registers: [registry] });
  return { registry, requests };
}

/** `application/json`, optionally with `charset=utf-8`: what the gateway's clients and the gateway itself send. */
const PLAIN_JSON = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
/** body-parser's strict mode: a JSON body is an object or an array. */
const FIRST_CHAR = /^[ \t\n\r]*([^ \t\n\r])/;

/** An error shaped as body-parser's, so `jsonErrorHandler` answers it as it answers theirs. */
function bodyError(type: string, status: number, message: string, limit?: number): Error {
  return Object.assign(new Error(message), { type, status, statusCode: status, expose: true, ...(limit === undefined ? {} : { limit }) });
}

/** The body as UTF-8 text (a byte order mark dropped, as body-parser's decoder does), or a body-parser-shaped error. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    if (declared !== undefined && declared > limit) {
      reject(bodyError('entity.too.large', 413, 'request entity too large', limit));
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    const done = (error?: Error) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onAborted);
      req.off('error', done);
      if (error) {
        req.pause();
        reject(error);
      } else if (declared !== undefined && received !== declared) {
        reject(bodyError('request.size.invalid', 400, 'request size did not match content length'));
      } else {
        const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, received).toString('utf8');
        resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      }
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) done(bodyError('entity.too.large', 413, 'request entity too large', limit));
      else chunks.push(chunk);
    };
    const onEnd = () => done();
    const onAborted = () => done(bodyError('request.aborted', 400, 'request aborted'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onAborted);
    req.on('error', done);
  });
}

/** Parses as `express.json()` (strict) does: empty is `{}`, anything but an object or an array is refused. */
function parseJson(text: string): unknown {
  if (text.length === 0) return {};
  const first = FIRST_CHAR.exec(text)?.[1];
  if (first !== '{' && first !== '[') throw bodyError('entity.parse.failed', 400, 'the body is not a JSON object or array');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw bodyError('entity.parse.failed', 400, (error as Error).message);
  }
}

/**
 * `express.json({ limit })` for a plain JSON POST (UTF-8, no content encoding: every GraphQL
 * request the hub gets in practice), read and parsed directly; anything else (another method,
 * type, charset or encoding, no body) goes to `express.json` itself. Same `req.body`, same errors
 * (413 over `limit`, 400 for a body that is not a JSON object or array), without body-parser's
 * per-request content-type parsing, charset lookup and decoder stream.
 */
export function jsonBody(limit: number): RequestHandler {
  const parser = express.json({ limit });
  return (req, res, next) => {
    // Already read (the gateway reads it before its trusted-documents step): body-parser would find
    // the request finished and pass it on as it is.
    if (req.readableEnded) {
      next();
      return;
    }
    const encoding = req.headers['content-encoding'];
    const hasLength = req.headers['content-length'] !== undefined && req.headers['transfer-encoding'] === undefined;
    if (req.method !== 'POST' || !hasLength || !PLAIN_JSON.test(req.headers['content-type'] ?? '') || (encoding !== undefined && encoding.toLowerCase() !== 'identity')) {
      parser(req, res, next);
      return;
    }
    readBody(req, limit).then(
      (text) => {
        try {
          req.body = parseJson(text);
        } catch (error) {
          next(error);
          return;
        }
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

/** A content type `res.send` would leave as it is (it adds `charset=utf-8` to one without it). */
const UTF8_TYPE = /;\s*charset=utf-8$/;

/**
 * Apollo's answer to a /graphql request, as `@as-integrations/express5` gives it, except that a POST's
 * complete answer is written as bytes with `res.end` instead of express's `res.send`, which buys
 * nothing for a GraphQL POST: a freshness check (GET and HEAD only) and re-parsing the content type
 * to add a charset Apollo already set. The bytes and headers on the wire are those `res.send` sends
 * (less the ETag: see `listen`). Anything else (GET, an answer without a charset, an
 * incremental-delivery answer) goes through the integration unchanged.
 */
function graphqlHandler<TContext extends BaseContext>(server: ApolloServer<TContext>, context: (req: IncomingMessage) => Promise<TContext>): RequestHandler {
  const integration = expressMiddleware(server, { context: async ({ req }) => context(req) });
  return async (req, res, next) => {
    if (req.method !== 'POST' || req.body === undefined) return integration(req, res, next);
    const headers = new HeaderMap();
    for (const name in req.headers) {
      const value = req.headers[name];
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const query = req.url.indexOf('?');
    let slot: AnswerSlot | undefined;
    const answer = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: query < 0 ? '' : req.url.slice(query), body: req.body },
      context: async () => {
        // A server built with answerPlugin and stringifyAnswer hands the answer over to be written
        // here piece by piece (platform/answer.ts); any other gives its string as before.
        const claim = claimAnswer(await context(req));
        slot = claim.slot;
        return claim.context;
      },
    });
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.statusCode = answer.status ?? 200;
    const type = answer.headers.get('content-type');
    const handedOver = answer.body.kind === 'complete' && slot?.value !== undefined;
    if (
      handedOver ||
      (answer.body.kind === 'complete' && type !== undefined && UTF8_TYPE.test(type) && res.statusCode !== 204 && res.statusCode !== 205 && res.statusCode !== 304)
    ) {
      // As bytes: a large string handed to res.end is written through a string concatenated with the
      // head and encoded again on every partial write (~2 ms more for a 220 KB answer, measured).
      const bytes = handedOver ? answerBytes(slot!.value) : Buffer.from((answer.body as { string: string }).string, 'utf8');
      res.setHeader('content-length', bytes.length);
      res.end(bytes);
      return;
    }
    if (answer.body.kind === 'complete') {
      res.send(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) {
      res.write(chunk);
      (res as { flush?: () => void }).flush?.();
    }
    res.end();
  };
}

/** Serves a built Apollo server over HTTP at /graphql with /health and /ready beside it. */
export async function listen<TContext extends BaseContext>(options: ListenOptions<TContext>): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  // No weak ETag (a SHA-1 of every answer express sends, ~160 KB for the federation benchmark's):
  // GraphQL answers are POSTed, never revalidated. Static files keep theirs (serve-static's own).
  app.set('etag', false);
  // POST /graphql goes straight to its handlers (graphqlDispatch), everything else to the app;
  // requests and responses are made with the app's prototypes (expressHttpClasses).
  let graphqlPost: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const httpServer = createServer(expressHttpClasses(app), (req, res) => {
    if (graphqlPost !== undefined && isGraphQLPost(req)) graphqlPost(req, res);
    else app(req, res);
  });
  options.server.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer }));
  await options.server.start();

  app.get('/health', (async (_req, res) => {
    res.json(options.health ? await options.health() : { status: 'ok' });
  }) as RequestHandler);
  app.get('/ready', (async (_req, res) => {
    try {
      await options.ready?.();
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'not ready' });
    }
  }) as RequestHandler);
  const metrics = options.metrics ? serviceMetrics(options.metrics.service) : undefined;
  if (metrics) {
    app.get('/metrics', (async (_req, res) => {
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    }) as RequestHandler);
  }
  options.routes?.(app);
  let graphqlRequests = 0;
  const chain: RequestHandler[] = [
    (_req, _res, next) => {
      graphqlRequests += 1;
      metrics?.requests.inc();
      next();
    },
    ...(options.beforeGraphQL ?? []),
    jsonBody(options.bodyLimitBytes ?? 1024 * 1024),
    graphqlHandler(options.server, options.context),
  ];
  app.use('/graphql', ...chain);
  // Anything that is not a route answers JSON, never express's HTML pages.
  const notFound: RequestHandler = (_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found. The GraphQL endpoint is POST /graphql.', extensions: { code: 'NOT_FOUND' } }] });
  };
  const onError = jsonErrorHandler(options.logError);
  app.use(notFound, onError);
  graphqlPost = graphqlDispatch(app, chain, [notFound, onError]);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const hostForUrl = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${port}/graphql`,
    port,
    httpServer,
    get graphqlRequests() {
      return graphqlRequests;
    },
    close: () =>
      (closing ??= (async () => {
        await options.server.stop();
        await options.onClose?.();
      })()),
  };
}

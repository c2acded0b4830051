import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';

/** `application/json`, optionally with `charset=utf-8`: what the gateway sends a subgraph. */
const PLAIN_JSON = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
/** body-parser's strict mode: a JSON body is an object or an array. */
const FIRST_CHAR = /^[ \t\n\r]*([^ \t\n\r])/;

/** An error shaped as body-parser's, so the server's JSON error handler answers as it does for them. */
function bodyError(type: string, status: number, message: string, limit?: number): Error {
  return Object.assign(new Error(message), { type, status, statusCode: status, expose: true, ...(limit === undefined ? {} : { limit }) });
}

/** The body as text, or a body-parser-shaped error (413 over `limit`, 400 cut short or aborted). */
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
        resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, received).toString('utf8'));
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

/** Parses as `express.json()` (strict) does: empty is `{}`, anything but an object or array is refused. */
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
 * The subgraphs' own way to serve a `POST /graphql` with a JSON body (every fetch the gateway
 * sends), as a middleware placed before express's JSON parser and Apollo's express integration:
 * it reads the body, hands it to Apollo's `executeHTTPGraphQLRequest` and writes the answer
 * itself. The same request through `express.json()` and `expressMiddleware` costs a subgraph
 * about a fifth of its CPU per request (content negotiation, type checks, `res.send`'s weak ETag:
 * a SHA-1 of every answer no gateway asks for). Anything else (another method, content type or
 * encoding) goes on to the express path unchanged; a body over `limit` bytes or one that is not
 * JSON gets the same errors as there (413 / 400 through the server's JSON error handler).
 */
export function graphqlHttpHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  context: (req: IncomingMessage) => Promise<TContext>,
  limit = 1024 * 1024,
): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => Promise<void> {
  return async (req, res, next) => {
    const encoding = req.headers['content-encoding'];
    if (req.method !== 'POST' || !PLAIN_JSON.test(req.headers['content-type'] ?? '') || (encoding !== undefined && encoding.toLowerCase() !== 'identity')) {
      next();
      return;
    }
    let body: unknown;
    try {
      body = parseJson(await readBody(req, limit));
    } catch (error) {
      next(error);
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const answer = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: query < 0 ? '' : url.slice(query), body },
      context: () => context(req),
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(answer.body.string));
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

import { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorRequestHandler, Express, NextFunction, Request, RequestHandler, Response } from 'express';

/** `POST /graphql`, with a query string or none: the one route the dispatch below serves. */
export function isGraphQLPost(req: IncomingMessage): boolean {
  const url = req.url;
  return req.method === 'POST' && url !== undefined && url.startsWith('/graphql') && (url.length === 8 || url[8] === '?');
}

type Handler = RequestHandler | ErrorRequestHandler;

/**
 * Runs `chain` for a `POST /graphql` request as `app` runs the layers of `app.use('/graphql',
 * ...chain)` followed by `after` (the app's last handlers: the 404, then the error handler, which
 * answers every error unless the headers are already sent), without walking the app's router: express's router matches every route mounted before /graphql
 * against each request, and trims and restores the mount path around each of the chain's handlers
 * (about 3% of the gateway's CPU under talentById load, `/tmp/s26/byid-gateway.cpuprofile`).
 *
 * What the handlers see is what express gives them: `req` and `res` with the app's request and
 * response prototypes (`res.status`, `res.json`, `req.app`...), `res.locals`, `req.baseUrl`
 * `/graphql`, `req.originalUrl`, `req.url` without the mount path. As in express's router, a
 * handler of four arguments is an error handler, skipped while there is no error (the others while
 * there is one); an error thrown or a rejected promise is passed on as `next(error)`;
 * `next('route')` is `next()`. An error no handler answered (headers already sent) is logged as
 * express logs it (not under NODE_ENV=test) and the connection is destroyed, as express's final
 * handler does. Only `next('router')`, which leaves the app in express (its final handler's HTML
 * 404), differs: here it goes on to `after`; no handler of the hub calls it.
 */
export function graphqlDispatch(app: Express, chain: Handler[], after: Handler[]): (req: IncomingMessage, res: ServerResponse) => void {
  const stack: Handler[] = [...chain, ...after];
  const logError = (error: unknown) => {
    if (app.get('env') !== 'test') console.error(error);
  };
  return (incoming, outgoing) => {
    const req = incoming as Request;
    const res = outgoing as Response;
    // What express's app.handle and its router's mount at /graphql set up.
    req.res = res;
    res.req = req;
    Object.setPrototypeOf(req, app.request);
    Object.setPrototypeOf(res, app.response);
    if (!res.locals) res.locals = Object.create(null);
    req.originalUrl = req.url;
    req.baseUrl = '/graphql';
    req.url = `/${req.url.slice(8)}`;
    req.params = {};
    let index = 0;
    const next: NextFunction = (err?: unknown) => {
      if (err === 'router') index = Math.max(index, chain.length);
      const error = err === 'route' || err === 'router' ? undefined : err;
      while (index < stack.length) {
        const handler = stack[index++]!;
        const isErrorHandler = handler.length === 4;
        if (Boolean(error) !== isErrorHandler) continue;
        try {
          const ret: unknown = isErrorHandler ? (handler as ErrorRequestHandler)(error, req, res, next) : (handler as RequestHandler)(req, res, next);
          if (ret instanceof Promise) ret.then(undefined, (e: unknown) => next(e || new Error('Rejected promise')));
        } catch (thrown) {
          next(thrown);
        }
        return;
      }
      if (error) {
        setImmediate(logError, error);
        if (res.headersSent) req.socket.destroy();
      }
    };
    req.next = next;
    next();
  };
}

/**
 * Request and response classes for `http.createServer` whose objects are made with `app`'s request
 * and response prototypes, which express otherwise swaps in with `Object.setPrototypeOf` on every
 * request (express still calls it, and it changes nothing then). Swapping an object's prototype
 * after it was built costs far more than the call: a plain express app answering one POST route
 * took ~3x the CPU per request with the swap (about 200 against 70 us).
 */
export function expressHttpClasses(app: Express): { IncomingMessage: typeof IncomingMessage; ServerResponse: typeof ServerResponse } {
  function Request(this: IncomingMessage, socket: Socket): void {
    IncomingMessage.call(this, socket);
  }
  Request.prototype = app.request;
  function Response(this: ServerResponse, req: IncomingMessage, options?: unknown): void {
    (ServerResponse as unknown as (this: ServerResponse, req: IncomingMessage, options?: unknown) => void).call(this, req, options);
  }
  Response.prototype = app.response;
  return { IncomingMessage: Request as unknown as typeof IncomingMessage, ServerResponse: Response as unknown as typeof ServerResponse };
}

import type { IncomingHttpHeaders } from 'node:http';
import type { GatewayHTTPRequest } from '@apollo/server-gateway-interface';
import { type Dispatcher, Pool } from 'undici';

/** The headers interface RemoteGraphQLDataSource and its hooks use (`@apollo/utils.fetcher`'s FetcherHeaders). */
type FetcherHeaders = GatewayHTTPRequest['headers'];

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What a header value may not hold (node-fetch and undici refuse these too): a line break or NUL. */
const BAD_HEADER_VALUE = /[\r\n\0]/;

/**
 * A fetch's headers as a plain record of lower-case names, behind the Headers interface the data
 * source's hooks use (`set`, `get`, `append`, iteration): the record is what the fetch sends (and
 * what fetch sharing and combining read), so nothing is copied per fetch. Stands in for the
 * node-fetch Headers RemoteGraphQLDataSource builds for every fetch, and the WHATWG Headers of an
 * answer: both validate and sort on every use, and node-fetch's cost ~5 us per fetch to turn back
 * into the record it sends. Names and values are checked as node-fetch checks them (a TypeError);
 * repeated names are joined with `, ` as Headers joins them.
 */
export class RecordHeaders implements FetcherHeaders {
  readonly record: Record<string, string> = Object.create(null);

  append(name: string, value: string): void {
    const key = checkedName(name, value);
    const old = this.record[key];
    this.record[key] = old === undefined ? value : `${old}, ${value}`;
  }
  set(name: string, value: string): void {
    this.record[checkedName(name, value)] = value;
  }
  get(name: string): string | null {
    return this.record[name.toLowerCase()] ?? null;
  }
  has(name: string): boolean {
    return this.record[name.toLowerCase()] !== undefined;
  }
  delete(name: string): void {
    delete this.record[name.toLowerCase()];
  }
  /** Sorted by name, as Headers iterates. */
  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.record).sort()) yield [name, this.record[name]!];
  }
  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }
  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

function checkedName(name: string, value: string): string {
  if (!HEADER_NAME.test(name)) throw new TypeError(`${name} is not a legal HTTP header name`);
  if (typeof value !== 'string' || BAD_HEADER_VALUE.test(value)) throw new TypeError(`${JSON.stringify(value)} is not a legal HTTP header value`);
  return name.toLowerCase();
}

/**
 * A subgraph's answer read in full: what RemoteGraphQLDataSource reads of a fetch Response (ok,
 * status, statusText, url, headers, json(), text()), without a body stream. Building a WHATWG
 * Response (a ReadableStream per body) for every fetch is a measurable share of a request's CPU.
 * Like a fetch Response's, the body can be read once, and the response lets go of it then: the
 * data source keeps the response beside the parsed answer until the client request ends, and the
 * text would stay alive as long, next to its parsed copy.
 */
export class BufferedResponse {
  readonly ok: boolean;
  readonly url = '';
  #body: string | undefined;
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: FetcherHeaders,
    body: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.#body = body;
  }
  /** Another reader of the same answer (fetch sharing): each reader reads the body once. */
  view(): BufferedResponse {
    if (this.#body === undefined) throw new TypeError('the answer was already read');
    return new BufferedResponse(this.status, this.statusText, this.headers, this.#body);
  }
  async text(): Promise<string> {
    const body = this.#body;
    if (body === undefined) throw new TypeError('the answer was already read');
    this.#body = undefined;
    return body;
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
}

/** How the data source sends one subgraph request (the `fetcher` it is given, narrowed to what it uses). */
export type Send = (input: string, init?: RequestInit) => Promise<BufferedResponse>;

/**
 * Connections per subgraph origin at most; a fetch beyond them waits (its timeout running) for
 * one to come free. A subgraph is one Node process per node: more connections than fetches it
 * can work on at once add no throughput, only sockets and their buffers on both sides. 128 is
 * well above what the benchmarks' 50 client connections keep in flight to one origin (so it
 * never queues them), and keeps a burst or a stalled subgraph from opening a socket per fetch
 * (node:http's Agent, used before, had no limit).
 */
export const CONNECTIONS_PER_ORIGIN = 128;

/** Keep-alive connection pools of the subgraph fetches, one per origin, shared by every data source. */
const POOLS = new Map<string, Pool>();

/** Subgraph URLs parsed (a data source fetches the same few URLs all the time): origin and path. */
const TARGETS = new Map<string, { origin: string; path: string }>();

function targetOf(input: string): { origin: string; path: string } {
  let target = TARGETS.get(input);
  if (!target) {
    const url = new URL(input);
    target = { origin: url.origin, path: url.pathname + url.search };
    if (TARGETS.size >= 1000) TARGETS.clear();
    TARGETS.set(input, target);
  }
  return target;
}

function poolOf(origin: string): Pool {
  let pool = POOLS.get(origin);
  if (!pool) {
    pool = new Pool(origin, { connections: CONNECTIONS_PER_ORIGIN });
    POOLS.set(origin, pool);
  }
  return pool;
}

/** Statuses a redirect answers with (the ones fetch follows, or refuses with `redirect: 'error'`). */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A request's headers as undici takes them (RemoteGraphQLDataSource passes a plain object). */
function headerRecord(headers: RequestInit['headers']): IncomingHttpHeaders {
  if (!headers) return {};
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(headers as Iterable<[string, string]>);
  return headers as Record<string, string>;
}

/**
 * One subgraph request over undici's Pool (pooled keep-alive connections per origin, at most
 * CONNECTIONS_PER_ORIGIN), its answer read in full, and the whole exchange (answer body
 * included, and the wait for a connection) abandoned after `timeoutMs` with a TimeoutError.
 *
 * Not Node's fetch: undici's fetch builds a WHATWG Request, Response and body streams for every
 * fetch, and costs this process about three times the CPU of the same request over node:http
 * (945 vs 307 us per fetch of a 1 KB entity query, medians of 5 interleaved rounds). Not node:http
 * either: its ClientRequest, Agent bookkeeping and IncomingMessage stream cost more again than
 * undici's dispatcher with a handler that collects the body's chunks (bench/subgraph-client.ts).
 *
 * Redirects are an error, never followed: a partner's URL could otherwise send the gateway's
 * requests (caller tokens included) to addresses inside the hub; a redirect is a failed fetch.
 * Spans: @opentelemetry/instrumentation-undici (platform/tracing.ts) sees these requests through
 * undici's diagnostics channels, and injects the trace context into them.
 */
export function timedFetch(timeoutMs: number): Send {
  return (input, init) =>
    new Promise<BufferedResponse>((resolve, reject) => {
      const url = targetOf(input);
      const body = typeof init?.body === 'string' ? init.body : undefined;
      const headers = headerRecord(init?.headers);
      let settled = false;
      // The connection's abort, once undici has given the request one; until then a failure is kept for it.
      let abort: ((reason: Error) => void) | undefined;
      let failure: Error | undefined;
      let status = 0;
      let statusText = '';
      let rawHeaders: Buffer[] = [];
      const chunks: Buffer[] = [];
      function fail(error: Error) {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
        // Drops the connection (as node:http's request.destroy() did): the rest of its answer is not wanted.
        if (abort) abort(error);
        else failure = error;
      }
      // Cleared as soon as the body is in (a timer armed for the full timeout after every fetch would cost a wake-up each).
      const timer = setTimeout(() => fail(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError') as unknown as Error), timeoutMs);
      const handler: Dispatcher.DispatchHandler = {
        onConnect(abortRequest) {
          if (failure) abortRequest(failure);
          else abort = abortRequest;
        },
        onHeaders(statusCode, raw, _resume, message) {
          if (REDIRECTS.has(statusCode)) {
            fail(new TypeError(`the subgraph answered a redirect (${statusCode}); redirects are not followed`));
            return false;
          }
          status = statusCode;
          statusText = message;
          rawHeaders = raw;
          return true;
        },
        onData(chunk) {
          chunks.push(chunk);
          return true;
        },
        onComplete() {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const answered = new RecordHeaders();
          // Names and values as HTTP parsed them (latin1, as node:http reads them): not checked again.
          const record = answered.record;
          for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
            const name = rawHeaders[i]!.toString('latin1').toLowerCase();
            const value = rawHeaders[i + 1]!.toString('latin1');
            const old = record[name];
            record[name] = old === undefined ? value : `${old}, ${value}`;
          }
          // Decoded once, whole: a character cut between two chunks is read as the character it is.
          const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
          resolve(new BufferedResponse(status, statusText, answered, text));
        },
        onError(error) {
          // After the headers, an error is the connection lost mid-answer (undici: "other side closed").
          fail(status === 0 ? error : new Error('the subgraph closed the connection before its answer was complete', { cause: error }));
        },
      };
      poolOf(url.origin).dispatch(
        {
          origin: url.origin,
          path: url.path,
          method: (init?.method ?? 'POST') as Dispatcher.HttpMethod,
          headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          body: body ?? null,
        },
        handler,
      );
    });
}

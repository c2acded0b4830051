import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECTIONS_PER_ORIGIN, timedFetch } from '../../gateway/subgraph-http.ts';

/**
 * The gateway's subgraph HTTP client (undici's Pool under a handler of ours), over real HTTP
 * against servers on port 0: what the data source above it relies on.
 */

let servers: Server[] = [];
afterEach(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  servers = [];
});

interface Subgraph {
  url: string;
  /** Connections the server accepted, and how many were open at most at once. */
  connections: { opened: number; open: number; most: number; closed: Promise<void>[] };
}

async function listen(server: Server, protocol: 'http' | 'https' = 'http'): Promise<Subgraph> {
  servers.push(server);
  const connections: Subgraph['connections'] = { opened: 0, open: 0, most: 0, closed: [] };
  server.on('connection', (socket) => {
    connections.opened += 1;
    connections.open += 1;
    connections.most = Math.max(connections.most, connections.open);
    connections.closed.push(new Promise((resolve) => socket.on('close', () => resolve())));
    socket.on('close', () => {
      connections.open -= 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `${protocol}://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, connections };
}

const subgraph = (handler: (req: IncomingMessage, res: ServerResponse) => void) => listen(createServer(handler));

const QUERY = JSON.stringify({ query: '{ talent(id: "t1") { id name } }' });
const init = { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer caller-token' }, body: QUERY };

describe('the subgraph HTTP client', () => {
  it('sends the request as given (method, path, headers, content-length) and answers status, headers and body', async () => {
    let seen: { method?: string; url?: string; headers?: IncomingMessage['headers']; body?: string } = {};
    const { url } = await subgraph((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        seen = { method: req.method, url: req.url, headers: req.headers, body };
        res.writeHead(200, 'Fine', [
          ['content-type', 'application/json'],
          ['set-cookie', 'a=1'],
          ['set-cookie', 'b=2'],
          ['x-talent', 'Müller'],
        ]);
        res.end('{"data":{"talent":{"id":"t1","name":"张三"}}}');
      });
    });
    const answer = await timedFetch(5000)(`${url}?trace=1`, init);
    expect(seen).toMatchObject({ method: 'POST', url: '/graphql?trace=1', body: QUERY });
    expect(seen.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Bearer caller-token', 'content-length': String(Buffer.byteLength(QUERY)) });
    expect({ ok: answer.ok, status: answer.status, statusText: answer.statusText }).toEqual({ ok: true, status: 200, statusText: 'Fine' });
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.headers.get('Content-Type')).toBe('application/json');
    // Repeated names joined as Headers joins them.
    expect(answer.headers.get('set-cookie')).toBe('a=1, b=2');
    // A header's bytes read as latin1, as node:http read them.
    expect(answer.headers.get('x-talent')).toBe('Müller');
    expect(await answer.json()).toEqual({ data: { talent: { id: 't1', name: '张三' } } });
    await expect(answer.text()).rejects.toThrow('already read');
  });

  it('answers a non-2xx status as an answer, not an error', async () => {
    const { url } = await subgraph((_req, res) => res.writeHead(503, { 'content-type': 'application/json' }).end('{"errors":[{"message":"down"}]}'));
    const answer = await timedFetch(5000)(url, init);
    expect({ ok: answer.ok, status: answer.status }).toEqual({ ok: false, status: 503 });
    expect(await answer.json()).toEqual({ errors: [{ message: 'down' }] });
  });

  it('abandons an answer that trickles in past the timeout, with a TimeoutError, and drops its connection', async () => {
    const { url, connections } = await subgraph((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":{"names":[');
      // A byte every 20 ms: never idle long enough for any idle timer, never done.
      const drip = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(drip));
    });
    await expect(timedFetch(300)(url, init)).rejects.toMatchObject({ name: 'TimeoutError', message: 'no answer within 300 ms' });
    // The server sees the connection go: the rest of the answer is not read on a pooled connection.
    await Promise.all(connections.closed);
    expect(connections.opened).toBe(1);
  });

  it('abandons a subgraph that never answers at all', async () => {
    const { url } = await subgraph(() => {});
    await expect(timedFetch(200)(url, init)).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it.each([301, 302, 303, 307, 308])('refuses a %i redirect and never follows it', async (status) => {
    let followed = 0;
    const { url } = await subgraph((req, res) => {
      if (req.url === '/inside') followed += 1;
      res.writeHead(status, { location: '/inside' }).end('moved');
    });
    await expect(timedFetch(5000)(url, init)).rejects.toThrow(new TypeError(`the subgraph answered a redirect (${status}); redirects are not followed`));
    expect(followed).toBe(0);
  });

  it('fails an answer whose connection closes before it is complete (declared length, and chunked)', async () => {
    const cut = await subgraph((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"data":{"talent":', () => res.socket?.destroy());
    });
    await expect(timedFetch(5000)(cut.url, init)).rejects.toThrow('the subgraph closed the connection before its answer was complete');
    const chunked = await subgraph((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":{"talent":', () => res.socket?.destroy());
    });
    await expect(timedFetch(5000)(chunked.url, init)).rejects.toThrow('the subgraph closed the connection before its answer was complete');
  });

  it('fails a fetch to a port nobody listens on', async () => {
    const { url } = await subgraph(() => {});
    const closed = servers.pop()!;
    await new Promise((resolve) => closed.close(resolve));
    await expect(timedFetch(5000)(url, init)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('sends sequential fetches to one origin over one kept-alive connection', async () => {
    const { url, connections } = await subgraph((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{}}'));
    const send = timedFetch(5000);
    for (let i = 0; i < 20; i += 1) {
      expect(await (await send(url, init)).json()).toEqual({ data: {} });
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(connections.opened).toBe(1);
    // Back to back, in the very turn an answer came: undici waits one event loop turn before it reuses a connection
    // (a server that said keep-alive may still close it), so the next fetch takes a second one; two serve them all.
    for (let i = 0; i < 20; i += 1) expect(await (await send(url, init)).json()).toEqual({ data: {} });
    expect(connections.opened).toBe(2);
  });

  it(`opens at most ${CONNECTIONS_PER_ORIGIN} connections to one origin; the fetches beyond them wait for one and are answered`, async () => {
    const fetches = CONNECTIONS_PER_ORIGIN + 22;
    const held: ServerResponse[] = [];
    let released = false;
    const { url, connections } = await subgraph((_req, res) => {
      if (released) return void res.writeHead(200).end('{"data":{}}');
      // Every connection the pool may open is busy before any is answered (a pool without a bound would open one per fetch).
      held.push(res);
      if (held.length === CONNECTIONS_PER_ORIGIN) {
        released = true;
        for (const r of held) r.writeHead(200).end('{"data":{}}');
      }
    });
    const send = timedFetch(20_000);
    const answers = await Promise.all(Array.from({ length: fetches }, async () => (await send(url, init)).json()));
    expect(answers).toHaveLength(fetches);
    expect(connections.most).toBe(CONNECTIONS_PER_ORIGIN);
    expect(connections.opened).toBe(CONNECTIONS_PER_ORIGIN);
  });

  it('refuses an https subgraph whose certificate no trusted authority signed (Node’s TLS defaults)', async () => {
    let requests = 0;
    const { url } = await listen(
      createTlsServer({ key: TEST_KEY, cert: TEST_CERT }, (_req, res) => {
        requests += 1;
        res.end('{"data":{}}');
      }),
      'https',
    );
    await expect(timedFetch(5000)(url, init)).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(requests).toBe(0);
  });
});

// A self-signed certificate for 127.0.0.1, made for this test alone (openssl req -x509, EC P-256, 100 years); no authority signed it.
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgRu0vUKqD40qv8Yt7
Pw3wTC1/Z4Hs75/PWB8A7/jYKT2hRANCAASv1MF3rD5kx6+uMWNRt7Nnng2FXFki
gOS6lviVcrySBt5RaBb4f3pSAuyP63wSyxxULKN/F0W/tRmpvMS0WMUm
-----END PRIVATE KEY-----`;
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBlzCCAT6gAwIBAgIUTKB6MNeZbgYhtHWnuYMdvCS7QccwCgYIKoZIzj0EAwIw
GDEWMBQGA1UEAwwNc3ViZ3JhcGgudGVzdDAgFw0yNjEyMDIwODA3NDNaGA8yMTI2
MTEwODA4MDc0M1owGDEWMBQGA1UEAwwNc3ViZ3JhcGgudGVzdDBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABK/UwXesPmTHr64xY1G3s2eeDYVcWSKA5LqW+JVyvJIG
3lFoFvh/elIC7I/rfBLLHFQso38XRb+1Gam8xLRYxSajZDBiMB0GA1UdDgQWBBQQ
1AichABaD23BamGaDeyeSZ4DgjAfBgNVHSMEGDAWgBQQ1AichABaD23BamGaDeye
SZ4DgjAPBgNVHRMBAf8EBTADAQH/MA8GA1UdEQQIMAaHBH8AAAEwCgYIKoZIzj0E
AwIDRwAwRAIgNQXqNN1rgtqdGB4oFXK9APNr4bFKFfbzs34aQrQ32jACIC42Z/3b
wiVo7FG1gzKaCsBqe5fmAMGhntn7M3Cj/R3h
-----END CERTIFICATE-----`;

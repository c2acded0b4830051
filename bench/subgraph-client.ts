import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { timedFetch } from '../gateway/subgraph-http.ts';

/**
 * `npx tsx bench/subgraph-client.ts [--fetches 2000] [--rounds 5] [--concurrency 1]`: the gateway's
 * CPU per subgraph fetch, by HTTP client. A node:http server in a child process (so its CPU is not
 * counted) answers a 1 KB and a 100 KB JSON; this process sends each client's fetches (the
 * gateway's kind: a POST with a GraphQL body, a caller token, the answer read as text and parsed), in
 * interleaved rounds, and prints each client's `process.cpuUsage()` (user + system) per fetch, the
 * median over rounds.
 * - `node-http`: node:http's request with a keep-alive Agent, as gateway/datasource.ts sent until issue 16;
 * - `undici-dispatch`: gateway/subgraph-http.ts's timedFetch (an undici Pool, a handler collecting the chunks);
 * - `undici-request`: undici's Pool.request with the body read by `body.text()`.
 */
const { values } = parseArgs({
  options: {
    fetches: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '1' },
    clients: { type: 'string', default: 'node-http,undici-dispatch,undici-request' },
    sizes: { type: 'string', default: '1k,100k' },
  },
});
const FETCHES = Number(values.fetches);
const ROUNDS = Number(values.rounds);
const CONCURRENCY = Number(values.concurrency);

// The server: answers /1k and /100k with a JSON of that size, after reading the request's body.
const SERVER = `
const http = require('node:http');
const answer = (n) => JSON.stringify({ data: { _entities: Array.from({ length: Math.ceil(n / 100) }, (_, i) => ({ __typename: 'Talent', id: 't' + i, name: '成都人才' + i, region: '510100' })) } }).slice(0, n);
const bodies = { '/1k': Buffer.from(JSON.stringify({ data: { s: answer(1000 - 30) } })), '/100k': Buffer.from(JSON.stringify({ data: { s: answer(100000 - 30) } })) };
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': bodies[req.url].length }).end(bodies[req.url]));
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
`;

function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (port) => resolve({ child, port: Number(port) }));
    child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });
}

type Client = (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<string>;

// node:http as gateway/datasource.ts used it (its redirect and close checks kept, they cost a listener each).
const agent = new http.Agent({ keepAlive: true });
const nodeHttp: Client = (input, init) =>
  new Promise((resolve, reject) => {
    const url = new URL(input);
    const request = http.request(url, { method: init.method, headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) }, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('error', fail);
      res.on('close', () => {
        if (!res.complete) fail(new Error('closed early'));
      });
      res.on('end', () => {
        clearTimeout(timer);
        const answered = new Headers();
        const raw = res.rawHeaders;
        for (let i = 0; i + 1 < raw.length; i += 2) answered.append(raw[i]!, raw[i + 1]!);
        resolve(text);
      });
    });
    function fail(error: unknown) {
      clearTimeout(timer);
      request.destroy();
      reject(error);
    }
    const timer = setTimeout(() => fail(new Error('timeout')), 5000);
    request.on('error', fail);
    request.end(init.body);
  });

const send = timedFetch(5000);
const undiciDispatch: Client = async (input, init) => (await send(input, init)).text();

const pools = new Map<string, Pool>();
const undiciRequest: Client = async (input, init) => {
  const url = new URL(input);
  let pool = pools.get(url.origin);
  if (!pool) pools.set(url.origin, (pool = new Pool(url.origin, { connections: 128 })));
  const signal = AbortSignal.timeout(5000);
  const res = await pool.request({ path: url.pathname, method: 'POST', headers: init.headers, body: init.body, signal });
  const text = await res.body.text();
  const answered = new Headers();
  for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) answered.append(name, String(value));
  return text;
};

const ALL_CLIENTS: Record<string, Client> = { 'node-http': nodeHttp, 'undici-dispatch': undiciDispatch, 'undici-request': undiciRequest };
const CLIENTS = Object.fromEntries(values.clients.split(',').map((name) => [name, ALL_CLIENTS[name] ?? fail(`unknown client ${name}`)]));
function fail(message: string): never {
  throw new Error(message);
}

const query = JSON.stringify({
  query: 'query($representations:[_Any!]!){_entities(representations:$representations){...on Talent{id name region disciplines{id name}}}}',
  variables: { representations: Array.from({ length: 5 }, (_, i) => ({ __typename: 'Talent', id: `t${i}` })) },
});
const headers = {
  'content-type': 'application/json',
  authorization: `Bearer ${'x'.repeat(420)}`,
  'x-request-id': '7f1c2a9e-0b6e-4c1b-9a51-3c1d2e4f5a6b',
};

async function run(client: Client, url: string): Promise<number> {
  const before = process.cpuUsage();
  let next = 0;
  async function worker() {
    while (next < FETCHES) {
      next += 1;
      // Parsed, as the data source does with every answer: where a long text is flattened is where it costs.
      const answer = JSON.parse(await client(url, { method: 'POST', headers, body: query })) as { data?: { s?: string } };
      if (!answer.data?.s) throw new Error('not the answer sent');
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / FETCHES;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const { child, port } = await startServer();
try {
  const sizes = values.sizes.split(',');
  const results = new Map<string, number[]>();
  // Warm-up: every client, every size, once through (JIT, connections).
  for (const size of sizes) for (const client of Object.values(CLIENTS)) await run(client, `http://127.0.0.1:${port}/${size}`);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const size of sizes) {
      for (const [name, client] of Object.entries(CLIENTS)) {
        const us = await run(client, `http://127.0.0.1:${port}/${size}`);
        const key = `${size}\t${name}`;
        results.set(key, [...(results.get(key) ?? []), us]);
      }
    }
  }
  console.log(`CPU us per fetch (user + system of this process), median of ${ROUNDS} interleaved rounds of ${FETCHES} fetches, concurrency ${CONCURRENCY}`);
  console.log('answer\tclient\tmedian\trounds');
  for (const [key, us] of results) console.log(`${key}\t${median(us).toFixed(1)}\t${us.map((u) => u.toFixed(0)).join(' ')}`);
} finally {
  child.kill();
  for (const pool of pools.values()) await pool.close();
  agent.destroy();
}
process.exit(0);

import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

/**
 * `relay`: the least a gateway in front of one subgraph does, and nothing else. A plain node:http
 * server that reads each request's body, sends it to `--upstream` over undici's Pool (keep-alive
 * connections, as the hub's gateway does: gateway/subgraph-http.ts) with the caller's
 * `authorization`, `x-request-id` and `x-hub-operation` headers, parses the answer and writes its
 * `data` serialised again, as the gateway's fast path writes a served answer. No authentication,
 * no limits, no metrics, no logs, no query plan: the floor under the hub scenario's `talentById`,
 * what any Node process relaying these requests manages on this machine (bench/hub/relay-floor.ts).
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    upstream: { type: 'string' },
  },
});
if (!values.port || !values.upstream) {
  console.error('Usage: tsx bench/targets/relay.ts --port <n> --upstream <subgraph /graphql URL>');
  process.exit(2);
}
const upstream = new URL(values.upstream);
const pool = new Pool(upstream.origin, { connections: 128 });
const RELAYED = ['authorization', 'x-request-id', 'x-hub-operation'] as const;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(body.length) };
    for (const name of RELAYED) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    pool
      .request({ path: upstream.pathname, method: 'POST', headers, body })
      .then(async (answer) => {
        const parsed = JSON.parse(await answer.body.text()) as { data?: unknown };
        const bytes = Buffer.from(`${JSON.stringify({ data: parsed.data })}\n`, 'utf8');
        res.writeHead(answer.statusCode, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(bytes.length), 'cache-control': 'no-store' });
        res.end(bytes);
      })
      .catch(() => {
        res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
        res.end('{"errors":[{"message":"relay: the subgraph did not answer","extensions":{"code":"BAD_GATEWAY"}}]}');
      });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(values.port), values.host, () => console.log(`[relay] relaying to ${upstream.origin} at http://${values.host}:${values.port}/graphql`));
process.on('SIGTERM', () => {
  server.close(() => process.exit(0)).closeAllConnections();
  void pool.close();
});

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

/**
 * `static`: a plain node:http server that answers every request with the same bytes (the expected
 * response), after reading the request body as a GraphQL server would. It is the ceiling: what
 * this machine's HTTP stack and the load generator manage with no GraphQL work at all.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'body-file': { type: 'string' },
  },
});
if (!values.port || !values['body-file']) {
  console.error('Usage: tsx bench/targets/static.ts --port <n> --body-file <expected-response.json>');
  process.exit(2);
}
// Served compact, as a GraphQL server would serialise it.
const body = Buffer.from(JSON.stringify(JSON.parse(readFileSync(values['body-file'], 'utf8'))));
const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) };
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(values.port), values.host, () => console.log(`[static] serving ${body.length} bytes at http://${values.host}:${values.port}/graphql`));
process.on('SIGTERM', () => server.close(() => process.exit(0)).closeAllConnections());

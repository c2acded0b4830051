import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

/**
 * `apollo-gateway`: plain @apollo/gateway on @apollo/server with every default
 * (startStandaloneServer), over the supergraph file given. The reference the hub is compared to.
 * One exception: its telemetry (an OpenTelemetry exporter that probes cloud metadata addresses and
 * sends usage metrics to Apollo) is off, as in the hub, so the benchmark makes loopback traffic only.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    supergraph: { type: 'string' },
  },
});
if (!values.port || !values.supergraph) {
  console.error('Usage: tsx bench/targets/apollo-gateway.ts --port <n> --supergraph <file>');
  process.exit(2);
}
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: readFileSync(values.supergraph, 'utf8') }) });
const { url } = await startStandaloneServer(server, { listen: { port: Number(values.port), host: values.host } });
console.log(`[apollo-gateway] ready at ${url}`);
process.on('SIGTERM', () => {
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});

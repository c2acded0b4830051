import { parseArgs } from 'node:util';
import { DEFAULT_FEDERATION_DIR, requireFederationDir } from '../lib/paths.ts';
import { serveBenchmarkSubgraphs } from './subgraphs.ts';
import { loadWorkload } from './workload.ts';

/**
 * `tsx bench/federation/main.ts [--port 4200] [--host 127.0.0.1] [--federation-dir <dir>]`: the
 * four benchmark subgraphs in one process (the supergraph's routing URLs say port 4200).
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4200' },
    host: { type: 'string', default: '127.0.0.1' },
    'federation-dir': { type: 'string', default: DEFAULT_FEDERATION_DIR },
  },
});
const { data } = loadWorkload(requireFederationDir(values['federation-dir']));
const running = await serveBenchmarkSubgraphs({ data, port: Number(values.port), host: values.host });
console.log(`[bench-subgraphs] accounts, inventory, products, reviews at ${running.baseUrl}/<name> (stats: GET ${running.baseUrl}/stats)`);
const stop = () => {
  running.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

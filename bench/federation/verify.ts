import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { DEFAULT_FEDERATION_DIR, requireFederationDir } from '../lib/paths.ts';
import { serveBenchmarkSubgraphs } from './subgraphs.ts';
import { loadWorkload, rewriteRoutingUrls } from './workload.ts';

/**
 * Sends the benchmark query through plain @apollo/gateway over our benchmark subgraphs and checks
 * the answer against expected-response.json (as parsed JSON). Exported for the harness; run it on
 * its own with `tsx bench/federation/verify.ts [federation-dir]`.
 */
export async function verifyBenchmarkSubgraphs(dir: string): Promise<{ ok: boolean; fetches: number; diff?: string }> {
  // No telemetry exporter (it would probe cloud metadata and send metrics to Apollo).
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const workload = loadWorkload(requireFederationDir(dir));
  const subgraphs = await serveBenchmarkSubgraphs({ data: workload.data, port: 0, host: '127.0.0.1' });
  const gateway = new ApolloGateway({ supergraphSdl: rewriteRoutingUrls(workload.supergraphSdl, subgraphs.baseUrl) });
  const server = new ApolloServer({ gateway });
  try {
    await server.start();
    subgraphs.resetStats();
    const response = await server.executeOperation({ query: workload.query });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const actual = JSON.parse(
      JSON.stringify({ data: response.body.singleResult.data, ...(response.body.singleResult.errors ? { errors: response.body.singleResult.errors } : {}) }),
    );
    const ok = isDeepStrictEqual(actual, workload.expected);
    return { ok, fetches: subgraphs.stats().total, ...(ok ? {} : { diff: JSON.stringify(actual).slice(0, 2000) }) };
  } finally {
    await server.stop();
    await subgraphs.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await verifyBenchmarkSubgraphs(process.argv[2] ?? DEFAULT_FEDERATION_DIR);
  if (result.ok) console.log(`ok: @apollo/gateway over the benchmark subgraphs returns exactly expected-response.json (${result.fetches} subgraph fetches)`);
  else console.error(`MISMATCH: the answer differs from expected-response.json:\n${result.diff}`);
  process.exit(result.ok ? 0 : 1);
}

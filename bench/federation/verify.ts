import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { DEFAULT_FEDERATION_DIR, requireFederationDir } from '../lib/paths.ts';
import { serveBenchmarkSubgraphs } from './subgraphs.ts';
import { VARIANT_COUNT, variedQuery } from './varied.ts';
import { loadWorkload, rewriteRoutingUrls } from './workload.ts';

/** A copy of an answer without the keys named (the varied workload's aliased twins). */
function without(value: unknown, keys: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => without(v, keys));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !keys.has(k))
      .map(([k, v]) => [k, without(v, keys)]),
  );
}

/**
 * Sends the benchmark query through plain @apollo/gateway over our benchmark subgraphs and checks
 * the answer against expected-response.json (as parsed JSON); then every variant of the varied
 * workload (varied.ts), whose answer without its aliased twins must be the same. Returns each
 * variant's answer (`variedExpected`): the reference the harness checks the targets against.
 * Exported for the harness; run it on its own with `tsx bench/federation/verify.ts [federation-dir]`.
 */
export async function verifyBenchmarkSubgraphs(dir: string): Promise<{ ok: boolean; fetches: number; variants: number; variedExpected: unknown[]; diff?: string }> {
  // No telemetry exporter (it would probe cloud metadata and send metrics to Apollo).
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const workload = loadWorkload(requireFederationDir(dir));
  const subgraphs = await serveBenchmarkSubgraphs({ data: workload.data, port: 0, host: '127.0.0.1' });
  const gateway = new ApolloGateway({ supergraphSdl: rewriteRoutingUrls(workload.supergraphSdl, subgraphs.baseUrl) });
  const server = new ApolloServer({ gateway });
  try {
    await server.start();
    subgraphs.resetStats();
    const answer = async (query: string) => {
      const response = await server.executeOperation({ query });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      const { data, errors } = response.body.singleResult;
      return JSON.parse(JSON.stringify({ data, ...(errors ? { errors } : {}) })) as unknown;
    };
    const actual = await answer(workload.query);
    const fetches = subgraphs.stats().total;
    if (!isDeepStrictEqual(actual, workload.expected)) return { ok: false, fetches, variants: 0, variedExpected: [], diff: JSON.stringify(actual).slice(0, 2000) };
    const variedExpected: unknown[] = [];
    for (let i = 0; i < VARIANT_COUNT; i++) {
      const variant = await answer(variedQuery(workload.query, i));
      const twins = new Set(['n', 'b', 'i', 's'].map((prefix) => `${prefix}${i}`));
      // The twins must be there (the request differs) and be all that differs from the standard answer.
      if (isDeepStrictEqual(variant, workload.expected) || !isDeepStrictEqual(without(variant, twins), workload.expected)) {
        return { ok: false, fetches, variants: i, variedExpected, diff: `variant ${i} of TestQueryVaried: ${JSON.stringify(variant).slice(0, 2000)}` };
      }
      variedExpected.push(variant);
    }
    return { ok: true, fetches, variants: VARIANT_COUNT, variedExpected };
  } finally {
    await server.stop();
    await subgraphs.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await verifyBenchmarkSubgraphs(process.argv[2] ?? DEFAULT_FEDERATION_DIR);
  if (result.ok)
    console.log(
      `ok: @apollo/gateway over the benchmark subgraphs returns exactly expected-response.json (${result.fetches} subgraph fetches), and all ${result.variants} variants of TestQueryVaried answer it besides their aliased twins`,
    );
  else console.error(`MISMATCH: the answer differs from expected-response.json:\n${result.diff}`);
  process.exit(result.ok ? 0 : 1);
}

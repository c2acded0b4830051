import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_FEDERATION_DIR, requireFederationDir } from '../lib/paths.ts';
import { postGraphQL } from '../lib/process.ts';
import { VARIANT_COUNT, variedQuery } from './varied.ts';
import { type FederationWorkload, loadWorkload, rewriteRoutingUrls } from './workload.ts';

/** What the check found: each variant's answer (`variedExpected`) is the reference the harness checks the targets against. */
export interface Verification {
  ok: boolean;
  /** Subgraph fetches plain @apollo/gateway made for the benchmark query. */
  fetches: number;
  variants: number;
  variedExpected: unknown[];
  diff?: string;
}

/** Plain @apollo/gateway's answer to a query, as `{ data, errors? }`. */
type Answer = (query: string) => Promise<unknown>;

/** The benchmark subgraphs' request count, reset and read around the benchmark query. */
interface SubgraphRequests {
  reset(): Promise<void> | void;
  read(): Promise<number> | number;
}

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
 * The benchmark query through plain @apollo/gateway over the benchmark subgraphs must answer
 * expected-response.json (as parsed JSON); then every variant of the varied workload (varied.ts),
 * whose answer without its aliased twins must be the same.
 */
export async function verifyAnswers(workload: FederationWorkload, answer: Answer, requests: SubgraphRequests): Promise<Verification> {
  await requests.reset();
  const actual = await answer(workload.query);
  const fetches = await requests.read();
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
}

/**
 * The check through a running plain @apollo/gateway (the harness's `apollo-gateway` target,
 * bench/targets/apollo-gateway.ts) over HTTP, counting the fetches of the benchmark subgraphs'
 * process at `subgraphsBase` (its /stats): the subgraphs every target is measured against.
 */
export function verifyThroughGateway(workload: FederationWorkload, url: string, headers: Record<string, string>, subgraphsBase: string): Promise<Verification> {
  const answer = async (query: string) => {
    const response = await postGraphQL(url, { query }, headers);
    if (response.status !== 200) throw new Error(`plain @apollo/gateway answered HTTP ${response.status}: ${response.text.slice(0, 300)}`);
    const { data, errors } = JSON.parse(response.text) as { data?: unknown; errors?: unknown };
    return { data, ...(errors ? { errors } : {}) };
  };
  return verifyAnswers(workload, answer, {
    reset: async () => void (await fetch(`${subgraphsBase}/stats/reset`, { method: 'POST' })),
    read: async () => ((await (await fetch(`${subgraphsBase}/stats`)).json()) as { total: number }).total,
  });
}

/**
 * The check in this process: the benchmark subgraphs served here and plain @apollo/gateway on
 * Apollo Server. Run it on its own with `tsx bench/federation/verify.ts [federation-dir]`; the
 * harness checks through its `apollo-gateway` target instead (verifyThroughGateway).
 */
export async function verifyBenchmarkSubgraphs(dir: string): Promise<Verification> {
  // Loaded here: the harness imports this file for verifyThroughGateway, which needs none of them.
  const [{ ApolloGateway }, { ApolloServer }, { serveBenchmarkSubgraphs }] = await Promise.all([import('@apollo/gateway'), import('@apollo/server'), import('./subgraphs.ts')]);
  // No telemetry exporter (it would probe cloud metadata and send metrics to Apollo).
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const workload = loadWorkload(requireFederationDir(dir));
  const subgraphs = await serveBenchmarkSubgraphs({ data: workload.data, port: 0, host: '127.0.0.1' });
  const gateway = new ApolloGateway({ supergraphSdl: rewriteRoutingUrls(workload.supergraphSdl, subgraphs.baseUrl) });
  const server = new ApolloServer({ gateway });
  try {
    await server.start();
    const answer = async (query: string) => {
      const response = await server.executeOperation({ query });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      const { data, errors } = response.body.singleResult;
      return JSON.parse(JSON.stringify({ data, ...(errors ? { errors } : {}) })) as unknown;
    };
    return await verifyAnswers(workload, answer, { reset: () => subgraphs.resetStats(), read: () => subgraphs.stats().total });
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

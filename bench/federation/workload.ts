import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The static rows of the public federation-gateway benchmark (`data.json`). */
export interface BenchmarkData {
  users: { id: string; name: string; username: string; birthday: number }[];
  products: { upc: string; name: string; price: number; weight: number }[];
  reviews: { id: string; body: string; upc: string }[];
  inventory: { upc: string; inStock: boolean }[];
}

/** Everything the standard federation workload needs, read from its data folder. */
export interface FederationWorkload {
  data: BenchmarkData;
  /** The composed supergraph, every subgraph at `http://127.0.0.1:4200/<name>`. */
  supergraphSdl: string;
  /** The one operation the benchmark sends (`TestQuery`). */
  query: string;
  /** `expected-response.json` as it is on disk. */
  expectedText: string;
  expected: unknown;
}

export const SUBGRAPH_NAMES = ['accounts', 'inventory', 'products', 'reviews'] as const;
export type BenchmarkSubgraph = (typeof SUBGRAPH_NAMES)[number];

export function loadWorkload(dir: string): FederationWorkload {
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  const expectedText = read('expected-response.json');
  return {
    data: JSON.parse(read('data.json')) as BenchmarkData,
    supergraphSdl: read('supergraph.graphql'),
    query: read('query.graphql'),
    expectedText,
    expected: JSON.parse(expectedText),
  };
}

const ROUTING_URL = /@join__graph\(\s*name:\s*"([^"]+)"\s*,\s*url:\s*"([^"]*)"\s*\)/g;

/** Points every subgraph of the supergraph at `<baseUrl>/<name>` (the published file says port 4200). */
export function rewriteRoutingUrls(supergraphSdl: string, baseUrl: string): string {
  const base = baseUrl.replace(/\/$/, '');
  return supergraphSdl.replace(ROUTING_URL, (_all, name: string) => `@join__graph(name: "${name}", url: "${base}/${name}")`);
}

/** The routing URL of each subgraph in a supergraph, by composition name. */
export function routingUrls(supergraphSdl: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(ROUTING_URL)) urls[match[1]!] = match[2]!;
  return urls;
}

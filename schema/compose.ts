import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';
import { SUBGRAPH_NAMES } from '../platform/config.ts';
import { AUDIT_SDL, loadSdl } from '../platform/sdl.ts';

const root = new URL('../', import.meta.url);
export const SUPERGRAPH_PATH = fileURLToPath(new URL('schema/supergraph.graphql', root));
export const API_SCHEMA_PATH = fileURLToPath(new URL('schema/api.graphql', root));

/** The routing URLs written into the committed supergraph (the gateway overrides them from its settings). */
export const DEFAULT_SUBGRAPH_URLS = {
  experts: 'http://127.0.0.1:4001/graphql',
  projects: 'http://127.0.0.1:4002/graphql',
  coordination: 'http://127.0.0.1:4003/graphql',
} as const;

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/** The core subgraphs' SDL (each one's schema.graphql and the shared audit SDL) as composition input. */
export function coreSubgraphSources(urls: Record<string, string> = DEFAULT_SUBGRAPH_URLS): SubgraphSource[] {
  return SUBGRAPH_NAMES.map((name) => ({
    name,
    url: urls[name] ?? DEFAULT_SUBGRAPH_URLS[name],
    sdl: loadSdl(new URL(`subgraphs/${name}/schema.graphql`, root), AUDIT_SDL).sdl,
  }));
}

export type Composition =
  | { ok: true; supergraphSdl: string; apiSdl: string; hints: string[] }
  | { ok: false; errors: { code: string; message: string }[] };

/** Composes subgraph SDL with @apollo/composition; errors come back with their composition codes. */
export function compose(sources: SubgraphSource[]): Composition {
  const result = composeServices(sources.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) {
    return {
      ok: false,
      errors: result.errors.map((e) => ({ code: String(e.extensions.code ?? 'COMPOSITION_ERROR'), message: e.message })),
    };
  }
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl,
    apiSdl: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()),
    hints: result.hints.map((h) => `${h.definition.code}: ${h.message}`),
  };
}

// `npm run compose`: write schema/supergraph.graphql and schema/api.graphql, or print why not.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = compose(coreSubgraphSources());
  if (!result.ok) {
    console.error(`Composition failed with ${result.errors.length} error(s):`);
    for (const e of result.errors) console.error(`  ${e.code}: ${e.message}`);
    process.exit(1);
  }
  writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl);
  writeFileSync(API_SCHEMA_PATH, `${result.apiSdl}\n`);
  console.log(`Wrote ${SUPERGRAPH_PATH} and ${API_SCHEMA_PATH}${result.hints.length ? ` (${result.hints.length} composition hints)` : ''}`);
}

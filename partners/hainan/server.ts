import { createSubgraphServer } from '../../platform/server.ts';
import { loadSdl } from '../../platform/sdl.ts';
import type { HainanContext } from './context.ts';
import { resolvers } from './resolvers/index.ts';

export const { sdl, typeDefs } = loadSdl(new URL('./schema.graphql', import.meta.url));

/** Builds the Hainan free-trade-port talent service subgraph (schema and Apollo server); it does not listen. */
export function createHainanServer(options: { logError?: (error: unknown) => void } = {}) {
  return createSubgraphServer<HainanContext>({ name: 'hainan', typeDefs, resolvers, ...options });
}

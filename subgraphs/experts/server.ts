import { createSubgraphServer } from '../../platform/server.ts';
import { AUDIT_SDL, loadSdl } from '../../platform/sdl.ts';
import type { ExpertsContext } from './context.ts';
import { resolvers } from './resolvers/index.ts';

export const { sdl, typeDefs } = loadSdl(new URL('./schema.graphql', import.meta.url), AUDIT_SDL);

/** Builds the experts subgraph (schema and Apollo server); it does not listen. */
export function createExpertsServer(options: { logError?: (error: unknown) => void } = {}) {
  return createSubgraphServer<ExpertsContext>({ name: 'experts', typeDefs, resolvers, ...options });
}

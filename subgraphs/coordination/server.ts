import { createSubgraphServer } from '../../platform/server.ts';
import { AUDIT_SDL, loadSdl } from '../../platform/sdl.ts';
import type { CoordinationContext } from './context.ts';
import { resolvers } from './resolvers/index.ts';

export const { sdl, typeDefs } = loadSdl(new URL('./schema.graphql', import.meta.url), AUDIT_SDL);

/** Builds the coordination subgraph (schema and Apollo server); it does not listen. */
export function createCoordinationServer(options: { logError?: (error: unknown) => void } = {}) {
  return createSubgraphServer<CoordinationContext>({ name: 'coordination', typeDefs, resolvers, ...options });
}
